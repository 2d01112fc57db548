package org.bioner.nn;

import java.util.Arrays;

/** Column sums on a backend as one GEMM with a vector of ones (kept per backend, grown as needed). */
final class DeviceSums {

    private Backend backend;
    private Backend.Floats ones;
    private int size;

    /** {@code sums[0..width) = ones[1, rows] x m[rows, width]}. */
    void columnSums(Backend b, Backend.Floats m, int rows, int width, Backend.Floats sums) {
        if (b != backend || size < rows) {
            if (ones != null && b == backend) ones.release();
            int n = Math.max(rows, size + size / 2);
            ones = b.floats(n);
            float[] o = new float[n];
            Arrays.fill(o, 1f);
            b.upload(o, 0, ones, 0, n);
            size = n;
            backend = b;
        }
        b.gemm(false, false, 1, width, rows, 1f, ones, 0, rows, m, 0, width, 0f, sums, 0, width);
    }
}
