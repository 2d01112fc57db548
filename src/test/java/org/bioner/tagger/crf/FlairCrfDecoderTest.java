package org.bioner.tagger.crf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.bioner.corpus.Span;
import org.junit.jupiter.api.Test;

/**
 * Flair's decoding rules, checked by brute force (Viterbi path and per-token scores over every tag sequence) and
 * against spans that Flair's {@code get_spans_from_bio} returns for hand-made tag sequences (computed with it).
 */
class FlairCrfDecoderTest {

    static final List<String> TAGS = List.of("<unk>", "O", "S-X", "B-X", "E-X", "I-X", "<START>", "<STOP>");

    @Test
    void viterbiPathAndScoresMatchBruteForce() {
        Random r = new Random(5);
        int k = TAGS.size();
        for (int trial = 0; trial < 30; trial++) {
            float[] trans = new float[k * k];
            for (int i = 0; i < trans.length; i++) trans[i] = (float) r.nextGaussian();
            for (int j = 0; j < k; j++) {
                trans[6 * k + j] = -10000f; // nothing goes to START (row = to)
                trans[j * k + 7] = -10000f; // nothing leaves STOP (column = from)
            }
            FlairCrfDecoder d = new FlairCrfDecoder(TAGS, trans);
            int n = 1 + trial % 4;
            float[][] e = new float[n][k];
            for (float[] row : e) for (int j = 0; j < k; j++) row[j] = (float) (2 * r.nextGaussian());
            FlairCrfDecoder.Decoded got = d.decode(e);

            // every sequence: score = trans[y0][START] + sum e + sum trans[y_t][y_t-1] + trans[STOP][y_last]
            double best = Double.NEGATIVE_INFINITY;
            int[] bestPath = null;
            double[][] prefixBest = new double[n][k]; // best score of a prefix ending in tag j at t (what Flair softmaxes)
            for (double[] row : prefixBest) Arrays.fill(row, Double.NEGATIVE_INFINITY);
            int[] y = new int[n];
            for (long code = 0; code < Math.pow(k, n); code++) {
                long c = code;
                for (int t = 0; t < n; t++) {
                    y[t] = (int) (c % k);
                    c /= k;
                }
                double s = trans[y[0] * k + 6];
                for (int t = 0; t < n; t++) {
                    s += e[t][y[t]];
                    if (t > 0) s += trans[y[t] * k + y[t - 1]];
                    prefixBest[t][y[t]] = Math.max(prefixBest[t][y[t]], s);
                }
                s += trans[7 * k + y[n - 1]];
                if (s > best) {
                    best = s;
                    bestPath = y.clone();
                }
            }
            assertArrayEquals(bestPath, got.path(), "trial " + trial);
            for (int t = 0; t < n; t++) {
                double max = Arrays.stream(prefixBest[t]).max().orElseThrow(), sum = 0;
                for (double v : prefixBest[t]) sum += Math.exp(v - max);
                assertEquals(1 / sum, got.tokenScores()[t], 1e-9, "score of token " + t);
            }
        }
    }

    /** Spans and scores (token i scores 0.1 * (i + 1)) as Flair's get_spans_from_bio gives them. */
    static void assertSpans(String tags, String expected) {
        String[] t = tags.split(" ");
        double[] scores = new double[t.length];
        for (int i = 0; i < t.length; i++) scores[i] = 0.1 * (i + 1);
        List<Span> spans = new ArrayList<>();
        List<Double> spanScores = new ArrayList<>();
        FlairCrfDecoder.spans(t, scores, spans, spanScores);
        List<String> got = new ArrayList<>();
        for (int i = 0; i < spans.size(); i++) {
            Span s = spans.get(i);
            got.add(s.start() + "-" + s.end() + " " + s.type() + " " + String.format(java.util.Locale.ROOT, "%.4f", spanScores.get(i)));
        }
        assertEquals(expected, String.join(", ", got), tags);
    }

    @Test
    void spansFollowFlairsGetSpansFromBio() {
        assertSpans("B-X E-X E-X O S-Y", "0-3 X 0.2000, 4-5 Y 0.5000");          // E- does not close a span
        assertSpans("I-X I-X I-Y E-Y", "0-2 X 0.1500, 2-4 Y 0.3500");            // I- of another type starts one
        assertSpans("S-X E-X I-Y", "0-2 X 0.1500, 2-3 Y 0.3000");                // S- then E- of its type: one span
        assertSpans("<unk> <unk> O B-X", "0-2 nk> 0.1500, 3-4 X 0.4000");        // any tag but O is inside a span
        assertSpans("B-X I-Y I-Y E-Y", "0-1 X 0.1000, 1-4 Y 0.3000");
        assertSpans("E-X E-X S-X S-X", "0-2 X 0.1500, 2-3 X 0.3000, 3-4 X 0.4000");
        assertSpans("O _ B-X <STOP> I-X", "2-4 X 0.3500, 4-5 X 0.5000");         // the starting tag weighs 1.1
        assertSpans("E-X E-Y", "0-2 X 0.1500");                                  // a tie: the first type reached
        assertSpans("E-Y E-X", "0-2 Y 0.1500");
    }

    @Test
    void needsStartAndStopTags() {
        assertThrows(IllegalArgumentException.class, () -> new FlairCrfDecoder(List.of("O", "S-X"), new float[4]));
        assertThrows(IllegalArgumentException.class, () -> new FlairCrfDecoder(TAGS, new float[3]));
    }
}
