package org.bioner.tagger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import org.bioner.corpus.Span;
import org.bioner.embeddings.CharCodeEmbeddings;
import org.bioner.embeddings.EmbeddingsLoader;
import org.bioner.embeddings.TokenEmbeddings;
import org.bioner.model.ModelArchive;
import org.bioner.nn.Param;
import org.bioner.tagger.SequenceTagger.HyperParameters;
import org.bioner.tagger.SequenceTagger.Prediction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Character-level word features ({@link CharWordEncoder} behind a {@code chars:L} embeddings part): the codes' layout,
 * finite-difference checks of the encoder alone (shown to reject a gradient with its two halves swapped) and of the
 * whole tagger with the input dropouts on (the gradient reaches the characters through the reprojection, or without
 * one through the LSTMs, scaled by the dropouts' factors), "packed == alone", and the model file round trip.
 */
class CharWordEncoderTest {

    static final String SPEC = "random:6:seed=9+chars:8";
    static final TagDictionary TAGS = new TagDictionary(List.of("Disease"));

    static List<List<String>> sentences() {
        return List.of(List.of("nephritis", "and", "a", "hepatitis", "B"), List.of("ok", ""), List.of("IL-2", "α-syn", "x"));
    }

    static List<int[]> gold() {
        return List.of(TAGS.encode(5, List.of(new Span(0, 1, "Disease"), new Span(3, 5, "Disease"))), TAGS.encode(2, List.of()),
                TAGS.encode(3, List.of(new Span(1, 2, "Disease"))));
    }

    static List<float[][]> embed(String spec) throws IOException {
        return EmbeddingsLoader.load(spec, null).embed(sentences());
    }

    @Test
    void codesKeepTheHeadAndTailOfALongTokenAndSurviveFloat16() {
        CharCodeEmbeddings c = new CharCodeEmbeddings(6);
        assertArrayEquals(new float[] {'a', 'b', 0, 0, 0, 0}, c.codes("ab"));
        // 11 characters into 6: the first 3 and the last 3
        assertArrayEquals(new float[] {'n', 'e', 'p', 'i', 't', 'i'}, c.codes("nephrititi"));
        assertArrayEquals(new float[] {'n', 'e', 'p', 'i', 't', 'i'}, c.codes("nephrosititi"));
        // Greek is itself; a CJK character or an emoji (two UTF-16 units, one code point) is OTHER
        assertArrayEquals(new float[] {0x3B1, CharCodeEmbeddings.OTHER, CharCodeEmbeddings.OTHER, 0, 0, 0}, c.codes("α中😀"));
        assertEquals(3, CharCodeEmbeddings.characters(c.codes("α中😀"), 0, 6));
        for (int code = 0; code <= CharCodeEmbeddings.OTHER; code++) {
            assertEquals(code, ModelArchive.Half.toFloat(ModelArchive.Half.fromFloat(code)), "code " + code + " through float16");
        }
        assertEquals(8, CharCodeEmbeddings.codesIn("glove:g.bnm+chars:8+corpus:A,B:use=A"));
        assertEquals(0, CharCodeEmbeddings.codesIn("glove:g.bnm+corpus:A,B:use=A"));
        assertThrows(IllegalArgumentException.class, () -> CharCodeEmbeddings.codesIn("chars:8+glove:g.bnm"));
        assertEquals("glove:g.bnm+chars:8+corpus:A,B:use=A", CharCodeEmbeddings.withCodes("glove:g.bnm+corpus:A,B:use=A", 8));
        assertEquals("glove:g.bnm+flair:f.bnm+chars:8", CharCodeEmbeddings.withCodes("glove:g.bnm+flair:f.bnm", 8));
        assertEquals("glove:g.bnm+corpus:A,B:use=A", CharCodeEmbeddings.withoutCodes(CharCodeEmbeddings.withCodes("glove:g.bnm+corpus:A,B:use=A", 8)));
        assertThrows(IllegalArgumentException.class, () -> CharCodeEmbeddings.withCodes("glove:g.bnm+chars:8", 8));
    }

    /** Loss {@code sum(w * features)} of the encoder for one batch. */
    private static double weighted(CharWordEncoder enc, List<float[][]> v, float[] w) {
        float[] f = enc.forward(v, 6);
        double s = 0;
        for (int i = 0; i < f.length; i++) s += (double) w[i] * f[i];
        return s;
    }

    /** How many sampled entries of {@code analytic} (the gradients left in {@code params}) finite differences reject. */
    private static int rejected(List<Param> params, java.util.function.DoubleSupplier loss, Set<Integer> tableRows, int e) {
        Random pick = new Random(2);
        double eps = 1e-2;
        int bad = 0;
        List<Integer> rows = new ArrayList<>(tableRows);
        for (Param p : params) {
            float[] analytic = p.gradients();
            for (int k = 0; k < 12; k++) {
                // the table: only rows of characters in the batch have a gradient
                int i = p.name().equals("chars.embedding") ? rows.get(pick.nextInt(rows.size())) * e + pick.nextInt(e) : pick.nextInt(p.size());
                float orig = p.get(i);
                p.set(i, (float) (orig + eps));
                double up = loss.getAsDouble();
                p.set(i, (float) (orig - eps));
                double down = loss.getAsDouble();
                p.set(i, orig);
                double numeric = (up - down) / (2 * eps);
                if (Math.abs(numeric - analytic[i]) > 2e-3 + 2e-2 * Math.abs(numeric)) bad++;
            }
        }
        return bad;
    }

    private static Set<Integer> codesOf(List<float[][]> v, int offset, int l) {
        Set<Integer> s = new TreeSet<>();
        for (float[][] sent : v) for (float[] tok : sent) {
            int n = CharCodeEmbeddings.characters(tok, offset, l);
            if (n == 0) s.add(0);
            for (int i = 0; i < n; i++) s.add((int) tok[offset + i]);
        }
        return s;
    }

    @Test
    void encoderGradientsMatchFiniteDifferencesAndTheCheckRejectsSwappedHalves() throws IOException {
        CharWordEncoder enc = CharWordEncoder.init(8, 5, 4, new Random(3));
        List<float[][]> v = embed(SPEC);
        int n = v.stream().mapToInt(a -> a.length).sum();
        float[] w = new float[n * enc.width()];
        Random r = new Random(4);
        for (int i = 0; i < w.length; i++) w[i] = (float) r.nextGaussian();
        enc.forward(v, 6);
        enc.backward(w);
        Set<Integer> rows = codesOf(v, 6, 8);
        assertTrue(rows.contains(0) && rows.contains(0x3B1), "the empty token and α are in the batch");
        assertEquals(0, rejected(enc.params(), () -> weighted(enc, v, w), rows, 5));
        // the same check on the gradient of a layout bug (each token's forward and backward halves swapped) fails
        float[] swapped = new float[w.length];
        int c = enc.hidden();
        for (int t = 0; t < n; t++) {
            System.arraycopy(w, t * 2 * c, swapped, t * 2 * c + c, c);
            System.arraycopy(w, t * 2 * c + c, swapped, t * 2 * c, c);
        }
        enc.forward(v, 6);
        enc.backward(swapped);
        assertTrue(rejected(enc.params(), () -> weighted(enc, v, w), rows, 5) > 20);
    }

    @Test
    void taggerGradientsReachTheCharactersThroughTheDropouts() throws IOException {
        for (boolean reproject : new boolean[] {true, false}) {
            // dropouts on: the same Random gives the same masks on every call, so the loss stays one function
            SequenceTagger t = SequenceTagger.create(TAGS, SPEC, 14, new HyperParameters(4, reproject, 0.2f, 0.5f), 5);
            assertEquals(6 + 2 * CharWordEncoder.FLAIR_HIDDEN, t.networkInputDimension());
            List<float[][]> v = embed(SPEC);
            t.computeGradients(v, gold(), new Random(1));
            List<Param> params = t.parameters().stream().filter(p -> p.name().startsWith("chars.") || p.name().startsWith("reproject")).toList();
            assertEquals(reproject ? 9 : 7, params.size());
            double norm = 0;
            for (Param p : params) norm += p.gradientSquaredNorm();
            assertTrue(norm > 0, "the characters get a gradient");
            int bad = rejected(params, () -> t.computeGradients(v, gold(), new Random(1)), codesOf(v, 6, 8), CharWordEncoder.FLAIR_EMBEDDING);
            assertEquals(0, bad, "reproject " + reproject);
        }
    }

    static SequenceTagger trained() throws IOException {
        SequenceTagger t = SequenceTagger.create(TAGS, SPEC, 14, new HyperParameters(6, true, 0.05f, 0.5f), 11);
        List<float[][]> v = embed(SPEC);
        Random rng = new Random(3);
        for (int i = 0; i < 5; i++) {
            t.computeGradients(v, gold(), rng);
            t.applySgd(0.1f, 1f);
        }
        return t;
    }

    @Test
    void aSentenceTagsTheSameAloneAsInABatch() throws IOException {
        SequenceTaggerTest.assertEachSentenceTagsAsAlone(trained(), embed(SPEC));
    }

    @Test
    void theModelFileKeepsTheEncoder(@TempDir Path dir) throws IOException {
        SequenceTagger t = trained();
        Path f = dir.resolve("tagger.bnm");
        t.save(f);
        assertEquals("4", ModelArchive.open(f, SequenceTagger.KIND).meta("tagger.format.version"));
        SequenceTagger u = SequenceTagger.load(f);
        assertArrayEquals(t.allParameters(), u.allParameters());
        List<float[][]> v = embed(SPEC);
        List<Prediction> p = t.predict(v, 2), q = u.predict(v, 2);
        for (int i = 0; i < p.size(); i++) assertArrayEquals(p.get(i).tokenConfidence(), q.get(i).tokenConfidence(), 0, "sentence " + i);
        // the loaded model reads its own spec, codes included: one character more changes the token's confidence
        TokenEmbeddings e = u.embeddings();
        assertEquals(14, e.dimension());
        double one = u.tag(List.of(List.of("colitis")), null, 1).get(0).tokenConfidence()[0];
        float[][] sameVector = {e.embed(List.of(List.of("colitis"))).get(0)[0].clone()};
        sameVector[0][6 + 7] = 's'; // "colitis" + "s" as codes, the word vector unchanged
        assertNotEquals(one, u.predict(java.util.Collections.singletonList(sameVector), 1).get(0).tokenConfidence()[0]);
    }
}
