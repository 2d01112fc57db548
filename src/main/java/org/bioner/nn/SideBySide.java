package org.bioner.nn;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs two independent pieces of work (the two directions of a BiLSTM) side by side when OpenBLAS has two
 * or more threads: each on its own Java thread with single-threaded BLAS, so that the per-step small gemms
 * and the Java cell loops of both directions overlap (OpenBLAS's own threads only split each gemm, which
 * for a 32-row recurrent step gains little). With one BLAS thread they run one after the other. The
 * results do not depend on which way they ran.
 */
public final class SideBySide {

    private ExecutorService side;

    public void run(Runnable a, Runnable b) {
        int threads = Blas.threads();
        if (threads < 2) {
            a.run();
            b.run();
            return;
        }
        Blas.setThreads(1);
        try {
            Future<?> f = executor().submit(b);
            try {
                a.run();
            } finally {
                await(f);
            }
        } finally {
            Blas.setThreads(threads);
        }
    }

    private static void await(Future<?> f) {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) throw r;
            if (c instanceof Error err) throw err;
            throw new IllegalStateException(c);
        }
    }

    private synchronized ExecutorService executor() {
        if (side == null) {
            side = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "bilstm-side");
                t.setDaemon(true);
                return t;
            });
        }
        return side;
    }
}
