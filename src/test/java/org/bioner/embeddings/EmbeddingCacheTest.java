package org.bioner.embeddings;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bioner.corpus.SentenceContext;
import org.bioner.model.ModelArchive.Half;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Persistent embedding caches ({@link EmbeddingCache#persistent}): a second run over the same sentences reads the
 * file (same bits, in memory or on disk) instead of embedding; other sentences, other contexts, other vectors under
 * the same description, or a damaged file are embedded again.
 */
class EmbeddingCacheTest {

    @TempDir
    Path dir;

    private final List<List<String>> sentences = List.of(List.of("a", "bb"), List.of("c"), List.of("d", "e", "f"));

    /** Counts the sentences it embeds; {@code shift} changes its vectors but not its description. */
    private static final class Counting implements TokenEmbeddings {
        final RandomEmbeddings inner = new RandomEmbeddings(5, 3);
        final float shift;
        int embedded;

        Counting(float shift) {
            this.shift = shift;
        }

        @Override
        public int dimension() {
            return 5;
        }

        @Override
        public List<float[][]> embed(List<List<String>> s) {
            embedded += s.size();
            List<float[][]> out = new ArrayList<>();
            for (float[][] v : inner.embed(s)) {
                for (float[] row : v) for (int j = 0; j < row.length; j++) row[j] += shift;
                out.add(v);
            }
            return out;
        }

        @Override
        public String describe() {
            return "counting";
        }
    }

    private EmbeddingCache persistent(TokenEmbeddings e, List<List<String>> s, List<SentenceContext> c, long budget,
                                      ByteArrayOutputStream log) throws IOException {
        return EmbeddingCache.persistent(e, s, c, 2, budget, dir.resolve("work/embeddings-train.f16"), null,
                new PrintStream(log, true, StandardCharsets.UTF_8));
    }

    private static void assertSameVectors(EmbeddingCache a, EmbeddingCache b) {
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            float[][] x = a.get(i), y = b.get(i);
            assertEquals(x.length, y.length);
            for (int t = 0; t < x.length; t++) assertArrayEquals(x[t], y[t]);
        }
    }

    @Test
    void aSecondRunReadsTheFileInMemoryOrOnDisk() throws IOException {
        List<List<String>> many = new ArrayList<>();
        for (int i = 0; i < 12; i++) many.add(List.of("w" + i, "x" + (i % 3)));
        List<SentenceContext> ctx = SentenceContext.ofDocument(many);
        Counting e = new Counting(0);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (EmbeddingCache first = persistent(e, many, ctx, Long.MAX_VALUE, log)) {
            assertEquals(12, e.embedded);
            assertFalse(Files.exists(dir.resolve("work/embeddings-train.f16.partial")), "no partial file left");
            try (EmbeddingCache mem = persistent(e, many, ctx, Long.MAX_VALUE, log);
                 EmbeddingCache disk = persistent(e, many, ctx, 0, log)) {
                assertEquals(12 + 2 * EmbeddingCache.PROBE_SENTENCES, e.embedded, "a read embeds only the probe sentences");
                assertTrue(mem.inMemory());
                assertFalse(disk.inMemory());
                assertSameVectors(first, mem);
                assertSameVectors(first, disk);
            }
        }
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("embeddings read from"), log.toString(StandardCharsets.UTF_8));
    }

    @Test
    void otherSentencesContextsOrVectorsAreEmbeddedAgain() throws IOException {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        persistent(new Counting(0), sentences, null, Long.MAX_VALUE, log).close();
        Counting other = new Counting(0);
        persistent(other, sentences.subList(0, 2), null, Long.MAX_VALUE, log).close();
        assertEquals(2, other.embedded, "other sentences: embedded again, no probe of a foreign file");
        Counting withContext = new Counting(0);
        persistent(withContext, sentences.subList(0, 2), SentenceContext.ofDocument(sentences.subList(0, 2)), Long.MAX_VALUE, log).close();
        assertEquals(2, withContext.embedded, "other contexts: other key");
        Counting shifted = new Counting(1f); // same description, other vectors: caught by the probe
        try (EmbeddingCache c = persistent(shifted, sentences.subList(0, 2), SentenceContext.ofDocument(sentences.subList(0, 2)),
                Long.MAX_VALUE, log)) {
            assertEquals(2 + 2, shifted.embedded, "probe, then everything");
            float[][] want = shifted.embed(List.of(sentences.get(0))).get(0);
            assertEquals(want[0][0], c.get(0)[0][0], 1e-2f);
        }
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("embedding again"));
    }

    @Test
    void aDamagedFileIsEmbeddedAgain() throws IOException {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        persistent(new Counting(0), sentences, null, Long.MAX_VALUE, log).close();
        Path f = dir.resolve("work/embeddings-train.f16");
        byte[] bytes = Files.readAllBytes(f);
        Files.write(f, java.util.Arrays.copyOf(bytes, bytes.length - 7)); // truncated
        Counting e = new Counting(0);
        try (EmbeddingCache c = persistent(e, sentences, null, Long.MAX_VALUE, log)) {
            assertEquals(3, e.embedded);
            assertEquals(3, c.size());
        }
        Files.write(f, new byte[] {1, 2, 3}); // not a cache at all
        Counting e2 = new Counting(0);
        try (EmbeddingCache onDisk = persistent(e2, sentences, null, 0, log)) { // built straight to disk
            assertEquals(3, e2.embedded);
            assertFalse(onDisk.inMemory());
            for (int i = 0; i < sentences.size(); i++) {
                float[][] want = new Counting(0).embed(List.of(sentences.get(i))).get(0);
                for (int t = 0; t < want.length; t++) {
                    for (int j = 0; j < 5; j++) assertEquals(Half.toFloat(Half.fromFloat(want[t][j])), onDisk.get(i)[t][j]);
                }
            }
        }
    }
}
