package org.bioner.nn;

import java.util.List;
import java.util.Random;

/** A fully connected layer {@code y = x W + b} on rows of native buffers, with its gradients. */
public final class LinearLayer {

    private final int in;
    private final int out;
    private final Param weight;   // [in, out]
    private final Param bias;     // [out]
    private float[] row = new float[0];
    private float[] sum = new float[0];
    private DeviceMirror devWeight, devBias;  // for forward on a non-CPU backend, made on first use
    private Backend devBackend;
    private Backend.Floats devGradW, devGradB;
    private final DeviceSums devSums = new DeviceSums();

    public LinearLayer(String name, int in, int out) {
        this.in = in;
        this.out = out;
        this.weight = new Param(name + ".weight", in, out);
        this.bias = new Param(name + ".bias", out);
    }

    /** PyTorch's nn.Linear initialisation: weights, then bias, U(-1/sqrt(in), 1/sqrt(in)). */
    public static LinearLayer init(String name, int in, int out, Random r) {
        LinearLayer l = new LinearLayer(name, in, out);
        float bound = (float) (1.0 / Math.sqrt(in));
        l.weight.initUniform(r, bound);
        l.bias.initUniform(r, bound);
        return l;
    }

    public int in() {
        return in;
    }

    public int out() {
        return out;
    }

    public Param weight() {
        return weight;
    }

    public Param bias() {
        return bias;
    }

    public List<Param> params() {
        return List.of(weight, bias);
    }

    /** {@code y[rows, out] = x[rows, in] W + b}. */
    public void forward(NativeBuffer x, int rows, NativeBuffer y) {
        fillRows(bias.value, out, rows, y);
        Blas.gemm(false, false, rows, out, in, 1f, x, 0, in, weight.value, 0, out, 1f, y, 0, out);
    }

    /** {@code y[rows, out] = x[rows, in] W + b} on a backend (the weights copied there once per change). */
    public void forward(Backend b, Backend.Floats x, int rows, Backend.Floats y) {
        if (devWeight == null) {
            devWeight = DeviceMirror.of(weight);
            devBias = DeviceMirror.of(bias);
        }
        b.fillRows(devBias.on(b), out, rows, y);
        b.gemm(false, false, rows, out, in, 1f, x, 0, in, devWeight.on(b), 0, out, 1f, y, 0, out);
    }

    /**
     * {@link #backward} on a backend: the gradients of W and b land in the host parameters; when {@code dx}
     * is given, {@code dx = dy W^T} there (overwritten).
     */
    public void backward(Backend b, Backend.Floats x, Backend.Floats dy, int rows, Backend.Floats dx) {
        if (devWeight == null) {
            devWeight = DeviceMirror.of(weight);
            devBias = DeviceMirror.of(bias);
        }
        if (b != devBackend) {
            devGradW = b.floats((long) in * out);
            devGradB = b.floats(out);
            devBackend = b;
        }
        b.gemm(true, false, in, out, rows, 1f, x, 0, in, dy, 0, out, 0f, devGradW, 0, out);
        devSums.columnSums(b, dy, rows, out, devGradB);
        if (dx != null) b.gemm(false, true, rows, in, out, 1f, dy, 0, out, devWeight.on(b), 0, out, 0f, dx, 0, in);
        b.download(devGradW, 0, weight.grad, 0, (long) in * out);
        b.download(devGradB, 0, bias.grad, 0, out);
    }

    /**
     * Gradients of W and b for input {@code x} and output gradient {@code dy}; when {@code dx} is given,
     * also {@code dx = dy W^T} (added to {@code dx} when {@code accumulate}).
     */
    public void backward(NativeBuffer x, NativeBuffer dy, int rows, NativeBuffer dx, boolean accumulate) {
        Blas.gemm(true, false, in, out, rows, 1f, x, 0, in, dy, 0, out, 0f, weight.grad, 0, out);
        columnSums(dy, rows, out, bias.grad);
        if (dx != null) Blas.gemm(false, true, rows, in, out, 1f, dy, 0, out, weight.value, 0, out, accumulate ? 1f : 0f, dx, 0, in);
    }

    /**
     * Gradients of W and b as {@link #backward(NativeBuffer, NativeBuffer, int, NativeBuffer, boolean)}, and of the
     * input only at columns {@code [from, from + width)}: {@code dx[rows, width] = dy W[from..from+width)^T}
     * (overwritten). For a caller whose other inputs are constants (frozen embeddings beside trained features): it
     * costs {@code width / in} of the whole input gradient.
     */
    public void backward(NativeBuffer x, NativeBuffer dy, int rows, NativeBuffer dx, int from, int width) {
        if (from < 0 || width < 0 || from + width > in) {
            throw new IllegalArgumentException("input columns [" + from + ", " + (from + width) + ") outside [0, " + in + ")");
        }
        backward(x, dy, rows, null, false);
        Blas.gemm(false, true, rows, width, out, 1f, dy, 0, out, weight.value, (long) from * out, out, 0f, dx, 0, width);
    }

    /** Every row of {@code y[rows, width]} set to {@code v[0..width)}. */
    static void fillRows(NativeBuffer v, int width, int rows, NativeBuffer y) {
        for (int r = 0; r < rows; r++) NativeBuffer.copy(v, 0, y, (long) r * width, width);
    }

    /** {@code sums[j] = sum over rows of m[r, j]}. */
    void columnSums(NativeBuffer m, int rows, int width, NativeBuffer sums) {
        if (row.length < width) {
            row = new float[width];
            sum = new float[width];
        }
        columnSums(m, rows, width, sums, row, sum);
    }

    static void columnSums(NativeBuffer m, int rows, int width, NativeBuffer sums, float[] row, float[] sum) {
        java.util.Arrays.fill(sum, 0, width, 0f);
        for (int r = 0; r < rows; r++) {
            m.get(r * width, row, width);
            for (int j = 0; j < width; j++) sum[j] += row[j];
        }
        sums.put(0, sum, width);
    }
}
