package org.bioner.embeddings.flair.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.bioner.embeddings.flair.CharLanguageModel;
import org.bioner.embeddings.flair.CharLmRunner;
import org.bioner.nn.Param;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Finite-difference check of the whole LM loss, and agreement of the trainer's states with inference. */
class CharLmNetworkTest {

    private static final int V = 6, E = 3, H = 4, STREAMS = 2, LEN = 5;

    private static CharLmNetwork network(int layers, float dropout) {
        CharLmNetwork net = CharLmNetwork.init(V, E, H, layers, dropout, 11);
        // larger weights than the initialisation so that every path carries gradient
        Random r = new Random(5);
        for (Param p : net.params()) {
            float[] v = p.values();
            for (int i = 0; i < v.length; i++) v[i] = (float) (r.nextGaussian() * 0.5);
            p.setValues(v);
        }
        return net;
    }

    private static LmState randomState(CharLmNetwork net) {
        LmState s = net.newState(STREAMS);
        Random r = new Random(9);
        for (int l = 0; l < net.layers(); l++) {
            float[] h = new float[STREAMS * H], c = new float[STREAMS * H];
            for (int i = 0; i < h.length; i++) {
                h[i] = (float) (r.nextDouble() - 0.5);
                c[i] = (float) (r.nextGaussian());
            }
            s.set(l, h, c);
        }
        return s;
    }

    private static int[] ids(long seed) {
        Random r = new Random(seed);
        int[] a = new int[STREAMS * LEN];
        for (int i = 0; i < a.length; i++) a[i] = r.nextInt(V);
        return a;
    }

    /**
     * Central differences of the summed loss against N x the analytic gradient of the mean loss, for every
     * weight of the embedding, both LSTM layers (carried non-zero initial state) and the decoder; with dropout,
     * the same masks are drawn for every evaluation (same RNG seed).
     */
    @ParameterizedTest
    @ValueSource(floats = {0f, 0.3f})
    void gradientMatchesFiniteDifferences(float dropout) {
        CharLmNetwork net = network(2, dropout);
        LmState s0 = randomState(net);
        int[] x = ids(1), y = ids(2);
        int n = STREAMS * LEN;
        net.trainStep(x, y, STREAMS, LEN, s0.copy(), new TrainingRandom(7));
        List<float[]> grads = new ArrayList<>();
        for (Param p : net.params()) grads.add(p.gradients());
        float eps = 1e-2f;
        int checked = 0;
        double worst = 0;
        for (int k = 0; k < net.params().size(); k++) {
            Param p = net.params().get(k);
            float[] v = p.values();
            for (int i = 0; i < v.length; i++) {
                float keep = v[i];
                v[i] = keep + eps;
                p.setValues(v);
                double plus = net.trainStep(x, y, STREAMS, LEN, s0.copy(), new TrainingRandom(7));
                v[i] = keep - eps;
                p.setValues(v);
                double minus = net.trainStep(x, y, STREAMS, LEN, s0.copy(), new TrainingRandom(7));
                v[i] = keep;
                p.setValues(v);
                double numeric = (plus - minus) / (2 * eps);
                double analytic = grads.get(k)[i] * n;
                double err = Math.abs(numeric - analytic);
                worst = Math.max(worst, err / (1e-2 + Math.abs(numeric)));
                assertEquals(numeric, analytic, 2e-3 + 1e-2 * Math.abs(numeric), p.name() + "[" + i + "]");
                checked++;
            }
        }
        assertTrue(checked > 300, "checked " + checked);
        assertTrue(worst < 0.05, "worst relative error " + worst);
    }

    /** The loss is PyTorch's cross-entropy: with all-zero weights every character has probability 1/V. */
    @Test
    void uniformModelCostsLogV() {
        CharLmNetwork net = new CharLmNetwork(V, E, H, 1, 0f);
        double loss = net.loss(ids(1), ids(2), STREAMS, LEN, net.newState(STREAMS));
        assertEquals(Math.log(V) * STREAMS * LEN, loss, 1e-5);
    }

    /**
     * The model the trainer writes, run by the inference kernel from a zero state, gives the hidden states
     * the trainer computed (so training and inference share the text-to-index convention and weights layout).
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void inferenceReproducesTrainerStates(int layers) {
        CharLmNetwork net = network(layers, 0.1f);
        List<String> dict = List.of("<unk>", "a", "b", "c", " ", "\n");
        CharLanguageModel lm = net.toModel(true, dict, "test");
        CharLmRunner runner = new CharLmRunner(lm, 1, 4);
        int[] seq = ids(3);
        for (int len = 1; len <= seq.length; len += 3) {
            int[] x = java.util.Arrays.copyOf(seq, len);
            LmState st = net.newState(1);
            net.loss(x, x, 1, len, st);
            float[] expected = st.h(layers - 1);
            float[] actual = runner.run(new int[][] {x}, new int[][] {{len - 1}})[0][0];
            for (int j = 0; j < H; j++) assertEquals(expected[j], actual[j], 2e-5, "len " + len + " h[" + j + "]");
        }
    }

    /** {@code fromModel} inverts {@code toModel}: every weight back in place (non-square E, H, V catch a missed transpose). */
    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void fromModelInvertsToModel(int layers) {
        CharLmNetwork net = network(layers, 0f);
        List<String> dict = List.of("<unk>", "a", "b", "c", " ", "\n");
        CharLmNetwork back = CharLmNetwork.fromModel(net.toModel(false, dict, "test"), 0f);
        List<Param> a = net.params(), b = back.params();
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(a.get(i).values(), b.get(i).values(), a.get(i).name());
        }
        assertEquals(net.loss(ids(1), ids(2), STREAMS, LEN, net.newState(STREAMS)),
                back.loss(ids(1), ids(2), STREAMS, LEN, back.newState(STREAMS)), 0.0);
    }
}
