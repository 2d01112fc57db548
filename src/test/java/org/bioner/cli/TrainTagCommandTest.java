package org.bioner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.bioner.corpus.IobCorpusParser;
import org.bioner.corpus.IobWriter;
import org.bioner.corpus.TaggedSentence;
import org.bioner.evaluation.SpanEvaluator;
import org.bioner.tagger.SequenceTagger;
import org.bioner.training.SyntheticTask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

class TrainTagCommandTest {

    @Test
    void trainThenTagAnIobFile(@TempDir Path dir) throws Exception {
        Path train = dir.resolve("train.tsv"), dev = dir.resolve("dev.tsv"), test = dir.resolve("test.tsv");
        new IobWriter(false).write(SyntheticTask.sentences(120, 1), train);
        new IobWriter(false).write(SyntheticTask.sentences(40, 2), dev);
        new IobWriter(false).write(SyntheticTask.sentences(40, 3), test);
        Path out = dir.resolve("model");
        int rc = new CommandLine(new BioNerCli()).execute("train", "--train", train.toString(), "--dev", dev.toString(),
                "--test", test.toString(), "--entity-type", "Disease", "--embeddings", "random:16:seed=2",
                "--out", out.toString(), "--max-epochs", "2", "--hidden", "8", "--batch-size", "8");
        assertEquals(0, rc);
        for (String f : List.of("tagger.bnm", "training.tsv", "training.png", "work/checkpoint.bnm")) {
            assertTrue(Files.exists(out.resolve(f)), f);
        }
        assertEquals(3, Files.readAllLines(out.resolve("training.tsv")).size()); // header + 2 epochs
        Path pred = dir.resolve("pred.tsv");
        rc = new CommandLine(new BioNerCli()).execute("tag", "--model", out.toString(), "--in", test.toString(), "--out", pred.toString());
        assertEquals(0, rc);
        List<TaggedSentence> gold = IobCorpusParser.biobert("Disease").parse(test);
        List<TaggedSentence> got = IobCorpusParser.biobert("Disease").parse(pred); // strict: well-formed IOB2
        assertEquals(gold.size(), got.size());
        for (int i = 0; i < gold.size(); i++) assertEquals(gold.get(i).tokens(), got.get(i).tokens());
        // the tagged file scores what the trainer recorded as the model's test F1, and the model has learnt
        double f1 = SpanEvaluator.evaluate(gold, got).total().f1();
        double recorded = Double.parseDouble(SequenceTagger.load(out.resolve("tagger.bnm")).metadata().get("train.test.f1"));
        assertEquals(recorded, f1, 1e-6);
        assertTrue(f1 > 0.9, "test F1 " + f1); // 0.9367 with these seeds
        // --mention-stoplist: one mention text listed, exactly its mentions are gone
        List<org.bioner.corpus.Span> first = org.bioner.corpus.TagScheme.IOB2.decode(
                got.stream().filter(t -> t.tags().contains("B-Disease")).findFirst().orElseThrow().tags(), "Disease");
        TaggedSentence withMention = got.stream().filter(t -> t.tags().contains("B-Disease")).findFirst().orElseThrow();
        String listed = String.join(" ", withMention.tokens().subList(first.get(0).start(), first.get(0).end()));
        Path list = dir.resolve("stop.tsv");
        Files.writeString(list, "Disease\t" + listed.toUpperCase() + "\n");
        Path filtered = dir.resolve("pred2.tsv");
        assertEquals(0, new CommandLine(new BioNerCli()).execute("tag", "--model", out.toString(), "--in", test.toString(),
                "--out", filtered.toString(), "--mention-stoplist", list.toString()));
        List<TaggedSentence> kept = IobCorpusParser.biobert("Disease").parse(filtered);
        int removed = 0;
        for (int i = 0; i < got.size(); i++) {
            var before = org.bioner.corpus.TagScheme.IOB2.decode(got.get(i).tags(), "Disease");
            var after = org.bioner.corpus.TagScheme.IOB2.decode(kept.get(i).tags(), "Disease");
            List<String> tokens = got.get(i).tokens();
            var expected = before.stream().filter(sp -> !String.join(" ", tokens.subList(sp.start(), sp.end())).equalsIgnoreCase(listed)).toList();
            assertEquals(expected, after);
            removed += before.size() - after.size();
        }
        assertTrue(removed > 0);
        assertEquals(1, new CommandLine(new BioNerCli()).execute("tag", "--model", out.toString(), "--in", test.toString(),
                "--out", filtered.toString(), "--mention-stoplist", list.toString(), "--scores"));
        // --entity-bias: 0 is the default output, -50 tags nothing, +50 leaves no token outside a mention; NaN fails
        Path biased = dir.resolve("biased.tsv");
        assertEquals(0, new CommandLine(new BioNerCli()).execute("tag", "--model", out.toString(), "--in", test.toString(),
                "--out", biased.toString(), "--entity-bias", "0"));
        assertEquals(Files.readString(pred), Files.readString(biased));
        assertEquals(0, new CommandLine(new BioNerCli()).execute("tag", "--model", out.toString(), "--in", test.toString(),
                "--out", biased.toString(), "--entity-bias", "-50"));
        assertTrue(IobCorpusParser.biobert("Disease").parse(biased).stream().allMatch(t -> t.tags().stream().allMatch("O"::equals)));
        assertEquals(0, new CommandLine(new BioNerCli()).execute("tag", "--model", out.toString(), "--in", test.toString(),
                "--out", biased.toString(), "--entity-bias", "50"));
        assertTrue(IobCorpusParser.biobert("Disease").parse(biased).stream().allMatch(t -> t.tags().stream().noneMatch("O"::equals)));
        assertEquals(1, new CommandLine(new BioNerCli()).execute("tag", "--model", out.toString(), "--in", test.toString(),
                "--out", biased.toString(), "--entity-bias", "NaN"));
        // --abbreviation-window: the output is AbbreviationPropagation's over the plain output (-1: off), which here
        // adds mentions; on by default
        Path defined = dir.resolve("defined.tsv"), plain = dir.resolve("plain.tsv"), spread = dir.resolve("spread.tsv");
        Files.writeString(defined, "the\tO\npatient\tO\nhas\tO\nheart\tO\nattack\tO\n(\tO\nHTA\tO\n)\tO\ntoday\tO\n\n"
                + "HTA\tO\nwas\tO\nvery\tO\nnow\tO\n\n");
        assertEquals(0, new CommandLine(new BioNerCli()).execute("tag", "--model", out.toString(), "--in", defined.toString(),
                "--out", plain.toString(), "--abbreviation-window", "-1"));
        assertEquals(0, new CommandLine(new BioNerCli()).execute("tag", "--model", out.toString(), "--in", defined.toString(),
                "--out", spread.toString(), "--abbreviation-window", "1"));
        List<TaggedSentence> p0 = IobCorpusParser.biobert("Disease").parse(plain), p1 = IobCorpusParser.biobert("Disease").parse(spread);
        List<List<org.bioner.corpus.Span>> expected = org.bioner.corpus.AbbreviationPropagation.propagate(
                p0.stream().map(TaggedSentence::tokens).toList(),
                p0.stream().map(t -> org.bioner.corpus.TagScheme.IOB2.decode(t.tags(), "Disease")).toList(), 1);
        List<List<org.bioner.corpus.Span>> actual =
                p1.stream().map(t -> org.bioner.corpus.TagScheme.IOB2.decode(t.tags(), "Disease")).toList();
        assertEquals(expected, actual);
        org.bioner.corpus.Span hta = new org.bioner.corpus.Span(0, 1, "Disease");
        assertTrue(actual.get(1).contains(hta), "HTA typed by heart attack: " + actual);
        assertFalse(org.bioner.corpus.TagScheme.IOB2.decode(p0.get(1).tags(), "Disease").contains(hta), "alone: untagged");
        Path byDefault = dir.resolve("default.tsv");
        assertEquals(0, new CommandLine(new BioNerCli()).execute("tag", "--model", out.toString(), "--in", defined.toString(),
                "--out", byDefault.toString()));
        assertEquals(Files.readString(spread), Files.readString(byDefault), "window " + org.bioner.engine.EngineParameters.DEFAULT_ABBREVIATION_WINDOW + " by default");
        // --raw-tags / --scores: the model's own path, never propagated (-1 is accepted with them)
        assertEquals(0, new CommandLine(new BioNerCli()).execute("tag", "--model", out.toString(), "--in", defined.toString(),
                "--out", byDefault.toString(), "--scores"));
        assertEquals("O", Files.readAllLines(byDefault).get(10).split("\t")[1], "the second sentence's HTA with --scores");
        assertEquals(0, new CommandLine(new BioNerCli()).execute("tag", "--model", out.toString(), "--in", defined.toString(),
                "--out", byDefault.toString(), "--scores", "--abbreviation-window", "-1"));
        assertEquals(1, new CommandLine(new BioNerCli()).execute("tag", "--model", out.toString(), "--in", defined.toString(),
                "--out", spread.toString(), "--abbreviation-window", "1", "--raw-tags"));
        assertEquals(1, new CommandLine(new BioNerCli()).execute("tag", "--model", out.toString(), "--in", defined.toString(),
                "--out", spread.toString(), "--abbreviation-window", "-2"));
    }

    @Test
    void sampleWeightsAreRecordedAndMustNameATrainingFile(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("a.tsv"), b = dir.resolve("b.tsv"), dev = dir.resolve("dev.tsv");
        new IobWriter(false).write(SyntheticTask.sentences(60, 1), a);
        new IobWriter(false).write(SyntheticTask.sentences(60, 4), b);
        new IobWriter(false).write(SyntheticTask.sentences(40, 2), dev);
        Path out = dir.resolve("model");
        String[] common = {"train", "--train", a.toString(), b.toString(), "--dev", dev.toString(), "--entity-type", "Disease",
                "--embeddings", "random:16:seed=2", "--out", out.toString(), "--max-epochs", "1", "--hidden", "8"};
        java.util.List<String> args = new java.util.ArrayList<>(List.of(common));
        args.addAll(List.of("--sample-weight", a + "=2.5"));
        assertEquals(0, new CommandLine(new BioNerCli()).execute(args.toArray(String[]::new)));
        assertEquals(a + "=2.5", SequenceTagger.load(out.resolve("tagger.bnm")).metadata().get("train.sample.weights"));
        // the same file written another way is that file, recorded as --train spells it
        java.util.List<String> other = new java.util.ArrayList<>(List.of(common));
        other.set(other.indexOf(out.toString()), dir.resolve("model2").toString());
        other.addAll(List.of("--sample-weight", dir.resolve("sub/../a.tsv") + "=2.5"));
        assertEquals(0, new CommandLine(new BioNerCli()).execute(other.toArray(String[]::new)));
        assertEquals(a + "=2.5", SequenceTagger.load(dir.resolve("model2/tagger.bnm")).metadata().get("train.sample.weights"));
        java.util.List<String> bad = new java.util.ArrayList<>(List.of(common));
        bad.addAll(List.of("--sample-weight", dir.resolve("c.tsv") + "=2")); // not a --train file: exit 1, one line
        assertEquals(1, new CommandLine(new BioNerCli()).execute(bad.toArray(String[]::new)));
    }

    @Test
    void weightAveragesAreSavedBesideTheModelAndAWindowUnderOneEpochFailsBeforeAnyWork(@TempDir Path dir) throws Exception {
        java.util.List<String> args = smallTrainRun(dir, "avg");
        args.set(args.indexOf("--max-epochs") + 1, "2");
        args.addAll(List.of("--average-epochs", "1,2"));
        assertEquals(0, new CommandLine(new BioNerCli()).execute(args.toArray(String[]::new)));
        for (String h : List.of("1", "2")) {
            SequenceTagger m = SequenceTagger.load(dir.resolve("avg/tagger-averaged-" + h + ".bnm"));
            assertEquals(h, m.metadata().get("train.average.epochs"));
            assertTrue(m.metadata().get("train.provenance").contains(" average-epochs=1,2"));
            assertTrue(Files.exists(dir.resolve("avg/training-averaged-" + h + ".tsv")));
        }
        args.set(args.indexOf(dir.resolve("avg").toString()), dir.resolve("bad").toString());
        args.set(args.size() - 1, "2,0");
        assertEquals("bioner train: --average-epochs: a weight average over 0 epochs; use 1 or more", failureLine(args));
        assertTrue(Files.notExists(dir.resolve("bad")), "failed before any work");
    }

    /**
     * The arguments of a one-epoch {@code train} run on synthetic data written into {@code dir} (40 train, 20 dev
     * sentences), written to the folder {@code out} in {@code dir}: a mutable list, for a test to add options to.
     */
    private static java.util.List<String> smallTrainRun(Path dir, String out) throws Exception {
        Path train = dir.resolve("train.tsv"), dev = dir.resolve("dev.tsv");
        new IobWriter(false).write(SyntheticTask.sentences(40, 1), train);
        new IobWriter(false).write(SyntheticTask.sentences(20, 2), dev);
        return new java.util.ArrayList<>(List.of("train", "--train", train.toString(), "--dev", dev.toString(),
                "--entity-type", "Disease", "--embeddings", "random:16:seed=2", "--out", dir.resolve(out).toString(),
                "--max-epochs", "1", "--hidden", "8"));
    }

    /** Runs {@code bioner} with its one-line failure handler, expecting exit code 1; returns what it printed. */
    private static String failureLine(List<String> args) {
        java.io.StringWriter err = new java.io.StringWriter();
        CommandLine cli = BioNerCli.commandLine();
        cli.setErr(new java.io.PrintWriter(err, true));
        assertEquals(1, cli.execute(args.toArray(String[]::new)));
        return err.toString().strip();
    }

    @Test
    void theDropoutsAreTheModelsAndOneOutOfRangeFailsBeforeAnyWork(@TempDir Path dir) throws Exception {
        java.util.List<String> args = smallTrainRun(dir, "flair");
        assertEquals(0, new CommandLine(new BioNerCli()).execute(args.toArray(String[]::new)));
        SequenceTagger.HyperParameters flair = SequenceTagger.load(dir.resolve("flair/tagger.bnm")).hyperParameters();
        assertEquals(0.05f, flair.wordDropout());
        assertEquals(0.5f, flair.lockedDropout());
        args.set(args.indexOf(dir.resolve("flair").toString()), dir.resolve("set").toString());
        args.addAll(List.of("--word-dropout", "0", "--locked-dropout", "0.3"));
        assertEquals(0, new CommandLine(new BioNerCli()).execute(args.toArray(String[]::new)));
        SequenceTagger.HyperParameters set = SequenceTagger.load(dir.resolve("set/tagger.bnm")).hyperParameters();
        assertEquals(0f, set.wordDropout());
        assertEquals(0.3f, set.lockedDropout());
        args.set(args.indexOf(dir.resolve("set").toString()), dir.resolve("bad").toString());
        args.set(args.size() - 1, "1");
        assertEquals("bioner train: --locked-dropout must be in [0, 1), was 1.0", failureLine(args));
        assertTrue(Files.notExists(dir.resolve("bad")), "failed before any work");
    }

    /** The option reaches the model (a resumed stacked run equals an uninterrupted one: TrainerTest). */
    @Test
    void rnnLayersReachTheModelAndZeroFailsBeforeAnyWork(@TempDir Path dir) throws Exception {
        java.util.List<String> args = smallTrainRun(dir, "a");
        args.addAll(List.of("--rnn-layers", "2"));
        assertEquals(0, new CommandLine(new BioNerCli()).execute(args.toArray(String[]::new)));
        assertEquals(2, SequenceTagger.load(dir.resolve("a/tagger.bnm")).hyperParameters().rnnLayers());
        assertTrue(org.bioner.model.ModelArchive.open(dir.resolve("a/tagger.bnm"), SequenceTagger.KIND).has("lstm.l1.backward.weight_hh"));
        args.set(args.indexOf(dir.resolve("a").toString()), dir.resolve("bad").toString());
        args.set(args.indexOf("--rnn-layers") + 1, "0");
        assertEquals("bioner train: --rnn-layers must be at least 1, was 0", failureLine(args));
        assertTrue(Files.notExists(dir.resolve("bad")), "failed before any work");
    }

    @Test
    void selectOnCorpusMeanIsRecordedAndAnUnknownCriterionFailsBeforeAnyWork(@TempDir Path dir) throws Exception {
        Path train = dir.resolve("train.tsv"), devA = dir.resolve("A/dev.tsv"), devB = dir.resolve("B/dev.tsv");
        Files.createDirectories(devA.getParent());
        Files.createDirectories(devB.getParent());
        new IobWriter(false).write(SyntheticTask.sentences(60, 1), train);
        new IobWriter(false).write(SyntheticTask.sentences(30, 2), devA);
        new IobWriter(false).write(SyntheticTask.sentences(10, 3), devB);
        Path out = dir.resolve("model");
        java.util.List<String> args = new java.util.ArrayList<>(List.of("train", "--train", train.toString(), "--dev", devA.toString(),
                devB.toString(), "--entity-type", "Disease", "--embeddings", "random:16:seed=2", "--out", out.toString(),
                "--max-epochs", "1", "--hidden", "8", "--select-on", "corpus-mean"));
        assertEquals(0, new CommandLine(new BioNerCli()).execute(args.toArray(String[]::new)));
        assertEquals("corpus-mean", SequenceTagger.load(out.resolve("tagger.bnm")).metadata().get("train.selection"));
        args.set(args.indexOf(out.toString()), dir.resolve("other").toString());
        args.set(args.size() - 1, "macro");
        assertEquals(1, new CommandLine(new BioNerCli()).execute(args.toArray(String[]::new)));
        assertTrue(Files.notExists(dir.resolve("other")), "failed before any work");
    }

    @Test
    void aCorpusOneHotModelTagsByTheCorpusTheUserChooses(@TempDir Path dir) throws Exception {
        // corpus B does not count "fever" as a disease (SyntheticTask.twoConventions); files in folders A and B
        List<TaggedSentence> all = SyntheticTask.twoConventions(240, 1), dev = SyntheticTask.twoConventions(80, 2);
        Path a = dir.resolve("A/train.tsv"), b = dir.resolve("B/train.tsv"), devA = dir.resolve("A/devel.tsv"), devB = dir.resolve("B/devel.tsv");
        Files.createDirectories(a.getParent());
        Files.createDirectories(b.getParent());
        new IobWriter(false).write(all.stream().filter(t -> t.source().contains("/A/")).toList(), a);
        new IobWriter(false).write(all.stream().filter(t -> t.source().contains("/B/")).toList(), b);
        new IobWriter(false).write(dev.stream().filter(t -> t.source().contains("/A/")).toList(), devA);
        new IobWriter(false).write(dev.stream().filter(t -> t.source().contains("/B/")).toList(), devB);
        Path out = dir.resolve("model");
        assertEquals(0, new CommandLine(new BioNerCli()).execute("train", "--train", a.toString(), b.toString(), "--dev",
                devA.toString(), devB.toString(), "--entity-type", "Disease", "--embeddings", "random:16:seed=2+corpus:A,B:use=A",
                "--out", out.toString(), "--max-epochs", "25", "--hidden", "12", "--batch-size", "8"));
        Path text = dir.resolve("text.tsv");
        Files.writeString(text, "the\tO\npatient\tO\nhad\tO\nfever\tO\nand\tO\nflu\tO\n\n");
        for (String[] use : List.of(new String[] {}, new String[] {"--use-corpus", "B"})) {
            Path pred = dir.resolve("pred" + use.length + ".tsv");
            java.util.List<String> args = new java.util.ArrayList<>(List.of("tag", "--model", out.toString(), "--in", text.toString(),
                    "--out", pred.toString()));
            args.addAll(List.of(use));
            assertEquals(0, new CommandLine(new BioNerCli()).execute(args.toArray(String[]::new)));
            List<String> tags = IobCorpusParser.biobert("Disease").parse(pred).get(0).tags();
            assertEquals(use.length == 0 ? List.of("O", "O", "O", "B-Disease", "O", "B-Disease") : List.of("O", "O", "O", "O", "O", "B-Disease"),
                    tags, use.length == 0 ? "default use=A" : "--use-corpus B");
        }
        assertEquals(1, new CommandLine(new BioNerCli()).execute("tag", "--model", out.toString(), "--in", text.toString(),
                "--out", dir.resolve("x.tsv").toString(), "--use-corpus", "C"));
        // export-model --use-corpus B: B becomes the exported model's default
        Path exported = dir.resolve("b.bnm"), predB = dir.resolve("predB.tsv");
        assertEquals(0, new CommandLine(new BioNerCli()).execute("export-model", "--in", out.toString(), "--out", exported.toString(),
                "--use-corpus", "B"));
        assertEquals("random:16:seed=2+corpus:A,B:use=B", SequenceTagger.load(exported).embeddingsSpec());
        assertEquals(0, new CommandLine(new BioNerCli()).execute("tag", "--model", exported.toString(), "--in", text.toString(),
                "--out", predB.toString()));
        assertEquals(List.of("O", "O", "O", "O", "O", "B-Disease"), IobCorpusParser.biobert("Disease").parse(predB).get(0).tags());
        assertEquals(1, new CommandLine(new BioNerCli()).execute("export-model", "--in", out.toString(), "--out",
                dir.resolve("c.bnm").toString(), "--use-corpus", "C"));
        // a training file outside the named corpora's folders: exit 1 before any embedding
        Path c = dir.resolve("C/train.tsv");
        Files.createDirectories(c.getParent());
        new IobWriter(false).write(SyntheticTask.sentences(30, 9), c);
        assertEquals(1, new CommandLine(new BioNerCli()).execute("train", "--train", a.toString(), c.toString(), "--dev",
                devA.toString(), "--entity-type", "Disease", "--embeddings", "random:16:seed=2+corpus:A,B:use=A",
                "--out", dir.resolve("model2").toString(), "--max-epochs", "1", "--hidden", "8"));
    }

    @Test
    void aReplayTrainsOnItsDevFilesButKeepsTestAndExcludedTextOut(@TempDir Path dir) throws Exception {
        // a union model's replay (scripts/union-model.sh WITH_DEV_OF): --exclude held out; dev, given again with
        // --train, is training data, not held out as it is when dev selects the model
        List<TaggedSentence> test = SyntheticTask.sentences(30, 3), dev = SyntheticTask.sentences(25, 2);
        List<TaggedSentence> train = new java.util.ArrayList<>(SyntheticTask.sentences(60, 1));
        train.addAll(test.subList(0, 5)); // test text in a training file: left out in both runs
        Path trainFile = dir.resolve("train.tsv"), devFile = dir.resolve("dev.tsv"), testFile = dir.resolve("test.tsv");
        new IobWriter(false).write(train, trainFile);
        new IobWriter(false).write(dev, devFile);
        new IobWriter(false).write(test, testFile);
        Path run = dir.resolve("run"), replay = dir.resolve("replay");
        String[] common = {"--dev", devFile.toString(), "--exclude", testFile.toString(), "--entity-type", "Disease",
                "--embeddings", "random:16:seed=2", "--hidden", "8", "--batch-size", "8"};
        java.util.List<String> first = new java.util.ArrayList<>(List.of("train", "--train", trainFile.toString(),
                "--out", run.toString(), "--max-epochs", "2"));
        first.addAll(List.of(common));
        String selected = CliRuns.stdout(first.toArray(String[]::new));
        java.util.List<String> second = new java.util.ArrayList<>(List.of("train", "--train", trainFile.toString(), devFile.toString(),
                "--out", replay.toString(), "--replay-schedule", run.toString()));
        second.addAll(List.of(common));
        String replayed = CliRuns.stdout(second.toArray(String[]::new));

        List<TaggedSentence> both = new java.util.ArrayList<>(train);
        both.addAll(dev);
        List<TaggedSentence> devAndTest = new java.util.ArrayList<>(dev);
        devAndTest.addAll(test);
        var asSelected = org.bioner.training.TrainingSet.of(train, devAndTest);
        var asReplayed = org.bioner.training.TrainingSet.of(both, test);
        assertTrue(asReplayed.heldOutDropped() >= 5 && asReplayed.sentences().size() > asSelected.sentences().size() + 20,
                asSelected + " / " + asReplayed);
        assertTrue(selected.contains(String.format("training data: %d sentences; left out %d repeated and %d found in dev/test/--exclude files",
                asSelected.sentences().size(), asSelected.repeatsDropped(), asSelected.heldOutDropped())), selected);
        assertTrue(replayed.contains(String.format("training data: %d sentences; left out %d repeated and %d found in test/--exclude files",
                asReplayed.sentences().size(), asReplayed.repeatsDropped(), asReplayed.heldOutDropped())), replayed);
    }
}
