package org.bioner.nn;

/**
 * {@link Backend} on the host: arrays are {@link NativeBuffer}s, GEMM is {@link Blas#gemm} (OpenBLAS), the
 * cell is {@link LstmMath#cell} row by row with the same indexing as the CUDA kernel. It is the reference the
 * CUDA backend is compared with, and it proves the drivers written against {@link Backend} on a machine
 * without a GPU (they give the same bits as the CPU layers, {@code BackendTest}).
 */
public final class CpuBackend implements Backend {

    static final class HostFloats implements Floats {
        final NativeBuffer buf;
        final long size;

        HostFloats(long n) {
            this.size = n;
            this.buf = new NativeBuffer((int) Math.max(1, n));
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public void release() {
            // NativeBuffer memory is released by JavaCPP's deallocator
        }
    }

    static final class HostInts implements Ints {
        final int[] values;

        HostInts(int[] values) {
            this.values = values.clone();
        }

        @Override
        public long size() {
            return values.length;
        }

        @Override
        public void release() {
        }
    }

    private int h = -1;
    private float[] zi, zf, zg, zo, ri, rf, rg, ro, cPrevRow, cRow, hRow, zeros;

    @Override
    public Device device() {
        return Device.CPU;
    }

    @Override
    public String describe() {
        return "cpu: OpenBLAS (JavaCPP), " + Blas.threads() + " thread(s)";
    }

    private static NativeBuffer buf(Floats f) {
        return ((HostFloats) f).buf;
    }

    @Override
    public Floats floats(long n) {
        if (n > Integer.MAX_VALUE) throw new IllegalArgumentException("array of " + n + " floats is too large");
        return new HostFloats(n);
    }

    @Override
    public Ints ints(int[] values) {
        return new HostInts(values);
    }

    @Override
    public void upload(float[] src, int srcOff, Floats dst, long dstOff, int n) {
        if (srcOff == 0) buf(dst).put((int) dstOff, src, n);
        else for (int i = 0; i < n; i++) buf(dst).set((int) dstOff + i, src[srcOff + i]);
    }

    @Override
    public void upload(NativeBuffer src, long srcOff, Floats dst, long dstOff, long n) {
        NativeBuffer.copy(src, srcOff, buf(dst), dstOff, n);
    }

    @Override
    public void download(Floats src, long srcOff, float[] dst, int dstOff, int n) {
        if (dstOff == 0) buf(src).get((int) srcOff, dst, n);
        else for (int i = 0; i < n; i++) dst[dstOff + i] = buf(src).get((int) srcOff + i);
    }

    @Override
    public void download(Floats src, long srcOff, NativeBuffer dst, long dstOff, long n) {
        NativeBuffer.copy(buf(src), srcOff, dst, dstOff, n);
    }

    @Override
    public void zero(Floats a, long off, long n) {
        NativeBuffer b = buf(a);
        for (long i = 0; i < n; i++) b.set((int) (off + i), 0f);
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha, Floats a, long aOff, int lda,
                     Floats b, long bOff, int ldb, float beta, Floats c, long cOff, int ldc) {
        Blas.gemm(transA, transB, m, n, k, alpha, buf(a), aOff, lda, buf(b), bOff, ldb, beta, buf(c), cOff, ldc);
    }

    @Override
    public void fillRows(Floats row, int width, int rows, Floats out) {
        LinearLayer.fillRows(buf(row), width, rows, buf(out));
    }

    private void scratch(int h) {
        if (this.h == h) return;
        this.h = h;
        zi = new float[h]; zf = new float[h]; zg = new float[h]; zo = new float[h];
        ri = new float[h]; rf = new float[h]; rg = new float[h]; ro = new float[h];
        cPrevRow = new float[h]; cRow = new float[h]; hRow = new float[h]; zeros = new float[h];
    }

    @Override
    public void lstmCell(int active, int h, Floats z, long zOff, Floats pre, long preOff, Ints preIdx, int preIdxOff, int ldp,
                         Floats cPrev, long cPrevOff, Floats c, long cOff, Floats hA, long hAOff, int ldA,
                         Floats hB, long hBOff, Ints hBIdx, int hBIdxOff, int ldB, Floats acts, long actsOff) {
        scratch(h);
        int g = 4 * h;
        NativeBuffer p = buf(pre), cb = buf(c), a = buf(hA);
        int[] pIdx = preIdx == null ? null : ((HostInts) preIdx).values;
        int[] bIdx = hBIdx == null ? null : ((HostInts) hBIdx).values;
        for (int r = 0; r < active; r++) {
            int base = (int) (preOff + (long) (pIdx == null ? r : pIdx[preIdxOff + r]) * ldp);
            // the same argument order as LstmLayer.recur: projection first, recurrent product second
            p.get(base, zi, h);
            p.get(base + h, zf, h);
            p.get(base + 2 * h, zg, h);
            p.get(base + 3 * h, zo, h);
            float[] xi = zeros, xf = zeros, xg = zeros, xo = zeros, cp = zeros;
            if (z != null) {
                NativeBuffer zb = buf(z);
                int zr = (int) (zOff + (long) r * g);
                zb.get(zr, ri, h);
                zb.get(zr + h, rf, h);
                zb.get(zr + 2 * h, rg, h);
                zb.get(zr + 3 * h, ro, h);
                xi = ri; xf = rf; xg = rg; xo = ro;
            }
            if (cPrev != null) {
                buf(cPrev).get((int) (cPrevOff + (long) r * h), cPrevRow, h);
                cp = cPrevRow;
            }
            LstmMath.cell(zi, zf, zg, zo, xi, xf, xg, xo, cp, cRow, hRow, h);
            cb.put((int) (cOff + (long) r * h), cRow, h);
            a.put((int) (hAOff + (long) r * ldA), hRow, h);
            if (hB != null) {
                buf(hB).put((int) (hBOff + (long) (bIdx == null ? r : bIdx[hBIdxOff + r]) * ldB), hRow, h);
            }
            if (acts != null) {
                NativeBuffer ab = buf(acts);
                int ar = (int) (actsOff + (long) r * g);
                ab.put(ar, zi, h);
                ab.put(ar + h, zf, h);
                ab.put(ar + 2 * h, zg, h);
                ab.put(ar + 3 * h, zo, h);
            }
        }
    }

    @Override
    public void gatherRows(Floats src, long srcOff, int ld, Ints idx, int idxOff, int count, int width, Floats dst, long dstOff) {
        int[] ix = ((HostInts) idx).values;
        for (int i = 0; i < count; i++) {
            NativeBuffer.copy(buf(src), srcOff + (long) ix[idxOff + i] * ld, buf(dst), dstOff + (long) i * width, width);
        }
    }

    @Override
    public void copy(Floats src, long srcOff, Floats dst, long dstOff, long n) {
        NativeBuffer.copy(buf(src), srcOff, buf(dst), dstOff, n);
    }

    @Override
    public void multiply(Floats a, Floats b, Floats out, long n) {
        NativeBuffer x = buf(a), y = buf(b), o = buf(out);
        for (int i = 0; i < n; i++) o.set(i, x.get(i) * y.get(i));
    }

    @Override
    public void lstmCellBackward(int active, int next, int h, Floats acts, long actsOff, Floats c, long cOff,
                                 Floats cPrev, long cPrevOff, Floats dy, long dyOff, Ints dyIdx, int dyIdxOff, int lddy,
                                 Floats dhRec, Floats dcRec, Floats dz, long dzOff, Floats dzTok) {
        scratch(h);
        int g = 4 * h;
        int[] idx = ((HostInts) dyIdx).values;
        float[] dh = new float[h], dc = new float[h], tc = new float[h], dcPrev = new float[h];
        float[] ai = zi, af = zf, ag = zg, ao = zo, dzi = ri, dzf = rf, dzg = rg, dzo = ro;
        for (int r = 0; r < active; r++) {
            int row = idx[dyIdxOff + r];
            buf(dy).get((int) (dyOff + (long) row * lddy), dh, h);
            if (r < next) {
                buf(dhRec).get(r * h, hRow, h);
                for (int j = 0; j < h; j++) dh[j] += hRow[j];
                buf(dcRec).get(r * h, dc, h);
            } else {
                java.util.Arrays.fill(dc, 0f);
            }
            int a = (int) (actsOff + (long) r * g);
            buf(acts).get(a, ai, h);
            buf(acts).get(a + h, af, h);
            buf(acts).get(a + 2 * h, ag, h);
            buf(acts).get(a + 3 * h, ao, h);
            buf(c).get((int) (cOff + (long) r * h), cRow, h);
            float[] cp = zeros;
            if (cPrev != null) {
                buf(cPrev).get((int) (cPrevOff + (long) r * h), cPrevRow, h);
                cp = cPrevRow;
            }
            // LstmLayer.cellBackward, the same operations in the same order
            for (int j = 0; j < h; j++) tc[j] = LstmMath.tanh(cRow[j]);
            for (int j = 0; j < h; j++) dc[j] += dh[j] * ao[j] * (1f - tc[j] * tc[j]);
            for (int j = 0; j < h; j++) dzo[j] = dh[j] * tc[j] * ao[j] * (1f - ao[j]);
            for (int j = 0; j < h; j++) dzi[j] = dc[j] * ag[j] * ai[j] * (1f - ai[j]);
            for (int j = 0; j < h; j++) dzg[j] = dc[j] * ai[j] * (1f - ag[j] * ag[j]);
            for (int j = 0; j < h; j++) dzf[j] = dc[j] * cp[j] * af[j] * (1f - af[j]);
            for (int j = 0; j < h; j++) dcPrev[j] = dc[j] * af[j];
            int d = (int) (dzOff + (long) r * g), tok = row * g;
            NativeBuffer z = buf(dz), zt = buf(dzTok);
            z.put(d, dzi, h); z.put(d + h, dzf, h); z.put(d + 2 * h, dzg, h); z.put(d + 3 * h, dzo, h);
            zt.put(tok, dzi, h); zt.put(tok + h, dzf, h); zt.put(tok + 2 * h, dzg, h); zt.put(tok + 3 * h, dzo, h);
            buf(dcRec).put(r * h, dcPrev, h);
        }
    }

    @Override
    public void synchronize() {
    }

    @Override
    public void close() {
    }
}
