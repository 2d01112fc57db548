package org.bioner.nn.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

import org.bioner.nn.Backend;
import org.bioner.nn.CpuBackend;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CUDA C source of the kernels ({@link Kernels#SOURCE}) checked without a GPU: (1) it compiles with nvcc
 * for sm_90 with {@code --fmad=false} and the PTX has no fused multiply-add (where a CUDA toolkit is installed;
 * NVRTC compiles the same source on the device); (2) compiled as C++ by g++ (no contraction) with a prelude
 * that runs every (block, thread) in a loop, the LSTM cell kernels compute the {@link CpuBackend}'s bits from
 * the same inputs, index arrays and leading dimensions included. Each part is skipped, saying why, where its
 * compiler is missing.
 */
class KernelSourceTest {

    private static Path tool(String name, String... candidates) {
        for (String c : candidates) {
            File f = new File(c);
            if (f.canExecute()) return f.toPath();
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            File f = new File(dir, name);
            if (f.canExecute()) return f.toPath();
        }
        return null;
    }

    private static String run(Path dir, String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "timed out: " + String.join(" ", cmd));
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + ":\n" + out);
        return out;
    }

    @Test
    void compilesWithNvccForSm90WithoutFusedMultiplyAdd(@TempDir Path dir) throws Exception {
        // the toolkit named by CUDA_HOME / CUDA_PATH (as scripts/device/gpu-check.sh looks), then PATH
        Path nvcc = tool("nvcc", java.util.stream.Stream.of("CUDA_HOME", "CUDA_PATH").map(System::getenv)
                .filter(v -> v != null && !v.isEmpty()).map(v -> v + "/bin/nvcc").toArray(String[]::new));
        Assumptions.assumeTrue(nvcc != null, "no nvcc (CUDA toolkit) here: the kernel source is compiled only on the device (NVRTC)");
        Files.writeString(dir.resolve("k.cu"), Kernels.SOURCE);
        run(dir, nvcc.toString(), "-arch=sm_90", "--fmad=false", "-ptx", "-o", "k.ptx", "k.cu");
        String ptx = Files.readString(dir.resolve("k.ptx"));
        for (String k : List.of("lstm_cell", "lstm_cell_backward", "fill_rows", "gather_rows", "mul")) {
            assertTrue(ptx.contains(".entry " + k + "("), "kernel " + k);
        }
        assertFalse(ptx.contains("fma.rn.f32"), "--fmad=false leaves no fused multiply-add");
    }

    /** The emulation wrappers, one per kernel: run every thread of the launch in turn. */
    public interface Emulated extends Library {
        void emu_lstm_cell(long threads, int active, int h, Pointer z, Pointer pre, Pointer preIdx, int ldp, Pointer cPrev,
                           Pointer c, Pointer hA, int ldA, Pointer hB, Pointer hBIdx, int ldB, Pointer acts);

        void emu_lstm_cell_backward(long threads, int active, int next, int h, Pointer acts, Pointer c, Pointer cPrev,
                                    Pointer dy, Pointer dyIdx, int lddy, Pointer dhRec, Pointer dcRec, Pointer dz, Pointer dzTok);
    }

    private static final String PRELUDE = """
            #include <cmath>
            struct Dim3 { unsigned x, y, z; };
            static Dim3 blockIdx, threadIdx, blockDim;
            #define __global__
            #define __device__
            #define __forceinline__ inline
            using std::fminf;
            using std::fmaxf;
            """;

    private static final String WRAPPERS = """
            template <typename F, typename... A> static void run(long long threads, F f, A... a) {
                blockDim.x = 256;
                for (long long b = 0; b < (threads + 255) / 256; b++) {
                    for (unsigned t = 0; t < 256; t++) { blockIdx.x = (unsigned) b; threadIdx.x = t; f(a...); }
                }
            }
            extern "C" void emu_lstm_cell(long long n, int active, int H, const float* z, const float* pre, const int* preIdx,
                    int ldp, const float* cPrev, float* c, float* hA, int ldA, float* hB, const int* hBIdx, int ldB, float* acts) {
                run(n, lstm_cell, active, H, z, pre, preIdx, ldp, cPrev, c, hA, ldA, hB, hBIdx, ldB, acts);
            }
            extern "C" void emu_lstm_cell_backward(long long n, int active, int next, int H, const float* acts, const float* c,
                    const float* cPrev, const float* dy, const int* dyIdx, int lddy, const float* dhRec, float* dcRec,
                    float* dz, float* dzTok) {
                run(n, lstm_cell_backward, active, next, H, acts, c, cPrev, dy, dyIdx, lddy, dhRec, dcRec, dz, dzTok);
            }
            """;

    private static Memory mem(float[] v) {
        Memory m = new Memory(4L * Math.max(1, v.length));
        m.write(0, v, 0, v.length);
        return m;
    }

    private static Memory mem(int[] v) {
        Memory m = new Memory(4L * Math.max(1, v.length));
        m.write(0, v, 0, v.length);
        return m;
    }

    private static float[] read(Memory m, int n) {
        float[] a = new float[n];
        m.read(0, a, 0, n);
        return a;
    }

    private static float[] random(Random r, int n, float scale) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (r.nextFloat() * 2 - 1) * scale;
        return a;
    }

    private static Backend.Floats dev(Backend b, float[] v) {
        Backend.Floats f = b.floats(v.length);
        b.upload(v, 0, f, 0, v.length);
        return f;
    }

    private static float[] host(Backend b, Backend.Floats f, int n) {
        float[] a = new float[n];
        b.download(f, 0, a, 0, n);
        return a;
    }

    @Test
    void theCellKernelsRunAsCppGiveTheCpuBackendsBits(@TempDir Path dir) throws Exception {
        Path gxx = tool("g++");
        Assumptions.assumeTrue(gxx != null, "no g++ here: the CPU emulation of the kernels needs a C++ compiler");
        Files.writeString(dir.resolve("k.cpp"), PRELUDE + Kernels.SOURCE + WRAPPERS);
        List<String> cmd = new ArrayList<>(List.of(gxx.toString(), "-std=c++17", "-O1", "-ffp-contract=off", "-fno-fast-math",
                "-shared", "-fPIC", "-o", "libkernels.so", "k.cpp"));
        run(dir, cmd.toArray(new String[0]));
        Emulated k = Native.load(dir.resolve("libkernels.so").toString(), Emulated.class);

        Random r = new Random(4);
        int h = 5, g = 4 * h, active = 4, rowsTotal = 7, ldp = g + 3, ldA = h + 2, ldB = 2 * h + 1;
        float[] z = random(r, active * g, 3), pre = random(r, rowsTotal * ldp, 3), cPrev = random(r, active * h, 2);
        int[] preIdx = {9, 6, 0, 3, 5}; // read from offset 1: rows 6, 0, 3, 5
        int[] hBIdx = {2, 6, 1, 4};
        // the kernel, on the host
        Memory mc = mem(new float[active * h]), mhA = mem(new float[active * ldA]), mhB = mem(new float[rowsTotal * ldB]),
                macts = mem(new float[active * g]), mPre = mem(pre), mIdx = mem(preIdx);
        k.emu_lstm_cell((long) active * h, active, h, mem(z), mPre.share(4L * 1), mIdx.share(4), ldp, mem(cPrev), mc,
                mhA, ldA, mhB.share(4L * h), mem(hBIdx), ldB, macts);
        // the same call on the CPU backend
        Backend b = new CpuBackend();
        Backend.Floats c = b.floats(active * h), hA = b.floats(active * ldA), hB = b.floats(rowsTotal * ldB), acts = b.floats(active * g);
        b.lstmCell(active, h, dev(b, z), 0, dev(b, pre), 1, b.ints(preIdx), 1, ldp, dev(b, cPrev), 0, c, 0, hA, 0, ldA,
                hB, h, b.ints(hBIdx), 0, ldB, acts, 0);
        assertArrayEquals(host(b, c, active * h), read(mc, active * h), "c");
        assertArrayEquals(host(b, hA, active * ldA), read(mhA, active * ldA), "h");
        assertArrayEquals(host(b, hB, rowsTotal * ldB), read(mhB, rowsTotal * ldB), "h, indexed rows");
        assertArrayEquals(host(b, acts, active * g), read(macts, active * g), "gate activations");
        float[] gates = read(macts, active * g);
        assertTrue(gates[0] > 0 && gates[0] < 1 && gates[0] != gates[1], "non-trivial activations");

        // backward: rows r < next also take the recurrent dL/dh and dL/dc
        int next = 2, lddy = 2 * h + 3, tokRows = 8;
        float[] actsIn = new float[active * g];
        for (int i = 0; i < actsIn.length; i++) actsIn[i] = 0.05f + 0.9f * r.nextFloat();
        float[] cIn = random(r, active * h, 2), cPrevIn = random(r, active * h, 2), dy = random(r, tokRows * lddy, 1);
        float[] dhRec = random(r, active * h, 1), dcRec = random(r, active * h, 1);
        int[] dyIdx = {5, 0, 7, 2};
        Memory mdc = mem(dcRec), mdz = mem(new float[active * g]), mdzTok = mem(new float[tokRows * g]), mdy = mem(dy);
        k.emu_lstm_cell_backward((long) active * h, active, next, h, mem(actsIn), mem(cIn), mem(cPrevIn), mdy.share(4L * h),
                mem(dyIdx), lddy, mem(dhRec), mdc, mdz, mdzTok);
        Backend.Floats dcB = dev(b, dcRec), dzB = b.floats(active * g), dzTokB = b.floats(tokRows * g);
        b.lstmCellBackward(active, next, h, dev(b, actsIn), 0, dev(b, cIn), 0, dev(b, cPrevIn), 0, dev(b, dy), h,
                b.ints(dyIdx), 0, lddy, dev(b, dhRec), dcB, dzB, 0, dzTokB);
        assertArrayEquals(host(b, dzB, active * g), read(mdz, active * g), "dz");
        assertArrayEquals(host(b, dzTokB, tokRows * g), read(mdzTok, tokRows * g), "dz, token rows");
        assertArrayEquals(host(b, dcB, active * h), read(mdc, active * h), "dL/dc of the previous step");
    }
}
