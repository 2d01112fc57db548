package org.bioner.embeddings.flair;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.bioner.nn.LstmMath;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * Batched inference of a {@link CharLanguageModel}: runs many character sequences at once and returns
 * the LM output (after the projection, if any) at requested positions.
 *
 * <p>Why it is fast: the input projection of layer 0 is a lookup in a precomputed
 * {@code [V, 4H]} table (encoder x W_ih + biases: no FLOPs per character); each time step does one
 * OpenBLAS sgemm {@code [n, K] x [K, 4H]} over the n sequences still running (sequences are sorted by
 * length, so finished ones drop off the end: no padding work); for layers above the first, the input and
 * recurrent products are one sgemm over {@code [h_below, h_own]}. The cell nonlinearities run in Java
 * loops the JIT vectorises ({@link LstmMath}). All buffers are allocated once per worker; nothing is
 * allocated per step. Worker threads each take an interleaved share of the sequences (with single-threaded
 * BLAS, as the launcher sets OMP_NUM_THREADS=1), which keeps both cores busy through the cell loops too.
 */
public final class CharLmRunner {

    private final CharLanguageModel lm;
    private final int h;
    private final int g;
    private final int layers;
    private final float[][][] table0;      // [V][gate][H]: encoder . W_ih0^T + b_ih0 + b_hh0
    private final float[][][] bias;        // per layer l >= 1: [gate][H] b_ih + b_hh
    private final FloatPointer[] weights;  // layer 0: W_hh^T [H, 4H]; layer l: [W_ih^T; W_hh^T] [2H, 4H]
    private final int threads;
    private final int maxBatch;

    /**
     * @param threads  worker threads (each runs a share of the sequences with its own buffers)
     * @param maxBatch most sequences one worker runs side by side
     */
    public CharLmRunner(CharLanguageModel lm, int threads, int maxBatch) {
        this.lm = lm;
        this.h = lm.hidden;
        this.g = 4 * h;
        this.layers = lm.layers;
        this.threads = Math.max(1, threads);
        this.maxBatch = Math.max(1, maxBatch);
        int v = lm.vocabularySize(), e = lm.embeddingSize;
        table0 = new float[v][4][h];
        float[] w0 = lm.weightIh[0];
        for (int c = 0; c < v; c++) {
            for (int r = 0; r < g; r++) {
                double s = (double) lm.biasIh[0][r] + lm.biasHh[0][r];
                for (int k = 0; k < e; k++) s += (double) lm.encoder[c * e + k] * w0[r * e + k];
                table0[c][r / h][r % h] = (float) s;
            }
        }
        bias = new float[layers][][];
        weights = new FloatPointer[layers];
        for (int l = 0; l < layers; l++) {
            int k = l == 0 ? h : 2 * h;
            float[] w = new float[k * g];
            if (l == 0) {
                transposeInto(lm.weightHh[0], g, h, w, 0);
            } else {
                transposeInto(lm.weightIh[l], g, h, w, 0);
                transposeInto(lm.weightHh[l], g, h, w, h * g);
                bias[l] = new float[4][h];
                for (int r = 0; r < g; r++) bias[l][r / h][r % h] = lm.biasIh[l][r] + lm.biasHh[l][r];
            }
            weights[l] = new FloatPointer(w);
        }
    }

    /** src [rows, cols] row-major -> dst[offset + c * rows + r]. */
    private static void transposeInto(float[] src, int rows, int cols, float[] dst, int offset) {
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) dst[offset + c * rows + r] = src[r * cols + c];
        }
    }

    public CharLanguageModel model() {
        return lm;
    }

    // the precomputed tables, flat and row-major, for the device route (DeviceCharLm)

    /** Layer 0's input projection table {@code [V, 4H]}: row c is character c's gates (biases included). */
    float[] table0Rows() {
        float[] t = new float[table0.length * g];
        for (int c = 0; c < table0.length; c++) for (int q = 0; q < 4; q++) System.arraycopy(table0[c][q], 0, t, c * g + q * h, h);
        return t;
    }

    /** Layer {@code l}'s step weights: {@code [H, 4H]} (layer 0) or {@code [2H, 4H]}. */
    float[] stepWeights(int l) {
        float[] w = new float[(l == 0 ? h : 2 * h) * g];
        weights[l].get(w);
        return w;
    }

    /** Layer {@code l >= 1}'s bias {@code b_ih + b_hh}, {@code [4H]}. */
    float[] biasRow(int l) {
        float[] b = new float[g];
        for (int q = 0; q < 4; q++) System.arraycopy(bias[l][q], 0, b, q * h, h);
        return b;
    }

    /**
     * The argument rule of {@link #run} (and of the device runner): positions ascend and lie inside their sequence.
     * Returns the sequence indices longest first, the order both runners batch in.
     */
    static Integer[] longestFirst(int[][] sequences, int[][] positions) {
        for (int s = 0; s < sequences.length; s++) {
            for (int p = 1; p < positions[s].length; p++) {
                if (positions[s][p] < positions[s][p - 1]) throw new IllegalArgumentException("positions must ascend");
            }
            if (positions[s].length > 0 && positions[s][positions[s].length - 1] >= sequences[s].length) {
                throw new IllegalArgumentException("position beyond the end of sequence " + s);
            }
        }
        Integer[] order = new Integer[sequences.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, Comparator.comparingInt((Integer i) -> sequences[i].length).reversed());
        return order;
    }

    /**
     * Runs the LM over each sequence (dictionary indices, delimiter and end marker included) from a zero
     * state and returns, per sequence, the output vector at each requested position.
     *
     * @param positions per sequence, ascending positions {@code < length} to return
     * @return per sequence {@code [positions.length][outputSize]}
     */
    public float[][][] run(int[][] sequences, int[][] positions) {
        int n = sequences.length;
        Integer[] order = longestFirst(sequences, positions);
        float[][][] out = new float[n][][];
        for (int s = 0; s < n; s++) out[s] = new float[positions[s].length][h];
        int workers = Math.min(threads, Math.max(1, n));
        List<int[]> shares = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            int[] share = new int[(n - w + workers - 1) / workers];
            for (int i = w, j = 0; i < n; i += workers) share[j++] = order[i];
            shares.add(share);
        }
        if (workers == 1) {
            new Worker(shares.get(0).length).runAll(shares.get(0), sequences, positions, out);
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
                Thread t = new Thread(r, "char-lm-worker");
                t.setDaemon(true);
                return t;
            });
            try {
                List<Future<?>> fs = new ArrayList<>();
                for (int[] share : shares) fs.add(pool.submit(() -> new Worker(share.length).runAll(share, sequences, positions, out)));
                for (Future<?> f : fs) f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("char LM worker failed: " + e.getCause(), e.getCause());
            } finally {
                pool.shutdownNow();
            }
        }
        if (lm.nout > 0) project(lm, out);
        return out;
    }

    /** The LM's output projection, if any, applied in place to every vector (host code on both routes). */
    static void project(CharLanguageModel lm, float[][][] out) {
        int nout = lm.nout, h = lm.hidden;
        for (float[][] seq : out) {
            for (int p = 0; p < seq.length; p++) {
                float[] x = seq[p];
                float[] y = new float[nout];
                for (int o = 0; o < nout; o++) {
                    float s = lm.projBias[o];
                    int base = o * h;
                    for (int k = 0; k < h; k++) s += lm.projWeight[base + k] * x[k];
                    y[o] = s;
                }
                seq[p] = y;
            }
        }
    }

    /** One worker's buffers; used by one thread. */
    private final class Worker {
        private final int cap;
        private final FloatPointer gates;   // [cap, 4H]
        private final FloatBuffer gatesBuf;
        private final FloatPointer[] xh;    // layer 0: [cap, H]; layer l: [cap, 2H] = [h_below, h_own]
        private final FloatBuffer[] xhBuf;
        private final float[][] z = new float[4][]; // one row's gates i, f, g, o
        private final float[][][] c;        // [layer][row][H]
        private final float[][] hRows;      // [row][H]: the current layer's new h

        /** Buffers for at most {@code sequences} (and at most maxBatch) sequences side by side. */
        Worker(int sequences) {
            cap = Math.max(1, Math.min(maxBatch, sequences));
            gates = new FloatPointer((long) cap * g);
            gatesBuf = gates.asBuffer();
            xh = new FloatPointer[layers];
            xhBuf = new FloatBuffer[layers];
            for (int l = 0; l < layers; l++) {
                xh[l] = new FloatPointer((long) cap * (l == 0 ? h : 2 * h));
                xhBuf[l] = xh[l].asBuffer();
            }
            for (int q = 0; q < 4; q++) z[q] = new float[h];
            c = new float[layers][cap][h];
            hRows = new float[cap][h];
        }

        void runAll(int[] share, int[][] seqs, int[][] positions, float[][][] out) {
            try {
                for (int from = 0; from < share.length; from += cap) {
                    runBatch(Arrays.copyOfRange(share, from, Math.min(share.length, from + cap)), seqs, positions, out);
                }
            } finally {
                gates.close();
                for (FloatPointer p : xh) p.close();
            }
        }

        /** Runs sequences sorted by descending length. */
        private void runBatch(int[] ids, int[][] seqs, int[][] positions, float[][][] out) {
            int b = ids.length;
            int[][] sq = new int[b][];
            int[][] pos = new int[b][];
            float[][][] dst = new float[b][][];
            int[] next = new int[b];
            for (int i = 0; i < b; i++) {
                sq[i] = seqs[ids[i]];
                pos[i] = positions[ids[i]];
                dst[i] = out[ids[i]];
            }
            for (int l = 0; l < layers; l++) {
                for (int r = 0; r < b; r++) Arrays.fill(c[l][r], 0f);
                int k = l == 0 ? h : 2 * h;
                for (int i = 0; i < b * k; i++) xhBuf[l].put(i, 0f);
            }
            float[] zi = z[0], zf = z[1], zg = z[2], zo = z[3];
            int steps = sq[0].length;
            int n = b;
            for (int t = 0; t < steps; t++) {
                while (n > 0 && sq[n - 1].length <= t) n--;
                for (int l = 0; l < layers; l++) {
                    int k = l == 0 ? h : 2 * h;
                    openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor, openblas_nolapack.CblasNoTrans,
                            openblas_nolapack.CblasNoTrans, n, g, k, 1f, xh[l], k, weights[l], g, 0f, gates, g);
                    for (int r = 0; r < n; r++) {
                        int base = r * g;
                        gatesBuf.get(base, zi, 0, h).get(base + h, zf, 0, h).get(base + 2 * h, zg, 0, h).get(base + 3 * h, zo, 0, h);
                        float[][] pre = l == 0 ? table0[sq[r][t]] : bias[l];
                        LstmMath.cell(zi, zf, zg, zo, pre[0], pre[1], pre[2], pre[3], c[l][r], c[l][r], hRows[r], h);
                        // own state for the next step, and the input of the layer above
                        xhBuf[l].put(l == 0 ? r * h : r * 2 * h + h, hRows[r], 0, h);
                        if (l + 1 < layers) xhBuf[l + 1].put(r * 2 * h, hRows[r], 0, h);
                    }
                }
                for (int r = 0; r < n; r++) {
                    int[] p = pos[r];
                    while (next[r] < p.length && p[next[r]] == t) {
                        System.arraycopy(hRows[r], 0, dst[r][next[r]], 0, h);
                        next[r]++;
                    }
                }
            }
        }
    }
}
