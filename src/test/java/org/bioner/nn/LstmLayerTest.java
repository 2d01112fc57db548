package org.bioner.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.Map;
import java.util.Random;

import org.bioner.testutil.TorchReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * {@link LstmLayer} against PyTorch's nn.LSTM (outputs and all gradients, numbers from
 * {@code src/test/resources/nn/make_lstm_reference.py}), and a finite-difference check of its backward pass.
 */
class LstmLayerTest {

    private static final int IN = 5, H = 3;

    /** name -> values, from lstm_reference.tsv. */
    private static Map<String, double[]> reference() throws IOException {
        return TorchReference.load("/nn/lstm_reference.tsv");
    }

    /** PyTorch's [rows, cols] to our [cols, rows] (as floats). */
    private static float[] transpose(double[] a, int rows, int cols) {
        float[] t = new float[a.length];
        for (int r = 0; r < rows; r++) for (int c = 0; c < cols; c++) t[c * rows + r] = (float) a[r * cols + c];
        return t;
    }

    private static float[] floats(double[] a) {
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) f[i] = (float) a[i];
        return f;
    }

    private static void assertClose(double[] expected, float[] actual, double tol, String what) {
        assertEquals(expected.length, actual.length, what + " length");
        for (int i = 0; i < expected.length; i++) assertEquals(expected[i], actual[i], tol, what + "[" + i + "]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"forward", "reversed"})
    void matchesPyTorchOutputsAndGradients(String direction) throws IOException {
        Map<String, double[]> ref = reference();
        LstmLayer l = new LstmLayer("lstm", IN, H);
        l.weightIh().setValues(transpose(ref.get("weight_ih"), 4 * H, IN));
        l.weightHh().setValues(transpose(ref.get("weight_hh"), 4 * H, H));
        float[] b = new float[4 * H];
        for (int i = 0; i < b.length; i++) b[i] = (float) (ref.get("bias_ih")[i] + ref.get("bias_hh")[i]);
        l.bias().setValues(b);
        double[] len = ref.get("lengths");
        SequencePacking p = new SequencePacking(new int[] {(int) len[0], (int) len[1], (int) len[2]});
        int n = p.totalTokens();
        NativeBuffer x = new NativeBuffer(n * IN);
        x.put(0, floats(ref.get("x")), n * IN);
        // output written into columns 1..H of rows of width H + 2, as the tagger writes both directions side by side
        int ld = H + 2;
        NativeBuffer y = new NativeBuffer(n * ld);
        boolean reversed = direction.equals("reversed");
        l.forward(p, reversed, x, y, ld, 1);
        double[] yRef = ref.get(direction + ".y");
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < H; j++) assertEquals(yRef[r * H + j], y.get(r * ld + 1 + j), 1e-5, "y[" + r + "," + j + "]");
            assertEquals(0f, y.get(r * ld), "column left alone");
        }
        NativeBuffer dy = new NativeBuffer(n * ld);
        double[] r = ref.get(direction + ".dy");
        for (int i = 0; i < n; i++) for (int j = 0; j < H; j++) dy.set(i * ld + 1 + j, (float) r[i * H + j]);
        NativeBuffer dx = new NativeBuffer(n * IN);
        for (int i = 0; i < n * IN; i++) dx.set(i, 1f); // accumulate = true adds to what is there
        l.backward(dy, ld, 1, dx, true);
        assertClose(ref.get(direction + ".grad_bias"), l.bias().gradients(), 1e-5, "grad b");
        double[] gih = ref.get(direction + ".grad_weight_ih");
        assertArrayEquals(transpose(gih, 4 * H, IN), l.weightIh().gradients(), 1e-5f, "grad W_ih");
        assertArrayEquals(transpose(ref.get(direction + ".grad_weight_hh"), 4 * H, H), l.weightHh().gradients(), 1e-5f, "grad W_hh");
        double[] gx = ref.get(direction + ".grad_x");
        for (int i = 0; i < gx.length; i++) assertEquals(gx[i] + 1, dx.get(i), 1e-5, "grad x[" + i + "]");
    }

    /** Loss sum(y * R) over a batch with an empty sequence and ties in length. */
    private static double loss(LstmLayer l, SequencePacking p, boolean reversed, NativeBuffer x, float[] rr) {
        int n = p.totalTokens(), h = l.hiddenSize();
        NativeBuffer y = new NativeBuffer(n * h);
        l.forward(p, reversed, x, y, h, 0);
        double s = 0;
        for (int i = 0; i < n * h; i++) s += (double) y.get(i) * rr[i];
        return s;
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void backwardMatchesFiniteDifferences(boolean reversed) {
        int in = 4, h = 5;
        Random rnd = new Random(7);
        LstmLayer l = LstmLayer.init("lstm", in, h, rnd);
        SequencePacking p = new SequencePacking(new int[] {3, 6, 0, 6, 1});
        int n = p.totalTokens();
        NativeBuffer x = new NativeBuffer(n * in);
        for (int i = 0; i < n * in; i++) x.set(i, (float) rnd.nextGaussian());
        float[] rr = new float[n * h];
        for (int i = 0; i < rr.length; i++) rr[i] = (float) rnd.nextGaussian();
        NativeBuffer y = new NativeBuffer(n * h);
        l.forward(p, reversed, x, y, h, 0);
        NativeBuffer dy = new NativeBuffer(n * h);
        dy.put(0, rr, rr.length);
        NativeBuffer dx = new NativeBuffer(n * in);
        l.backward(dy, h, 0, dx, false);
        double eps = 1e-2;
        for (Param param : l.params()) {
            float[] analytic = param.gradients();
            for (int i = 0; i < param.size(); i++) {
                float orig = param.get(i);
                param.set(i, orig + (float) eps);
                double up = loss(l, p, reversed, x, rr);
                param.set(i, orig - (float) eps);
                double down = loss(l, p, reversed, x, rr);
                param.set(i, orig);
                double numeric = (up - down) / (2 * eps);
                assertEquals(numeric, analytic[i], 1e-3 + 1e-2 * Math.abs(numeric), param.name() + "[" + i + "]");
            }
        }
        float[] gx = dx.toArray(n * in);
        for (int i = 0; i < n * in; i++) {
            float orig = x.get(i);
            x.set(i, orig + (float) eps);
            double up = loss(l, p, reversed, x, rr);
            x.set(i, orig - (float) eps);
            double down = loss(l, p, reversed, x, rr);
            x.set(i, orig);
            double numeric = (up - down) / (2 * eps);
            assertEquals(numeric, gx[i], 1e-3 + 1e-2 * Math.abs(numeric), "x[" + i + "]");
        }
    }

    @Test
    void packingSortsByLengthAndReversesWithinEachSequence() {
        SequencePacking p = new SequencePacking(new int[] {2, 0, 3});
        assertEquals(5, p.totalTokens());
        assertEquals(3, p.steps());
        assertArrayEquals(new int[] {2, 2, 1}, new int[] {p.active(0), p.active(1), p.active(2)});
        // step order: (t0: seq 2, seq 0), (t1: seq 2, seq 0), (t2: seq 2); seq 0 = rows 0..1, seq 2 = rows 2..4
        int[] fwd = new int[5], rev = new int[5];
        for (int k = 0; k < 5; k++) {
            fwd[k] = p.tokenRow(k, false);
            rev[k] = p.tokenRow(k, true);
        }
        assertArrayEquals(new int[] {2, 0, 3, 1, 4}, fwd);
        assertArrayEquals(new int[] {4, 1, 3, 0, 2}, rev);
    }
}
