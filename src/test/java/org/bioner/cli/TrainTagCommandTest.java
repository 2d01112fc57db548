package org.bioner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
        java.util.List<String> bad = new java.util.ArrayList<>(List.of(common));
        bad.addAll(List.of("--sample-weight", dir.resolve("c.tsv") + "=2")); // not a --train file: exit 1, one line
        assertEquals(1, new CommandLine(new BioNerCli()).execute(bad.toArray(String[]::new)));
    }
}
