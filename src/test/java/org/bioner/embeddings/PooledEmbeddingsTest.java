package org.bioner.embeddings;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.bioner.embeddings.flair.CharLanguageModel;
import org.bioner.embeddings.flair.FlairEmbeddings;
import org.bioner.embeddings.glove.WordVectorFiles;
import org.bioner.embeddings.glove.WordVectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pooled embeddings against their definition, computed here by hand from the contextual vectors: the memory of a
 * form is the element-wise min / max / mean over its occurrences, a token's vector is its contextual vector followed
 * by its form's memory (its own vector again when the memory lacks the form), and the spec
 * {@code flair:LM:pooled=MEMORY} loads the same embeddings from files.
 */
class PooledEmbeddingsTest {

    private static final List<String> DICT = List.of("<unk>", "\n", " ", "a", "b", "c", "d", "e", "-", "1");
    // "ab" occurs three times in different contexts, "cab" twice, the rest once
    private static final List<List<String>> TRAIN = List.of(
            List.of("ab", "cab", "d"),
            List.of("e", "ab", "1"),
            List.of("cab", "a-1", "ab", "bed"));

    private static FlairEmbeddings lm() {
        return new FlairEmbeddings(CharLanguageModel.random(true, DICT, 6, 8, 1, 3), 1, 4, 0);
    }

    /** Every contextual vector of {@code form} in {@code TRAIN}. */
    private static List<float[]> occurrences(TokenEmbeddings context, String form) {
        List<float[][]> v = context.embed(TRAIN);
        List<float[]> out = new ArrayList<>();
        for (int s = 0; s < TRAIN.size(); s++) {
            for (int t = 0; t < TRAIN.get(s).size(); t++) if (TRAIN.get(s).get(t).equals(form)) out.add(v.get(s)[t]);
        }
        return out;
    }

    private static float[] memoryOf(WordVectors m, String form) {
        float[] v = new float[m.dimension()];
        int row = m.indexOf(form);
        assertTrue(row >= 0, form + " in memory");
        m.copyVector(row, v, 0);
        return v;
    }

    @Test
    void memoryIsTheElementWisePoolOfEveryOccurrence() {
        FlairEmbeddings context = lm();
        List<float[]> ab = occurrences(context, "ab");
        assertEquals(3, ab.size());
        assertTrue(!Arrays.equals(ab.get(0), ab.get(1)), "the contexts differ, so the occurrences do");
        int d = context.dimension();
        float[] min = new float[d], max = new float[d], mean = new float[d];
        for (int i = 0; i < d; i++) {
            min[i] = Math.min(ab.get(0)[i], Math.min(ab.get(1)[i], ab.get(2)[i]));
            max[i] = Math.max(ab.get(0)[i], Math.max(ab.get(1)[i], ab.get(2)[i]));
            mean[i] = (ab.get(0)[i] + ab.get(1)[i] + ab.get(2)[i]) / 3f;
        }
        // batches of 2 sentences: pooling runs across batches
        assertArrayEquals(min, memoryOf(PooledEmbeddings.buildMemory(context, TRAIN, PooledEmbeddings.Pooling.MIN, 2, null), "ab"));
        assertArrayEquals(max, memoryOf(PooledEmbeddings.buildMemory(context, TRAIN, PooledEmbeddings.Pooling.MAX, 2, null), "ab"));
        assertArrayEquals(mean, memoryOf(PooledEmbeddings.buildMemory(context, TRAIN, PooledEmbeddings.Pooling.MEAN, 2, null), "ab"), 1e-6f);
        WordVectors once = PooledEmbeddings.buildMemory(context, TRAIN, PooledEmbeddings.Pooling.MIN, 1, null);
        assertArrayEquals(occurrences(context, "bed").get(0), memoryOf(once, "bed"), "a form seen once is its vector");
        assertEquals(List.of("ab", "cab", "d", "e", "1", "a-1", "bed"), once.words(), "forms in order of first occurrence");
    }

    @Test
    void aTokenGetsItsVectorThenItsFormsMemoryOrItsOwnVectorAgain() {
        FlairEmbeddings context = lm();
        WordVectors memory = PooledEmbeddings.buildMemory(context, TRAIN, PooledEmbeddings.Pooling.MIN, 8, null);
        PooledEmbeddings pooled = new PooledEmbeddings(context, memory, "memory.bnm");
        int d = context.dimension();
        assertEquals(2 * d, pooled.dimension());
        List<String> sentence = List.of("dab", "ab", "c");   // "dab" and "c" are not in the memory
        float[][] local = context.embed(List.of(sentence)).get(0);
        float[][] got = pooled.embed(List.of(sentence)).get(0);
        for (int t = 0; t < sentence.size(); t++) {
            assertArrayEquals(local[t], Arrays.copyOfRange(got[t], 0, d), "contextual half of token " + t);
        }
        assertArrayEquals(memoryOf(memory, "ab"), Arrays.copyOfRange(got[1], d, 2 * d));
        assertArrayEquals(local[0], Arrays.copyOfRange(got[0], d, 2 * d), "unknown form: its own vector");
        assertArrayEquals(local[2], Arrays.copyOfRange(got[2], d, 2 * d), "unknown form: its own vector");
        assertEquals(context.describe() + ":pooled=memory.bnm", pooled.describe());
    }

    @Test
    void theSpecLoadsTheSameEmbeddingsFromFiles(@TempDir Path dir) throws Exception {
        CharLanguageModel model = CharLanguageModel.random(true, DICT, 6, 8, 1, 3);
        Path lmFile = dir.resolve("lm.bnm");
        model.write(lmFile, false);
        FlairEmbeddings context = new FlairEmbeddings(CharLanguageModel.load(lmFile), 1, 4, 0);
        WordVectors memory = PooledEmbeddings.buildMemory(context, TRAIN, PooledEmbeddings.Pooling.MAX, 8, null);
        Path memoryFile = dir.resolve("memory.bnm");
        WordVectorFiles.writeArchive(memory, memoryFile, false, Map.of());
        TokenEmbeddings loaded = EmbeddingsLoader.load("flair:lm.bnm:pooled=memory.bnm+random:3", dir);
        assertEquals(2 * context.dimension() + 3, loaded.dimension());
        List<String> sentence = List.of("cab", "e", "dd");
        float[][] expected = new PooledEmbeddings(context, memory, "m").embed(List.of(sentence)).get(0);
        float[][] got = loaded.embed(List.of(sentence)).get(0);
        for (int t = 0; t < sentence.size(); t++) {
            assertArrayEquals(expected[t], Arrays.copyOfRange(got[t], 0, expected[t].length), "token " + t);
        }
        WordVectors wrong = new WordVectors(List.of("ab"), new float[5], 5);
        WordVectorFiles.writeArchive(wrong, dir.resolve("wrong.bnm"), false, Map.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EmbeddingsLoader.load("flair:lm.bnm:pooled=wrong.bnm", dir));
        assertTrue(e.getMessage().contains("wrong.bnm has 5 dimensions"), e.getMessage());
    }
}
