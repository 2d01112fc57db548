package org.bioner.tagger.crf;

import java.util.Arrays;
import java.util.Random;

/**
 * Linear-chain CRF over {@code K} real tags, with START and STOP modelled as separate score vectors rather than
 * extra tags. The score of a tag path {@code y} for emissions {@code e[T][K]} is
 * <pre>
 *   start[y0] + sum_t e[t][y_t] + sum_{t&gt;0} trans[y_{t-1}][y_t] + stop[y_{T-1}]
 * </pre>
 * and {@code p(y|x) = exp(score(y) - logZ)}. Forward/backward run in log space with doubles (max-shifted
 * log-sum-exp), O(T*K^2) per sentence.
 *
 * <p>Parameters are stored as doubles ({@link #parametersAsDouble()}, {@link #setParameters(double[])}). Flat
 * layout: transitions {@code [K][K]} (row = from, column = to, row-major), then {@code start[K]}, then
 * {@code stop[K]}. The public API is what the tagger uses (float emissions in, doubles out); the
 * double-precision overloads and the float views of parameters and gradient exist for the finite-difference
 * and brute-force tests and are package-private.
 *
 * <p>Initialisation: every parameter uniform in {@code [-0.1, 0.1)} from {@code new Random(seed)} (small random
 * transitions, as Flair initialises its CRF randomly; deterministic for a given seed).
 *
 * <p>Hard constraints: {@link #forbid}, {@link #forbidStart}, {@link #forbidStop} pin a parameter at
 * {@link #FORBIDDEN} (-10000, as Flair does); pinned parameters receive no gradient, are never changed by
 * {@link #applySgd} and are re-pinned by {@link #setParameters}.
 *
 * <p>Threading: an instance holds reusable work buffers (grown to the longest sentence seen), so it must be used
 * by one thread at a time.
 */
public final class LinearChainCrf {

    /** Score of a forbidden transition / start / stop (as in Flair). */
    public static final float FORBIDDEN = -10000f;
    /** Half-width of the uniform initialisation interval. */
    public static final double INIT_RANGE = 0.1;

    private final int k;
    private final int startOffset;
    private final int stopOffset;
    private final double[] params;
    private final double[] grad;
    private final boolean[] pinned;

    // Work buffers, flat [T*K]; grown on demand, never shrunk.
    private int capacity;
    private double[] em = new double[0];
    private double[] alpha = new double[0];
    private double[] beta = new double[0];
    private int[] backPointers = new int[0];
    private final double[] scratch;

    public LinearChainCrf(int numTags, long seed) {
        this(numTags);
        Random random = new Random(seed);
        for (int p = 0; p < params.length; p++) {
            params[p] = (2 * random.nextDouble() - 1) * INIT_RANGE;
        }
    }

    private LinearChainCrf(int numTags) {
        if (numTags < 1) {
            throw new IllegalArgumentException("CRF needs at least one tag, got " + numTags);
        }
        this.k = numTags;
        this.startOffset = numTags * numTags;
        this.stopOffset = startOffset + numTags;
        int n = stopOffset + numTags;
        this.params = new double[n];
        this.grad = new double[n];
        this.pinned = new boolean[n];
        this.scratch = new double[numTags];
    }

    public int numTags() {
        return k;
    }

    /** Number of parameters: {@code K*K + 2K}. */
    public int numParameters() {
        return params.length;
    }

    // ---------------------------------------------------------------- likelihood and gradients

    /**
     * NLL = logZ - score(gold) for one sentence. ADDS dNLL/dEmissions (marginals - one-hot gold) into
     * {@code gradEmissions} (skipped when it is null) and dNLL/dParameters into the internal gradient buffer.
     */
    public double negLogLikelihood(float[][] emissions, int[] gold, float[][] gradEmissions) {
        int t = loadEmissions(emissions);
        double nll = checkedNll(t, gold, gradEmissions);
        for (int s = 0; gradEmissions != null && s < t; s++) {
            for (int j = 0; j < k; j++) gradEmissions[s][j] += (float) em[s * k + j];
        }
        return nll;
    }

    /** Double-precision variant of {@link #negLogLikelihood(float[][], int[], float[][])}, for the gradient checks. */
    double negLogLikelihood(double[][] emissions, int[] gold, double[][] gradEmissions) {
        int t = loadEmissions(emissions);
        double nll = checkedNll(t, gold, gradEmissions);
        for (int s = 0; gradEmissions != null && s < t; s++) {
            for (int j = 0; j < k; j++) gradEmissions[s][j] += em[s * k + j];
        }
        return nll;
    }

    private double checkedNll(int t, int[] gold, Object[] gradEmissions) {
        checkTags(gold, t, "gold");
        if (gradEmissions != null) checkShape(gradEmissions, t, "gradEmissions");
        return nllAndGradient(t, gold);
    }

    /**
     * Runs forward-backward on the loaded emissions, accumulates the parameter gradient and leaves
     * dNLL/dEmissions in {@code em} (overwriting the emissions, which are no longer needed).
     */
    private double nllAndGradient(int t, int[] gold) {
        double logZ = forward(t);
        backward(t);
        double goldScore = score(t, gold);

        // Pairwise marginals p(y_s = i, y_{s+1} = j) for the transition gradient; needs em intact.
        for (int s = 0; s + 1 < t; s++) {
            int a = s * k;
            int b = (s + 1) * k;
            for (int j = 0; j < k; j++) scratch[j] = em[b + j] + beta[b + j] - logZ;
            for (int i = 0; i < k; i++) {
                double ai = alpha[a + i];
                int row = i * k;
                for (int j = 0; j < k; j++) {
                    if (!pinned[row + j]) grad[row + j] += Math.exp(ai + params[row + j] + scratch[j]);
                }
            }
            int g = gold[s] * k + gold[s + 1];
            if (!pinned[g]) grad[g] -= 1.0;
        }
        // Unary marginals -> emission gradient (into em), start and stop gradients.
        for (int s = 0; s < t; s++) {
            int base = s * k;
            for (int j = 0; j < k; j++) em[base + j] = Math.exp(alpha[base + j] + beta[base + j] - logZ);
        }
        int last = (t - 1) * k;
        for (int j = 0; j < k; j++) {
            if (!pinned[startOffset + j]) grad[startOffset + j] += em[j];
            if (!pinned[stopOffset + j]) grad[stopOffset + j] += em[last + j];
        }
        if (!pinned[startOffset + gold[0]]) grad[startOffset + gold[0]] -= 1.0;
        if (!pinned[stopOffset + gold[t - 1]]) grad[stopOffset + gold[t - 1]] -= 1.0;
        for (int s = 0; s < t; s++) em[s * k + gold[s]] -= 1.0;
        return logZ - goldScore;
    }

    /** log of the partition function: log-sum-exp of the scores of all K^T paths. */
    double logPartition(float[][] emissions) {
        return forward(loadEmissions(emissions));
    }

    double logPartition(double[][] emissions) {
        return forward(loadEmissions(emissions));
    }

    /** Unnormalised score of one tag path. */
    double pathScore(float[][] emissions, int[] tags) {
        int t = loadEmissions(emissions);
        checkTags(tags, t, "tags");
        return score(t, tags);
    }

    double pathScore(double[][] emissions, int[] tags) {
        int t = loadEmissions(emissions);
        checkTags(tags, t, "tags");
        return score(t, tags);
    }

    /** Posterior marginals {@code p(y_t = k | x)}, [T][K], by forward-backward. */
    public double[][] marginals(float[][] emissions) {
        return marginalsOfLoaded(loadEmissions(emissions));
    }

    double[][] marginals(double[][] emissions) {
        return marginalsOfLoaded(loadEmissions(emissions));
    }

    private double[][] marginalsOfLoaded(int t) {
        double logZ = forward(t);
        backward(t);
        double[][] out = new double[t][k];
        for (int s = 0; s < t; s++) {
            int base = s * k;
            for (int j = 0; j < k; j++) out[s][j] = Math.exp(alpha[base + j] + beta[base + j] - logZ);
        }
        return out;
    }

    // ---------------------------------------------------------------- decoding

    /** Highest-scoring tag path (ties go to the lower tag id). */
    public int[] viterbi(float[][] emissions) {
        return viterbiOfLoaded(loadEmissions(emissions));
    }

    int[] viterbi(double[][] emissions) {
        return viterbiOfLoaded(loadEmissions(emissions));
    }

    private int[] viterbiOfLoaded(int t) {
        double[] delta = alpha; // reuse the forward buffer
        for (int j = 0; j < k; j++) delta[j] = params[startOffset + j] + em[j];
        for (int s = 1; s < t; s++) {
            int prev = (s - 1) * k;
            int cur = s * k;
            for (int j = 0; j < k; j++) {
                double best = Double.NEGATIVE_INFINITY;
                int arg = 0;
                for (int i = 0; i < k; i++) {
                    double v = delta[prev + i] + params[i * k + j];
                    if (v > best) {
                        best = v;
                        arg = i;
                    }
                }
                delta[cur + j] = best + em[cur + j];
                backPointers[cur + j] = arg;
            }
        }
        int last = (t - 1) * k;
        double best = Double.NEGATIVE_INFINITY;
        int arg = 0;
        for (int j = 0; j < k; j++) {
            double v = delta[last + j] + params[stopOffset + j];
            if (v > best) {
                best = v;
                arg = j;
            }
        }
        int[] path = new int[t];
        path[t - 1] = arg;
        for (int s = t - 1; s > 0; s--) path[s - 1] = backPointers[s * k + path[s]];
        return path;
    }

    /**
     * Posterior decoding: the path with the highest sum of posterior marginals {@code p(y_t | x)} (the most tags
     * right in expectation), among the paths with no forbidden start, transition or stop (ties go to the lower tag
     * id). Unlike {@link #viterbi} it need not be the most probable path; transitions only constrain it.
     */
    public int[] posteriorPath(float[][] emissions) {
        return posteriorPathOf(marginals(emissions));
    }

    int[] posteriorPath(double[][] emissions) {
        return posteriorPathOf(marginals(emissions));
    }

    /** {@link #posteriorPath(float[][])} from marginals already computed ({@link #marginals}, [T][K], T >= 1). */
    public int[] posteriorPathOf(double[][] marginals) {
        int t = marginals.length;
        if (t == 0 || marginals[0].length != k) {
            throw new IllegalArgumentException("marginals must be [T >= 1][" + k + "], got [" + t + "]"
                    + (t == 0 ? "" : "[" + marginals[0].length + "]"));
        }
        double[][] best = new double[t][k];
        int[][] from = new int[t][k];
        for (int j = 0; j < k; j++) best[0][j] = pinned[startOffset + j] ? Double.NEGATIVE_INFINITY : marginals[0][j];
        for (int s = 1; s < t; s++) {
            for (int j = 0; j < k; j++) {
                double b = Double.NEGATIVE_INFINITY;
                int arg = 0;
                for (int i = 0; i < k; i++) {
                    if (!pinned[i * k + j] && best[s - 1][i] > b) {
                        b = best[s - 1][i];
                        arg = i;
                    }
                }
                best[s][j] = b + marginals[s][j];
                from[s][j] = arg;
            }
        }
        double b = Double.NEGATIVE_INFINITY;
        int arg = 0;
        for (int j = 0; j < k; j++) {
            if (!pinned[stopOffset + j] && best[t - 1][j] > b) {
                b = best[t - 1][j];
                arg = j;
            }
        }
        int[] path = new int[t];
        path[t - 1] = arg;
        for (int s = t - 1; s > 0; s--) path[s - 1] = from[s][path[s]];
        return path;
    }

    // ---------------------------------------------------------------- log-space recursions

    /** alpha[s][j] = log sum over prefixes ending in j at s (emission at s included); returns logZ. */
    private double forward(int t) {
        for (int j = 0; j < k; j++) alpha[j] = params[startOffset + j] + em[j];
        for (int s = 1; s < t; s++) {
            int prev = (s - 1) * k;
            int cur = s * k;
            for (int j = 0; j < k; j++) {
                for (int i = 0; i < k; i++) scratch[i] = alpha[prev + i] + params[i * k + j];
                alpha[cur + j] = em[cur + j] + logSumExp(scratch, k);
            }
        }
        int last = (t - 1) * k;
        for (int j = 0; j < k; j++) scratch[j] = alpha[last + j] + params[stopOffset + j];
        return logSumExp(scratch, k);
    }

    /** beta[s][i] = log sum over suffixes after s given y_s = i (emission at s excluded, stop included). */
    private void backward(int t) {
        int last = (t - 1) * k;
        for (int i = 0; i < k; i++) beta[last + i] = params[stopOffset + i];
        for (int s = t - 2; s >= 0; s--) {
            int cur = s * k;
            int next = (s + 1) * k;
            for (int i = 0; i < k; i++) {
                int row = i * k;
                for (int j = 0; j < k; j++) scratch[j] = params[row + j] + em[next + j] + beta[next + j];
                beta[cur + i] = logSumExp(scratch, k);
            }
        }
    }

    private double score(int t, int[] tags) {
        double sc = params[startOffset + tags[0]] + params[stopOffset + tags[t - 1]];
        for (int s = 0; s < t; s++) {
            sc += em[s * k + tags[s]];
            if (s > 0) sc += params[tags[s - 1] * k + tags[s]];
        }
        return sc;
    }

    static double logSumExp(double[] v, int n) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) if (v[i] > max) max = v[i];
        if (max == Double.NEGATIVE_INFINITY || Double.isNaN(max)) return max;
        double sum = 0;
        for (int i = 0; i < n; i++) sum += Math.exp(v[i] - max);
        return max + Math.log(sum);
    }

    // ---------------------------------------------------------------- input handling

    private int loadEmissions(float[][] emissions) {
        int t = checkShape(emissions, -1, "emissions");
        ensureCapacity(t);
        for (int s = 0; s < t; s++) {
            float[] row = emissions[s];
            int base = s * k;
            for (int j = 0; j < k; j++) em[base + j] = row[j];
        }
        return t;
    }

    private int loadEmissions(double[][] emissions) {
        int t = checkShape(emissions, -1, "emissions");
        ensureCapacity(t);
        for (int s = 0; s < t; s++) System.arraycopy(emissions[s], 0, em, s * k, k);
        return t;
    }

    /** Checks a [T][K] array (any T >= 1 when expectedT < 0) and returns T. */
    private int checkShape(Object[] rows, int expectedT, String what) {
        if (rows == null || rows.length == 0) {
            throw new IllegalArgumentException(what + ": need at least one position");
        }
        if (expectedT >= 0 && rows.length < expectedT) {
            throw new IllegalArgumentException(what + " has " + rows.length + " rows, need " + expectedT);
        }
        for (int s = 0; s < rows.length; s++) {
            int len = rows[s] instanceof float[] f ? f.length : ((double[]) rows[s]).length;
            if (len != k) {
                throw new IllegalArgumentException(what + "[" + s + "] has length " + len + ", CRF has " + k + " tags");
            }
        }
        return rows.length;
    }

    private void checkTags(int[] tags, int t, String what) {
        if (tags == null || tags.length != t) {
            throw new IllegalArgumentException(what + " length " + (tags == null ? "null" : tags.length)
                    + " differs from emissions length " + t);
        }
        for (int s = 0; s < t; s++) {
            if (tags[s] < 0 || tags[s] >= k) {
                throw new IllegalArgumentException(what + "[" + s + "] = " + tags[s] + " is not a tag id in [0," + k + ")");
            }
        }
    }

    private void ensureCapacity(int t) {
        if (t <= capacity) return;
        int cap = Math.max(t, capacity * 2);
        em = new double[cap * k];
        alpha = new double[cap * k];
        beta = new double[cap * k];
        backPointers = new int[cap * k];
        capacity = cap;
    }

    // ---------------------------------------------------------------- parameters

    /** Copy of the parameters as floats (layout in the class comment). */
    float[] parameters() {
        float[] out = new float[params.length];
        for (int p = 0; p < params.length; p++) out[p] = (float) params[p];
        return out;
    }

    public double[] parametersAsDouble() {
        return params.clone();
    }

    /** Copy of the gradient accumulated since {@link #zeroGradient()} (same layout; pinned entries are 0). */
    float[] gradient() {
        float[] out = new float[grad.length];
        for (int p = 0; p < grad.length; p++) out[p] = (float) grad[p];
        return out;
    }

    double[] gradientAsDouble() {
        return grad.clone();
    }

    /** Squared L2 norm of the accumulated gradient (for global-norm clipping across the whole model). */
    public double gradientSquaredNorm() {
        double sum = 0;
        for (double g : grad) sum += g * g;
        return sum;
    }

    public void zeroGradient() {
        Arrays.fill(grad, 0.0);
    }

    /** Sets all parameters (layout in the class comment); pinned (forbidden) entries stay at {@link #FORBIDDEN}. */
    void setParameters(float[] flat) {
        checkLength(flat.length);
        for (int p = 0; p < params.length; p++) params[p] = pinned[p] ? FORBIDDEN : flat[p];
    }

    public void setParameters(double[] flat) {
        checkLength(flat.length);
        for (int p = 0; p < params.length; p++) params[p] = pinned[p] ? FORBIDDEN : flat[p];
    }

    private void checkLength(int n) {
        if (n != params.length) {
            throw new IllegalArgumentException("expected " + params.length + " CRF parameters (K=" + k + "), got " + n);
        }
    }

    /**
     * {@code params = (1 - weight) params + weight source.params}, skipping pinned entries (they stay
     * {@link #FORBIDDEN}): moves this CRF toward another over the same tags, the CRF side of
     * {@code nn.Param.blendFrom} (a running average of a training tagger, {@code tagger.WeightAverage}).
     */
    public void blendFrom(LinearChainCrf source, double weight) {
        if (source.params.length != params.length || !Arrays.equals(source.pinned, pinned)) {
            throw new IllegalArgumentException("blending a CRF over other tags or constraints (K=" + source.k + " into K=" + k + ")");
        }
        for (int p = 0; p < params.length; p++) {
            if (!pinned[p]) params[p] = (1 - weight) * params[p] + weight * source.params[p];
        }
    }

    /** {@code params -= lr * gradScale * grad}, skipping pinned entries. Does not zero the gradient. */
    public void applySgd(float lr, float gradScale) {
        double step = (double) lr * gradScale;
        for (int p = 0; p < params.length; p++) if (!pinned[p]) params[p] -= step * grad[p];
    }

    // ---------------------------------------------------------------- constraints

    /** Forbids the transition {@code fromTag -> toTag}: fixed at {@link #FORBIDDEN}, never updated. */
    public void forbid(int fromTag, int toTag) {
        checkTag(fromTag);
        checkTag(toTag);
        pin(fromTag * k + toTag);
    }

    /** Forbids a sentence from starting with {@code tag}. */
    public void forbidStart(int tag) {
        checkTag(tag);
        pin(startOffset + tag);
    }

    /** Forbids a sentence from ending with {@code tag}. */
    public void forbidStop(int tag) {
        checkTag(tag);
        pin(stopOffset + tag);
    }

    boolean isForbidden(int fromTag, int toTag) {
        return pinned[fromTag * k + toTag];
    }

    boolean isStartForbidden(int tag) {
        return pinned[startOffset + tag];
    }

    boolean isStopForbidden(int tag) {
        return pinned[stopOffset + tag];
    }

    private void pin(int p) {
        pinned[p] = true;
        params[p] = FORBIDDEN;
        grad[p] = 0;
    }

    private void checkTag(int tag) {
        if (tag < 0 || tag >= k) throw new IllegalArgumentException("tag id " + tag + " not in [0," + k + ")");
    }
}
