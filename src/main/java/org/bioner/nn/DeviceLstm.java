package org.bioner.nn;

/**
 * The recurrence of an {@link LstmLayer} for inference, on any {@link Backend}: the same steps as
 * {@link LstmLayer#forwardProjected} (per step one GEMM {@code [active, H] x [H, 4H]} over the sequences
 * still running, then the cell for those rows) issued as backend calls, so that on the GPU a step is one
 * cuBLAS call and one kernel launch and nothing leaves the device. On {@link CpuBackend} it gives the same
 * bits as {@link LstmLayer#forwardProjected} (same GEMM shapes, same cell; {@code BackendTest}). Zero
 * initial state. For training, {@link #forward} keeps the activations on the device and {@link #backward}
 * runs backpropagation through time there (per step one cell-backward launch and one GEMM, then the weight
 * and input gradients as one GEMM each), leaving the gradients in the layer's host {@link Param}s.
 */
public final class DeviceLstm {

    private final LstmLayer layer;
    private final DeviceMirror wHh, wIh, bias;
    private Backend backend;
    private Backend.Floats z, cells, hs;
    // training: the last forward's state, and backward's buffers
    private SequencePacking packing;
    private Backend.Ints rows;
    private Backend.Floats input, gx, acts, dz, dhRec, dcRec, hPrev, gW, gU, gB;
    private final DeviceSums sums = new DeviceSums();
    // initial state (truncated BPTT), step order [sequences, H], on the device
    private Backend.Floats h0, c0;
    private boolean hasInitial, initialUsed;

    public DeviceLstm(LstmLayer layer) {
        this.layer = layer;
        this.wHh = DeviceMirror.of(layer.weightHh());
        this.wIh = DeviceMirror.of(layer.weightIh());
        this.bias = DeviceMirror.of(layer.bias());
    }

    public LstmLayer layer() {
        return layer;
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
        bind(b);
        if (n == 0) return;
        z = b.grow(z, (long) p.maxActive() * g);
        cells = b.grow(cells, (long) n * h);
        hs = b.grow(hs, (long) n * h);
        Backend.Floats w = wHh.on(b);
        this.initialUsed = hasInitial;
        for (int t = 0; t < p.steps(); t++) {
            int active = p.active(t), off = p.stepOffset(t);
            int prevOff = t > 0 ? p.stepOffset(t - 1) : 0;
            boolean fromState = t > 0 || hasInitial;
            if (t > 0) b.gemm(false, false, active, g, h, 1f, hs, (long) prevOff * h, h, w, 0, g, 0f, z, 0, g);
            else if (hasInitial) b.gemm(false, false, active, g, h, 1f, h0, 0, h, w, 0, g, 0f, z, 0, g);
            b.lstmCell(active, h, fromState ? z : null, 0, proj, pCol, tokenRows, off, ldp,
                    t > 0 ? cells : hasInitial ? c0 : null, t > 0 ? (long) prevOff * h : 0, cells, (long) off * h, hs, (long) off * h, h,
                    y, yCol, tokenRows, off, ldy, acts == null || !training ? null : acts, (long) off * 4 * h);
        }
    }

    private boolean training;

    /** Forgets the buffers of another backend. */
    private void bind(Backend b) {
        if (b != backend) {
            z = cells = hs = gx = acts = dz = dhRec = dcRec = hPrev = gW = gU = gB = h0 = c0 = null;
            hasInitial = false;
            backend = b;
        }
    }

    /**
     * {@link LstmLayer#forward} on the backend: the input projection of all tokens ({@code x[N, in]}, token
     * order) as one GEMM, then the recurrence, keeping what {@link #backward} needs ({@code x} must stay
     * unchanged until then).
     */
    public void forward(Backend b, SequencePacking p, Backend.Ints tokenRows, Backend.Floats x, Backend.Floats y, int ldy, int yCol) {
        int n = p.totalTokens(), in = layer.inputSize(), g = 4 * layer.hiddenSize();
        bind(b);
        this.packing = p;
        this.rows = tokenRows;
        this.input = x;
        if (n == 0) return;
        gx = b.grow(gx, (long) n * g);
        acts = b.grow(acts, (long) n * g);
        b.fillRows(bias.on(b), g, n, gx);
        b.gemm(false, false, n, g, in, 1f, x, 0, in, wIh.on(b), 0, g, 1f, gx, 0, g);
        training = true;
        try {
            forwardProjected(b, p, tokenRows, gx, g, 0, y, ldy, yCol);
        } finally {
            training = false;
        }
    }

    /**
     * {@link LstmLayer#backward} on the backend for the last {@link #forward}: {@code dL/dy} at
     * {@code dy[row * lddy + dyCol ..+H]}; sets the layer's W_ih, W_hh and b gradients (host {@link Param}s)
     * and, when {@code dx} is not null, writes {@code dL/dx} token-order rows {@code dx[N, in]} (added to what
     * is there when {@code accumulate}).
     */
    public void backward(Backend b, Backend.Floats dy, int lddy, int dyCol, Backend.Floats dx, boolean accumulate) {
        SequencePacking p = packing;
        if (p == null || b != backend) throw new IllegalStateException("backward needs a forward() pass on this backend first");
        int n = p.totalTokens(), h = layer.hiddenSize(), g = 4 * h, in = layer.inputSize();
        if (n == 0) {
            layer.weightIh().grad.zero(layer.weightIh().size());
            layer.weightHh().grad.zero(layer.weightHh().size());
            layer.bias().grad.zero(layer.bias().size());
            return;
        }
        int maxActive = p.maxActive();
        dz = b.grow(dz, (long) n * g);
        dhRec = b.grow(dhRec, (long) maxActive * h);
        dcRec = b.grow(dcRec, (long) maxActive * h);
        hPrev = b.grow(hPrev, (long) n * h);
        Backend.Floats dzTok = gx; // the input projection is not needed any more
        Backend.Floats w = wHh.on(b);
        for (int t = p.steps() - 1; t >= 0; t--) {
            int active = p.active(t), off = p.stepOffset(t);
            int next = t + 1 < p.steps() ? p.active(t + 1) : 0;
            int prevOff = t > 0 ? p.stepOffset(t - 1) : 0;
            b.lstmCellBackward(active, next, h, acts, (long) off * g, cells, (long) off * h,
                    t > 0 ? cells : initialUsed ? c0 : null, t > 0 ? (long) prevOff * h : 0, dy, dyCol, rows, off, lddy,
                    dhRec, dcRec, dz, (long) off * g, dzTok);
            if (t > 0) b.gemm(false, true, active, h, g, 1f, dz, (long) off * g, g, w, 0, g, 0f, dhRec, 0, h);
        }
        // h_{t-1} per step-order row (zero at t = 0), so that dW_hh is one gemm
        if (initialUsed) b.copy(h0, 0, hPrev, 0, (long) p.active(0) * h);
        else b.zero(hPrev, 0, (long) p.active(0) * h);
        for (int t = 1; t < p.steps(); t++) {
            b.copy(hs, (long) p.stepOffset(t - 1) * h, hPrev, (long) p.stepOffset(t) * h, (long) p.active(t) * h);
        }
        gU = b.grow(gU, (long) h * g);
        gW = b.grow(gW, (long) in * g);
        gB = b.grow(gB, g);
        b.gemm(true, false, h, g, n, 1f, hPrev, 0, h, dz, 0, g, 0f, gU, 0, g);
        b.gemm(true, false, in, g, n, 1f, input, 0, in, dzTok, 0, g, 0f, gW, 0, g);
        sums.columnSums(b, dzTok, n, g, gB);
        if (dx != null) b.gemm(false, true, n, in, g, 1f, dzTok, 0, g, wIh.on(b), 0, g, accumulate ? 1f : 0f, dx, 0, in);
        b.download(gU, 0, layer.weightHh().grad, 0, (long) h * g);
        b.download(gW, 0, layer.weightIh().grad, 0, (long) in * g);
        b.download(gB, 0, layer.bias().grad, 0, g);
    }

    /**
     * {@link LstmLayer#setInitialState} on the backend: rows {@code s} of the host buffers {@code h[sequences, H]}
     * and {@code c[sequences, H]} (input order) start sequence {@code s} in the following forward passes, until
     * {@link #clearInitialState}; no gradient flows into them.
     */
    public void setInitialState(Backend b, SequencePacking p, NativeBuffer h, NativeBuffer c) {
        bind(b);
        int n = p.sequences(), hid = layer.hiddenSize();
        float[] hr = new float[Math.max(1, n) * hid], cr = new float[Math.max(1, n) * hid];
        for (int r = 0; r < n; r++) {
            int s = p.sequenceAt(r);
            h.get(s * hid, tmpRow(hid), hid);
            System.arraycopy(tmp, 0, hr, r * hid, hid);
            c.get(s * hid, tmp, hid);
            System.arraycopy(tmp, 0, cr, r * hid, hid);
        }
        h0 = b.grow(h0, (long) hr.length);
        c0 = b.grow(c0, (long) cr.length);
        b.upload(hr, 0, h0, 0, hr.length);
        b.upload(cr, 0, c0, 0, cr.length);
        hasInitial = true;
    }

    public void clearInitialState() {
        hasInitial = false;
    }

    private float[] tmp = new float[0];

    private float[] tmpRow(int n) {
        if (tmp.length < n) tmp = new float[n];
        return tmp;
    }

    /**
     * {@link LstmLayer#finalState} on the backend: the state after the last token of each sequence of the last
     * forward pass into rows {@code s} of the host buffers (an empty sequence keeps its initial state, or zero).
     */
    public void finalState(Backend b, NativeBuffer hOut, NativeBuffer cOut) {
        SequencePacking p = packing != null ? packing : null;
        if (p == null) throw new IllegalStateException("finalState needs a forward pass first");
        int hid = layer.hiddenSize();
        float[] row = tmpRow(hid);
        for (int r = 0; r < p.sequences(); r++) {
            int s = p.sequenceAt(r), len = p.length(s);
            Backend.Floats hSrc = hs, cSrc = cells;
            long k;
            if (len == 0) {
                if (!initialUsed) {
                    java.util.Arrays.fill(row, 0, hid, 0f);
                    hOut.put(s * hid, row, hid);
                    cOut.put(s * hid, row, hid);
                    continue;
                }
                hSrc = h0;
                cSrc = c0;
                k = r;
            } else {
                k = (long) p.stepOffset(len - 1) + r;
            }
            b.download(hSrc, k * hid, row, 0, hid);
            hOut.put(s * hid, row, hid);
            b.download(cSrc, k * hid, row, 0, hid);
            cOut.put(s * hid, row, hid);
        }
    }

    /** {@code p.tokenRow(k, reversed)} for every step-order row, the index array {@link #forwardProjected} reads. */
    public static int[] tokenRows(SequencePacking p, boolean reversed) {
        int[] rows = new int[p.totalTokens()];
        for (int k = 0; k < rows.length; k++) rows[k] = p.tokenRow(k, reversed);
        return rows;
    }
}
