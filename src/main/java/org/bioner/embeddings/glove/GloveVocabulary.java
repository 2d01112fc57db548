package org.bioner.embeddings.glove;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The words GloVe learns vectors for: every word seen at least {@code minCount} times, most frequent first,
 * at most {@code maxSize} of them (ties broken alphabetically, so the vocabulary is reproducible).
 */
public final class GloveVocabulary {

    private final List<String> words;
    private final long[] counts;
    private final Map<String, Integer> index;

    public GloveVocabulary(List<String> words, long[] counts) {
        if (words.size() != counts.length) throw new IllegalArgumentException("words and counts differ in length");
        this.words = List.copyOf(words);
        this.counts = counts.clone();
        this.index = new HashMap<>(words.size() * 2);
        for (int i = 0; i < words.size(); i++) {
            if (index.put(words.get(i), i) != null) throw new IllegalArgumentException("duplicate word " + words.get(i));
        }
    }

    /** Counts the corpus and keeps the most frequent words. Also records corpus size in {@code stats}. */
    public static GloveVocabulary build(GloveCorpus corpus, int minCount, int maxSize, CorpusStats stats) throws java.io.IOException {
        Map<String, long[]> counts = new HashMap<>(1 << 20);
        corpus.forEachDocument(doc -> {
            stats.documents++;
            stats.tokens += doc.size();
            for (String t : doc) counts.computeIfAbsent(t, k -> new long[1])[0]++;
        });
        stats.types = counts.size();
        List<Map.Entry<String, long[]>> kept = new ArrayList<>();
        for (var e : counts.entrySet()) if (e.getValue()[0] >= minCount) kept.add(e);
        kept.sort(Comparator.<Map.Entry<String, long[]>>comparingLong(e -> -e.getValue()[0]).thenComparing(Map.Entry::getKey));
        if (kept.size() > maxSize) kept = kept.subList(0, maxSize);
        List<String> words = new ArrayList<>(kept.size());
        long[] c = new long[kept.size()];
        for (int i = 0; i < kept.size(); i++) {
            words.add(kept.get(i).getKey());
            c[i] = kept.get(i).getValue()[0];
        }
        return new GloveVocabulary(words, c);
    }

    /** Sizes of the counted corpus. */
    public static final class CorpusStats {
        public long documents;
        public long tokens;
        public long types;
    }

    public int size() {
        return words.size();
    }

    public String word(int id) {
        return words.get(id);
    }

    public List<String> words() {
        return words;
    }

    public long count(int id) {
        return counts[id];
    }

    public long[] counts() {
        return counts.clone();
    }

    /** Id of a word, or -1 when it is not in the vocabulary. */
    public int id(String word) {
        Integer i = index.get(word);
        return i == null ? -1 : i;
    }
}
