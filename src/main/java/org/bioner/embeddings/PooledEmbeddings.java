package org.bioner.embeddings;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import org.bioner.corpus.SentenceContext;
import org.bioner.embeddings.glove.WordVectors;
import org.bioner.nn.Backend;

/**
 * Pooled contextualized embeddings (Akbik, Bergmann and Vollgraf, NAACL 2019; Flair's
 * {@code PooledFlairEmbeddings}): each token gets its contextual vector followed by the pooled vector of its word
 * form, so dimension {@code 2 * context.dimension()}. The memory is a table of word form (exact text, as Flair keys
 * it) to the element-wise min, max or mean of every contextual vector that form had in the memory's text; a form
 * the memory lacks gets its own contextual vector in the pooled half, as in Flair.
 *
 * <p>Unlike Flair, whose memory keeps growing with everything embedded (training text each epoch, then dev and test
 * text as they are evaluated), the memory here is fixed: built once from training text ({@link #buildMemory}) and
 * stored as a word-vector file. A token's vector then depends only on its sentence and that file, so a document gets
 * the same vectors in any order, batch or thread (the CPE and Spark runs rely on it).
 */
public final class PooledEmbeddings implements TokenEmbeddings {

    /** How the occurrences of a word form are pooled (Flair's names; its default is {@code MIN}). */
    public enum Pooling {
        MIN, MAX, MEAN;

        public static Pooling parse(String s) {
            try {
                return valueOf(s.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown pooling '" + s + "' (want min, max or mean)");
            }
        }
    }

    private final TokenEmbeddings context;
    private final WordVectors memory;
    private final String memoryName;

    /**
     * @param context the contextual embeddings (a Flair LM)
     * @param memory pooled vectors by word form, of {@code context}'s dimension
     * @param memoryName the memory's location as the spec gives it, for {@link #describe()}
     */
    public PooledEmbeddings(TokenEmbeddings context, WordVectors memory, String memoryName) {
        if (memory.dimension() != context.dimension()) {
            throw new IllegalArgumentException("pooled memory " + memoryName + " has " + memory.dimension()
                    + " dimensions, its embeddings (" + context.describe() + ") " + context.dimension());
        }
        this.context = context;
        this.memory = memory;
        this.memoryName = memoryName;
    }

    /** The contextual embeddings whose vectors are pooled. */
    public TokenEmbeddings context() {
        return context;
    }

    @Override
    public int dimension() {
        return 2 * context.dimension();
    }

    @Override
    public List<float[][]> embed(List<List<String>> sentences) {
        return embed(sentences, null);
    }

    @Override
    public List<float[][]> embed(List<List<String>> sentences, List<SentenceContext> neighbours) {
        List<float[][]> local = context.embed(sentences, neighbours);
        int d = context.dimension();
        List<float[][]> out = new ArrayList<>(local.size());
        for (int s = 0; s < sentences.size(); s++) {
            List<String> tokens = sentences.get(s);
            float[][] v = local.get(s);
            float[][] o = new float[tokens.size()][2 * d];
            for (int t = 0; t < tokens.size(); t++) {
                System.arraycopy(v[t], 0, o[t], 0, d);
                int row = memory.indexOf(tokens.get(t));
                if (row >= 0) {
                    memory.copyVector(row, o[t], d);
                } else {
                    System.arraycopy(v[t], 0, o[t], d, d);
                }
            }
            out.add(o);
        }
        return out;
    }

    @Override
    public String describe() {
        return context.describe() + ":pooled=" + memoryName;
    }

    @Override
    public void useBackend(Backend backend) {
        context.useBackend(backend);
    }

    /**
     * The memory of {@code sentences}: for every word form, the {@code pooling} of its contextual vectors over all
     * its occurrences, embedded {@code batch} sentences at a time; {@code progress} hears the sentences done so far.
     * Forms are kept in order of first occurrence.
     */
    public static WordVectors buildMemory(TokenEmbeddings context, List<List<String>> sentences, Pooling pooling,
                                          int batch, Consumer<Integer> progress) {
        if (batch < 1) throw new IllegalArgumentException("batch must be >= 1");
        int d = context.dimension();
        Map<String, float[]> pooled = new LinkedHashMap<>();
        Map<String, Integer> counts = new HashMap<>();
        for (int from = 0; from < sentences.size(); from += batch) {
            List<List<String>> chunk = sentences.subList(from, Math.min(sentences.size(), from + batch));
            List<float[][]> vectors = context.embed(chunk);
            for (int s = 0; s < chunk.size(); s++) {
                for (int t = 0; t < chunk.get(s).size(); t++) {
                    String form = chunk.get(s).get(t);
                    float[] v = vectors.get(s)[t];
                    float[] acc = pooled.get(form);
                    if (pooling == Pooling.MEAN) counts.merge(form, 1, Integer::sum); // only the mean needs counts
                    if (acc == null) {
                        pooled.put(form, v.clone());
                        continue;
                    }
                    for (int i = 0; i < d; i++) {
                        acc[i] = switch (pooling) {
                            case MIN -> Math.min(acc[i], v[i]);
                            case MAX -> Math.max(acc[i], v[i]);
                            case MEAN -> acc[i] + v[i];
                        };
                    }
                }
            }
            if (progress != null) progress.accept(from + chunk.size());
        }
        List<String> words = new ArrayList<>(pooled.keySet());
        float[] data = new float[words.size() * d];
        for (int w = 0; w < words.size(); w++) {
            float[] acc = pooled.get(words.get(w));
            if (pooling == Pooling.MEAN) {
                float n = counts.get(words.get(w));
                for (int i = 0; i < d; i++) acc[i] /= n;
            }
            System.arraycopy(acc, 0, data, w * d, d);
        }
        return new WordVectors(words, data, d);
    }
}
