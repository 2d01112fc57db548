package org.bioner.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.bioner.nn.cuda.CudaBackend;
import org.junit.jupiter.api.Test;

/**
 * The device abstraction: selection, the error without a GPU, and the drivers written against
 * {@link Backend} run on a second CPU implementation instance (the route the GPU takes) giving the CPU layers'
 * bits. The GPU comparison at the end runs only where a CUDA device opens (skipped with the reason elsewhere).
 */
class BackendTest {

    @Test
    void devicesParseAndDefaultToCpu() {
        assertEquals(Device.CUDA, Device.parse(" CUDA"));
        assertEquals(Device.CPU, Device.parse("cpu"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Device.parse("gpu"));
        assertEquals("unknown device 'gpu': expected cpu or cuda", e.getMessage());
        assertSame(Backends.cpu(), Backends.open(Device.CPU));
        assertSame(Backends.cpu(), Backends.open((Device) null));
        assertEquals(Device.CPU, Backends.cpu().device());
    }

    @Test
    void cudaWithoutItsDriverFailsWithOneClearLine() {
        String key = "bioner.cuda.libcuda";
        String before = System.getProperty(key);
        System.setProperty(key, "libbioner-no-such-driver.so.1");
        try {
            DeviceUnavailableException e = assertThrows(DeviceUnavailableException.class, CudaBackend::open);
            String m = e.getMessage();
            assertFalse(m.contains("\n"), m);
            assertTrue(m.startsWith("--device cuda: the CUDA driver (libcuda.so.1"), m);
            assertTrue(m.contains("tried libbioner-no-such-driver.so.1"), m);
            assertTrue(m.endsWith("or run with --device cpu"), m);
        } finally {
            if (before == null) System.clearProperty(key);
            else System.setProperty(key, before);
        }
    }

    private static float[] random(Random r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = r.nextFloat() * 2 - 1;
        return a;
    }

    /** A bidirectional run of one layer: the CPU layer's output, then the backend route's, same layout. */
    private static float[][] bothWays(LstmLayer l, SequencePacking p, float[] projValues, int ldp, Backend b) {
        int n = p.totalTokens(), h = l.hiddenSize(), ldy = 2 * h + 1;
        NativeBuffer proj = new NativeBuffer(n * ldp);
        proj.put(0, projValues, n * ldp);
        NativeBuffer y = new NativeBuffer(n * ldy);
        l.forwardProjected(p, false, proj, ldp, 1, y, ldy, 0);
        l.forwardProjected(p, true, proj, ldp, 1 + 4 * h, y, ldy, h);
        float[] cpu = y.toArray(n * ldy);

        DeviceLstm d = new DeviceLstm(l);
        Backend.Floats dp = b.floats((long) n * ldp), dy = b.floats((long) n * ldy);
        b.upload(projValues, 0, dp, 0, n * ldp);
        d.forwardProjected(b, p, b.ints(DeviceLstm.tokenRows(p, false)), dp, ldp, 1, dy, ldy, 0);
        d.forwardProjected(b, p, b.ints(DeviceLstm.tokenRows(p, true)), dp, ldp, 1 + 4 * h, dy, ldy, h);
        float[] dev = new float[n * ldy];
        b.download(dy, 0, dev, 0, n * ldy);
        return new float[][] {cpu, dev};
    }

    @Test
    void deviceLstmOnASecondCpuBackendGivesTheLayersBits() {
        Random r = new Random(3);
        LstmLayer l = LstmLayer.init("l", 7, 5, r);
        SequencePacking p = new SequencePacking(new int[] {4, 0, 6, 1, 6, 2});
        int ldp = 1 + 8 * 5 + 2; // both directions' gates at columns 1 and 21, padding around them
        float[] proj = random(r, p.totalTokens() * ldp);
        float[][] out = bothWays(l, p, proj, ldp, new CpuBackend());
        assertArrayEquals(out[0], out[1]);
        // and the states are not trivially equal (zero): the last column (padding) stays 0, the others not
        int nonZero = 0;
        for (float v : out[0]) if (v != 0f) nonZero++;
        assertEquals(p.totalTokens() * 10, nonZero);
    }

    @Test
    void gatherAndFillRows() {
        Backend b = new CpuBackend();
        Backend.Floats src = b.floats(12), dst = b.floats(6), row = b.floats(3), filled = b.floats(6);
        float[] s = new float[12];
        for (int i = 0; i < 12; i++) s[i] = i;
        b.upload(s, 0, src, 0, 12);
        b.gatherRows(src, 1, 4, b.ints(new int[] {9, 2, 0}), 1, 2, 3, dst, 0); // rows 2 and 0 of width 3, ld 4, from offset 1
        float[] got = new float[6];
        b.download(dst, 0, got, 0, 6);
        assertArrayEquals(new float[] {9, 10, 11, 1, 2, 3}, got);
        b.upload(new float[] {7, 8, 9}, 0, row, 0, 3);
        b.fillRows(row, 3, 2, filled);
        b.download(filled, 0, got, 0, 6);
        assertArrayEquals(new float[] {7, 8, 9, 7, 8, 9}, got);
    }

    /** GPU only: the CUDA backend against the CPU layer, within float tolerance (cuBLAS sums in another order). */
    @Test
    void cudaLstmMatchesTheCpuLayer() {
        Backend cuda = GpuTests.cudaOrSkip();
        Random r = new Random(5);
        LstmLayer l = LstmLayer.init("l", 64, 256, r);
        SequencePacking p = new SequencePacking(new int[] {40, 3, 0, 17, 40, 1, 25});
        int ldp = 1 + 8 * 256 + 2;
        float[][] out = bothWays(l, p, random(r, p.totalTokens() * ldp), ldp, cuda);
        double max = 0;
        for (int i = 0; i < out[0].length; i++) max = Math.max(max, Math.abs(out[0][i] - out[1][i]));
        assertTrue(max < 1e-5, "max |cpu - cuda| = " + max);
        System.out.println("cudaLstmMatchesTheCpuLayer: " + cuda.describe() + ", max |cpu - cuda| = " + max);
    }
}
