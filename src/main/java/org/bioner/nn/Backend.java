package org.bioner.nn;

/**
 * The operations the networks run on a device, over arrays that live there: GEMM, a row broadcast, the
 * LSTM cell of one time step for a batch of rows, and a row gather. Two implementations: {@link CpuBackend}
 * (OpenBLAS and {@link LstmMath}, host memory) and {@code nn.cuda.CudaBackend} (cuBLAS and NVRTC-compiled
 * kernels, GPU memory). Drivers that are written once against this interface ({@link DeviceLstm},
 * {@code DeviceCharLm}) therefore run unchanged on both, and the CPU instance is the reference the GPU
 * results are compared with. The default CPU code paths of the tagger and the LMs do not go through this
 * interface (they stay as they were, bit for bit); a network takes the backend route when it is given a
 * non-CPU backend.
 *
 * <p>All matrices are row-major floats; offsets and leading dimensions count elements. Calls are ordered
 * (one stream); {@link #download} waits for the work before it. Not thread-safe: callers serialise use of a
 * backend (the drivers lock it for a whole batch).
 */
public interface Backend extends AutoCloseable {

    /** Floats in device memory. */
    interface Floats {
        long size();

        /** Frees the memory now (otherwise when the backend closes). Idempotent. */
        void release();
    }

    /** 32-bit ints in device memory (row indices). */
    interface Ints {
        long size();

        void release();
    }

    Device device();

    /** One line: the device and the libraries in use. */
    String describe();

    /** {@code n} floats, zeroed. */
    Floats floats(long n);

    /**
     * A work buffer of at least {@code need} floats: {@code f} itself when it is large enough (its contents kept),
     * otherwise {@code f} released (it may be null) and a new zeroed one, 1.5x {@code f}'s size if that is more, so
     * that buffers following a growing batch size are reallocated rarely.
     */
    default Floats grow(Floats f, long need) {
        if (f != null && f.size() >= need) return f;
        if (f != null) f.release();
        return floats(Math.max(need, f == null ? 0 : f.size() + f.size() / 2));
    }

    /** A device copy of {@code values}. */
    Ints ints(int[] values);

    /** Copies {@code n} floats from {@code src[srcOff..]} to {@code dst[dstOff..]}. */
    void upload(float[] src, int srcOff, Floats dst, long dstOff, int n);

    /** Copies {@code n} floats from host memory {@code src[srcOff..]} (a native buffer) to {@code dst[dstOff..]}. */
    void upload(NativeBuffer src, long srcOff, Floats dst, long dstOff, long n);

    /** Copies {@code n} floats from {@code src[srcOff..]} to {@code dst[dstOff..]}, after all work queued before. */
    void download(Floats src, long srcOff, float[] dst, int dstOff, int n);

    /** Copies {@code n} floats from {@code src[srcOff..]} to the native buffer {@code dst[dstOff..]}. */
    void download(Floats src, long srcOff, NativeBuffer dst, long dstOff, long n);

    /** Sets {@code n} floats from {@code off} to zero. */
    void zero(Floats a, long off, long n);

    /** {@code C = alpha op(A) op(B) + beta C}, row-major, as {@link Blas#gemm}. */
    void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha, Floats a, long aOff, int lda,
              Floats b, long bOff, int ldb, float beta, Floats c, long cOff, int ldc);

    /** {@code out[r * width + j] = row[j]} for {@code r < rows}, {@code j < width}. */
    void fillRows(Floats row, int width, int rows, Floats out);

    /**
     * One LSTM step (gates i, f, g, o, {@link LstmMath#cell}'s arithmetic) for rows {@code r < active}:
     * <ul>
     * <li>pre-activations: {@code z[zOff + r * 4H + q * H + j]} (the recurrent product; {@code z == null}:
     * zero) plus {@code pre[preOff + pi * ldp + q * H + j]} with {@code pi = preIdx[preIdxOff + r]}
     * ({@code preIdx == null}: {@code pi = r}; {@code ldp == 0} broadcasts one row, e.g. a bias);</li>
     * <li>{@code c[cOff + r * H + j] = f * cPrev[cPrevOff + r * H + j] + i * g} ({@code cPrev == null}: zero;
     * {@code cPrev} may be {@code c}, updated in place);</li>
     * <li>{@code h = o * tanh(c)} written to {@code hA[hAOff + r * ldA + j]} and, unless {@code hB == null},
     * to {@code hB[hBOff + bi * ldB + j]} with {@code bi = hBIdx[hBIdxOff + r]} ({@code hBIdx == null}:
     * {@code r});</li>
     * <li>when {@code acts != null}, the gate activations to {@code acts[actsOff + r * 4H ..]}.</li>
     * </ul>
     */
    void lstmCell(int active, int h, Floats z, long zOff, Floats pre, long preOff, Ints preIdx, int preIdxOff, int ldp,
                  Floats cPrev, long cPrevOff, Floats c, long cOff, Floats hA, long hAOff, int ldA,
                  Floats hB, long hBOff, Ints hBIdx, int hBIdxOff, int ldB, Floats acts, long actsOff);

    /** {@code dst[dstOff + i * width + j] = src[srcOff + idx[idxOff + i] * ld + j]} for {@code i < count}. */
    void gatherRows(Floats src, long srcOff, int ld, Ints idx, int idxOff, int count, int width, Floats dst, long dstOff);

    /** Copies {@code n} floats within the device, {@code src[srcOff..]} to {@code dst[dstOff..]} (not overlapping). */
    void copy(Floats src, long srcOff, Floats dst, long dstOff, long n);

    /** {@code out[i] = a[i] * b[i]} for {@code i < n}; {@code out} may be {@code a}. */
    void multiply(Floats a, Floats b, Floats out, long n);

    /**
     * The backward pass of one LSTM step ({@code LstmLayer}'s cell backward) for rows {@code r < active}, given
     * the step's gate activations {@code acts[actsOff + r * 4H ..]}, cell states {@code c[cOff + r * H ..]}, the
     * previous ones {@code cPrev[cPrevOff + r * H ..]} ({@code null}: zero), {@code dL/dh} from the output
     * {@code dy[dyOff + di * lddy + j]} with {@code di = dyIdx[dyIdxOff + r]} plus, for {@code r < next}, the
     * recurrent {@code dhRec[r * H + j]} and {@code dL/dc} {@code dcRec[r * H + j]} (zero for {@code r >= next}).
     * Writes the pre-activation gradients to {@code dz[dzOff + r * 4H ..]} and to the token row
     * {@code dzTok[di * 4H ..]}, and {@code dL/dc} of the previous step to {@code dcRec[r * H + j]}.
     */
    void lstmCellBackward(int active, int next, int h, Floats acts, long actsOff, Floats c, long cOff,
                          Floats cPrev, long cPrevOff, Floats dy, long dyOff, Ints dyIdx, int dyIdxOff, int lddy,
                          Floats dhRec, Floats dcRec, Floats dz, long dzOff, Floats dzTok);

    /** Waits for all queued work. */
    void synchronize();

    /** Frees everything this backend allocated. The shared instances of {@link Backends} are never closed by callers. */
    @Override
    void close();
}
