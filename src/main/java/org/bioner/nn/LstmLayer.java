package org.bioner.nn;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * One direction of an LSTM over a batch of variable-length sequences, forward and backward through time,
 * with PyTorch's equations and gate order (i, f, g, o):
 * {@code z = x W_ih + h W_hh + b; c' = sig(f) c + sig(i) tanh(g); h' = sig(o) tanh(c')}, zero initial state
 * unless {@link #setInitialState} gives one (truncated backprop through time: the state carried from the
 * previous chunk, treated as a constant).
 * {@code W_ih} is {@code [in, 4H]}, {@code W_hh} {@code [H, 4H]} (PyTorch's transposed), {@code b} is
 * PyTorch's {@code b_ih + b_hh}.
 *
 * <p>Work layout (see {@link SequencePacking}): the input projection of every token of the batch is one
 * gemm; each step is one gemm {@code [active, H] x [H, 4H]} over the sequences still running, plus the
 * cell in Java loops the JIT vectorises. The forward pass keeps the gate activations and cell states for
 * {@link #backward}, which runs the recurrence backwards (one gemm per step for the state gradient) and
 * then gets the weight gradients and the input gradient as one gemm each. Buffers grow with the largest
 * batch seen; nothing is allocated per step. Not thread-safe: one batch at a time.
 */
public final class LstmLayer {

    private final int in;
    private final int h;
    private final int g;
    private final Param wIh;
    private final Param wHh;
    private final Param bias;

    // state of the last forward pass, kept for backward
    private SequencePacking packing;
    private boolean reversed;
    private NativeBuffer input;              // null after forwardProjected
    private final NativeBuffer gx = new NativeBuffer(1);     // token order [N, 4H]: x W_ih + b; in backward: dz
    private final NativeBuffer z = new NativeBuffer(1);      // [active, 4H]: one step's h W_hh
    private final NativeBuffer acts = new NativeBuffer(1);   // step order [N, 4H]: gate activations
    private final NativeBuffer cells = new NativeBuffer(1);  // step order [N, H]
    private final NativeBuffer hs = new NativeBuffer(1);     // step order [N, H]
    private final NativeBuffer dz = new NativeBuffer(1);     // step order [N, 4H]: pre-activation gradients
    private final NativeBuffer dhRec = new NativeBuffer(1);  // [active, H]: dL/dh from the following step
    private final NativeBuffer hPrev = new NativeBuffer(1);  // step order [N, H]: the state each step read
    private float[][] dcRec = new float[0][];                // per active row: dL/dc from the following step
    private boolean hasInitial;
    private boolean initialUsed;                             // whether the last forward started from h0/c0                              // set by setInitialState, for the next forward
    private final NativeBuffer h0 = new NativeBuffer(1);     // step order [sequences, H]: initial h
    private final NativeBuffer c0 = new NativeBuffer(1);     // step order [sequences, H]: initial c

    // one row's work arrays, all indexed from 0 so the JIT vectorises the loops
    private final float[] zi, zf, zg, zo, ri, rf, rg, ro, cPrev, c, hRow, dh, dc, tc, zeros;
    private final float[] biasRow;
    private final float[] gateRow;

    public LstmLayer(String name, int in, int hidden) {
        this.in = in;
        this.h = hidden;
        this.g = 4 * hidden;
        wIh = new Param(name + ".weight_ih", in, g);
        wHh = new Param(name + ".weight_hh", hidden, g);
        bias = new Param(name + ".bias", g);
        zi = new float[h];
        zf = new float[h];
        zg = new float[h];
        zo = new float[h];
        ri = new float[h];
        rf = new float[h];
        rg = new float[h];
        ro = new float[h];
        cPrev = new float[h];
        c = new float[h];
        hRow = new float[h];
        dh = new float[h];
        dc = new float[h];
        tc = new float[h];
        zeros = new float[h];
        biasRow = new float[g];
        gateRow = new float[g];
    }

    /**
     * PyTorch's nn.LSTM initialisation: W_ih, W_hh, b_ih, b_hh all U(-1/sqrt(H), 1/sqrt(H)) (b = b_ih + b_hh),
     * drawn in that order.
     */
    public static LstmLayer init(String name, int in, int hidden, Random r) {
        LstmLayer l = new LstmLayer(name, in, hidden);
        float k = (float) (1.0 / Math.sqrt(hidden));
        l.wIh.initUniform(r, k);
        l.wHh.initUniform(r, k);
        float[] b = new float[l.g];
        for (int i = 0; i < b.length; i++) b[i] = (r.nextFloat() * 2 - 1) * k;
        for (int i = 0; i < b.length; i++) b[i] += (r.nextFloat() * 2 - 1) * k;
        l.bias.setValues(b);
        return l;
    }

    public int inputSize() {
        return in;
    }

    public int hiddenSize() {
        return h;
    }

    public Param weightIh() {
        return wIh;
    }

    public Param weightHh() {
        return wHh;
    }

    public Param bias() {
        return bias;
    }

    public List<Param> params() {
        return List.of(wIh, wHh, bias);
    }

    /**
     * Starts every sequence of {@code p} from the given state instead of zeros: row {@code s} of
     * {@code h[sequences, H]} and {@code c[sequences, H]} (input order) for sequence {@code s}. Copied, so the
     * caller may overwrite them; applies to the following forward passes until {@link #clearInitialState}.
     * No gradient flows into the initial state (it is detached, as in truncated BPTT).
     */
    public void setInitialState(SequencePacking p, NativeBuffer h, NativeBuffer c) {
        int n = p.sequences();
        h0.ensure((long) Math.max(1, n) * this.h);
        c0.ensure((long) Math.max(1, n) * this.h);
        for (int r = 0; r < n; r++) {
            int s = p.sequenceAt(r);
            NativeBuffer.copy(h, (long) s * this.h, h0, (long) r * this.h, this.h);
            NativeBuffer.copy(c, (long) s * this.h, c0, (long) r * this.h, this.h);
        }
        hasInitial = true;
    }

    /** Back to the zero initial state. */
    public void clearInitialState() {
        hasInitial = false;
    }

    /**
     * The state after the last token of each sequence of the last forward pass, written to row {@code s}
     * of {@code hOut[sequences, H]} and {@code cOut[sequences, H]} (input order). An empty sequence keeps
     * its initial state.
     */
    public void finalState(NativeBuffer hOut, NativeBuffer cOut) {
        SequencePacking p = packing;
        if (p == null) throw new IllegalStateException("finalState needs a forward pass first");
        for (int r = 0; r < p.sequences(); r++) {
            int s = p.sequenceAt(r);
            int len = p.length(s);
            if (len == 0) {
                if (hasInitial) {
                    NativeBuffer.copy(h0, (long) r * h, hOut, (long) s * h, h);
                    NativeBuffer.copy(c0, (long) r * h, cOut, (long) s * h, h);
                } else {
                    for (int j = 0; j < h; j++) {
                        hOut.set(s * h + j, 0f);
                        cOut.set(s * h + j, 0f);
                    }
                }
                continue;
            }
            long k = (long) p.stepOffset(len - 1) + r;
            NativeBuffer.copy(hs, k * h, hOut, (long) s * h, h);
            NativeBuffer.copy(cells, k * h, cOut, (long) s * h, h);
        }
    }

    /**
     * Runs the LSTM over every sequence of {@code p} (each reversed within its length when
     * {@code reversed}), reading token-order rows {@code x[N, in]} and writing each token's state to
     * {@code y[row * ldy + yCol ..+H]}. Keeps what {@link #backward} needs; {@code x} must stay unchanged
     * until then.
     */
    public void forward(SequencePacking p, boolean reversed, NativeBuffer x, NativeBuffer y, int ldy, int yCol) {
        int n = p.totalTokens();
        gx.ensure((long) Math.max(1, n) * g);
        // input projection of all tokens at once, bias included
        LinearLayer.fillRows(bias.value, g, n, gx);
        Blas.gemm(false, false, n, g, in, 1f, x, 0, in, wIh.value, 0, g, 1f, gx, 0, g);
        recur(p, reversed, gx, g, 0, y, ldy, yCol);
        this.input = x;
    }

    /**
     * The recurrence alone, for callers that computed the input projection {@code x W_ih + b} themselves
     * (token-order rows at {@code proj[row * ldp + pCol ..+4H]}; e.g. both directions and a preceding linear
     * layer folded into one gemm for inference). No {@link #backward} after this.
     */
    public void forwardProjected(SequencePacking p, boolean reversed, NativeBuffer proj, int ldp, int pCol,
                                 NativeBuffer y, int ldy, int yCol) {
        recur(p, reversed, proj, ldp, pCol, y, ldy, yCol);
        this.input = null;
    }

    private void recur(SequencePacking p, boolean reversed, NativeBuffer proj, int ldp, int pCol,
                       NativeBuffer y, int ldy, int yCol) {
        this.packing = p;
        this.initialUsed = hasInitial;
        this.reversed = reversed;
        int n = p.totalTokens();
        if (n == 0) return;
        z.ensure((long) p.maxActive() * g);
        acts.ensure((long) n * g);
        cells.ensure((long) n * h);
        hs.ensure((long) n * h);
        for (int t = 0; t < p.steps(); t++) {
            int active = p.active(t), off = p.stepOffset(t);
            int prevOff = t > 0 ? p.stepOffset(t - 1) : 0;
            boolean fromState = t > 0 || hasInitial;
            if (t > 0) Blas.gemm(false, false, active, g, h, 1f, hs, (long) prevOff * h, h, wHh.value, 0, g, 0f, z, 0, g);
            else if (hasInitial) Blas.gemm(false, false, active, g, h, 1f, h0, 0, h, wHh.value, 0, g, 0f, z, 0, g);
            for (int r = 0; r < active; r++) {
                int k = off + r;
                int row = p.tokenRow(k, reversed);
                int base = row * ldp + pCol;
                proj.get(base, zi, h);
                proj.get(base + h, zf, h);
                proj.get(base + 2 * h, zg, h);
                proj.get(base + 3 * h, zo, h);
                float[] cp;
                if (fromState) {
                    z.get(r * g, ri, h);
                    z.get(r * g + h, rf, h);
                    z.get(r * g + 2 * h, rg, h);
                    z.get(r * g + 3 * h, ro, h);
                    if (t > 0) cells.get((prevOff + r) * h, cPrev, h);
                    else c0.get(r * h, cPrev, h);
                    cp = cPrev;
                    LstmMath.cell(zi, zf, zg, zo, ri, rf, rg, ro, cp, c, hRow, h);
                } else {
                    LstmMath.cell(zi, zf, zg, zo, zeros, zeros, zeros, zeros, zeros, c, hRow, h);
                }
                acts.put(k * g, zi, h);
                acts.put(k * g + h, zf, h);
                acts.put(k * g + 2 * h, zg, h);
                acts.put(k * g + 3 * h, zo, h);
                cells.put(k * h, c, h);
                hs.put(k * h, hRow, h);
                y.put(row * ldy + yCol, hRow, h);
            }
        }
    }

    /**
     * Backpropagation through time for the last {@link #forward}: given {@code dL/dy} at
     * {@code dy[row * lddy + dyCol ..+H]}, sets the gradients of W_ih, W_hh and b (overwriting them) and,
     * when {@code dx} is not null, writes {@code dL/dx} to token-order rows {@code dx[N, in]} (added to
     * what is there when {@code accumulate}).
     */
    public void backward(NativeBuffer dy, int lddy, int dyCol, NativeBuffer dx, boolean accumulate) {
        SequencePacking p = packing;
        if (p == null || input == null) throw new IllegalStateException("backward needs a forward() pass first");
        int n = p.totalTokens();
        if (n == 0) {
            wIh.grad.zero(wIh.size());
            wHh.grad.zero(wHh.size());
            bias.grad.zero(bias.size());
            return;
        }
        int maxActive = p.maxActive();
        dz.ensure((long) n * g);
        dhRec.ensure((long) maxActive * h);
        hPrev.ensure((long) n * h);
        if (dcRec.length < maxActive) {
            dcRec = new float[maxActive][h];
        }
        NativeBuffer dzTok = gx; // the input projection is not needed any more
        for (int t = p.steps() - 1; t >= 0; t--) {
            int active = p.active(t), off = p.stepOffset(t);
            int next = t + 1 < p.steps() ? p.active(t + 1) : 0;
            int prevOff = t > 0 ? p.stepOffset(t - 1) : 0;
            for (int r = 0; r < active; r++) {
                int k = off + r;
                int row = p.tokenRow(k, reversed);
                dy.get(row * lddy + dyCol, dh, h);
                if (r < next) {
                    dhRec.get(r * h, hRow, h);
                    for (int j = 0; j < h; j++) dh[j] += hRow[j];
                    System.arraycopy(dcRec[r], 0, dc, 0, h);
                } else {
                    Arrays.fill(dc, 0f);
                }
                acts.get(k * g, zi, h);
                acts.get(k * g + h, zf, h);
                acts.get(k * g + 2 * h, zg, h);
                acts.get(k * g + 3 * h, zo, h);
                cells.get(k * h, c, h);
                float[] cp = zeros;
                if (t > 0) {
                    cells.get((prevOff + r) * h, cPrev, h);
                    cp = cPrev;
                } else if (initialUsed) {
                    c0.get(r * h, cPrev, h);
                    cp = cPrev;
                }
                cellBackward(zi, zf, zg, zo, c, cp, dh, dc, tc, ri, rf, rg, ro, dcRec[r], h);
                dz.put(k * g, ri, h);
                dz.put(k * g + h, rf, h);
                dz.put(k * g + 2 * h, rg, h);
                dz.put(k * g + 3 * h, ro, h);
                int base = row * g;
                dzTok.put(base, ri, h);
                dzTok.put(base + h, rf, h);
                dzTok.put(base + 2 * h, rg, h);
                dzTok.put(base + 3 * h, ro, h);
            }
            // the state this step read: dL/dh_{t-1} = dz_t W_hh^T (rows of the active sequences)
            if (t > 0) Blas.gemm(false, true, active, h, g, 1f, dz, (long) off * g, g, wHh.value, 0, g, 0f, dhRec, 0, h);
        }
        // h_{t-1} per step-order row (zero at t = 0), so that dW_hh is one gemm
        if (initialUsed) NativeBuffer.copy(h0, 0, hPrev, 0, (long) p.active(0) * h);
        else hPrev.zero((long) p.active(0) * h);
        for (int t = 1; t < p.steps(); t++) {
            NativeBuffer.copy(hs, (long) p.stepOffset(t - 1) * h, hPrev, (long) p.stepOffset(t) * h, (long) p.active(t) * h);
        }
        Blas.gemm(true, false, h, g, n, 1f, hPrev, 0, h, dz, 0, g, 0f, wHh.grad, 0, g);
        Blas.gemm(true, false, in, g, n, 1f, input, 0, in, dzTok, 0, g, 0f, wIh.grad, 0, g);
        LinearLayer.columnSums(dzTok, n, g, bias.grad, gateRow, biasRow);
        if (dx != null) Blas.gemm(false, true, n, in, g, 1f, dzTok, 0, g, wIh.value, 0, g, accumulate ? 1f : 0f, dx, 0, in);
    }

    /**
     * One row of the cell's backward pass. In: activations i, f, g, o, the cell state c and the previous
     * one, dL/dh and dL/dc (from the following step) of this row. Out: pre-activation gradients
     * dzi..dzo and dL/dc of the previous step ({@code dcPrev}).
     */
    private static void cellBackward(float[] ai, float[] af, float[] ag, float[] ao, float[] c, float[] cPrev,
                                     float[] dh, float[] dc, float[] tc,
                                     float[] dzi, float[] dzf, float[] dzg, float[] dzo, float[] dcPrev, int h) {
        for (int j = 0; j < h; j++) tc[j] = LstmMath.tanh(c[j]);
        for (int j = 0; j < h; j++) dc[j] += dh[j] * ao[j] * (1f - tc[j] * tc[j]);
        for (int j = 0; j < h; j++) dzo[j] = dh[j] * tc[j] * ao[j] * (1f - ao[j]);
        for (int j = 0; j < h; j++) dzi[j] = dc[j] * ag[j] * ai[j] * (1f - ai[j]);
        for (int j = 0; j < h; j++) dzg[j] = dc[j] * ai[j] * (1f - ag[j] * ag[j]);
        for (int j = 0; j < h; j++) dzf[j] = dc[j] * cPrev[j] * af[j] * (1f - af[j]);
        for (int j = 0; j < h; j++) dcPrev[j] = dc[j] * af[j];
    }
}
