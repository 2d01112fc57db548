package org.bioner.embeddings.flair.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import org.bioner.nn.Backend;
import org.bioner.nn.CpuBackend;
import org.bioner.nn.GpuTests;
import org.bioner.nn.Param;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * LM pretraining steps on the backend route ({@link CharLmNetwork#useBackend}): on a second CPU backend
 * instance they give the CPU steps' losses, gradients and carried states (2 layers, with and without dropout,
 * two steps in a row so the carried state is used); on CUDA (only where a GPU opens) within float tolerance.
 */
class DeviceLmTrainingTest {

    private static final int V = 7, E = 5, H = 6, STREAMS = 3, LEN = 8;

    private static CharLmNetwork network(float dropout) {
        CharLmNetwork net = CharLmNetwork.init(V, E, H, 2, dropout, 11);
        Random r = new Random(5);
        for (Param p : net.params()) {
            float[] v = p.values();
            for (int i = 0; i < v.length; i++) v[i] = (float) (r.nextGaussian() * 0.5);
            p.setValues(v);
        }
        return net;
    }

    private static int[] ids(long seed) {
        Random r = new Random(seed);
        int[] a = new int[STREAMS * LEN];
        for (int i = 0; i < a.length; i++) a[i] = r.nextInt(V);
        return a;
    }

    /** Two steps and an evaluation on both networks; returns the largest relative gradient difference. */
    private static double compare(CharLmNetwork a, CharLmNetwork b, double tol) {
        LmState sa = a.newState(STREAMS), sb = b.newState(STREAMS);
        double worst = 0;
        for (int step = 0; step < 2; step++) {
            int[] x = ids(2 * step + 1), y = ids(2 * step + 2);
            double la = a.trainStep(x, y, STREAMS, LEN, sa, new TrainingRandom(7 + step));
            double lb = b.trainStep(x, y, STREAMS, LEN, sb, new TrainingRandom(7 + step));
            assertEquals(la, lb, tol * Math.abs(la), "loss of step " + step);
            List<Param> pa = a.params(), pb = b.params();
            double max = 0, scale = 0;
            for (int i = 0; i < pa.size(); i++) {
                float[] ga = pa.get(i).gradients(), gb = pb.get(i).gradients();
                for (int j = 0; j < ga.length; j++) {
                    max = Math.max(max, Math.abs(ga[j] - gb[j]));
                    scale = Math.max(scale, Math.abs(ga[j]));
                }
            }
            assertTrue(scale > 0);
            assertTrue(max <= tol * scale, "step " + step + ": max |gradient difference| " + max + " of " + scale);
            worst = Math.max(worst, max / scale);
            for (int l = 0; l < 2; l++) {
                for (int i = 0; i < STREAMS * H; i++) {
                    assertEquals(sa.h[l].get(i), sb.h[l].get(i), tol, "carried h");
                    assertEquals(sa.c[l].get(i), sb.c[l].get(i), tol, "carried c");
                }
            }
            for (Param p : pa) p.sgd(0.5f);
            for (Param p : pb) p.sgd(0.5f);
        }
        double ea = a.loss(ids(9), ids(10), STREAMS, LEN, sa), eb = b.loss(ids(9), ids(10), STREAMS, LEN, sb);
        assertEquals(ea, eb, tol * Math.abs(ea), "evaluation loss");
        return worst;
    }

    @ParameterizedTest
    @ValueSource(floats = {0f, 0.3f})
    void backendRouteOnCpuGivesTheCpuSteps(float dropout) {
        CharLmNetwork cpu = network(dropout), route = network(dropout);
        route.useBackend(new CpuBackend());
        compare(cpu, route, 1e-5);
    }

    /** GPU only. */
    @Test
    void cudaStepsMatchTheCpuSteps() {
        Backend cuda = GpuTests.cudaOrSkip();
        CharLmNetwork cpu = network(0.3f), gpu = network(0.3f);
        gpu.useBackend(cuda);
        compare(cpu, gpu, 1e-4);
    }
}
