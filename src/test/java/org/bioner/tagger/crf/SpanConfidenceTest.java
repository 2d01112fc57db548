package org.bioner.tagger.crf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SpanConfidenceTest {

    @Test
    void tokenConfidenceIsMarginalOfDecodedTagAndSpanIsTheirProduct() {
        double[][] m = {{0.9, 0.1, 0.0}, {0.2, 0.7, 0.1}, {0.5, 0.25, 0.25}};
        int[] decoded = {0, 1, 2};
        assertArrayEquals(new double[] {0.9, 0.7, 0.25}, SpanConfidence.tokenConfidences(m, decoded), 0.0);
        assertEquals(0.9 * 0.7, SpanConfidence.spanConfidence(m, decoded, 0, 2), 1e-15);
        assertEquals(0.7 * 0.25, SpanConfidence.spanConfidence(m, decoded, 1, 3), 1e-15);
        assertEquals(0.25, SpanConfidence.spanConfidence(m, decoded, 2, 3), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> SpanConfidence.spanConfidence(m, decoded, 2, 4));
        assertThrows(IllegalArgumentException.class, () -> SpanConfidence.spanConfidence(m, decoded, 1, 1));
    }

    @Test
    void worksWithCrfOutputs() {
        LinearChainCrf crf = new LinearChainCrf(3, 5);
        float[][] e = {{4, 0, 0}, {0, 4, 0}, {0, 3.9f, 4}};
        int[] path = crf.viterbi(e);
        double[] conf = SpanConfidence.tokenConfidences(crf.marginals(e), path);
        assertTrue(conf[0] > 0.9 && conf[1] > 0.9, "clear tokens are confident");
        assertTrue(conf[2] < 0.6, "an almost-tied token is not");
        double span = SpanConfidence.spanConfidence(conf, 0, 3);
        assertTrue(span <= conf[2] && span > 0);
    }
}
