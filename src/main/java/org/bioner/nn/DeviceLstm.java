package org.bioner.nn;

/**
 * The recurrence of an {@link LstmLayer} for inference, on any {@link Backend}: the same steps as
 * {@link LstmLayer#forwardProjected} (per step one GEMM {@code [active, H] x [H, 4H]} over the sequences
 * still running, then the cell for those rows) issued as backend calls, so that on the GPU a step is one
 * cuBLAS call and one kernel launch and nothing leaves the device. On {@link CpuBackend} it gives the same
 * bits as {@link LstmLayer#forwardProjected} (same GEMM shapes, same cell; {@code DeviceLstmTest}). Zero
 * initial state; no backward (training stays on the layer).
 */
public final class DeviceLstm {

    private final LstmLayer layer;
    private final DeviceMirror wHh;
    private Backend backend;
    private Backend.Floats z, cells, hs;
    private long zCap, stateCap;

    public DeviceLstm(LstmLayer layer) {
        this.layer = layer;
        this.wHh = DeviceMirror.of(layer.weightHh());
    }

    public LstmLayer layer() {
        return layer;
    }

    private Backend.Floats grow(Backend b, Backend.Floats f, long need) {
        if (f != null && f.size() >= need) return f;
        if (f != null) f.release();
        return b.floats(Math.max(need, f == null ? 0 : f.size() + f.size() / 2));
    }

    /**
     * Runs every sequence of {@code p} (reversed within its length when {@code reversed}) over the
     * projected inputs at {@code proj[row * ldp + pCol ..+4H]} (token order) and writes each token's state to
     * {@code y[row * ldy + yCol ..+H]}. {@code tokenRows} holds {@code p.tokenRow(k, reversed)} for every
     * step-order row {@code k} ({@link #tokenRows}), on the same backend.
     */
    public void forwardProjected(Backend b, SequencePacking p, Backend.Ints tokenRows, Backend.Floats proj, int ldp, int pCol,
                                 Backend.Floats y, int ldy, int yCol) {
        int n = p.totalTokens(), h = layer.hiddenSize(), g = 4 * h;
        if (n == 0) return;
        if (b != backend) {
            z = cells = hs = null;
            backend = b;
        }
        z = grow(b, z, (long) p.maxActive() * g);
        cells = grow(b, cells, (long) n * h);
        hs = grow(b, hs, (long) n * h);
        Backend.Floats w = wHh.on(b);
        for (int t = 0; t < p.steps(); t++) {
            int active = p.active(t), off = p.stepOffset(t);
            int prevOff = t > 0 ? p.stepOffset(t - 1) : 0;
            if (t > 0) b.gemm(false, false, active, g, h, 1f, hs, (long) prevOff * h, h, w, 0, g, 0f, z, 0, g);
            b.lstmCell(active, h, t > 0 ? z : null, 0, proj, pCol, tokenRows, off, ldp,
                    t > 0 ? cells : null, (long) prevOff * h, cells, (long) off * h, hs, (long) off * h, h,
                    y, yCol, tokenRows, off, ldy, null, 0);
        }
    }

    /** {@code p.tokenRow(k, reversed)} for every step-order row, the index array {@link #forwardProjected} reads. */
    public static int[] tokenRows(SequencePacking p, boolean reversed) {
        int[] rows = new int[p.totalTokens()];
        for (int k = 0; k < rows.length; k++) rows[k] = p.tokenRow(k, reversed);
        return rows;
    }
}
