package org.bioner.embeddings.flair;

import java.util.Arrays;

import org.bioner.nn.Backend;

/**
 * {@link CharLmRunner#run} on a {@link Backend} (the GPU): the same computation as the CPU runner's
 * workers, issued as backend calls. Per batch of sequences sorted by descending length, each time step does
 * per layer one GEMM {@code [n, K] x [K, 4H]} over the n sequences still running and one cell launch (layer 0
 * adds its row of the precomputed {@code [V, 4H]} input table, gathered by character index inside the
 * kernel; upper layers add their bias); the top layer's states are kept on the device for every step, and
 * only the requested positions are gathered and copied back. The output projection runs on the host as on
 * the CPU path. On a CPU backend instance it gives the runner's bits when the batches are the same
 * ({@code DeviceCharLmTest}).
 */
final class DeviceCharLm {

    private final CharLmRunner runner;
    private final CharLanguageModel lm;
    private final int h, g, layers, maxBatch;
    private Backend backend;
    private Backend.Floats table0;
    private Backend.Floats[] weights, biases;

    DeviceCharLm(CharLmRunner runner, int maxBatch) {
        this.runner = runner;
        this.lm = runner.model();
        this.h = lm.hidden;
        this.g = 4 * h;
        this.layers = lm.layers;
        this.maxBatch = Math.max(1, maxBatch);
    }

    /** Uploads the model's tables once per backend. */
    private void prepare(Backend b) {
        if (b == backend) return;
        float[] t0 = runner.table0Rows();
        table0 = b.floats(t0.length);
        b.upload(t0, 0, table0, 0, t0.length);
        weights = new Backend.Floats[layers];
        biases = new Backend.Floats[layers];
        for (int l = 0; l < layers; l++) {
            float[] w = runner.stepWeights(l);
            weights[l] = b.floats(w.length);
            b.upload(w, 0, weights[l], 0, w.length);
            if (l > 0) {
                float[] bias = runner.biasRow(l);
                biases[l] = b.floats(g);
                b.upload(bias, 0, biases[l], 0, g);
            }
        }
        backend = b;
    }

    /** As {@link CharLmRunner#run}. */
    float[][][] run(Backend b, int[][] sequences, int[][] positions) {
        int n = sequences.length;
        Integer[] order = CharLmRunner.longestFirst(sequences, positions);
        float[][][] out = new float[n][][];
        for (int s = 0; s < n; s++) out[s] = new float[positions[s].length][];
        synchronized (b) {
            prepare(b);
            for (int from = 0; from < n; from += maxBatch) {
                int[] ids = new int[Math.min(maxBatch, n - from)];
                for (int i = 0; i < ids.length; i++) ids[i] = order[from + i];
                runBatch(b, ids, sequences, positions, out);
            }
        }
        if (lm.nout > 0) CharLmRunner.project(lm, out);
        return out;
    }

    private void runBatch(Backend b, int[] ids, int[][] seqs, int[][] positions, float[][][] out) {
        int nb = ids.length;
        int steps = seqs[ids[0]].length;
        if (steps == 0) return;
        // active sequences per step, step offsets of the recorded top-layer states, characters step-major
        int[] active = new int[steps];
        int[] stepOff = new int[steps + 1];
        int n = nb;
        for (int t = 0; t < steps; t++) {
            while (n > 0 && seqs[ids[n - 1]].length <= t) n--;
            active[t] = n;
            stepOff[t + 1] = stepOff[t] + n;
        }
        int total = stepOff[steps];
        int[] chars = new int[total];
        for (int t = 0; t < steps; t++) for (int r = 0; r < active[t]; r++) chars[stepOff[t] + r] = seqs[ids[r]][t];
        int count = 0;
        for (int id : ids) count += positions[id].length;
        int[] gather = new int[count];
        for (int r = 0, k = 0; r < nb; r++) for (int p : positions[ids[r]]) gather[k++] = stepOff[p] + r;

        Backend.Ints dChars = b.ints(chars), dGather = b.ints(gather);
        Backend.Floats gates = b.floats((long) nb * g), rec = b.floats((long) total * h), got = b.floats((long) Math.max(1, count) * h);
        Backend.Floats[] xh = new Backend.Floats[layers], c = new Backend.Floats[layers];
        for (int l = 0; l < layers; l++) {
            xh[l] = b.floats((long) nb * (l == 0 ? h : 2 * h));
            c[l] = b.floats((long) nb * h);
        }
        try {
            for (int t = 0; t < steps; t++) {
                int a = active[t];
                for (int l = 0; l < layers; l++) {
                    int k = l == 0 ? h : 2 * h;
                    b.gemm(false, false, a, g, k, 1f, xh[l], 0, k, weights[l], 0, g, 0f, gates, 0, g);
                    boolean top = l + 1 == layers;
                    b.lstmCell(a, h, gates, 0,
                            l == 0 ? table0 : biases[l], 0, l == 0 ? dChars : null, stepOff[t], l == 0 ? g : 0,
                            c[l], 0, c[l], 0,
                            xh[l], l == 0 ? 0 : h, k,                                  // own state for the next step
                            top ? rec : xh[l + 1], top ? (long) stepOff[t] * h : 0, null, 0, top ? h : 2 * h,
                            null, 0);
                }
            }
            if (count > 0) {
                b.gatherRows(rec, 0, h, dGather, 0, count, h, got, 0);
                float[] host = new float[count * h];
                b.download(got, 0, host, 0, count * h);
                for (int r = 0, k = 0; r < nb; r++) {
                    float[][] dst = out[ids[r]];
                    for (int i = 0; i < dst.length; i++, k++) dst[i] = Arrays.copyOfRange(host, k * h, (k + 1) * h);
                }
            }
        } finally {
            dChars.release();
            dGather.release();
            gates.release();
            rec.release();
            got.release();
            for (int l = 0; l < layers; l++) {
                xh[l].release();
                c[l].release();
            }
        }
    }
}
