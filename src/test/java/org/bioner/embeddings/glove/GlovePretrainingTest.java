package org.bioner.embeddings.glove;

import org.bioner.model.ModelArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class GlovePretrainingTest {

    @TempDir
    Path dir;

    @Test
    void corpusTokenisesTextLikeTheNerDataAndReadsConllSentences() throws Exception {
        Path text = dir.resolve("t.txt");
        Files.writeString(text, "IL-6 levels in Crohn's disease.\n\nSecond doc\n");
        Path conll = dir.resolve("train.tsv");
        Files.writeString(conll, "BRCA1\tB\nmutations\tO\n\nTumour\tO\n");
        List<List<String>> docs = new ArrayList<>();
        new GloveCorpus(List.of(text), List.of(conll), true, 0).forEachDocument(docs::add);
        assertEquals(List.of(
                List.of("il", "-", "6", "levels", "in", "crohn", "'", "s", "disease", "."),
                List.of("second", "doc"),
                List.of("brca1", "mutations"),
                List.of("tumour")), docs);
    }

    @Test
    void maskedNumbersAreReadAsOneNumberToken() throws Exception {
        Path text = dir.resolve("bmc.txt");
        Files.writeString(text, "strain dc <dig> and <dig>-fold change\n");
        List<List<String>> docs = new ArrayList<>();
        new GloveCorpus(List.of(text), List.of(), true, 0, "<dig>").forEachDocument(docs::add);
        assertEquals(List.of(List.of("strain", "dc", "0", "and", "0", "-", "fold", "change")), docs);
        List<List<String>> unmasked = new ArrayList<>();
        new GloveCorpus(List.of(text), List.of(), true, 0).forEachDocument(unmasked::add);
        assertEquals(List.of("strain", "dc", "<", "dig", ">"), unmasked.get(0).subList(0, 5));
    }

    @Test
    void badConllLineNamesFileAndLine() throws Exception {
        Path conll = dir.resolve("train.tsv");
        Files.writeString(conll, "a\tO\nno-tab-here\n");
        var e = assertThrows(java.io.IOException.class,
                () -> new GloveCorpus(List.of(), List.of(conll), true, 0).forEachDocument(d -> { }));
        assertTrue(e.getMessage().startsWith(conll + ":2: "), e.getMessage());
    }

    @Test
    void evaluationSplitsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> GlovePretraining.checkTrainingSplit(List.of(Path.of("x/test.tsv"))));
        assertThrows(IllegalArgumentException.class, () -> GlovePretraining.checkTrainingSplit(List.of(Path.of("x/devel.tsv"))));
        GlovePretraining.checkTrainingSplit(List.of(Path.of("x/train.tsv")));
    }

    @Test
    void endToEndRunWritesVectorsAndResumes() throws Exception {
        Path text = dir.resolve("corpus.txt");
        StringBuilder b = new StringBuilder();
        for (List<String> d : GloveTrainerTest.syntheticCorpus(new Random(3), 300)) b.append(String.join(" ", d)).append('\n');
        Files.writeString(text, b);
        Path out = dir.resolve("v.bnm");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        var corpus = new GloveCorpus(List.of(text), List.of(), true, 0);
        var cfg = new GloveTrainer.Config(10, 100, 0.75, 0.05, 1);
        var opts = new GlovePretraining.Options(corpus, 1, 1000, 10, cfg, 2, 0, dir.resolve("work"), out, true);
        new GlovePretraining(opts, new PrintStream(log, true, StandardCharsets.UTF_8)).run();
        ModelArchive a = ModelArchive.open(out, WordVectorFiles.KIND);
        assertEquals("300", a.meta("corpus.documents"));
        assertEquals("2", a.meta("epochs"));
        assertEquals("float16", a.meta("storage"));
        assertEquals(14, WordVectorFiles.read(out).size());

        // same options, more epochs: counts come from the cache and training resumes after epoch 2
        var more = new GlovePretraining.Options(corpus, 1, 1000, 10, cfg, 3, 0, dir.resolve("work"), out, true);
        ByteArrayOutputStream log2 = new ByteArrayOutputStream();
        new GlovePretraining(more, new PrintStream(log2, true, StandardCharsets.UTF_8)).run();
        String l2 = log2.toString(StandardCharsets.UTF_8);
        assertTrue(l2.contains("using cached co-occurrences"), l2);
        assertTrue(l2.contains("resuming from") && l2.contains("after epoch 2"), l2);
        assertTrue(l2.contains("epoch 3/3"), l2);
        assertFalse(l2.contains("epoch 1/3"), l2);
    }
}
