package org.bioner.nn;

/**
 * For inference: the input projections of several LSTM layers that read the same rows (the two directions
 * of a BiLSTM), with an optional linear layer before them folded in, as one gemm:
 * {@code x (W_pre W_cat) + (b_pre W_cat + b_cat)} where {@code W_cat = [W_ih_1 | W_ih_2 | ...]}. Exact up to
 * float rounding, as there is no nonlinearity between the linear layer and the LSTMs' input projections;
 * saves the linear layer's gemm (a third of the tagger's inference FLOPs at D = 1124, H = 256). The folded
 * weights are recomputed when any of the parameters changed.
 */
public final class FoldedProjection {

    private final LinearLayer pre;
    private final LstmLayer[] lstms;
    private final int in;
    private final int width;
    private final NativeBuffer weight;
    private final NativeBuffer bias;
    private long version = -1;
    private DeviceMirror devWeight, devBias;  // for apply on a non-CPU backend, made on first use

    public FoldedProjection(LinearLayer pre, LstmLayer... lstms) {
        this.pre = pre;
        this.lstms = lstms.clone();
        int w = 0;
        for (LstmLayer l : lstms) {
            if (l.inputSize() != lstms[0].inputSize()) throw new IllegalArgumentException("LSTMs read inputs of different sizes");
            w += 4 * l.hiddenSize();
        }
        if (pre != null && pre.out() != lstms[0].inputSize()) throw new IllegalArgumentException("linear layer output != LSTM input");
        this.width = w;
        this.in = pre != null ? pre.in() : lstms[0].inputSize();
        this.weight = new NativeBuffer(in * width);
        this.bias = new NativeBuffer(width);
    }

    /** Columns of the output: {@code 4H} per LSTM, in the order given. */
    public int width() {
        return width;
    }

    /** Column where LSTM {@code i}'s gates start. */
    public int offset(int i) {
        int o = 0;
        for (int k = 0; k < i; k++) o += 4 * lstms[k].hiddenSize();
        return o;
    }

    /** {@code out[rows, width]} = the LSTMs' input projections of {@code x[rows, in]}. */
    public void apply(NativeBuffer x, int rows, NativeBuffer out) {
        refresh();
        LinearLayer.fillRows(bias, width, rows, out);
        Blas.gemm(false, false, rows, width, in, 1f, x, 0, in, weight, 0, width, 1f, out, 0, width);
    }

    /** {@link #apply} on a backend: the folded weights computed on the host, copied there once per change. */
    public void apply(Backend b, Backend.Floats x, int rows, Backend.Floats out) {
        refresh();
        if (devWeight == null) {
            devWeight = new DeviceMirror(weight, in * width, () -> version);
            devBias = new DeviceMirror(bias, width, () -> version);
        }
        b.fillRows(devBias.on(b), width, rows, out);
        b.gemm(false, false, rows, width, in, 1f, x, 0, in, devWeight.on(b), 0, width, 1f, out, 0, width);
    }

    /** Rows of the input. */
    public int in() {
        return in;
    }

    private void refresh() {
        long v = 0;
        if (pre != null) v += pre.weight().version() + pre.bias().version();
        for (LstmLayer l : lstms) for (Param p : l.params()) v += p.version();
        if (v == version) return;
        int mid = lstms[0].inputSize();
        NativeBuffer cat = pre == null ? weight : new NativeBuffer(mid * width);
        for (int i = 0; i < lstms.length; i++) {
            int g = 4 * lstms[i].hiddenSize(), col = offset(i);
            NativeBuffer w = lstms[i].weightIh().value;
            for (int r = 0; r < mid; r++) NativeBuffer.copy(w, (long) r * g, cat, (long) r * width + col, g);
            NativeBuffer.copy(lstms[i].bias().value, 0, bias, col, g);
        }
        if (pre != null) {
            Blas.gemm(false, false, in, width, mid, 1f, pre.weight().value, 0, mid, cat, 0, width, 0f, weight, 0, width);
            Blas.gemm(false, false, 1, width, mid, 1f, pre.bias().value, 0, mid, cat, 0, width, 1f, bias, 0, width);
        }
        version = v;
    }
}
