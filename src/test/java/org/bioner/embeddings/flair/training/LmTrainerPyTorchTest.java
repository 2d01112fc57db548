package org.bioner.embeddings.flair.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.bioner.testutil.TorchReference;
import org.bioner.nn.Adam;
import org.bioner.nn.Param;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two truncated-BPTT updates (carried state, mean cross-entropy, clipping at 0.25, SGD or Adam) against
 * PyTorch 1.13 on the same tiny LM and data: {@code src/test/resources/lmtrain/make_lm_reference.py}.
 */
class LmTrainerPyTorchTest {

    private static final int V = 7, E = 4, H = 5, B = 3, L = 6;

    private static Map<String, double[]> reference() throws IOException {
        return TorchReference.load("/lmtrain/lm_reference.tsv");
    }

    private static float[] floats(double[] a) {
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) f[i] = (float) a[i];
        return f;
    }

    private static float[] transposed(double[] a, int rows, int cols) {
        return CharLmNetwork.transpose(floats(a), rows, cols);
    }

    private static void assertClose(double[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) assertEquals(expected[i], actual[i], 1e-5, what + "[" + i + "]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sgd", "adam"})
    void twoUpdatesMatchPyTorch(String optimizer) throws IOException {
        Map<String, double[]> ref = reference();
        CharLmNetwork net = new CharLmNetwork(V, E, H, 1, 0f);
        net.encoder().setValues(floats(ref.get("init.encoder.weight")));
        net.lstm(0).weightIh().setValues(transposed(ref.get("init.rnn.weight_ih_l0"), 4 * H, E));
        net.lstm(0).weightHh().setValues(transposed(ref.get("init.rnn.weight_hh_l0"), 4 * H, H));
        net.biasIh(0).setValues(floats(ref.get("init.rnn.bias_ih_l0")));
        net.biasHh(0).setValues(floats(ref.get("init.rnn.bias_hh_l0")));
        net.decoder().weight().setValues(transposed(ref.get("init.decoder.weight"), V, H));
        net.decoder().bias().setValues(floats(ref.get("init.decoder.bias")));
        double[] streams = ref.get("streams"); // [B, 2L + 1]
        List<Param> params = net.params();
        Adam adam = new Adam(params);
        LmState state = net.newState(B);
        for (int step = 0; step < 2; step++) {
            int[] x = new int[B * L], y = new int[B * L];
            for (int s = 0; s < B; s++) {
                for (int t = 0; t < L; t++) {
                    x[s * L + t] = (int) streams[s * (2 * L + 1) + step * L + t];
                    y[s * L + t] = (int) streams[s * (2 * L + 1) + step * L + t + 1];
                }
            }
            double loss = net.trainStep(x, y, B, L, state, new TrainingRandom(1)) / (B * L);
            double norm = LmTrainer.clip(params, 0.25f);
            assertEquals(ref.get(optimizer + ".loss" + step)[0], loss, 1e-5, "loss " + step);
            assertEquals(ref.get(optimizer + ".norm" + step)[0], norm, 1e-5, "gradient norm " + step);
            if (optimizer.equals("sgd")) for (Param p : params) p.sgd(2.0f);
            else adam.step(0.01f);
        }
        String f = optimizer + ".final.";
        assertClose(ref.get(f + "encoder.weight"), net.encoder().values(), "encoder");
        assertClose(ref.get(f + "rnn.weight_ih_l0"), CharLmNetwork.transpose(net.lstm(0).weightIh().values(), E, 4 * H), "weight_ih");
        assertClose(ref.get(f + "rnn.weight_hh_l0"), CharLmNetwork.transpose(net.lstm(0).weightHh().values(), H, 4 * H), "weight_hh");
        assertClose(ref.get(f + "rnn.bias_ih_l0"), net.biasIh(0).values(), "bias_ih");
        assertClose(ref.get(f + "rnn.bias_hh_l0"), net.biasHh(0).values(), "bias_hh");
        assertClose(ref.get(f + "decoder.weight"), CharLmNetwork.transpose(net.decoder().weight().values(), H, V), "decoder.weight");
        assertClose(ref.get(f + "decoder.bias"), net.decoder().bias().values(), "decoder.bias");
        assertClose(ref.get(f + "h"), state.h(0), "carried h");
        assertClose(ref.get(f + "c"), state.c(0), "carried c");
    }
}
