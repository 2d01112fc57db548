package org.bioner.nn;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Assumptions;

/** The CUDA backend for the GPU tests, or the test is skipped with the reason (CI and this machine have no GPU). */
public final class GpuTests {

    private GpuTests() {
    }

    /**
     * {@code Backends.open(CUDA)}; where it cannot open, checks that the failure is the one clear line the
     * user sees, then skips the calling test saying why.
     */
    public static Backend cudaOrSkip() {
        try {
            return Backends.open(Device.CUDA);
        } catch (DeviceUnavailableException e) {
            String m = e.getMessage();
            assertFalse(m.contains("\n"), "one line: " + m);
            assertTrue(m.startsWith("--device cuda: ") && m.contains("--device cpu"), m);
            Assumptions.abort("GPU test skipped, no usable CUDA device here: " + m);
            return null;
        }
    }
}
