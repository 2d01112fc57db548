package org.bioner.tagger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.bioner.embeddings.glove.GloveEmbeddings;
import org.bioner.corpus.Span;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Equality with Flair: src/test/resources/flair-tagger/make_tagger_fixtures.py saved small random Flair
 * SequenceTagger checkpoints of both generations (the older one in the zip and the legacy format) and the tags,
 * per-token scores and spans (with span scores) Flair's inference computes for sentences.txt: word-vector lookups
 * by exact form, lower case, digits as '#', digits as '0' and unknown words; characters outside the LM
 * dictionary; a one-token sentence; '<unk>' tags on the path; a tagger of three stacked BiLSTM layers.
 */
class FlairTaggerFixtureTest {

    static final double TOLERANCE = 1e-5;

    static Path resource(String name) throws URISyntaxException {
        return Path.of(FlairTaggerFixtureTest.class.getResource("/flair-tagger/" + name).toURI());
    }

    static List<List<String>> sentences() throws Exception {
        List<List<String>> out = new ArrayList<>();
        for (String line : Files.readAllLines(resource("sentences.txt"), StandardCharsets.UTF_8)) {
            if (!line.isBlank()) out.add(Arrays.asList(line.split(" ")));
        }
        return out;
    }

    /** Compares predictions with {@code <reference>.expected.tsv}: every tag and span exactly, scores within 1e-5. */
    static void assertMatchesFlair(String reference, SequenceTagger tagger, List<SequenceTagger.Prediction> pred) throws Exception {
        List<String> lines = Files.readAllLines(resource(reference + ".expected.tsv"), StandardCharsets.UTF_8);
        List<List<String>> spans = new ArrayList<>();
        for (int i = 0; i < pred.size(); i++) spans.add(new ArrayList<>());
        int tokens = 0, spanCount = 0;
        for (String line : lines) {
            String[] f = line.split("\t");
            if (f[0].equals("span")) {
                int s = Integer.parseInt(f[1]);
                SequenceTagger.Prediction p = pred.get(s);
                int k = spans.get(s).size();
                assertTrue(k < p.spans().size(), reference + ": sentence " + s + " lacks span " + line);
                Span got = p.spans().get(k);
                assertEquals(new Span(Integer.parseInt(f[2]), Integer.parseInt(f[3]), f[4]), got, reference + ": sentence " + s);
                assertEquals(Double.parseDouble(f[5]), p.spanConfidence()[k], TOLERANCE, reference + ": span score " + line);
                spans.get(s).add(line);
                spanCount++;
            } else {
                SequenceTagger.Prediction p = pred.get(Integer.parseInt(f[0]));
                int t = Integer.parseInt(f[1]);
                assertEquals(f[3], tagger.rawTagNames().get(p.path()[t]), reference + ": tag of " + line);
                assertEquals(Double.parseDouble(f[4]), p.tokenConfidence()[t], TOLERANCE, reference + ": score of " + line);
                tokens++;
            }
        }
        assertEquals(pred.stream().mapToInt(p -> p.path().length).sum(), tokens, reference + ": every token has a reference");
        for (int s = 0; s < pred.size(); s++) assertEquals(spans.get(s).size(), pred.get(s).spans().size(), reference + ": spans of " + s);
        assertTrue(spanCount > 5, reference + ": the fixture has spans");
    }

    @ParameterizedTest
    @CsvSource({"v1-zip.pt, v1", "v1-legacy.pt, v1", "v2-zip.pt, v2", "v2-3layers-zip.pt, v2-3layers"})
    void convertedOnLoadMatchesFlair(String file, String reference) throws Exception {
        SequenceTagger tagger = TaggerModels.load(resource(file).toString());
        assertMatchesFlair(reference, tagger, tagger.tag(sentences(), null, 2));
        assertTrue(tagger.flairCrf() != null);
        // Flair's decoder takes no entity bias: 0 decodes as without one, anything else is refused
        assertMatchesFlair(reference, tagger, tagger.tag(sentences(), null, 2, 0f));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> tagger.tag(sentences(), null, 2, 0.5f));
    }

    /**
     * The device route ({@code --device cuda}) with a converted Flair tagger: its emissions ({@code outputs()} wide)
     * come back from the backend and its FlairCrfDecoder decodes them on the host. On a second CPU backend instance
     * (the route the GPU runs, testable without one) the predictions are the CPU path's, so Flair's.
     */
    @ParameterizedTest
    @CsvSource({"v1-zip.pt, v1", "v2-zip.pt, v2", "v2-3layers-zip.pt, v2-3layers"})
    void convertedTaggerOnTheBackendRouteMatchesFlair(String file, String reference) throws Exception {
        SequenceTagger tagger = TaggerModels.load(resource(file).toString());
        List<SequenceTagger.Prediction> cpu = tagger.tag(sentences(), null, 2);
        tagger.useBackend(new org.bioner.nn.CpuBackend());
        List<SequenceTagger.Prediction> route = tagger.tag(sentences(), null, 2);
        assertMatchesFlair(reference, tagger, route);
        for (int i = 0; i < cpu.size(); i++) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(cpu.get(i).path(), route.get(i).path());
            org.junit.jupiter.api.Assertions.assertArrayEquals(cpu.get(i).tokenConfidence(), route.get(i).tokenConfidence());
            assertEquals(cpu.get(i).spans(), route.get(i).spans());
        }
        tagger.useBackend(null);
    }

    @ParameterizedTest
    @CsvSource({"v1-zip.pt, v1, false", "v1-legacy.pt, v1, false", "v2-zip.pt, v2, false", "v2-zip.pt, v2, true",
            "v2-3layers-zip.pt, v2-3layers, false"})
    void importedModelFileMatchesFlair(String file, String reference, boolean half, @TempDir Path dir) throws Exception {
        Path out = dir.resolve("imported.bnm");
        FlairTaggerImporter.read(resource(file)).write(out, half);
        SequenceTagger tagger = TaggerModels.load(out.toString());
        assertTrue(tagger.embeddingsSpec().matches("glove:words-[0-9a-f]{16}(-f16)?\\.bnm\\+flair:flair-lm-[0-9a-f]{16}(-f16)?\\.bnm"
                + "\\+flair:flair-lm-[0-9a-f]{16}(-f16)?\\.bnm"), tagger.embeddingsSpec());
        if (half) { // float16 weights change the numbers; the file must still load and keep Flair's tags
            assertEquals(tagger.rawTagNames(), FlairTaggerImporter.load(resource(file)).rawTagNames());
            assertEquals(sentences().size(), tagger.tag(sentences(), null, 8).size());
        } else {
            assertMatchesFlair(reference, tagger, tagger.tag(sentences(), null, 8));
        }
    }

    @Test
    void taggersImportedTogetherShareTheirEmbeddingFiles(@TempDir Path dir) throws Exception {
        SequenceTagger a = FlairTaggerImporter.read(resource("v1-zip.pt")).write(dir.resolve("a.bnm"), false);
        SequenceTagger b = FlairTaggerImporter.read(resource("v1-legacy.pt")).write(dir.resolve("b.bnm"), false);
        SequenceTagger c = FlairTaggerImporter.read(resource("v2-zip.pt")).write(dir.resolve("c.bnm"), false);
        assertEquals(a.embeddingsSpec(), b.embeddingsSpec()); // the same weights in two file formats
        assertFalse(a.embeddingsSpec().equals(c.embeddingsSpec()));
        try (var files = Files.list(dir)) {
            assertEquals(3 + 3 + 3, files.count()); // 3 taggers, v1's 3 embeddings, v2's 3
        }
    }

    @Test
    void keepsTheModelsTagsAndTypes() throws Exception {
        SequenceTagger v1 = FlairTaggerImporter.load(resource("v1-zip.pt"));
        assertEquals(List.of("<unk>", "O", "S-Disease", "B-Disease", "E-Disease", "I-Disease", "S-CellLine", "B-CellLine",
                "E-CellLine", "I-CellLine", "<START>", "<STOP>"), v1.rawTagNames());
        assertEquals(List.of("Disease", "CellLine"), v1.tags().entityTypes());
        SequenceTagger v2 = FlairTaggerImporter.load(resource("v2-zip.pt"));
        assertFalse(v2.rawTagNames().contains("<unk>"));
        assertEquals(List.of("Chemical", "Gene"), v2.tags().entityTypes());
        assertEquals(5 + 8 + 7, v2.embeddingDimension());
        // Flair's concatenation order: sorted names ("0-...gensim", "1-...forward", "2-...backward")
        FlairTaggerImporter.Conversion c = FlairTaggerImporter.read(resource("v1-legacy.pt"));
        assertTrue(c.parts().get(0).embeddings() instanceof GloveEmbeddings);
        assertTrue(c.parts().get(0).name().startsWith("0-"), c.parts().get(0).name());
    }

    @ParameterizedTest
    @CsvSource({"transformer.pt, TransformerWordEmbeddings", "transformer-v1-legacy.pt, 'flair.embeddings.TransformerWordEmbeddings'"})
    void transformerTaggersAreRefusedWithOneLine(String file, String named) throws Exception {
        IOException e = assertThrows(IOException.class, () -> TaggerModels.load(resource(file).toString()));
        assertTrue(e.getMessage().contains(file) && e.getMessage().contains(named) && e.getMessage().contains("out of scope"),
                e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void modelCardClassesAreCarriedNotCalled() throws Exception {
        // v2-zip.pt's model_card names torch.optim.sgd.SGD: read as an inert name, the tagger loads
        Object top = org.bioner.embeddings.flair.TorchCheckpoint.load(resource("v2-zip.pt"));
        Object card = ((java.util.Map<?, ?>) ((java.util.Map<?, ?>) top).get("model_card")).get("training_parameters");
        assertEquals("torch.optim.sgd.SGD", String.valueOf(((java.util.Map<?, ?>) card).get("optimizer")));
        assertEquals("resources/taggers/x", ((java.util.Map<?, ?>) card).get("base_path"));
        assertEquals("cpu", ((java.util.Map<?, ?>) card).get("device"));
    }

    @Test
    void unknownClassesAreRefusedNamingThem() throws Exception {
        IOException e = assertThrows(IOException.class, () -> FlairTaggerImporter.read(resource("evil-legacy.pt")));
        assertTrue(e.getMessage().contains("evil-legacy.pt") && e.getMessage().contains("posix.system"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @ParameterizedTest
    @CsvSource({"v1-zip.pt, 0.5", "v1-legacy.pt, 0.5", "v1-legacy.pt, 0.999", "v2-zip.pt, 0.9", "v2-zip.pt, 0.1"})
    void truncatedFilesFailWithOneLine(String file, double keep, @TempDir Path dir) throws Exception {
        byte[] all = Files.readAllBytes(resource(file));
        Path cut = dir.resolve("cut-" + file);
        Files.write(cut, Arrays.copyOf(all, (int) (all.length * keep)));
        IOException e = assertThrows(IOException.class, () -> FlairTaggerImporter.read(cut));
        assertTrue(e.getMessage().contains(cut.toString()), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void aConvertedTaggerDecodesByViterbiOnlyAndSaysSo() throws Exception {
        SequenceTagger t = FlairTaggerImporter.load(resource("v2-zip.pt"));
        t.requireDecoding(0f, Decoding.VITERBI);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> t.predict(List.<float[][]>of(new float[1][20]), 32, 0f, Decoding.POSTERIOR));
        assertTrue(e.getMessage().startsWith("decoding posterior needs a model trained here"), e.getMessage());
    }

    @Test
    void converterModelDoesNotTrain() throws Exception {
        SequenceTagger t = FlairTaggerImporter.load(resource("v2-zip.pt"));
        assertThrows(IllegalStateException.class, () -> t.computeGradients(List.<float[][]>of(new float[1][20]), List.of(new int[1]), new java.util.Random(1)));
    }
}
