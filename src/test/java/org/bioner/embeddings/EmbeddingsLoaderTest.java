package org.bioner.embeddings;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.bioner.model.ModelArchive.Half;
import org.bioner.model.ResourceLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddingsLoaderTest {

    @Test
    void randomVectorsAreFixedPerTokenAndSeed() throws IOException {
        TokenEmbeddings e = EmbeddingsLoader.load("random:8:seed=2", null);
        assertEquals(8, e.dimension());
        List<float[][]> v = e.embed(List.of(List.of("a", "b", "a")));
        assertArrayEquals(v.get(0)[0], v.get(0)[2]);
        assertFalse(java.util.Arrays.equals(v.get(0)[0], v.get(0)[1]));
        assertArrayEquals(v.get(0)[0], new RandomEmbeddings(8, 2).vector("a"));
        assertFalse(java.util.Arrays.equals(v.get(0)[0], new RandomEmbeddings(8, 3).vector("a")));
        assertEquals("random:8:seed=2", e.describe());
    }

    @Test
    void plusStacksInOrder() throws IOException {
        TokenEmbeddings e = EmbeddingsLoader.load("random:3:seed=1+random:5:seed=2", null);
        assertTrue(e instanceof StackedEmbeddings);
        assertEquals(8, e.dimension());
        float[] v = e.embed(List.of(List.of("x"))).get(0)[0];
        float[] a = new RandomEmbeddings(3, 1).vector("x"), b = new RandomEmbeddings(5, 2).vector("x");
        for (int i = 0; i < 3; i++) assertEquals(a[i], v[i]);
        for (int i = 0; i < 5; i++) assertEquals(b[i], v[3 + i]);
    }

    @Test
    void badSpecsFailClearly() {
        var e1 = assertThrows(IllegalArgumentException.class, () -> EmbeddingsLoader.load("word2vec:foo", null));
        assertTrue(e1.getMessage().contains("unknown embeddings kind 'word2vec'"));
        var e2 = assertThrows(IllegalArgumentException.class, () -> EmbeddingsLoader.load("random:abc", null));
        assertTrue(e2.getMessage().contains("random:DIM"));
        var e3 = assertThrows(IOException.class, () -> ResourceLocation.resolve("no/such/file.bnm", Path.of("/tmp"), "embeddings location"));
        assertTrue(e3.getMessage().contains("no/such/file.bnm"));
    }

    @Test
    void locationsResolveAgainstBaseDirAndClasspath(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("v.bin"), "x");
        assertEquals(dir.resolve("v.bin"), ResourceLocation.resolve("v.bin", dir, "vectors").file());
        ResourceLocation cp = ResourceLocation.resolve("classpath:org/bioner/types/BioNerTypes.xml", null, "type system");
        try (var in = cp.open()) {
            assertTrue(in.readAllBytes().length > 0);
        }
    }

    @Test
    void cacheStoresFloat16InMemoryOrOnDisk(@TempDir Path dir) throws IOException {
        RandomEmbeddings e = new RandomEmbeddings(6, 4);
        List<List<String>> s = List.of(List.of("a", "bb"), List.of("c"), List.of("d", "e", "f"));
        try (EmbeddingCache mem = EmbeddingCache.build(e, s, null, 2, Long.MAX_VALUE, dir, null);
             EmbeddingCache disk = EmbeddingCache.build(e, s, null, 2, 0, dir, null)) {
            assertTrue(mem.inMemory());
            assertFalse(disk.inMemory());
            for (int i = 0; i < s.size(); i++) {
                float[][] want = e.embed(List.of(s.get(i))).get(0);
                float[][] m = mem.get(i), d = disk.get(i);
                for (int t = 0; t < want.length; t++) {
                    for (int j = 0; j < 6; j++) {
                        assertEquals(Half.toFloat(Half.fromFloat(want[t][j])), m[t][j]);
                        assertEquals(m[t][j], d[t][j]);
                    }
                }
            }
        }
    }

    @Test
    void flairAndGloveSpecsStackInOrderAndEqualTheirParts(@TempDir Path dir) throws IOException {
        Path glove = dir.resolve("g.txt");
        Files.writeString(glove, "cancer 1 2 3\nthe 4 5 6\n");
        String fwd = "src/test/resources/flair/fwd-1layer-zip.pt";
        String bwd = "src/test/resources/flair/bwd-1layer-zip.pt";
        TokenEmbeddings f = EmbeddingsLoader.load("flair:" + fwd, null);
        TokenEmbeddings b = EmbeddingsLoader.load("flair:" + bwd, null);
        TokenEmbeddings all = EmbeddingsLoader.load("flair:" + fwd + "+flair:" + bwd + "+glove:" + glove, null);
        assertEquals(f.dimension() + b.dimension() + 3, all.dimension());
        List<List<String>> s = List.of(List.of("The", "cancer", "grows"), List.of("cancer"));
        List<float[][]> v = all.embed(s), vf = f.embed(s), vb = b.embed(s);
        for (int i = 0; i < s.size(); i++) {
            for (int t = 0; t < s.get(i).size(); t++) {
                float[] row = v.get(i)[t];
                assertArrayEquals(vf.get(i)[t], java.util.Arrays.copyOfRange(row, 0, f.dimension()));
                assertArrayEquals(vb.get(i)[t], java.util.Arrays.copyOfRange(row, f.dimension(), f.dimension() + b.dimension()));
            }
        }
        float[] cancer = v.get(1)[0];
        assertArrayEquals(new float[] {1, 2, 3}, java.util.Arrays.copyOfRange(cancer, all.dimension() - 3, all.dimension()));
        float[] the = v.get(0)[0]; // "The" found through the lower-case lookup
        assertArrayEquals(new float[] {4, 5, 6}, java.util.Arrays.copyOfRange(the, all.dimension() - 3, all.dimension()));
    }
}
