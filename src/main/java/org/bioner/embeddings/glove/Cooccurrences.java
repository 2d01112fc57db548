package org.bioner.embeddings.glove;

import it.unimi.dsi.fastutil.longs.Long2FloatMap;
import it.unimi.dsi.fastutil.longs.Long2FloatOpenHashMap;
import org.bioner.model.ModelArchive;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The GloVe co-occurrence matrix X, in compact form: one entry per unordered word pair {@code i <= j}
 * (X is symmetric for a symmetric window), as parallel arrays.
 *
 * <p>Counting follows GloVe's {@code cooccur.c} with {@code symmetric=1}: out-of-vocabulary tokens are
 * dropped before windowing; for every token and every earlier in-vocabulary token at distance
 * {@code d <= window} in the same document, X[i][j] and X[j][i] both grow by {@code 1/d}. Stored per
 * unordered pair this is X[i][j] for {@code i < j}; for {@code i == j} both increments land on the same
 * cell, so the diagonal holds {@code 2/d} per occurrence.
 */
public final class Cooccurrences {

    public static final String KIND = "glove-cooccurrences";

    private final int[] rows;
    private final int[] cols;
    private final float[] values;

    public Cooccurrences(int[] rows, int[] cols, float[] values) {
        if (rows.length != cols.length || rows.length != values.length) throw new IllegalArgumentException("lengths differ");
        this.rows = rows;
        this.cols = cols;
        this.values = values;
    }

    public int size() {
        return rows.length;
    }

    public int row(int e) {
        return rows[e];
    }

    public int col(int e) {
        return cols[e];
    }

    public float value(int e) {
        return values[e];
    }

    /**
     * Shuffles the entries in place (seeded). Training then reads them sequentially, as glove.c reads its
     * shuffled file: a fixed random order costs no cache misses on the entry arrays, unlike a fresh permutation.
     */
    public void shuffle(long seed) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        for (int i = rows.length - 1; i > 0; i--) {
            int k = r.nextInt(i + 1);
            int t = rows[i]; rows[i] = rows[k]; rows[k] = t;
            t = cols[i]; cols[i] = cols[k]; cols[k] = t;
            float v = values[i]; values[i] = values[k]; values[k] = v;
        }
    }

    /** X[i][j] (linear search; for tests and small matrices). */
    public float get(int i, int j) {
        int a = Math.min(i, j), b = Math.max(i, j);
        for (int e = 0; e < rows.length; e++) if (rows[e] == a && cols[e] == b) return values[e];
        return 0f;
    }

    /** Accumulates co-occurrences document by document. */
    public static final class Counter {
        private final GloveVocabulary vocab;
        private final int window;
        private final Long2FloatOpenHashMap map = new Long2FloatOpenHashMap(1 << 20, 0.8f);
        private int[] ids = new int[1024];
        public long tokens;
        public long documents;

        public Counter(GloveVocabulary vocab, int window) {
            if (window < 1) throw new IllegalArgumentException("window must be >= 1");
            this.vocab = vocab;
            this.window = window;
        }

        public void add(List<String> document) {
            documents++;
            int n = 0;
            if (ids.length < document.size()) ids = new int[document.size()];
            for (String t : document) {
                int id = vocab.id(t);
                if (id >= 0) ids[n++] = id;
            }
            tokens += n;
            for (int p = 0; p < n; p++) {
                int w2 = ids[p];
                for (int d = 1; d <= window && p - d >= 0; d++) {
                    int w1 = ids[p - d];
                    float inc = 1f / d;
                    if (w1 == w2) inc *= 2f;
                    map.addTo(key(w1, w2), inc);
                }
            }
        }

        public int pairs() {
            return map.size();
        }

        /** The counted matrix, entries in key order (rows ascending); the counter is emptied. */
        public Cooccurrences build() {
            int n = map.size();
            long[] keys = new long[n];
            int k = 0;
            for (Long2FloatMap.Entry e : map.long2FloatEntrySet()) keys[k++] = e.getLongKey();
            java.util.Arrays.sort(keys);
            int[] r = new int[n];
            int[] c = new int[n];
            float[] v = new float[n];
            for (int i = 0; i < n; i++) {
                r[i] = (int) (keys[i] >>> 32);
                c[i] = (int) keys[i];
                v[i] = map.get(keys[i]);
            }
            map.clear();
            map.trim();
            return new Cooccurrences(r, c, v);
        }

        private static long key(int a, int b) {
            int lo = Math.min(a, b), hi = Math.max(a, b);
            return ((long) lo << 32) | (hi & 0xffffffffL);
        }
    }

    /** Saves the matrix with its vocabulary (a cache, so a resumed training run need not recount). */
    public void save(Path file, GloveVocabulary vocab, Map<String, String> meta) throws IOException {
        try (ModelArchive.Writer w = ModelArchive.writer(file, KIND)) {
            meta.forEach(w::meta);
            w.strings("words", vocab.words());
            long[] counts = vocab.counts();
            int[] ic = new int[counts.length];
            for (int i = 0; i < counts.length; i++) ic[i] = (int) Math.min(Integer.MAX_VALUE, counts[i]);
            w.ints("counts", ic, new int[] {ic.length});
            w.ints("rows", rows, new int[] {rows.length});
            w.ints("cols", cols, new int[] {cols.length});
            w.floats("values", values, new int[] {values.length}, false);
        }
    }

    /** A saved matrix and its vocabulary. */
    public record Saved(Cooccurrences matrix, GloveVocabulary vocabulary, ModelArchive archive) { }

    public static Saved load(Path file) throws IOException {
        ModelArchive a = ModelArchive.open(file, KIND);
        List<String> words = a.strings("words");
        int[] ic = a.ints("counts");
        long[] counts = new long[ic.length];
        for (int i = 0; i < ic.length; i++) counts[i] = ic[i];
        Cooccurrences m = new Cooccurrences(a.ints("rows"), a.ints("cols"), a.floats("values"));
        for (int e = 0; e < m.size(); e++) {
            if (m.rows[e] < 0 || m.cols[e] >= words.size() || m.rows[e] > m.cols[e]) {
                throw new IOException(file + ": co-occurrence entry " + e + " has bad indices");
            }
        }
        return new Saved(m, new GloveVocabulary(words, counts), a);
    }
}
