package org.bioner.embeddings.flair.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import org.bioner.embeddings.flair.CharLanguageModel;
import org.bioner.embeddings.flair.FlairEmbeddings;
import org.bioner.model.ModelArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** End-to-end runs of {@link LmTrainer} on tiny corpora: exact resume, learning, output model, bad input. */
class LmTrainerTest {

    @TempDir
    Path dir;

    private static final String TEXT = "The patient had breast cancer and was treated with tamoxifen.\n"
            + "Mutations in BRCA1 cause hereditary breast and ovarian cancer.\n"
            + "\n"
            + "The cells were treated with cisplatin for two days.\n";

    private Path corpus(String name, String text, int copies) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text.repeat(copies), StandardCharsets.UTF_8);
        return f;
    }

    private static LmTrainingConfig config(List<Path> corpus, Path out, boolean forward, String optimizer, float lr, long maxSteps,
                                           boolean resume, int hidden, int batch, int seqLen, float dropout, float caseFlip) {
        return new LmTrainingConfig(corpus, null, out, forward, hidden, 5, 1, seqLen, batch, optimizer, lr, 0.25f, 0, 0.25f,
                dropout, caseFlip, 0, 0, maxSteps, 300, 0, 1, null, null, 2, 1e9, 1e9, 1, resume, 3, false, true);
    }

    /**
     * 7 updates straight == 3 updates, checkpoint, resume, 4 more: same weights bit for bit (dropout, case
     * flips, epoch wrap-around with a fresh random offset, annealing with patience 0 and Adam moments all
     * depend on the checkpointed state).
     */
    @ParameterizedTest
    @ValueSource(strings = {"sgd", "adam"})
    void resumeIsExact(String optimizer) throws IOException {
        Path text = corpus("c.txt", TEXT, 1);
        float lr = optimizer.equals("sgd") ? 5f : 0.01f;
        Path straight = dir.resolve("straight"), split = dir.resolve("split");
        new LmTrainer(config(List.of(text), straight, false, optimizer, lr, 7, false, 8, 3, 12, 0.2f, 0.1f), null).run();
        new LmTrainer(config(List.of(text), split, false, optimizer, lr, 3, false, 8, 3, 12, 0.2f, 0.1f), null).run();
        LmTrainer.Result r = new LmTrainer(config(List.of(text), split, false, optimizer, lr, 7, true, 8, 3, 12, 0.2f, 0.1f), null).run();
        assertEquals(7, r.steps());
        ModelArchive a = ModelArchive.open(LmCheckpoint.file(straight), LmCheckpoint.KIND);
        ModelArchive b = ModelArchive.open(LmCheckpoint.file(split), LmCheckpoint.KIND);
        assertTrue(Long.parseLong(a.meta("epoch")) >= 1, "the run should wrap around the corpus at least once");
        for (String key : List.of("step", "epoch", "position", "chars", "lr", "rng", "best_valid_loss", "bad_evaluations", "adam_steps")) {
            assertEquals(a.meta(key), b.meta(key), key);
        }
        for (int i = 0; a.has("param." + i); i++) {
            assertArrayEquals(a.floats("param." + i), b.floats("param." + i), "param " + i);
            if (optimizer.equals("adam")) assertArrayEquals(a.floats("adam.v." + i), b.floats("adam.v." + i), "adam.v " + i);
        }
        assertArrayEquals(a.floats("state.c.0"), b.floats("state.c.0"), "carried state");
    }

    /** A few KB of repetitive text: validation bpc falls below half of the untrained model's. */
    @Test
    void learnsRepetitiveText() throws IOException {
        Path text = corpus("rep.txt", TEXT, 40);
        Path out = dir.resolve("out");
        LmTrainingConfig c = new LmTrainingConfig(List.of(text), null, out, true, 32, 8, 1, 40, 8, "adam", 0.01f, 0.25f, 10,
                0.25f, 0f, 0f, 0, 0, 150, 2000, 0, 1, null, null, 50, 1e9, 1e9, 1, false, 1, false, true);
        LmTrainer.Result r = new LmTrainer(c, null).run();
        CharLanguageModel lm = CharLanguageModel.load(r.model());
        double initialBpc = Math.log(lm.vocabularySize()) / Math.log(2); // decoder starts near uniform
        assertTrue(r.validBpc() < initialBpc / 2, "validation bpc " + r.validBpc() + " vs initial ~" + initialBpc);
        assertTrue(Files.readAllLines(out.resolve("training.tsv")).size() >= 4, "a log row per evaluation");
        // the written model is usable as Flair embeddings
        List<float[][]> v = new FlairEmbeddings(lm, 1, 4).embed(List.of(List.of("breast", "cancer")));
        assertEquals(2, v.get(0).length);
        assertEquals(32, v.get(0)[0].length);
        assertTrue(Files.exists(out.resolve("best-lm.bnm")));
        // and through the tagger's embeddings spec
        assertEquals(32, org.bioner.embeddings.EmbeddingsLoader.load("flair:" + r.model(), dir).dimension());
    }

    /**
     * {@code initFrom}: a run that continues a written LM starts from its weights: its update-0 row has exactly the
     * validation bpc the first run ended with (a run from new weights starts near log2 V), best-lm.bnm is the start
     * model until an evaluation beats it, and an LM of other sizes is refused naming the file.
     */
    @Test
    void initFromContinuesTheGivenModel() throws IOException {
        Path text = corpus("i.txt", TEXT, 10);
        Path first = dir.resolve("first"), next = dir.resolve("next");
        LmTrainer.Result a = new LmTrainer(config(List.of(text), first, true, "adam", 0.02f, 60, false, 8, 3, 12, 0f, 0f), null).run();
        LmTrainingConfig c = new LmTrainingConfig(List.of(text), null, next, true, 8, 5, 1, 12, 3, "sgd", 1e-9f, 0.25f, 0, 0.25f,
                0f, 0f, 0, 0, 1, 300, 0, 1, null, a.model(), 2, 1e9, 1e9, 1, false, 3, false, true);
        LmTrainer.Result b = new LmTrainer(c, null).run();
        List<String> rows = Files.readAllLines(next.resolve("training.tsv"));
        String[] start = rows.get(1).split("\t");
        assertEquals("0", start[0]);
        assertEquals(a.validBpc(), Double.parseDouble(start[7]), 1e-5);
        assertTrue(a.validBpc() < Math.log(CharLanguageModel.load(a.model()).vocabularySize()) / Math.log(2) - 0.5,
                "the first run should have learnt something for the comparison to mean anything");
        assertEquals(a.validBpc(), b.validBpc(), 1e-4, "one update at lr 1e-9 leaves the model as it was");
        assertEquals(CharLanguageModel.load(a.model()).fingerprint(), CharLanguageModel.load(next.resolve("best-lm.bnm")).fingerprint());
        LmTrainingConfig wrong = new LmTrainingConfig(List.of(text), null, dir.resolve("wrong"), true, 16, 5, 1, 12, 3, "sgd", 1f,
                0.25f, 0, 0.25f, 0f, 0f, 0, 0, 1, 300, 0, 1, null, a.model(), 2, 1e9, 1e9, 1, false, 3, false, true);
        IOException e = assertThrows(IOException.class, () -> new LmTrainer(wrong, null).run());
        assertTrue(e.getMessage().startsWith(a.model().toString()) && e.getMessage().contains("hidden 8"), e.getMessage());
    }

    /** The backward LM reads the whole text reversed, so each document is preceded by the delimiter, as at tagging time. */
    @Test
    void backwardTextIsReversedWithDelimiters() throws IOException {
        Path text = corpus("b.txt", "ab c\n\nxy\n", 1);
        LmTrainingConfig c = config(List.of(text), dir.resolve("o"), false, "sgd", 1f, 1, false, 4, 1, 3, 0f, 0f);
        PreparedText p = PreparedText.prepare(c, null);
        StringBuilder s = new StringBuilder();
        for (int id : p.train) s.append(p.dictionary.get(id));
        assertEquals("\nyx\nc ba", s.toString());
    }

    /** Without a budget the run trains one epoch: every stream from its random offset (< seq-len) to its end. */
    @Test
    void noBudgetMeansOneEpoch() throws IOException {
        Path text = corpus("e.txt", TEXT, 2);
        LmTrainingConfig c = config(List.of(text), dir.resolve("o"), true, "sgd", 1f, 0, false, 4, 2, 10, 0f, 0f);
        long streamLen = PreparedText.prepare(c, null).train.length / 2;
        LmTrainer.Result r = new LmTrainer(c, null).run();
        assertTrue(r.chars() <= 2 * (streamLen - 1) && r.chars() > 2 * (streamLen - 1 - 10), r.chars() + " chars for streams of " + streamLen);
    }

    @Test
    void caseFlipSwapsOnlyCharactersWhoseOtherCaseIsKnown() {
        int[] t = LmTrainer.caseFlipTable(List.of("<unk>", "a", "A", "b", "1", "\u00e9", "\u00c9"));
        assertArrayEquals(new int[] {0, 2, 1, 3, 4, 6, 5}, t);
    }

    /** The command line: a tiny run writes the model and the log; a missing corpus fails with exit status 1. */
    @Test
    void commandLine() throws IOException {
        Path text = corpus("cli.txt", TEXT, 20);
        Path out = dir.resolve("cli-out");
        int rc = new picocli.CommandLine(new org.bioner.cli.BioNerCli()).execute("pretrain-lm", "--corpus", text.toString(),
                "--out", out.toString(), "--direction", "backward", "--hidden", "8", "--embedding-size", "4", "--batch", "4",
                "--seq-len", "20", "--max-steps", "5", "--eval-every", "2", "--min-char-count", "1", "--validation-chars", "200");
        assertEquals(0, rc);
        assertTrue(Files.exists(out.resolve("lm.bnm")) && Files.exists(out.resolve("work/checkpoint.bnm")));
        assertTrue(!CharLanguageModel.load(out.resolve("lm.bnm")).isForward());
        // a failure (exit 1, one line naming the file: BioNerCli's handler), not bad usage (2)
        assertEquals(org.bioner.cli.BioNerCli.EXIT_FAILED, org.bioner.cli.BioNerCli.commandLine().execute("pretrain-lm", "--corpus",
                dir.resolve("missing.txt").toString(), "--out", out.toString(), "--direction", "forward"));
    }

    @Test
    void missingCorpusIsNamed() {
        Path missing = dir.resolve("no-such-dir");
        IOException e = assertThrows(IOException.class, () -> new LmTrainer(
                config(List.of(missing), dir.resolve("o"), true, "sgd", 1f, 1, false, 4, 1, 3, 0f, 0f), null).run());
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    @Test
    void emptyCorpusIsNamed() throws IOException {
        Path empty = corpus("empty.txt", "\n  \n", 1);
        IOException e = assertThrows(IOException.class, () -> new LmTrainer(
                config(List.of(empty), dir.resolve("o"), true, "sgd", 1f, 1, false, 4, 1, 3, 0f, 0f), null).run());
        assertTrue(e.getMessage().contains(empty.toString()) && e.getMessage().contains("no text"), e.getMessage());
        Path emptyDir = Files.createDirectory(dir.resolve("emptydir"));
        e = assertThrows(IOException.class, () -> new LmTrainer(
                config(List.of(emptyDir), dir.resolve("o"), true, "sgd", 1f, 1, false, 4, 1, 3, 0f, 0f), null).run());
        assertTrue(e.getMessage().contains(emptyDir.toString()), e.getMessage());
    }

    @Test
    void unreadableGzipIsNamed() throws IOException {
        Path notGz = dir.resolve("broken.txt.gz");
        Files.writeString(notGz, "this is not gzip data\n");
        IOException e = assertThrows(IOException.class, () -> new LmTrainer(
                config(List.of(notGz), dir.resolve("o"), true, "sgd", 1f, 1, false, 4, 1, 3, 0f, 0f), null).run());
        assertTrue(e.getMessage().contains(notGz.toString()) && e.getMessage().contains("gzip"), e.getMessage());
        // truncated gzip: fails while reading
        Path cut = dir.resolve("cut.gz");
        byte[] full;
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (OutputStream o = new GZIPOutputStream(bytes)) {
            o.write(TEXT.repeat(50).getBytes(StandardCharsets.UTF_8));
        }
        full = bytes.toByteArray();
        Files.write(cut, java.util.Arrays.copyOf(full, full.length / 2));
        e = assertThrows(IOException.class, () -> new LmTrainer(
                config(List.of(cut), dir.resolve("o"), true, "sgd", 1f, 1, false, 4, 1, 3, 0f, 0f), null).run());
        assertTrue(e.getMessage().contains(cut.toString()), e.getMessage());
    }

    @Test
    void gzipCorpusReadsLikeText() throws IOException {
        Path gz = dir.resolve("c.gz");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(gz))) {
            o.write(TEXT.getBytes(StandardCharsets.UTF_8));
        }
        Path txt = corpus("c.txt", TEXT, 1);
        assertArrayEquals(CharCorpus.readCodePoints(List.of(txt), 0), CharCorpus.readCodePoints(List.of(gz), 0));
    }
}
