package org.bioner.embeddings.flair;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.bioner.nn.Backend;
import org.bioner.nn.CpuBackend;
import org.bioner.nn.GpuTests;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The char LM on the backend route ({@link DeviceCharLm}): on a second CPU backend instance it gives the CPU
 * runner's bits (1 and 2 layers, forward and backward, several batches, an empty sentence); on CUDA (only
 * where a GPU opens) the same vectors within float tolerance.
 */
class DeviceCharLmTest {

    private static final List<String> DICT = List.of("<unk>", "\n", " ", "a", "b", "c", "d", "e", "-", "1");

    private static List<List<String>> sentences() {
        return List.of(List.of("abc", "de", "a-1"), List.of("e"), List.of(), List.of("bad", "cab", "1", "dead", "z"),
                List.of("ace", "bed"), List.of("a"), List.of("ccc", "ddd", "eee", "aaa"));
    }

    private static List<float[][]> embed(FlairEmbeddings e) {
        return e.embed(sentences());
    }

    @ParameterizedTest
    @CsvSource({"true,1", "false,1", "true,2", "false,2"})
    void backendRouteOnCpuGivesTheRunnersBits(boolean forward, int layers) {
        CharLanguageModel lm = CharLanguageModel.random(forward, DICT, 6, 8, layers, 17);
        FlairEmbeddings e = new FlairEmbeddings(lm, 1, 3);
        List<float[][]> cpu = embed(e);
        e.useBackend(new CpuBackend());
        List<float[][]> route = embed(e);
        assertEquals(cpu.size(), route.size());
        int vectors = 0;
        for (int s = 0; s < cpu.size(); s++) {
            assertEquals(cpu.get(s).length, route.get(s).length);
            for (int t = 0; t < cpu.get(s).length; t++) {
                assertArrayEquals(cpu.get(s)[t], route.get(s)[t], "sentence " + s + " token " + t);
                vectors++;
            }
        }
        assertEquals(16, vectors);
        assertTrue(cpu.get(0)[0][0] != 0f && cpu.get(0)[0][0] != cpu.get(0)[1][0], "non-trivial vectors");
    }

    /** GPU only. */
    @Test
    void cudaLmMatchesTheCpuRunner() {
        Backend cuda = GpuTests.cudaOrSkip();
        List<String> dict = new ArrayList<>(DICT);
        for (int i = dict.size(); i < 300; i++) dict.add("<u" + i + ">");
        for (boolean forward : new boolean[] {true, false}) {
            CharLanguageModel lm = CharLanguageModel.random(forward, dict, 100, 512, 1, 3);
            FlairEmbeddings e = new FlairEmbeddings(lm, 1, 4);
            List<float[][]> cpu = embed(e);
            e.useBackend(cuda);
            List<float[][]> gpu = embed(e);
            double max = 0;
            for (int s = 0; s < cpu.size(); s++) {
                for (int t = 0; t < cpu.get(s).length; t++) {
                    for (int j = 0; j < cpu.get(s)[t].length; j++) max = Math.max(max, Math.abs(cpu.get(s)[t][j] - gpu.get(s)[t][j]));
                }
            }
            assertTrue(max < 1e-5, "max |cpu - cuda| = " + max);
        }
    }
}
