package org.bioner.nn;

import java.util.concurrent.atomic.AtomicReference;

import org.bioner.nn.cuda.CudaBackend;

/**
 * The process-wide backends: one {@link CpuBackend} and, opened on first request, one CUDA backend (one
 * context and one set of compiled kernels per process, shared by every tagger and LM that asks for it;
 * closed at JVM exit). Asking for CUDA where it cannot run throws {@link DeviceUnavailableException} with one
 * line (no driver, no GPU, cuBLAS or NVRTC missing), every time it is asked (nothing falls back silently).
 */
public final class Backends {

    private Backends() {
    }

    private static final CpuBackend CPU = new CpuBackend();
    private static final AtomicReference<Backend> CUDA = new AtomicReference<>();

    /** The backend for {@code device}; CUDA is opened on the first call. */
    public static Backend open(Device device) {
        if (device == null || device == Device.CPU) return CPU;
        synchronized (Backends.class) {
            Backend b = CUDA.get();
            if (b == null) {
                b = CudaBackend.open();
                CUDA.set(b);
                Backend opened = b;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        opened.close();
                    } catch (RuntimeException e) {
                        // exiting anyway
                    }
                }, "cuda-close"));
            }
            return b;
        }
    }

    /** {@link #open} from a command-line or parameter value ({@code cpu} / {@code cuda}). */
    public static Backend open(String device) {
        return open(Device.parse(device));
    }

    /** The CPU backend (the reference implementation of {@link Backend}). */
    public static Backend cpu() {
        return CPU;
    }
}
