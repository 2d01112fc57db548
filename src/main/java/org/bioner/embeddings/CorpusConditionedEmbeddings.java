package org.bioner.embeddings;

import java.util.ArrayList;
import java.util.List;

import org.bioner.corpus.SentenceContext;

/**
 * Embeddings followed by a corpus one-hot ({@link CorpusEmbeddings}): what a spec ending in
 * {@code +corpus:NAMES:use=NAME} loads. A token's vector is its {@code base} vector (dimensions
 * {@code [0, base.dimension())}) then the one-hot of the corpus whose conventions to tag by (the last
 * {@code corpus.dimension()}). The trainer caches the base vectors only and appends each sentence's own corpus
 * with {@link #append}; {@link #embed} appends {@code corpus.use()}'s.
 */
public final class CorpusConditionedEmbeddings implements TokenEmbeddings {

    private final TokenEmbeddings base;
    private final CorpusEmbeddings corpus;

    public CorpusConditionedEmbeddings(TokenEmbeddings base, CorpusEmbeddings corpus) {
        this.base = base;
        this.corpus = corpus;
    }

    /** The spec without its trailing {@code +corpus:...} part (the spec itself where it has none): what {@link #base} loads. */
    public static String baseSpec(String spec) {
        int at = corpusPartAt(spec);
        return at < 0 ? spec : spec.substring(0, at - 1);
    }

    /** The trailing {@code +corpus:...} part of a spec, parsed; null where it has none. */
    public static CorpusEmbeddings corpusPart(String spec) {
        int at = corpusPartAt(spec);
        return at < 0 ? null : CorpusEmbeddings.parse(spec.substring(at).trim().substring(CorpusEmbeddings.KIND.length() + 1));
    }

    private static int corpusPartAt(String spec) {
        int plus = spec.lastIndexOf('+');
        return plus >= 0 && spec.substring(plus + 1).trim().startsWith(CorpusEmbeddings.KIND + ":") ? plus + 1 : -1;
    }

    /** The base vectors of a batch of sentences with {@code use}'s vector ({@link CorpusEmbeddings#useVector}) after each token's. */
    public List<float[][]> appendUse(List<float[][]> baseVectors) {
        List<float[][]> out = new ArrayList<>(baseVectors.size());
        for (float[][] v : baseVectors) out.add(appendUse(v));
        return out;
    }

    /** One sentence's base vectors with {@code use}'s vector after each token's: as {@link #embed} gives it. */
    public float[][] appendUse(float[][] baseVectors) {
        return append(baseVectors, corpus.useVector());
    }

    public TokenEmbeddings base() {
        return base;
    }

    public CorpusEmbeddings corpus() {
        return corpus;
    }

    /** The same base, tagging by another corpus's conventions. */
    public CorpusConditionedEmbeddings using(String name) {
        return new CorpusConditionedEmbeddings(base, corpus.using(name));
    }

    @Override
    public int dimension() {
        return base.dimension() + corpus.dimension();
    }

    @Override
    public List<TokenEmbeddings> parts() {
        List<TokenEmbeddings> all = new ArrayList<>(base.parts());
        all.add(corpus);
        return List.copyOf(all);
    }

    @Override
    public List<float[][]> embed(List<List<String>> sentences) {
        return embed(sentences, null);
    }

    @Override
    public List<float[][]> embed(List<List<String>> sentences, List<SentenceContext> context) {
        return appendUse(base.embed(sentences, context));
    }

    /** One sentence's base vectors ({@code [tokens][base.dimension()]}) with corpus {@code index}'s one-hot after each. */
    public float[][] append(float[][] baseVectors, int index) {
        if (index < 0 || index >= corpus.dimension()) throw new IndexOutOfBoundsException("corpus " + index + " of " + corpus.dimension());
        float[] oneHot = new float[corpus.dimension()];
        oneHot[index] = 1f;
        return append(baseVectors, oneHot);
    }

    private float[][] append(float[][] baseVectors, float[] corpusVector) {
        int d = base.dimension();
        float[][] out = new float[baseVectors.length][d + corpus.dimension()];
        for (int t = 0; t < baseVectors.length; t++) {
            System.arraycopy(baseVectors[t], 0, out[t], 0, d);
            System.arraycopy(corpusVector, 0, out[t], d, corpusVector.length);
        }
        return out;
    }

    @Override
    public String describe() {
        return base.describe() + "+" + corpus.describe();
    }

    @Override
    public void useBackend(org.bioner.nn.Backend backend) {
        base.useBackend(backend);
    }
}
