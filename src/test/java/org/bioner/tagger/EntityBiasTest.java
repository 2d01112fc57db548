package org.bioner.tagger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.bioner.tagger.SequenceTagger.Prediction;
import org.junit.jupiter.api.Test;

/** The decoding's entity bias ({@link SequenceTagger#predict(List, int, float)}). */
class EntityBiasTest {

    private static final List<List<String>> SHORT = List.of(List.of("aspirin", "causes", "severe", "headache", "."),
            List.of("no"), List.of("x", "aspirin", "w"), List.of("severe", "aspirin", "headache", "v"));

    private static int mentionTokens(int[] path) {
        int n = 0;
        for (int y : path) if (y != 0) n++;
        return n;
    }

    /** Fails when the bias goes to O instead of the mention tags, or is left out of the decoding (both tried). */
    @Test
    void theBiasedPathHasTheHighestScorePlusBiasTimesItsMentionTokens() {
        SequenceTagger t = SequenceTaggerTest.trained();
        List<float[][]> v = SequenceTaggerTest.EMB.embed(SHORT);
        List<float[][]> em = TaggerEnsembleTest.emissionsOf(t, v);
        double[] crf = t.crf().parametersAsDouble();
        int k = t.tags().size();
        int changed = 0;
        for (float bias : new float[] {-2f, 0.7f, 3f}) {
            List<Prediction> p = t.predict(v, 32, bias);
            for (int s = 0; s < v.size(); s++) {
                int len = v.get(s).length;
                int[] best = null, y = new int[len];
                double bestScore = Double.NEGATIVE_INFINITY;
                for (long code = 0; code < Math.round(Math.pow(k, len)); code++) {
                    long c = code;
                    for (int i = 0; i < len; i++) { y[i] = (int) (c % k); c /= k; }
                    double score = TaggerEnsembleTest.pathScore(crf, k, em.get(s), y) + bias * mentionTokens(y);
                    if (score > bestScore) { bestScore = score; best = y.clone(); }
                }
                assertArrayEquals(best, p.get(s).path(), "bias " + bias + ", sentence " + s);
            }
            List<Prediction> own = t.predict(v, 32);
            for (int s = 0; s < v.size(); s++) if (!java.util.Arrays.equals(own.get(s).path(), p.get(s).path())) changed++;
        }
        assertTrue(changed > 0, "no bias changed any path: the test would not see a bias left out");
    }

    @Test
    void aLargerBiasNeverDecodesFewerMentionTokensAndZeroIsTheModelsOwnPath() {
        SequenceTagger t = SequenceTaggerTest.trained();
        List<float[][]> v = SequenceTaggerTest.EMB.embed(SequenceTaggerTest.sentences());
        List<Prediction> own = t.predict(v, 32);
        int previous = -1, first = 0, last = 0;
        for (float bias = -20f; bias <= 20f; bias += 0.5f) {
            int n = 0;
            for (Prediction p : t.predict(v, 32, bias)) n += mentionTokens(p.path());
            assertTrue(n >= previous, "bias " + bias + " decoded " + n + " mention tokens, fewer than " + previous);
            if (previous < 0) first = n;
            previous = last = n;
        }
        assertEquals(0, first, "a bias of -20 still tags mentions");
        assertEquals(15, last, "a bias of +20 leaves tokens outside mentions"); // 5 + 1 + 9 tokens
        List<Prediction> zero = t.predict(v, 32, 0f);
        for (int s = 0; s < v.size(); s++) {
            assertArrayEquals(own.get(s).path(), zero.get(s).path());
            assertArrayEquals(own.get(s).tokenConfidence(), zero.get(s).tokenConfidence(), 0.0);
        }
    }

    @Test
    void aBiasThatIsNotAFiniteNumberIsRefused() {
        SequenceTagger t = SequenceTaggerTest.trained();
        List<float[][]> v = SequenceTaggerTest.EMB.embed(SHORT);
        assertThrows(IllegalArgumentException.class, () -> t.predict(v, 32, Float.NaN));
        assertThrows(IllegalArgumentException.class, () -> t.predict(v, 32, Float.POSITIVE_INFINITY));
    }

    /** Fails when the decoding is not passed down to the CRF (the paths would be Viterbi's: the test counts changes). */
    @Test
    void posteriorDecodingTakesEachSentencesPathWithTheMostExpectedCorrectTagsFromTheBiasedScores() {
        SequenceTagger t = SequenceTaggerTest.trained();
        List<float[][]> v = SequenceTaggerTest.EMB.embed(SequenceTaggerTest.sentences());
        List<float[][]> em = TaggerEnsembleTest.emissionsOf(t, v);
        int differ = 0;
        for (float bias : new float[] {0f, 1.5f}) {
            List<Prediction> viterbi = t.predict(v, 32, bias), posterior = t.predict(v, 32, bias, Decoding.POSTERIOR);
            for (int s = 0; s < v.size(); s++) {
                float[][] e = new float[em.get(s).length][];
                for (int i = 0; i < e.length; i++) {
                    e[i] = em.get(s)[i].clone();
                    for (int k = 1; k < e[i].length; k++) e[i][k] += bias; // tag 0 is O
                }
                double[][] m = t.crf().marginals(e);
                assertArrayEquals(t.crf().posteriorPathOf(m), posterior.get(s).path(), "bias " + bias + ", sentence " + s);
                for (int i = 0; i < m.length; i++) {
                    assertEquals(m[i][posterior.get(s).path()[i]], posterior.get(s).tokenConfidence()[i], 1e-6);
                }
                if (!java.util.Arrays.equals(viterbi.get(s).path(), posterior.get(s).path())) differ++;
            }
        }
        assertTrue(differ > 0, "posterior decoding changed no path: the test would not see it left out");
    }
}
