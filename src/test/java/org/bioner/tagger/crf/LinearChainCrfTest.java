package org.bioner.tagger.crf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class LinearChainCrfTest {

    private static final double GRAD_TOL = 1e-4;

    // ------------------------------------------------------------ helpers

    private static double[][] randomEmissions(Random r, int t, int k, double scale) {
        double[][] e = new double[t][k];
        for (double[] row : e) for (int j = 0; j < k; j++) row[j] = r.nextGaussian() * scale;
        return e;
    }

    private static float[][] toFloat(double[][] e) {
        float[][] f = new float[e.length][e[0].length];
        for (int i = 0; i < e.length; i++) for (int j = 0; j < e[i].length; j++) f[i][j] = (float) e[i][j];
        return f;
    }

    private static double[][] toDouble(float[][] e) {
        double[][] d = new double[e.length][e[0].length];
        for (int i = 0; i < e.length; i++) for (int j = 0; j < e[i].length; j++) d[i][j] = e[i][j];
        return d;
    }

    private static int[] randomTags(Random r, int t, int k) {
        int[] y = new int[t];
        for (int i = 0; i < t; i++) y[i] = r.nextInt(k);
        return y;
    }

    /** CRF with larger-than-init random parameters so that every term matters. */
    private static LinearChainCrf randomCrf(Random r, int k) {
        LinearChainCrf crf = new LinearChainCrf(k, r.nextLong());
        double[] p = new double[crf.numParameters()];
        for (int i = 0; i < p.length; i++) p[i] = r.nextGaussian();
        crf.setParameters(p);
        return crf;
    }

    /** One random problem and its enumeration over every path; where names it in failure messages. */
    private record BruteForceCase(LinearChainCrf crf, double[][] e, BruteForce bf, String where) {}

    /**
     * A random CRF of k tags (constrain forbids what a test needs, before the enumeration reads the parameters) and
     * random emissions of length t, drawn from r in that order.
     */
    private static BruteForceCase bruteForceCase(Random r, int rep, int k, int t, Consumer<LinearChainCrf> constrain) {
        LinearChainCrf crf = randomCrf(r, k);
        constrain.accept(crf);
        double[][] e = randomEmissions(r, t, k, 1.5);
        return new BruteForceCase(crf, e, new BruteForce(crf.parametersAsDouble(), e), "case " + rep + " K=" + k + " T=" + t);
    }

    /** NLL without touching the gradient buffer. */
    private static double nll(LinearChainCrf crf, double[][] e, int[] gold) {
        return crf.logPartition(e) - crf.pathScore(e, gold);
    }

    /** max |a-n| / max(|a|, |n|, 1e-3): relative error, absolute below 1e-3 so rounding noise on ~0 entries is ignored. */
    private static double maxRelError(double[] analytic, double[] numeric) {
        double worst = 0;
        for (int i = 0; i < analytic.length; i++) {
            double denom = Math.max(1e-3, Math.max(Math.abs(analytic[i]), Math.abs(numeric[i])));
            worst = Math.max(worst, Math.abs(analytic[i] - numeric[i]) / denom);
        }
        return worst;
    }

    private static double[] flatten(double[][] a) {
        int n = 0;
        for (double[] row : a) n += row.length;
        double[] out = new double[n];
        int p = 0;
        for (double[] row : a) for (double v : row) out[p++] = v;
        return out;
    }

    /** Analytic and central-difference gradients for one problem: {emissionsAnalytic, emissionsNumeric, paramsAnalytic, paramsNumeric}. */
    private static double[][] gradients(LinearChainCrf crf, double[][] e, int[] gold) {
        int t = e.length;
        int k = crf.numTags();
        double[][] gE = new double[t][k];
        crf.zeroGradient();
        double value = crf.negLogLikelihood(e, gold, gE);
        assertEquals(nll(crf, e, gold), value, 1e-9);
        double[] gP = crf.gradientAsDouble();

        double h = 1e-5;
        double[][] numE = new double[t][k];
        for (int i = 0; i < t; i++) {
            for (int j = 0; j < k; j++) {
                double keep = e[i][j];
                e[i][j] = keep + h;
                double plus = nll(crf, e, gold);
                e[i][j] = keep - h;
                double minus = nll(crf, e, gold);
                e[i][j] = keep;
                numE[i][j] = (plus - minus) / (2 * h);
            }
        }
        double[] p = crf.parametersAsDouble();
        double[] numP = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            double keep = p[i];
            p[i] = keep + h;
            crf.setParameters(p);
            double plus = nll(crf, e, gold);
            p[i] = keep - h;
            crf.setParameters(p);
            double minus = nll(crf, e, gold);
            p[i] = keep;
            crf.setParameters(p);
            numP[i] = (plus - minus) / (2 * h);
        }
        return new double[][] {flatten(gE), flatten(numE), gP, numP};
    }

    // ------------------------------------------------------------ (a) gradients

    @Test
    void gradientMatchesFiniteDifferencesForEveryEmissionAndParameter() {
        Random r = new Random(1);
        int cases = 0;
        for (int k = 4; k <= 6; k++) {
            for (int t = 1; t <= 7; t++) {
                for (int rep = 0; rep < 4; rep++) {
                    LinearChainCrf crf = randomCrf(r, k);
                    double[][] e = randomEmissions(r, t, k, 2.0);
                    int[] gold = randomTags(r, t, k);
                    double[][] g = gradients(crf, e, gold);
                    String where = "K=" + k + " T=" + t + " rep=" + rep;
                    assertTrue(maxRelError(g[0], g[1]) < GRAD_TOL, "emission gradient " + where + ": " + maxRelError(g[0], g[1]));
                    assertTrue(maxRelError(g[2], g[3]) < GRAD_TOL, "parameter gradient " + where + ": " + maxRelError(g[2], g[3]));
                    cases++;
                }
            }
        }
        assertEquals(84, cases);
    }

    @Test
    void gradientCheckRejectsDeliberatelyWrongGradients() {
        Random r = new Random(2);
        int k = 5;
        LinearChainCrf crf = randomCrf(r, k);
        double[][] e = randomEmissions(r, 4, k, 2.0);
        int[] gold = randomTags(r, 4, k);
        double[][] g = gradients(crf, e, gold);
        assertTrue(maxRelError(g[2], g[3]) < GRAD_TOL);

        // transitions transposed (from/to mixed up)
        double[] transposed = g[2].clone();
        for (int i = 0; i < k; i++) for (int j = 0; j < k; j++) transposed[i * k + j] = g[2][j * k + i];
        assertTrue(maxRelError(transposed, g[3]) > GRAD_TOL);
        // stop gradient forgotten
        double[] noStop = g[2].clone();
        for (int j = 0; j < k; j++) noStop[k * k + k + j] = 0;
        assertTrue(maxRelError(noStop, g[3]) > GRAD_TOL);
        // one emission gradient off by a small 1e-3
        double[] offByLittle = g[0].clone();
        offByLittle[3] += 1e-3;
        assertTrue(maxRelError(offByLittle, g[1]) > GRAD_TOL);
        // gold term forgotten (marginals only)
        double[] marginalsOnly = g[0].clone();
        for (int i = 0; i < gold.length; i++) marginalsOnly[i * k + gold[i]] += 1;
        assertTrue(maxRelError(marginalsOnly, g[1]) > GRAD_TOL);
    }

    @Test
    void floatApiAddsSameGradientsAsDoubleApi() {
        Random r = new Random(3);
        int k = 5;
        int t = 6;
        LinearChainCrf crf = randomCrf(r, k);
        float[][] ef = toFloat(randomEmissions(r, t, k, 2.0));
        int[] gold = randomTags(r, t, k);

        float[][] gf = new float[t][k];
        gf[2][1] = 0.5f; // gradients are ADDED to what is there
        crf.zeroGradient();
        double nllF = crf.negLogLikelihood(ef, gold, gf);
        double[] gpF = crf.gradientAsDouble();

        double[][] gd = new double[t][k];
        crf.zeroGradient();
        double nllD = crf.negLogLikelihood(toDouble(ef), gold, gd);
        assertEquals(nllD, nllF, 1e-12);
        assertArrayEquals(gpF, crf.gradientAsDouble(), 1e-12);
        gd[2][1] += 0.5;
        for (int i = 0; i < t; i++) for (int j = 0; j < k; j++) assertEquals(gd[i][j], gf[i][j], 1e-6);

        // the parameter gradient accumulates across calls until zeroGradient
        crf.negLogLikelihood(ef, gold, null);
        double[] twice = crf.gradientAsDouble();
        for (int p = 0; p < twice.length; p++) assertEquals(2 * gpF[p], twice[p], 1e-9);
        float[] asFloat = crf.gradient();
        for (int p = 0; p < twice.length; p++) assertEquals(twice[p], asFloat[p], 1e-5);
        crf.zeroGradient();
        assertEquals(0.0, crf.gradientSquaredNorm());
    }

    // ------------------------------------------------------------ (b) (c) (d) against brute force

    @Test
    void viterbiLogPartitionAndMarginalsMatchBruteForce() {
        Random r = new Random(4);
        int cases = 0;
        for (int rep = 0; rep < 300; rep++) {
            int k = 2 + r.nextInt(4);          // 2..5
            int t = 1 + r.nextInt(6);          // 1..6
            if (rep % 30 == 0) {
                k = 6;
                t = 6;
            }
            BruteForceCase c = bruteForceCase(r, rep, k, t, crf -> { });
            LinearChainCrf crf = c.crf();
            double[][] e = c.e();
            BruteForce bf = c.bf();
            String where = c.where();

            int[] expected = bf.best();
            int[] path = crf.viterbi(e);
            assertArrayEquals(expected, path, where);
            assertArrayEquals(expected, crf.viterbi(toFloat(e)), where + " (float)");
            assertEquals(bf.score(expected), crf.pathScore(e, path), 1e-9, where);

            assertEquals(bf.logPartition(), crf.logPartition(e), 1e-9, where);

            double[][] m = crf.marginals(e);
            double[][] mb = bf.marginals();
            for (int i = 0; i < t; i++) {
                double sum = 0;
                for (int j = 0; j < k; j++) {
                    sum += m[i][j];
                    assertEquals(mb[i][j], m[i][j], 1e-9, where);
                }
                assertEquals(1.0, sum, 1e-12, where);
            }
            cases++;
        }
        assertEquals(300, cases);
    }

    @Test
    void logPartitionIsStableForLargeScores() {
        LinearChainCrf crf = new LinearChainCrf(3, 0);
        double[][] e = {{1000, 999, -1000}, {1000, 1000, 1000}};
        double z = crf.logPartition(e);
        assertTrue(Double.isFinite(z));
        double[] p = crf.parametersAsDouble();
        BruteForce bf = new BruteForce(p, e);
        assertEquals(bf.logPartition(), z, 1e-9);
    }

    // ------------------------------------------------------------ (e) constraints

    @Test
    void posteriorPathIsTheAllowedPathWithTheMostExpectedCorrectTagsByBruteForce() {
        Random r = new Random(9);
        int differFromViterbi = 0;
        for (int rep = 0; rep < 300; rep++) {
            int k = 3 + r.nextInt(3);          // 3..5
            int t = 1 + r.nextInt(6);          // 1..6
            BruteForceCase c = bruteForceCase(r, rep, k, t, crf -> {
                crf.forbid(0, 1);
                crf.forbid(2, 2);
                crf.forbidStart(1);
                crf.forbidStop(2);
            });
            int[] expected = c.bf().posteriorBest();
            assertArrayEquals(expected, c.crf().posteriorPath(c.e()), c.where());
            assertArrayEquals(expected, c.crf().posteriorPath(toFloat(c.e())), c.where() + " (float)");
            if (!java.util.Arrays.equals(expected, c.crf().viterbi(c.e()))) differFromViterbi++;
        }
        assertTrue(differFromViterbi > 0, "some cases must tell posterior decoding from Viterbi");
    }

    @Test
    void forbiddenTransitionsNeverDecodedAndNeverUpdated() {
        Random r = new Random(5);
        int k = 4;
        for (int rep = 0; rep < 100; rep++) {
            LinearChainCrf crf = randomCrf(r, k);
            crf.forbid(0, 1);
            crf.forbid(2, 2);
            crf.forbid(3, 0);
            crf.forbidStart(1);
            crf.forbidStop(3);
            int t = 1 + r.nextInt(6);
            double[][] e = randomEmissions(r, t, k, 50.0); // strong emissions that would want forbidden paths
            int[] path = crf.viterbi(e);
            assertFalse(path[0] == 1, "starts with forbidden tag");
            assertFalse(path[t - 1] == 3, "ends with forbidden tag");
            for (int i = 1; i < t; i++) assertFalse(crf.isForbidden(path[i - 1], path[i]), "forbidden transition decoded");
            // marginal probability of a forbidden start is 0
            assertEquals(0.0, crf.marginals(e)[0][1], 1e-300);
        }

        LinearChainCrf crf = randomCrf(r, k);
        crf.forbid(0, 1);
        crf.forbidStart(1);
        crf.forbidStop(3);
        int[] gold = {1, 0, 1, 3}; // uses every forbidden parameter
        double[][] e = randomEmissions(r, 4, k, 1.0);
        float[] before = crf.parameters();
        for (int step = 0; step < 5; step++) {
            crf.zeroGradient();
            crf.negLogLikelihood(e, gold, null);
            float[] g = crf.gradient();
            assertEquals(0f, g[0 * k + 1]);
            assertEquals(0f, g[k * k + 1]);
            assertEquals(0f, g[k * k + k + 3]);
            crf.applySgd(0.5f, 1f);
        }
        float[] after = crf.parameters();
        assertEquals(LinearChainCrf.FORBIDDEN, after[0 * k + 1]);
        assertEquals(LinearChainCrf.FORBIDDEN, after[k * k + 1]);
        assertEquals(LinearChainCrf.FORBIDDEN, after[k * k + k + 3]);
        assertTrue(after[1 * k + 0] != before[1 * k + 0], "an allowed transition must have moved");

        // setParameters cannot un-forbid
        float[] zeros = new float[crf.numParameters()];
        crf.setParameters(zeros);
        assertEquals(LinearChainCrf.FORBIDDEN, crf.parameters()[1]);
        assertEquals(0f, crf.parameters()[2]);
    }

    @Test
    void applySgdStepsAgainstTheScaledGradient() {
        Random r = new Random(6);
        LinearChainCrf crf = randomCrf(r, 3);
        double[][] e = randomEmissions(r, 3, 3, 1.0);
        crf.negLogLikelihood(e, new int[] {0, 1, 2}, null);
        double[] p0 = crf.parametersAsDouble();
        double[] g = crf.gradientAsDouble();
        crf.applySgd(0.1f, 0.5f);
        double[] p1 = crf.parametersAsDouble();
        for (int i = 0; i < p0.length; i++) assertEquals(p0[i] - 0.1f * 0.5f * g[i], p1[i], 1e-7);
    }

    @Test
    void blendFromMovesEachFreeParameterByTheWeightAndRefusesOtherConstraints() {
        LinearChainCrf a = new LinearChainCrf(3, 1), b = new LinearChainCrf(3, 2);
        a.forbid(0, 2);
        b.forbid(0, 2);
        double[] pa = a.parametersAsDouble(), pb = b.parametersAsDouble();
        a.blendFrom(b, 0.25);
        double[] blended = a.parametersAsDouble();
        for (int i = 0; i < pa.length; i++) {
            double expected = i == 2 ? LinearChainCrf.FORBIDDEN : 0.75 * pa[i] + 0.25 * pb[i];
            assertEquals(expected, blended[i], 1e-12, "parameter " + i);
        }
        LinearChainCrf unconstrained = new LinearChainCrf(3, 3);
        assertThrows(IllegalArgumentException.class, () -> a.blendFrom(unconstrained, 0.5));
        assertThrows(IllegalArgumentException.class, () -> a.blendFrom(new LinearChainCrf(4, 3), 0.5));
    }

    @Test
    void initialisationIsDeterministicAndSmall() {
        float[] a = new LinearChainCrf(6, 42).parameters();
        assertArrayEquals(a, new LinearChainCrf(6, 42).parameters());
        assertFalse(java.util.Arrays.equals(a, new LinearChainCrf(6, 43).parameters()));
        assertEquals(6 * 6 + 12, a.length);
        for (float v : a) assertTrue(Math.abs(v) <= LinearChainCrf.INIT_RANGE);
    }

    @Test
    void badInputIsRejectedClearly() {
        LinearChainCrf crf = new LinearChainCrf(3, 0);
        assertThrows(IllegalArgumentException.class, () -> crf.viterbi(new float[0][]));
        IllegalArgumentException wrongWidth = assertThrows(IllegalArgumentException.class,
                () -> crf.viterbi(new float[][] {{1, 2, 3}, {1, 2}}));
        assertTrue(wrongWidth.getMessage().contains("emissions[1]"));
        assertThrows(IllegalArgumentException.class,
                () -> crf.negLogLikelihood(new float[2][3], new int[] {0, 3}, null));
        assertThrows(IllegalArgumentException.class,
                () -> crf.negLogLikelihood(new float[2][3], new int[] {0}, null));
        assertThrows(IllegalArgumentException.class, () -> crf.setParameters(new float[5]));
        assertThrows(IllegalArgumentException.class, () -> crf.forbid(0, 3));
    }

    // ------------------------------------------------------------ (g) learning

    /**
     * Toy task: tags cycle 0 -> 1 -> 2 -> 0; only the first token's emission says which tag it has, the rest are
     * uninformative. Only the transitions can recover the gold tags, so the CRF must learn them.
     */
    @Test
    void sgdOnTransitionsLearnsAToyTaggingProblem() {
        int k = 3;
        int t = 6;
        float[][][] emissions = new float[k][t][k];
        int[][] golds = new int[k][t];
        for (int first = 0; first < k; first++) {
            emissions[first][0][first] = 3f;
            for (int i = 0; i < t; i++) golds[first][i] = (first + i) % k;
        }
        LinearChainCrf crf = new LinearChainCrf(k, 11);
        double initial = totalNll(crf, emissions, golds);
        int solvedBefore = 0;
        for (int s = 0; s < k; s++) if (java.util.Arrays.equals(golds[s], crf.viterbi(emissions[s]))) solvedBefore++;
        assertTrue(solvedBefore < k, "task must not be solved before training");
        for (int epoch = 0; epoch < 200; epoch++) {
            crf.zeroGradient();
            for (int s = 0; s < k; s++) crf.negLogLikelihood(emissions[s], golds[s], null);
            crf.applySgd(0.1f, 1f);
        }
        double trained = totalNll(crf, emissions, golds);
        assertTrue(trained < 0.05 * initial, "NLL " + initial + " -> " + trained);
        for (int s = 0; s < k; s++) assertArrayEquals(golds[s], crf.viterbi(emissions[s]));
    }

    private static double totalNll(LinearChainCrf crf, float[][][] emissions, int[][] golds) {
        double sum = 0;
        for (int s = 0; s < emissions.length; s++) {
            sum += crf.logPartition(emissions[s]) - crf.pathScore(emissions[s], golds[s]);
        }
        return sum;
    }
}
