package org.bioner.pipeline;

import java.io.PrintStream;

/**
 * A progress line for long runs: documents done, documents/s, share of the input bytes done and the
 * time left at the current rate. Printed at most once per interval, so it costs nothing per document.
 */
final class ProgressMeter {

    private final PrintStream out;
    private final long totalBytes;
    private final long intervalNanos;
    private final long start = System.nanoTime();
    private long lastPrint = start;

    ProgressMeter(PrintStream out, long totalBytes, long intervalMillis) {
        this.out = out;
        this.totalBytes = Math.max(1, totalBytes);
        this.intervalNanos = intervalMillis * 1_000_000L;
    }

    /** Reports progress if the interval has passed. */
    void update(long documents, long failed, long bytesDone, boolean force) {
        long now = System.nanoTime();
        if (out == null || (!force && now - lastPrint < intervalNanos)) {
            return;
        }
        lastPrint = now;
        double seconds = (now - start) / 1e9;
        double rate = seconds > 0 ? documents / seconds : 0;
        double fraction = Math.min(1.0, bytesDone / (double) totalBytes);
        String eta = fraction > 0 && fraction < 1 ? format(seconds * (1 - fraction) / fraction) : "-";
        out.printf("annotate: %d documents, %.2f docs/s, %d failed, %.0f%% of input, elapsed %s, ETA %s%n",
                documents, rate, failed, 100 * fraction, format(seconds), eta);
        out.flush();
    }

    static String format(double seconds) {
        long s = Math.round(seconds);
        return String.format("%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
    }
}
