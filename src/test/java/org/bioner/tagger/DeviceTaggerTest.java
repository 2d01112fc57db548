package org.bioner.tagger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.bioner.nn.Backend;
import org.bioner.nn.Backends;
import org.bioner.nn.CpuBackend;
import org.bioner.nn.GpuTests;
import org.bioner.tagger.SequenceTagger.Prediction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tagger inference through the backend route ({@code TaggerInference.predictOnDevice}): on a second CPU
 * backend instance it must give the default path's predictions to the bit (same GEMM shapes, same cell);
 * on CUDA (only where a GPU opens) the same paths with confidences within float tolerance.
 */
class DeviceTaggerTest {

    private static List<List<String>> manySentences() {
        List<List<String>> s = new ArrayList<>(SequenceTaggerTest.sentences());
        s.add(List.of());
        s.addAll(SequenceTaggerTest.sentences());
        return s;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void backendRouteOnCpuGivesTheDefaultPathsBits(int layers) {
        SequenceTagger t = SequenceTaggerTest.trained(layers);
        List<float[][]> v = SequenceTaggerTest.EMB.embed(manySentences());
        assertSame(Backends.cpu(), t.backend());
        List<Prediction> cpu = t.predict(v, 4);
        t.useBackend(new CpuBackend());
        List<Prediction> route = t.predict(v, 4);
        assertEquals(cpu.size(), route.size());
        java.util.Set<Double> distinct = new java.util.HashSet<>();
        for (int i = 0; i < cpu.size(); i++) {
            assertArrayEquals(cpu.get(i).path(), route.get(i).path());
            assertArrayEquals(cpu.get(i).tokenConfidence(), route.get(i).tokenConfidence());
            assertArrayEquals(cpu.get(i).spanConfidence(), route.get(i).spanConfidence());
            assertEquals(cpu.get(i).spans(), route.get(i).spans());
            for (double c : cpu.get(i).tokenConfidence()) distinct.add(c);
        }
        assertTrue(distinct.size() > 10, "confidences vary, so equal ones mean equal emissions: " + distinct);
        t.useBackend(null);
        assertSame(Backends.cpu(), t.backend());
    }

    @Test
    void aTaggerWithCharacterFeaturesTagsOnTheBackendRouteAsOnTheCpuAndTrainsOnTheCpuOnly() throws Exception {
        // the character encoder runs on the host while packing; the rest is the route's
        SequenceTagger t = CharWordEncoderTest.trained();
        List<float[][]> v = CharWordEncoderTest.embed(CharWordEncoderTest.SPEC);
        List<Prediction> cpu = t.predict(v, 2);
        t.useBackend(new CpuBackend());
        List<Prediction> route = t.predict(v, 2);
        for (int i = 0; i < cpu.size(); i++) assertArrayEquals(cpu.get(i).tokenConfidence(), route.get(i).tokenConfidence());
        UnsupportedOperationException e = org.junit.jupiter.api.Assertions.assertThrows(UnsupportedOperationException.class,
                () -> t.computeGradients(v, CharWordEncoderTest.gold(), new java.util.Random(1)));
        assertTrue(e.getMessage().contains("trains on the CPU only"), e.getMessage());
    }

    /** GPU only. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void cudaTaggerMatchesTheCpuTagger(int layers) {
        Backend cuda = GpuTests.cudaOrSkip();
        SequenceTagger t = SequenceTaggerTest.trained(layers);
        List<float[][]> v = SequenceTaggerTest.EMB.embed(manySentences());
        List<Prediction> cpu = t.predict(v, 4);
        t.useBackend(cuda);
        List<Prediction> gpu = t.predict(v, 4);
        double max = 0;
        for (int i = 0; i < cpu.size(); i++) {
            assertArrayEquals(cpu.get(i).path(), gpu.get(i).path());
            for (int k = 0; k < cpu.get(i).tokenConfidence().length; k++) {
                max = Math.max(max, Math.abs(cpu.get(i).tokenConfidence()[k] - gpu.get(i).tokenConfidence()[k]));
            }
        }
        assertTrue(max < 1e-4, "max |confidence cpu - cuda| = " + max);
    }

    private static List<int[]> gold() {
        List<int[]> g = new ArrayList<>();
        for (List<String> s : manySentences()) {
            int[] tags = new int[s.size()];
            for (int i = 0; i < tags.length; i++) tags[i] = (i * 7 + s.size()) % SequenceTaggerTest.TAGS.size() == 1 ? 1 : 0;
            g.add(tags);
        }
        return g;
    }

    /** Loss and every parameter gradient of one training step on two taggers with the same weights and draws. */
    private static double compareStep(SequenceTagger a, SequenceTagger b, long seed) {
        List<float[][]> v = SequenceTaggerTest.EMB.embed(manySentences());
        double la = a.computeGradients(v, gold(), new java.util.Random(seed));
        double lb = b.computeGradients(v, gold(), new java.util.Random(seed));
        assertEquals(la, lb, 1e-5 * Math.abs(la), "loss");
        double max = 0, scale = 0;
        List<org.bioner.nn.Param> pa = a.parameters(), pb = b.parameters();
        for (int i = 0; i < pa.size(); i++) {
            float[] ga = pa.get(i).gradients(), gb = pb.get(i).gradients();
            for (int j = 0; j < ga.length; j++) {
                max = Math.max(max, Math.abs(ga[j] - gb[j]));
                scale = Math.max(scale, Math.abs(ga[j]));
            }
        }
        assertTrue(scale > 0, "non-zero gradients");
        assertTrue(max <= 1e-5 * scale, "max |gradient difference| " + max + " of max |gradient| " + scale);
        assertEquals(a.gradientNorm(), b.gradientNorm(), 1e-5 * a.gradientNorm());
        return max / scale;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void trainingStepOnTheBackendRouteGivesTheCpuGradients(int layers) {
        SequenceTagger cpu = SequenceTaggerTest.trained(layers), route = SequenceTaggerTest.trained(layers);
        route.useBackend(new CpuBackend());
        for (int step = 0; step < 3; step++) {
            compareStep(cpu, route, 40 + step);
            cpu.applySgd(0.1f, 1f);
            route.applySgd(0.1f, 1f);
        }
        // after updates through the route the tagger still tags like the CPU one (weights copied again)
        List<float[][]> v = SequenceTaggerTest.EMB.embed(manySentences());
        List<Prediction> a = cpu.predict(v, 4), b = route.predict(v, 4);
        for (int i = 0; i < a.size(); i++) assertArrayEquals(a.get(i).path(), b.get(i).path());
    }

    /** GPU only. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void cudaTrainingStepGivesTheCpuGradients(int layers) {
        Backend cuda = GpuTests.cudaOrSkip();
        SequenceTagger cpu = SequenceTaggerTest.trained(layers), gpu = SequenceTaggerTest.trained(layers);
        gpu.useBackend(cuda);
        for (int step = 0; step < 3; step++) {
            compareStep(cpu, gpu, 40 + step);
            cpu.applySgd(0.1f, 1f);
            gpu.applySgd(0.1f, 1f);
        }
    }
}
