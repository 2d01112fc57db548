package org.bioner.embeddings.glove;

import org.bioner.model.ModelArchive;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * GloVe (Pennington et al. 2014) trained with AdaGrad on a {@link Cooccurrences} matrix, one thread, following
 * the reference {@code glove.c}: cost {@code f(X_ij) (w_i . w~_j + b_i + b~_j - log X_ij)^2} with
 * {@code f(x) = min(1, (x/x_max)^alpha)}, AdaGrad accumulators starting at 1, weights initialised uniformly in
 * {@code [-0.5, 0.5)/dim}, entries visited in one fixed shuffled order (as glove.c). The final word vector is {@code W + W~}.
 *
 * <p>Each stored unordered pair {@code i < j} makes two updates, (i, j) and (j, i), and a diagonal entry one,
 * which is exactly one pass over the full symmetric matrix.
 */
public final class GloveTrainer {

    public static final String CHECKPOINT_KIND = "glove-checkpoint";

    /** Hyper-parameters (defaults are the paper's / {@code glove.c}'s). */
    public record Config(int dimension, double xMax, double alpha, double learningRate, long seed) {
        public static Config defaults() {
            return new Config(100, 100.0, 0.75, 0.05, 1L);
        }
    }

    private final Config config;
    private final int vocab;
    private final int dim;
    // word vectors, context vectors, biases and their AdaGrad sums of squared gradients
    final float[] w;
    final float[] wt;
    final float[] b;
    final float[] bt;
    final float[] gw;
    final float[] gwt;
    final float[] gb;
    final float[] gbt;
    private int epochsDone;

    public GloveTrainer(int vocabSize, Config config) {
        this.config = config;
        this.vocab = vocabSize;
        this.dim = config.dimension();
        int n = vocabSize * dim;
        w = new float[n];
        wt = new float[n];
        b = new float[vocabSize];
        bt = new float[vocabSize];
        gw = new float[n];
        gwt = new float[n];
        gb = new float[vocabSize];
        gbt = new float[vocabSize];
        SplittableRandom r = new SplittableRandom(config.seed());
        for (int i = 0; i < n; i++) {
            w[i] = (float) ((r.nextDouble() - 0.5) / dim);
            wt[i] = (float) ((r.nextDouble() - 0.5) / dim);
        }
        for (int i = 0; i < vocabSize; i++) {
            b[i] = (float) ((r.nextDouble() - 0.5) / dim);
            bt[i] = (float) ((r.nextDouble() - 0.5) / dim);
        }
        java.util.Arrays.fill(gw, 1f);
        java.util.Arrays.fill(gwt, 1f);
        java.util.Arrays.fill(gb, 1f);
        java.util.Arrays.fill(gbt, 1f);
    }

    public int epochsDone() {
        return epochsDone;
    }

    public Config config() {
        return config;
    }

    /** Weighting function f(x). */
    public static double weight(double x, double xMax, double alpha) {
        return x < xMax ? Math.pow(x / xMax, alpha) : 1.0;
    }

    /**
     * One epoch over the entries in their stored order (shuffle them once first, see
     * {@link Cooccurrences#shuffle}); returns the mean cost per update, as glove.c prints it.
     */
    public double epoch(Cooccurrences x, PrintStream progress) {
        int n = x.size();
        double cost = 0;
        long updates = 0;
        long start = System.nanoTime();
        long nextReport = start + 30_000_000_000L;
        for (int p = 0; p < n; p++) {
            int i = x.row(p), j = x.col(p);
            float v = x.value(p);
            float logX = (float) Math.log(v);
            float f = (float) weight(v, config.xMax(), config.alpha());
            cost += update(i, j, logX, f);
            updates++;
            if (i != j) {
                cost += update(j, i, logX, f);
                updates++;
            }
            if (progress != null && (p & 0xffff) == 0 && System.nanoTime() > nextReport) {
                nextReport = System.nanoTime() + 30_000_000_000L;
                double s = (System.nanoTime() - start) / 1e9;
                progress.printf("  epoch %d: %.1f%% of %,d entries, cost %.5f, %.0f s, %.2f M updates/s%n",
                        epochsDone + 1, 100.0 * p / n, n, cost / updates, s, updates / s / 1e6);
            }
        }
        epochsDone++;
        return updates == 0 ? 0 : cost / updates;
    }

    // Rows are copied into these offset-0 buffers before the arithmetic: C2 (JDK 17) vectorises loops over
    // arrays indexed by the loop variable alone, but not loops over two arrays at different row offsets
    // (measured: 74 ns vs 470 ns for the AdaGrad step of one 100-d cell).
    private float[] sw, swt, sg, sgt, prod;

    /** AdaGrad step on one ordered cell (word i, context j); returns its cost 0.5 f diff^2. */
    private double update(int i, int j, float logX, float f) {
        final int a = i * dim, c = j * dim;
        if (sw == null) {
            sw = new float[dim];
            swt = new float[dim];
            sg = new float[dim];
            sgt = new float[dim];
            prod = new float[dim];
        }
        System.arraycopy(w, a, sw, 0, dim);
        System.arraycopy(wt, c, swt, 0, dim);
        float diff = dot(sw, swt, prod, dim) + b[i] + bt[j] - logX;
        float fdiff = f * diff;
        if (!Float.isFinite(fdiff)) {
            throw new IllegalStateException("GloVe diverged (non-finite gradient at words " + i + ", " + j + "); lower the learning rate");
        }
        double cost = 0.5 * fdiff * diff;
        final float step = fdiff * (float) config.learningRate();
        System.arraycopy(gw, a, sg, 0, dim);
        System.arraycopy(gwt, c, sgt, 0, dim);
        adagrad(sw, swt, sg, sgt, step, dim);
        System.arraycopy(sw, 0, w, a, dim);
        System.arraycopy(swt, 0, wt, c, dim);
        System.arraycopy(sg, 0, gw, a, dim);
        System.arraycopy(sgt, 0, gwt, c, dim);
        b[i] -= step / (float) Math.sqrt(gb[i]);
        bt[j] -= step / (float) Math.sqrt(gbt[j]);
        gb[i] += step * step;
        gbt[j] += step * step;
        return cost;
    }

    /** Dot product: vectorised products, then eight partial sums (C2 does not vectorise float reductions). */
    static float dot(float[] x, float[] y, float[] prod, int n) {
        for (int k = 0; k < n; k++) prod[k] = x[k] * y[k];
        float d0 = 0, d1 = 0, d2 = 0, d3 = 0, d4 = 0, d5 = 0, d6 = 0, d7 = 0;
        int k = 0;
        for (; k + 7 < n; k += 8) {
            d0 += prod[k];
            d1 += prod[k + 1];
            d2 += prod[k + 2];
            d3 += prod[k + 3];
            d4 += prod[k + 4];
            d5 += prod[k + 5];
            d6 += prod[k + 6];
            d7 += prod[k + 7];
        }
        for (; k < n; k++) d0 += prod[k];
        return ((d0 + d1) + (d2 + d3)) + ((d4 + d5) + (d6 + d7));
    }

    /** glove.c's AdaGrad step: both gradients use the values before this step. */
    static void adagrad(float[] wi, float[] wj, float[] gi, float[] gj, float step, int n) {
        for (int k = 0; k < n; k++) {
            float g1 = step * wj[k];
            float g2 = step * wi[k];
            wi[k] -= g1 / (float) Math.sqrt(gi[k]);
            wj[k] -= g2 / (float) Math.sqrt(gj[k]);
            gi[k] += g1 * g1;
            gj[k] += g2 * g2;
        }
    }

    /** The trained word vectors, {@code W + W~} (glove.c's default output, and the paper's choice). */
    public float[] wordVectors() {
        float[] out = new float[w.length];
        for (int i = 0; i < out.length; i++) out[i] = w[i] + wt[i];
        return out;
    }

    // ------------------------------------------------------------------ checkpoints

    /** Writes the full training state (written to a temporary file, then moved, so a crash never leaves half a file). */
    public void saveCheckpoint(Path file, Map<String, String> meta) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (ModelArchive.Writer a = ModelArchive.writer(tmp, CHECKPOINT_KIND)) {
            Map<String, String> m = new LinkedHashMap<>(meta);
            m.put("epochs.done", Integer.toString(epochsDone));
            m.put("vocab", Integer.toString(vocab));
            m.put("dimension", Integer.toString(dim));
            m.put("x_max", Double.toString(config.xMax()));
            m.put("alpha", Double.toString(config.alpha()));
            m.put("learning_rate", Double.toString(config.learningRate()));
            m.put("seed", Long.toString(config.seed()));
            m.forEach(a::meta);
            int[] mat = {vocab, dim};
            a.floats("W", w, mat, false).floats("Wt", wt, mat, false);
            a.floats("gW", gw, mat, false).floats("gWt", gwt, mat, false);
            int[] vec = {vocab};
            a.floats("b", b, vec, false).floats("bt", bt, vec, false);
            a.floats("gb", gb, vec, false).floats("gbt", gbt, vec, false);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Restores a trainer from a checkpoint; fails when it was made with other hyper-parameters or vocabulary size. */
    public static GloveTrainer loadCheckpoint(Path file, int vocabSize, Config config) throws IOException {
        ModelArchive a = ModelArchive.open(file, CHECKPOINT_KIND);
        check(a, "vocab", Integer.toString(vocabSize));
        check(a, "dimension", Integer.toString(config.dimension()));
        check(a, "x_max", Double.toString(config.xMax()));
        check(a, "alpha", Double.toString(config.alpha()));
        check(a, "learning_rate", Double.toString(config.learningRate()));
        check(a, "seed", Long.toString(config.seed()));
        GloveTrainer t = new GloveTrainer(vocabSize, config);
        copy(a, "W", t.w);
        copy(a, "Wt", t.wt);
        copy(a, "gW", t.gw);
        copy(a, "gWt", t.gwt);
        copy(a, "b", t.b);
        copy(a, "bt", t.bt);
        copy(a, "gb", t.gb);
        copy(a, "gbt", t.gbt);
        t.epochsDone = Integer.parseInt(a.meta("epochs.done"));
        return t;
    }

    private static void check(ModelArchive a, String key, String expected) throws IOException {
        String got = a.meta(key);
        if (!got.equals(expected)) {
            throw new IOException(a.source() + ": checkpoint has " + key + "=" + got + " but this run uses " + expected
                    + " (use the same options, or delete the checkpoint)");
        }
    }

    private static void copy(ModelArchive a, String name, float[] into) throws IOException {
        float[] v = a.floats(name);
        if (v.length != into.length) throw new IOException(a.source() + ": array " + name + " has the wrong size");
        System.arraycopy(v, 0, into, 0, v.length);
    }
}
