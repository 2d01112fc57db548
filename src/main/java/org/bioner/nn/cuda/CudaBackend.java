package org.bioner.nn.cuda;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;

import org.bioner.nn.Backend;
import org.bioner.nn.Device;
import org.bioner.nn.DeviceUnavailableException;
import org.bioner.nn.NativeBuffer;

/**
 * {@link Backend} on one NVIDIA GPU: the CUDA driver API, cuBLAS ({@code cublasSgemm_v2}, FP32, default math
 * mode: no TF32) and three kernels compiled by NVRTC at start-up ({@link Kernels}), all bound with JNA
 * ({@link CudaLibraries}) to the libraries installed on the machine. Everything runs in order on the legacy
 * default stream of the device's primary context; copies to host memory wait for the work before them.
 * Open with {@link #open()} (through {@code Backends.open(Device.CUDA)}); it throws
 * {@link DeviceUnavailableException} with one line when there is no driver, no GPU or a library is missing.
 */
public final class CudaBackend implements Backend {

    private static final int CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR = 75;
    private static final int CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR = 76;
    private static final int BLOCK = 256;

    private final CudaLibraries.Driver cu;
    private final CudaLibraries.Cublas cublas;
    private final Pointer ctx;
    private final Pointer handle;
    private final Pointer fCell, fFill, fGather, fCellBack, fMul;
    private final String description;
    private final ThreadLocal<Boolean> current = ThreadLocal.withInitial(() -> false);
    private final List<DevArray> live = new ArrayList<>();
    private Pointer staging;            // pinned host memory for float[] copies
    private long stagingBytes;
    private final Memory argValues = new Memory(8L * 16);
    private final Memory argPointers = new Memory(8L * 16);
    private boolean closed;

    private final class DevArray implements Floats, Ints {
        final long ptr;
        final long count;
        boolean freed;

        DevArray(long ptr, long count) {
            this.ptr = ptr;
            this.count = count;
        }

        @Override
        public long size() {
            return count;
        }

        @Override
        public void release() {
            synchronized (CudaBackend.this) {
                if (freed || closed) return;
                freed = true;
                live.remove(this);
                enter();
                cu.cuMemFree_v2(ptr);
            }
        }
    }

    private CudaBackend(CudaLibraries.Driver cu, CudaLibraries.Cublas cublas, CudaLibraries.Nvrtc nvrtc) {
        this.cu = cu;
        this.cublas = cublas;
        check(cu.cuInit(0), "cuInit");
        IntByReference count = new IntByReference();
        check(cu.cuDeviceGetCount(count), "cuDeviceGetCount");
        if (count.getValue() == 0) throw new DeviceUnavailableException("--device cuda: the CUDA driver sees no GPU; run with --device cpu");
        int ordinal = Integer.getInteger("bioner.cuda.device", 0);
        if (ordinal < 0 || ordinal >= count.getValue()) {
            throw new DeviceUnavailableException("--device cuda: GPU " + ordinal + " asked for (-Dbioner.cuda.device), " + count.getValue() + " found");
        }
        IntByReference dev = new IntByReference();
        check(cu.cuDeviceGet(dev, ordinal), "cuDeviceGet");
        byte[] name = new byte[256];
        check(cu.cuDeviceGetName(name, name.length, dev.getValue()), "cuDeviceGetName");
        IntByReference major = new IntByReference(), minor = new IntByReference(), drv = new IntByReference();
        check(cu.cuDeviceGetAttribute(major, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR, dev.getValue()), "cuDeviceGetAttribute");
        check(cu.cuDeviceGetAttribute(minor, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR, dev.getValue()), "cuDeviceGetAttribute");
        check(cu.cuDriverGetVersion(drv), "cuDriverGetVersion");
        PointerByReference c = new PointerByReference();
        check(cu.cuDevicePrimaryCtxRetain(c, dev.getValue()), "cuDevicePrimaryCtxRetain");
        this.ctx = c.getValue();
        enter();
        PointerByReference h = new PointerByReference();
        checkBlas(cublas.cublasCreate_v2(h), "cublasCreate");
        this.handle = h.getValue();
        checkBlas(cublas.cublasSetMathMode(handle, 0), "cublasSetMathMode"); // CUBLAS_DEFAULT_MATH: FP32, no TF32
        IntByReference bv = new IntByReference();
        cublas.cublasGetVersion_v2(handle, bv);
        Pointer module = compile(nvrtc, major.getValue(), minor.getValue());
        this.fCell = function(module, "lstm_cell");
        this.fFill = function(module, "fill_rows");
        this.fGather = function(module, "gather_rows");
        this.fCellBack = function(module, "lstm_cell_backward");
        this.fMul = function(module, "mul");
        IntByReference nvMajor = new IntByReference(), nvMinor = new IntByReference();
        nvrtc.nvrtcVersion(nvMajor, nvMinor);
        this.description = "cuda: " + new String(name, StandardCharsets.US_ASCII).trim().replace("\0", "")
                + " (sm_" + major.getValue() + minor.getValue() + "), driver API " + version(drv.getValue())
                + ", cuBLAS " + bv.getValue() + ", NVRTC " + nvMajor.getValue() + "." + nvMinor.getValue();
    }

    private static String version(int v) {
        return (v / 1000) + "." + (v % 1000) / 10;
    }

    /**
     * Loads the driver, cuBLAS and NVRTC, creates the context and compiles the kernels; one clear line
     * ({@link DeviceUnavailableException}) when any of it is missing.
     */
    public static CudaBackend open() {
        CudaLibraries.Driver cu = CudaLibraries.load("the CUDA driver (libcuda.so.1: no NVIDIA driver on this machine?)",
                CudaLibraries.Driver.class, CudaLibraries.DRIVER_NAMES);
        CudaLibraries.Cublas cublas = CudaLibraries.load("cuBLAS (libcublas.so)", CudaLibraries.Cublas.class, CudaLibraries.CUBLAS_NAMES);
        CudaLibraries.Nvrtc nvrtc = CudaLibraries.load("NVRTC (libnvrtc.so)", CudaLibraries.Nvrtc.class, CudaLibraries.NVRTC_NAMES);
        return new CudaBackend(cu, cublas, nvrtc);
    }

    private String errorName(int err) {
        PointerByReference p = new PointerByReference();
        if (cu.cuGetErrorName(err, p) == 0 && p.getValue() != null) return p.getValue().getString(0);
        return "CUDA error " + err;
    }

    private void check(int err, String what) {
        if (err == 0) return;
        String msg = "--device cuda: " + what + " failed: " + errorName(err);
        if (err == 100 || err == 35 || err == 3 || err == 999) { // NO_DEVICE, INSUFFICIENT_DRIVER, NOT_INITIALIZED, UNKNOWN
            throw new DeviceUnavailableException(msg + "; run with --device cpu");
        }
        throw new IllegalStateException(msg);
    }

    private static void checkBlas(int status, String what) {
        if (status != 0) throw new IllegalStateException("cuBLAS " + what + " failed: status " + status);
    }

    private Pointer compile(CudaLibraries.Nvrtc nvrtc, int major, int minor) {
        String arch = "" + major + minor;
        String failure = null;
        // a cubin for the device itself; PTX (JIT-compiled by the driver) when this NVRTC does not know sm_XY
        for (boolean cubin : new boolean[] {true, false}) {
            PointerByReference prog = new PointerByReference();
            int rc = nvrtc.nvrtcCreateProgram(prog, Kernels.SOURCE, Kernels.NAME, 0, null, null);
            if (rc != 0) throw new IllegalStateException("NVRTC: nvrtcCreateProgram: " + nvrtc.nvrtcGetErrorString(rc));
            Pointer p = prog.getValue();
            try {
                String[] opts = {(cubin ? "--gpu-architecture=sm_" : "--gpu-architecture=compute_") + arch, "--fmad=false"};
                rc = nvrtc.nvrtcCompileProgram(p, opts.length, opts);
                if (rc != 0) {
                    LongByReference n = new LongByReference();
                    nvrtc.nvrtcGetProgramLogSize(p, n);
                    byte[] log = new byte[(int) Math.max(1, n.getValue())];
                    nvrtc.nvrtcGetProgramLog(p, log);
                    failure = String.join(" ", opts) + ": " + nvrtc.nvrtcGetErrorString(rc) + "\n" + new String(log, StandardCharsets.UTF_8).trim();
                    continue;
                }
                LongByReference n = new LongByReference();
                byte[] image;
                if (cubin) {
                    nvrtc.nvrtcGetCUBINSize(p, n);
                    image = new byte[(int) n.getValue()];
                    nvrtc.nvrtcGetCUBIN(p, image);
                } else {
                    nvrtc.nvrtcGetPTXSize(p, n);
                    image = new byte[(int) n.getValue()];
                    nvrtc.nvrtcGetPTX(p, image);
                }
                Memory m = new Memory(image.length + 1L);
                m.write(0, image, 0, image.length);
                m.setByte(image.length, (byte) 0);
                PointerByReference mod = new PointerByReference();
                int err = cu.cuModuleLoadData(mod, m);
                if (err != 0) {
                    failure = "cuModuleLoadData (" + (cubin ? "cubin" : "PTX") + "): " + errorName(err);
                    continue;
                }
                return mod.getValue();
            } finally {
                nvrtc.nvrtcDestroyProgram(prog);
            }
        }
        throw new IllegalStateException("NVRTC could not build the kernels for sm_" + arch + ": " + failure);
    }

    private Pointer function(Pointer module, String name) {
        PointerByReference f = new PointerByReference();
        check(cu.cuModuleGetFunction(f, module, name), "cuModuleGetFunction " + name);
        return f.getValue();
    }

    /** Makes the context current on the calling thread (once per thread). */
    private void enter() {
        if (closed) throw new IllegalStateException("the CUDA backend is closed");
        if (!current.get()) {
            check(cu.cuCtxSetCurrent(ctx), "cuCtxSetCurrent");
            current.set(true);
        }
    }

    private static long ptr(Object a) {
        return a == null ? 0L : ((DevArray) a).ptr;
    }

    @Override
    public Device device() {
        return Device.CUDA;
    }

    @Override
    public String describe() {
        return description;
    }

    private DevArray alloc(long count) {
        enter();
        LongByReference p = new LongByReference();
        check(cu.cuMemAlloc_v2(p, Math.max(4, 4 * count)), "cuMemAlloc (" + (4 * count >> 20) + " MiB)");
        DevArray a = new DevArray(p.getValue(), count);
        live.add(a);
        return a;
    }

    @Override
    public synchronized Floats floats(long n) {
        DevArray a = alloc(n);
        check(cu.cuMemsetD32_v2(a.ptr, 0, Math.max(1, n)), "cuMemsetD32");
        return a;
    }

    private Pointer staging(long bytes) {
        if (bytes > stagingBytes) {
            if (staging != null) cu.cuMemFreeHost(staging);
            long size = Math.max(bytes, stagingBytes + stagingBytes / 2);
            PointerByReference p = new PointerByReference();
            check(cu.cuMemAllocHost_v2(p, size), "cuMemAllocHost");
            staging = p.getValue();
            stagingBytes = size;
        }
        return staging;
    }

    @Override
    public synchronized Ints ints(int[] values) {
        DevArray a = alloc(values.length);
        if (values.length > 0) {
            Pointer s = staging(4L * values.length);
            s.write(0, values, 0, values.length);
            check(cu.cuMemcpyHtoD_v2(a.ptr, s, 4L * values.length), "cuMemcpyHtoD");
        }
        return a;
    }

    @Override
    public synchronized void upload(float[] src, int srcOff, Floats dst, long dstOff, int n) {
        if (n == 0) return;
        enter();
        Pointer s = staging(4L * n);
        s.write(0, src, srcOff, n);
        check(cu.cuMemcpyHtoD_v2(ptr(dst) + 4 * dstOff, s, 4L * n), "cuMemcpyHtoD");
    }

    @Override
    public synchronized void upload(NativeBuffer src, long srcOff, Floats dst, long dstOff, long n) {
        if (n == 0) return;
        enter();
        check(cu.cuMemcpyHtoD_v2(ptr(dst) + 4 * dstOff, new Pointer(src.at(srcOff).address()), 4L * n), "cuMemcpyHtoD");
    }

    @Override
    public synchronized void download(Floats src, long srcOff, float[] dst, int dstOff, int n) {
        if (n == 0) return;
        enter();
        Pointer s = staging(4L * n);
        check(cu.cuMemcpyDtoH_v2(s, ptr(src) + 4 * srcOff, 4L * n), "cuMemcpyDtoH");
        s.read(0, dst, dstOff, n);
    }

    @Override
    public synchronized void download(Floats src, long srcOff, NativeBuffer dst, long dstOff, long n) {
        if (n == 0) return;
        enter();
        check(cu.cuMemcpyDtoH_v2(new Pointer(dst.at(dstOff).address()), ptr(src) + 4 * srcOff, 4L * n), "cuMemcpyDtoH");
    }

    @Override
    public synchronized void zero(Floats a, long off, long n) {
        if (n == 0) return;
        enter();
        check(cu.cuMemsetD32_v2(ptr(a) + 4 * off, 0, n), "cuMemsetD32");
    }

    @Override
    public synchronized void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha, Floats a, long aOff, int lda,
                                  Floats b, long bOff, int ldb, float beta, Floats c, long cOff, int ldc) {
        if (m == 0 || n == 0) return;
        enter();
        // row-major C[m,n] = op(A) op(B) is column-major C^T[n,m] = op(B)^T op(A)^T: swap the operands
        checkBlas(cublas.cublasSgemm_v2(handle, transB ? 1 : 0, transA ? 1 : 0, n, m, k, new float[] {alpha},
                ptr(b) + 4 * bOff, ldb, ptr(a) + 4 * aOff, lda, new float[] {beta}, ptr(c) + 4 * cOff, ldc), "sgemm");
    }

    /** Launches {@code f} over {@code threads} threads (1-D blocks of 256); args: Long (pointers), Integer, Float. */
    private void launch(Pointer f, long threads, Object... args) {
        if (threads <= 0) return;
        enter();
        for (int i = 0; i < args.length; i++) {
            long slot = 8L * i;
            Object v = args[i];
            if (v instanceof Long l) argValues.setLong(slot, l);
            else if (v instanceof Integer n) argValues.setInt(slot, n);
            else if (v instanceof Float x) argValues.setFloat(slot, x);
            else throw new IllegalArgumentException("kernel argument " + v);
            argPointers.setPointer(slot, argValues.share(slot));
        }
        long blocks = (threads + BLOCK - 1) / BLOCK;
        if (blocks > Integer.MAX_VALUE) throw new IllegalArgumentException("grid too large: " + blocks);
        check(cu.cuLaunchKernel(f, (int) blocks, 1, 1, BLOCK, 1, 1, 0, null, argPointers, null), "cuLaunchKernel");
    }

    @Override
    public synchronized void fillRows(Floats row, int width, int rows, Floats out) {
        launch(fFill, (long) rows * width, ptr(row), width, rows, ptr(out));
    }

    @Override
    public synchronized void lstmCell(int active, int h, Floats z, long zOff, Floats pre, long preOff, Ints preIdx, int preIdxOff, int ldp,
                                      Floats cPrev, long cPrevOff, Floats c, long cOff, Floats hA, long hAOff, int ldA,
                                      Floats hB, long hBOff, Ints hBIdx, int hBIdxOff, int ldB, Floats acts, long actsOff) {
        launch(fCell, (long) active * h, active, h,
                z == null ? 0L : ptr(z) + 4 * zOff,
                ptr(pre) + 4 * preOff,
                preIdx == null ? 0L : ptr(preIdx) + 4L * preIdxOff, ldp,
                cPrev == null ? 0L : ptr(cPrev) + 4 * cPrevOff,
                ptr(c) + 4 * cOff,
                ptr(hA) + 4 * hAOff, ldA,
                hB == null ? 0L : ptr(hB) + 4 * hBOff,
                hBIdx == null ? 0L : ptr(hBIdx) + 4L * hBIdxOff, ldB,
                acts == null ? 0L : ptr(acts) + 4 * actsOff);
    }

    @Override
    public synchronized void gatherRows(Floats src, long srcOff, int ld, Ints idx, int idxOff, int count, int width, Floats dst, long dstOff) {
        launch(fGather, (long) count * width, ptr(src) + 4 * srcOff, ld, ptr(idx) + 4L * idxOff, count, width, ptr(dst) + 4 * dstOff);
    }

    @Override
    public synchronized void copy(Floats src, long srcOff, Floats dst, long dstOff, long n) {
        if (n == 0) return;
        enter();
        check(cu.cuMemcpyDtoD_v2(ptr(dst) + 4 * dstOff, ptr(src) + 4 * srcOff, 4L * n), "cuMemcpyDtoD");
    }

    @Override
    public synchronized void multiply(Floats a, Floats b, Floats out, long n) {
        launch(fMul, n, ptr(a), ptr(b), ptr(out), Long.valueOf(n));
    }

    @Override
    public synchronized void lstmCellBackward(int active, int next, int h, Floats acts, long actsOff, Floats c, long cOff,
                                              Floats cPrev, long cPrevOff, Floats dy, long dyOff, Ints dyIdx, int dyIdxOff, int lddy,
                                              Floats dhRec, Floats dcRec, Floats dz, long dzOff, Floats dzTok) {
        launch(fCellBack, (long) active * h, active, next, h,
                ptr(acts) + 4 * actsOff, ptr(c) + 4 * cOff, cPrev == null ? 0L : ptr(cPrev) + 4 * cPrevOff,
                ptr(dy) + 4 * dyOff, ptr(dyIdx) + 4L * dyIdxOff, lddy, ptr(dhRec), ptr(dcRec),
                ptr(dz) + 4 * dzOff, ptr(dzTok));
    }

    @Override
    public synchronized void synchronize() {
        enter();
        check(cu.cuCtxSynchronize(), "cuCtxSynchronize");
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        enter();
        cu.cuCtxSynchronize();
        for (DevArray a : new ArrayList<>(live)) {
            cu.cuMemFree_v2(a.ptr);
            a.freed = true;
        }
        live.clear();
        if (staging != null) cu.cuMemFreeHost(staging);
        cublas.cublasDestroy_v2(handle);
        closed = true;
    }
}
