package org.bioner.tagger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.bioner.corpus.Span;
import org.bioner.embeddings.CharCodeEmbeddings;
import org.bioner.embeddings.RandomEmbeddings;
import org.bioner.nn.Blas;
import org.bioner.nn.LstmLayer;
import org.bioner.tagger.SequenceTagger.HyperParameters;
import org.bioner.tagger.SequenceTagger.Prediction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SequenceTaggerTest {

    static final RandomEmbeddings EMB = new RandomEmbeddings(20, 5);
    static final TagDictionary TAGS = new TagDictionary(List.of("Chemical", "Disease"));

    static List<List<String>> sentences() {
        return List.of(List.of("aspirin", "causes", "severe", "headache", "."),
                List.of("no"),
                List.of("x", "y", "z", "aspirin", "w", "v", "u", "t", "s"));
    }

    /** A tagger moved away from its initialisation by a few SGD steps, so its CRF and weights are not trivial. */
    static SequenceTagger trained() {
        return trained(1);
    }

    /** {@link #trained()} with {@code layers} stacked BiLSTM layers. */
    static SequenceTagger trained(int layers) {
        SequenceTagger t = SequenceTagger.create(TAGS, EMB.describe(), 20, new HyperParameters(6, true, 0.05f, 0.5f, layers), 11);
        List<float[][]> v = EMB.embed(sentences());
        List<int[]> gold = List.of(TAGS.encode(5, List.of(new Span(0, 1, "Chemical"), new Span(2, 4, "Disease"))),
                TAGS.encode(1, List.of()), TAGS.encode(9, List.of(new Span(3, 4, "Chemical"))));
        Random rng = new Random(3);
        for (int i = 0; i < 5; i++) {
            t.computeGradients(v, gold, rng);
            t.applySgd(0.1f, 1f);
        }
        return t;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void paddingInABatchDoesNotChangeAnySentence(int layers) {
        assertEachSentenceTagsAsAlone(trained(layers), EMB.embed(sentences()));
    }

    /** "Packed == alone": every sentence of {@code v} tags in the batch as it does alone. */
    static void assertEachSentenceTagsAsAlone(SequenceTagger t, List<float[][]> v) {
        List<Prediction> together = t.predict(v, 32);
        for (int i = 0; i < v.size(); i++) {
            Prediction alone = t.predict(java.util.Collections.singletonList(v.get(i)), 32).get(0);
            assertArrayEquals(alone.path(), together.get(i).path());
            assertArrayEquals(alone.tokenConfidence(), together.get(i).tokenConfidence(), 1e-5, "sentence " + i);
        }
    }

    @Test
    void halfPrecisionExportRoundsOnlyTheNetworkWeights(@TempDir Path dir) throws IOException {
        SequenceTagger t = trained();
        Path full = dir.resolve("full.bnm"), half = dir.resolve("half.bnm");
        t.save(full);
        t.save(half, true);
        assertTrue(java.nio.file.Files.size(half) < java.nio.file.Files.size(full));
        SequenceTagger u = SequenceTagger.load(half);
        float[] a = t.allParameters(), b = u.allParameters();
        assertEquals(a.length, b.length);
        boolean rounded = false;
        for (int i = 0; i < a.length; i++) {
            float want = org.bioner.model.ModelArchive.Half.toFloat(org.bioner.model.ModelArchive.Half.fromFloat(a[i]));
            // network weights are float16-rounded; the CRF (at the end of the flat view) is kept exact
            assertTrue(b[i] == want || b[i] == a[i], "parameter " + i);
            rounded |= b[i] != a[i];
        }
        assertTrue(rounded, "float16 export changed nothing");
        List<Prediction> p = t.predict(EMB.embed(sentences()), 2), q = u.predict(EMB.embed(sentences()), 2);
        for (int i = 0; i < p.size(); i++) {
            assertEquals(p.get(i).spans(), q.get(i).spans());
            assertArrayEquals(p.get(i).tokenConfidence(), q.get(i).tokenConfidence(), 1e-2);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void aCopyWithExtraInputsPredictsAsTheModelWhateverTheyHoldAndLearnsFromThem(int layers) {
        SequenceTagger t = trained(layers);
        float[] before = t.allParameters();
        SequenceTagger wide = t.withExtraInputs(EMB.describe() + "+corpus:A,B,C:use=A", 23);
        assertEquals(23, wide.embeddingDimension());
        List<float[][]> v = EMB.embed(sentences());
        Random r = new Random(7);
        List<float[][]> extended = new ArrayList<>();
        for (float[][] s : v) {
            float[][] e = new float[s.length][];
            for (int i = 0; i < s.length; i++) {
                e[i] = Arrays.copyOf(s[i], 23);
                for (int j = 20; j < 23; j++) e[i][j] = (float) r.nextGaussian() * 3;
            }
            extended.add(e);
        }
        List<Prediction> a = t.predict(v, 32), b = wide.predict(extended, 32);
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i).path(), b.get(i).path());
            assertArrayEquals(a.get(i).tokenConfidence(), b.get(i).tokenConfidence(), 1e-5, "sentence " + i);
        }
        // the new inputs get gradients: the LSTMs' weights from them move at the first step
        List<int[]> gold = List.of(TAGS.encode(5, List.of(new Span(0, 1, "Chemical"))), TAGS.encode(1, List.of()),
                TAGS.encode(9, List.of(new Span(3, 4, "Chemical"))));
        wide.computeGradients(extended, gold, new Random(3));
        float[] g = wide.lstmForward.weightIh().gradients(); // [23, 4H]: rows 20-22 read the new inputs
        int gates = 4 * wide.lstmForward.hiddenSize();
        double newRows = 0;
        for (int k = 20 * gates; k < 23 * gates; k++) newRows += Math.abs(g[k]);
        assertTrue(newRows > 1e-6, "no gradient reaches the new inputs: " + newRows);
        assertArrayEquals(before, t.allParameters(), "the model itself is unchanged");
        if (layers > 1) { // the copy's upper layers are its own: a step on the copy leaves the model's as they were
            wide.applySgd(0.1f, 1f);
            assertArrayEquals(before, t.allParameters(), "the model's upper layers are unchanged");
        }
    }

    @Test
    void aCopyWithCharacterFeaturesPredictsAsTheModelWhateverTheEncoderGivesAndLearnsFromThem() {
        // a model with a corpus one-hot, so that the character features go between the features and the one-hot
        SequenceTagger t = trained().withExtraInputs(EMB.describe() + "+corpus:A,B,C:use=B", 23);
        CharCodeEmbeddings codes = new CharCodeEmbeddings(8);
        List<float[][]> v = new ArrayList<>();
        float[] oneHot = {0f, 1f, 0f};
        List<float[][]> base = EMB.embed(sentences());
        for (float[][] s : base) {
            float[][] e = new float[s.length][];
            for (int i = 0; i < s.length; i++) {
                e[i] = Arrays.copyOf(s[i], 23);
                System.arraycopy(oneHot, 0, e[i], 20, 3);
            }
            v.add(e);
        }
        List<int[]> gold = List.of(TAGS.encode(5, List.of(new Span(0, 1, "Chemical"))), TAGS.encode(1, List.of()),
                TAGS.encode(9, List.of(new Span(3, 4, "Chemical"))));
        Random rng = new Random(5);
        for (int i = 0; i < 3; i++) { // the one-hot's weights are not zero (a copy that misplaced it would differ)
            t.computeGradients(v, gold, rng);
            t.applySgd(0.1f, 1f);
        }
        float[] before = t.allParameters();
        String spec = EMB.describe() + "+chars:8+corpus:A,B,C:use=B";
        SequenceTagger wide = t.withCharacterFeatures(spec, 8, 4, SequenceTagger.CharInit.ZERO);
        assertEquals(31, wide.embeddingDimension());
        assertEquals(23 + 50, wide.networkInputDimension());
        assertEquals(spec, wide.embeddingsSpec());
        List<float[][]> withCodes = codes.appendTo(base, sentences(), oneHot); // features, codes, one-hot
        List<Prediction> a = t.predict(v, 32), b = wide.predict(withCodes, 32);
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i).path(), b.get(i).path());
            assertArrayEquals(a.get(i).tokenConfidence(), b.get(i).tokenConfidence(), 1e-5, "sentence " + i);
        }
        // the LSTMs' weights from the character features (network rows 20-69) get gradients at the first step
        wide.computeGradients(withCodes, gold, new Random(3));
        float[] g = wide.lstmForward.weightIh().gradients();
        int gates = 4 * wide.lstmForward.hiddenSize();
        double charRows = 0;
        for (int k = 20 * gates; k < 70 * gates; k++) charRows += Math.abs(g[k]);
        assertTrue(charRows > 1e-6, "no gradient reaches the character features: " + charRows);
        assertArrayEquals(before, t.allParameters(), "the model itself is unchanged");
        assertThrows(IllegalArgumentException.class, () -> wide.withCharacterFeatures(spec, 8, 4, SequenceTagger.CharInit.ZERO));
    }

    @Test
    void aCopyWithRandomCharacterWeightsGivesItsEncoderAGradientAtTheFirstStepWhereZeroWeightsGiveNone() {
        SequenceTagger t = trained();
        String spec = EMB.describe() + "+chars:8";
        List<float[][]> input = new CharCodeEmbeddings(8).appendTo(EMB.embed(sentences()), sentences(), new float[0]);
        List<int[]> gold = List.of(TAGS.encode(5, List.of(new Span(0, 1, "Chemical"))), TAGS.encode(1, List.of()),
                TAGS.encode(9, List.of(new Span(3, 4, "Chemical"))));
        SequenceTagger zero = t.withCharacterFeatures(spec, 8, 4, SequenceTagger.CharInit.ZERO);
        SequenceTagger random = t.withCharacterFeatures(spec, 8, 4, SequenceTagger.CharInit.RANDOM);
        int gates = 4 * t.lstmForward.hiddenSize(), k = 20 * gates, end = 70 * gates; // the features' rows 20-69
        float bound = (float) (1 / Math.sqrt(t.lstmForward.hiddenSize()));
        for (SequenceTagger.CharInit how : SequenceTagger.CharInit.values()) {
            SequenceTagger m = how == SequenceTagger.CharInit.ZERO ? zero : random;
            m.computeGradients(input, gold, new Random(3));
            double encoder = 0;
            for (org.bioner.nn.Param p : m.chars.params()) for (float g : p.gradients()) encoder += Math.abs(g);
            if (how == SequenceTagger.CharInit.ZERO) assertEquals(0.0, encoder, "no gradient through zero weights");
            else assertTrue(encoder > 1e-6, "the encoder learns from the first step: " + encoder);
        }
        // the same encoder and every other weight as the ZERO copy; the features' LSTM rows drawn within PyTorch's bound
        for (int i = 0; i < zero.chars.params().size(); i++) {
            assertArrayEquals(zero.chars.params().get(i).values(), random.chars.params().get(i).values());
        }
        for (LstmLayer[] pair : new LstmLayer[][] {{zero.lstmForward, random.lstmForward}, {zero.lstmBackward, random.lstmBackward}}) {
            float[] z = pair[0].weightIh().values(), r = pair[1].weightIh().values();
            assertArrayEquals(Arrays.copyOfRange(z, 0, k), Arrays.copyOfRange(r, 0, k));
            assertArrayEquals(Arrays.copyOfRange(z, end, z.length), Arrays.copyOfRange(r, end, r.length));
            double drawn = 0;
            for (int i = k; i < end; i++) {
                assertEquals(0f, z[i]);
                assertTrue(Math.abs(r[i]) <= bound, "row value " + r[i]);
                drawn += Math.abs(r[i]);
            }
            assertEquals(bound / 2, drawn / (end - k), bound / 10, "uniform in (-bound, bound): mean |w| is bound / 2");
        }
        assertArrayEquals(random.allParameters(), t.withCharacterFeatures(spec, 8, 4, SequenceTagger.CharInit.RANDOM).allParameters(),
                "drawn from the seed");
    }

    @Test
    void theInputDropoutsLeaveTheCorpusOneHotWholeUnlessAskedToDropIt() {
        SequenceTagger t = trained().withExtraInputs(EMB.describe() + "+corpus:A,B,C:use=A", 23);
        List<float[][]> v = new ArrayList<>(); // 30 x 3 sentences of corpus B, one-hot [0, 1, 0] after the 20 base inputs
        for (int k = 0; k < 30; k++) {
            for (float[][] s : EMB.embed(sentences())) {
                float[][] e = new float[s.length][];
                for (int i = 0; i < s.length; i++) {
                    e[i] = Arrays.copyOf(s[i], 23);
                    e[i][21] = 1f;
                }
                v.add(e);
            }
        }
        float[][] kept = packedRows(t, v, new Random(5));
        t.corpusDropout(true);
        float[][] dropped = packedRows(t, v, new Random(5));
        int wordDropped = 0, lockedOff = 0, oneHotOff = 0, oneHotDoubled = 0;
        for (int r = 0; r < kept.length; r++) {
            assertArrayEquals(new float[] {0f, 1f, 0f}, Arrays.copyOfRange(kept[r], 20, 23), "row " + r + ": the one-hot whole");
            // the base inputs go through the same draws either way
            assertArrayEquals(Arrays.copyOf(dropped[r], 20), Arrays.copyOf(kept[r], 20), "row " + r);
            boolean allZero = true;
            for (int d = 0; d < 20; d++) {
                allZero &= kept[r][d] == 0f;
                if (kept[r][d] == 0f) lockedOff++;
            }
            if (allZero) wordDropped++;
            if (dropped[r][21] == 0f) oneHotOff++;
            if (dropped[r][21] == 2f) oneHotDoubled++;
        }
        // both dropouts were at work: whole tokens zeroed (one-hot kept), and single inputs of other tokens
        assertTrue(wordDropped > 0 && lockedOff > 20 * wordDropped, wordDropped + " words, " + lockedOff + " inputs dropped");
        // runs before the choice: the one-hot dropped with the rest (locked dropout 0.5: off, or doubled)
        assertTrue(oneHotOff > 0 && oneHotDoubled > 0 && oneHotOff + oneHotDoubled == kept.length, oneHotOff + " / " + oneHotDoubled);
        // tagging packs the inputs as they are, with or without the choice
        assertArrayEquals(v.get(0)[0], packedRows(t, v.subList(0, 1), null)[0]);
    }

    /** The rows {@link SequenceTagger#pack} gives the network for {@code v} (with the input dropouts when {@code rng} is given). */
    private static float[][] packedRows(SequenceTagger t, List<float[][]> v, Random rng) {
        org.bioner.nn.SequencePacking p = t.pack(v, rng);
        int dim = t.embeddingDimension();
        float[][] rows = new float[p.totalTokens()][dim];
        for (int r = 0; r < rows.length; r++) t.x.get(r * dim, rows[r], dim);
        return rows;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void saveAndLoadGiveIdenticalPredictions(int layers, @TempDir Path dir) throws IOException {
        SequenceTagger t = trained(layers);
        t.metadata().put("train.note", "round trip");
        Path f = dir.resolve("m.bnm");
        t.save(f);
        SequenceTagger u = SequenceTagger.load(f);
        assertArrayEquals(t.allParameters(), u.allParameters());
        assertEquals(t.tags().names(), u.tags().names());
        assertEquals("random:20:seed=5", u.embeddingsSpec());
        assertEquals("round trip", u.metadata().get("train.note"));
        assertEquals(t.hyperParameters(), u.hyperParameters());
        // a one-layer tagger stays readable by older builds (version 2); a stacked one needs version 5
        assertEquals(layers > 1 ? "5" : "2", org.bioner.model.ModelArchive.open(f, SequenceTagger.KIND).meta("tagger.format.version"));
        List<Prediction> a = t.predict(EMB.embed(sentences()), 2);
        List<Prediction> b = u.tag(sentences(), null, 2); // through the model's own embeddings spec
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i).path(), b.get(i).path());
            assertEquals(a.get(i).spans(), b.get(i).spans());
            assertArrayEquals(a.get(i).spanConfidence(), b.get(i).spanConfidence(), 0.0);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void bothDirectionsSideBySideGiveTheSameGradientsAndPredictions(int layers) {
        List<float[][]> v = EMB.embed(sentences());
        List<int[]> gold = List.of(TAGS.encode(5, List.of(new Span(2, 4, "Disease"))), TAGS.encode(1, List.of()),
                TAGS.encode(9, List.of(new Span(3, 4, "Chemical"))));
        int before = Blas.threads();
        List<float[]> grads = new ArrayList<>();
        List<List<Prediction>> preds = new ArrayList<>();
        try {
            for (int threads : new int[] {1, 2}) { // 2: the LSTM directions run on two threads
                Blas.setThreads(threads);
                SequenceTagger t = trained(layers);
                t.computeGradients(v, gold, new Random(9));
                float[] all = new float[0];
                for (org.bioner.nn.Param p : t.parameters()) {
                    float[] a = p.gradients();
                    float[] joined = Arrays.copyOf(all, all.length + a.length);
                    System.arraycopy(a, 0, joined, all.length, a.length);
                    all = joined;
                }
                grads.add(all);
                preds.add(t.predict(v, 32));
            }
        } finally {
            Blas.setThreads(before);
        }
        assertArrayEquals(grads.get(0), grads.get(1));
        for (int i = 0; i < v.size(); i++) {
            assertArrayEquals(preds.get(0).get(i).path(), preds.get(1).get(i).path());
            assertArrayEquals(preds.get(0).get(i).tokenConfidence(), preds.get(1).get(i).tokenConfidence(), 0.0);
        }
    }

    @Test
    void confidencesAreProbabilities() {
        for (Prediction p : trained().predict(EMB.embed(sentences()), 32)) {
            for (double c : p.tokenConfidence()) assertTrue(c > 0 && c <= 1 + 1e-9, "token confidence " + c);
            for (double c : p.spanConfidence()) assertTrue(c > 0 && c <= 1 + 1e-9, "span confidence " + c);
        }
    }

    @Test
    void truncatedOrForeignFilesFailClearly(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("m.bnm");
        trained().save(f);
        byte[] all = Files.readAllBytes(f);
        Path cut = dir.resolve("cut.bnm");
        Files.write(cut, Arrays.copyOf(all, all.length / 2));
        IOException e = assertThrows(IOException.class, () -> SequenceTagger.load(cut));
        assertTrue(e.getMessage().contains(cut.toString()), e.getMessage());
        Path foreign = dir.resolve("foreign.bnm");
        Files.writeString(foreign, "token\tO\n");
        IOException e2 = assertThrows(IOException.class, () -> SequenceTagger.load(foreign));
        assertTrue(e2.getMessage().contains("not a bioner model file"), e2.getMessage());
        // a bioner model of another kind
        Path other = dir.resolve("other.bnm");
        try (var w = org.bioner.model.ModelArchive.writer(other, "word-vectors")) {
            w.meta("x", "y");
        }
        IOException e3 = assertThrows(IOException.class, () -> SequenceTagger.load(other));
        assertTrue(e3.getMessage().contains("expected a 'tagger' model"), e3.getMessage());
    }

    @Test
    void tagDictionaryEncodesAndDecodesBioes() {
        List<Span> spans = List.of(new Span(0, 1, "Chemical"), new Span(2, 5, "Disease"));
        int[] path = TAGS.encode(6, spans);
        List<String> names = new ArrayList<>();
        for (int p : path) names.add(TAGS.name(p));
        assertEquals(List.of("S-Chemical", "O", "B-Disease", "I-Disease", "E-Disease", "O"), names);
        assertEquals(spans, TAGS.decode(path));
        for (int i = 1; i < path.length; i++) assertTrue(TAGS.allowed(path[i - 1], path[i]));
        assertTrue(!TAGS.allowed(TAGS.names().indexOf("B-Disease"), TAGS.names().indexOf("O")));
    }
}
