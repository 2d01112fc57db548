package org.bioner.tagger;

/**
 * Reads the LSTM parameters of tagger format version 1 (a DL4J {@code LSTM} layer's flat parameter vector)
 * into the {@link org.bioner.nn.LstmLayer} layout, so that models trained before the switch to the
 * hand-written layers still load. DL4J's vector is {@code W [in, 4H]}, {@code RW [H, 4H]}, {@code b [4H]},
 * the matrices in column-major order, with the gate blocks in the order (block input g, forget f, output o,
 * input i); ours are row-major with PyTorch's order (i, f, g, o). Checked against DL4J's own forward pass in
 * {@code Dl4jLstmParamsTest}.
 */
final class Dl4jLstmParams {

    /** Our gate block for each of DL4J's blocks g, f, o, i. */
    private static final int[] GATE = {2, 1, 3, 0};

    private Dl4jLstmParams() {
    }

    /** Number of values in a DL4J LSTM parameter vector. */
    static int size(int in, int h) {
        return in * 4 * h + h * 4 * h + 4 * h;
    }

    /** {@code {W_ih [in, 4H], W_hh [H, 4H], b [4H]}} in our layout, from DL4J's flat vector. */
    static float[][] convert(float[] flat, int in, int h) {
        if (flat.length != size(in, h)) {
            throw new IllegalArgumentException("DL4J LSTM vector of " + flat.length + " values, expected " + size(in, h));
        }
        int g = 4 * h;
        float[] wIh = matrix(flat, 0, in, h);
        float[] wHh = matrix(flat, in * g, h, h);
        float[] b = new float[g];
        int bo = in * g + h * g;
        for (int c = 0; c < g; c++) b[col(c, h)] = flat[bo + c];
        return new float[][] {wIh, wHh, b};
    }

    /** A column-major [rows, 4H] DL4J matrix at {@code offset} -> row-major with our gate order. */
    private static float[] matrix(float[] flat, int offset, int rows, int h) {
        int g = 4 * h;
        float[] m = new float[rows * g];
        for (int c = 0; c < g; c++) {
            int to = col(c, h);
            for (int r = 0; r < rows; r++) m[r * g + to] = flat[offset + c * rows + r];
        }
        return m;
    }

    private static int col(int dl4jCol, int h) {
        return GATE[dl4jCol / h] * h + dl4jCol % h;
    }
}
