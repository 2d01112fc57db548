package org.bioner.nn.cuda;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;

import org.bioner.nn.DeviceUnavailableException;

/**
 * The few functions of the CUDA driver API ({@code libcuda}), cuBLAS ({@code libcublas}) and NVRTC
 * ({@code libnvrtc}) the GPU backend calls, bound at run time with JNA to whatever versions the machine has
 * (the driver API, {@code cublas*_v2} and NVRTC's C API are stable across CUDA 11-13). Device pointers
 * ({@code CUdeviceptr}) are passed as {@code long}. Where the libraries are looked for: the directories in
 * {@code -Dbioner.cuda.libs} / {@code BIONER_CUDA_LIBS} (':'-separated) first, then the loader's path;
 * {@code -Dbioner.cuda.libcuda|libcublas|libnvrtc=NAME} replaces the names tried for one library.
 */
final class CudaLibraries {

    private CudaLibraries() {
    }

    /** CUDA driver API. */
    interface Driver extends Library {
        int cuInit(int flags);
        int cuDriverGetVersion(IntByReference version);
        int cuDeviceGetCount(IntByReference count);
        int cuDeviceGet(IntByReference device, int ordinal);
        int cuDeviceGetName(byte[] name, int len, int device);
        int cuDeviceGetAttribute(IntByReference value, int attribute, int device);
        int cuDevicePrimaryCtxRetain(PointerByReference ctx, int device);
        int cuCtxSetCurrent(Pointer ctx);
        int cuCtxSynchronize();
        int cuMemAlloc_v2(LongByReference dptr, long bytes);
        int cuMemFree_v2(long dptr);
        int cuMemAllocHost_v2(PointerByReference p, long bytes);
        int cuMemFreeHost(Pointer p);
        int cuMemcpyHtoD_v2(long dst, Pointer src, long bytes);
        int cuMemcpyDtoH_v2(Pointer dst, long src, long bytes);
        int cuMemsetD32_v2(long dst, int value, long count);
        int cuMemcpyDtoD_v2(long dst, long src, long bytes);
        int cuModuleLoadData(PointerByReference module, Pointer image);
        int cuModuleGetFunction(PointerByReference function, Pointer module, String name);
        int cuLaunchKernel(Pointer f, int gridX, int gridY, int gridZ, int blockX, int blockY, int blockZ,
                           int sharedMemBytes, Pointer stream, Pointer kernelParams, Pointer extra);
        int cuGetErrorName(int error, PointerByReference name);
    }

    /** cuBLAS (v2 API, column-major). */
    interface Cublas extends Library {
        int cublasCreate_v2(PointerByReference handle);
        int cublasDestroy_v2(Pointer handle);
        int cublasGetVersion_v2(Pointer handle, IntByReference version);
        int cublasSetMathMode(Pointer handle, int mode);
        int cublasSgemm_v2(Pointer handle, int transa, int transb, int m, int n, int k, float[] alpha,
                           long a, int lda, long b, int ldb, float[] beta, long c, int ldc);
    }

    /** NVRTC: CUDA C++ compiled at run time. */
    interface Nvrtc extends Library {
        int nvrtcVersion(IntByReference major, IntByReference minor);
        int nvrtcCreateProgram(PointerByReference prog, String src, String name, int numHeaders, Pointer headers, Pointer includeNames);
        int nvrtcCompileProgram(Pointer prog, int numOptions, String[] options);
        int nvrtcGetProgramLogSize(Pointer prog, LongByReference size);
        int nvrtcGetProgramLog(Pointer prog, byte[] log);
        int nvrtcGetCUBINSize(Pointer prog, LongByReference size);
        int nvrtcGetCUBIN(Pointer prog, byte[] cubin);
        int nvrtcGetPTXSize(Pointer prog, LongByReference size);
        int nvrtcGetPTX(Pointer prog, byte[] ptx);
        int nvrtcDestroyProgram(PointerByReference prog);
        String nvrtcGetErrorString(int result);
    }

    static final String[] DRIVER_NAMES = {"libcuda.so.1", "cuda", "nvcuda"};
    static final String[] CUBLAS_NAMES = {"libcublas.so.13", "libcublas.so.12", "libcublas.so.11", "cublas"};
    static final String[] NVRTC_NAMES = {"libnvrtc.so.13", "libnvrtc.so.12", "libnvrtc.so.11.2", "libnvrtc.so.11.1", "nvrtc"};

    /** Directories named by {@code -Dbioner.cuda.libs} or {@code BIONER_CUDA_LIBS}. */
    static List<String> extraDirs() {
        List<String> dirs = new ArrayList<>();
        for (String v : new String[] {System.getProperty("bioner.cuda.libs"), System.getenv("BIONER_CUDA_LIBS")}) {
            if (v == null || v.isBlank()) continue;
            for (String d : v.split(File.pathSeparator)) if (!d.isBlank()) dirs.add(d.trim());
        }
        return dirs;
    }

    /**
     * Loads the first of {@code names} that loads (each looked for in the extra directories first, then
     * by the system loader); the error names what was tried.
     */
    static <T extends Library> T load(String what, Class<T> type, String[] names) {
        // -Dbioner.cuda.<lib>=name-or-path replaces the list (tests; odd installations)
        String key = type == Driver.class ? "libcuda" : type == Cublas.class ? "libcublas" : "libnvrtc";
        String forced = System.getProperty("bioner.cuda." + key);
        if (forced != null && !forced.isBlank()) names = new String[] {forced.trim()};
        List<String> tried = new ArrayList<>();
        Throwable last = null;
        List<String> candidates = new ArrayList<>();
        for (String dir : extraDirs()) {
            for (String n : names) {
                if (n.startsWith("lib")) {
                    File f = new File(dir, n);
                    if (f.isFile()) candidates.add(f.getAbsolutePath());
                }
            }
        }
        for (String n : names) candidates.add(n);
        for (String c : candidates) {
            try {
                return Native.load(c, type);
            } catch (UnsatisfiedLinkError e) {
                tried.add(c);
                last = e;
            }
        }
        throw new DeviceUnavailableException("--device cuda: " + what + " not found (tried " + String.join(", ", tried)
                + "; set BIONER_CUDA_LIBS to its directory), or run with --device cpu", last);
    }
}
