package org.bioner.embeddings;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.bioner.corpus.SentenceContext;

/** Concatenates several providers per token, in the fixed order given (Flair's StackedEmbeddings). */
public final class StackedEmbeddings implements TokenEmbeddings {

    private final List<TokenEmbeddings> parts;
    private final int dimension;

    public StackedEmbeddings(List<? extends TokenEmbeddings> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("StackedEmbeddings needs at least one embedding");
        }
        this.parts = List.copyOf(parts);
        this.dimension = parts.stream().mapToInt(TokenEmbeddings::dimension).sum();
    }

    @Override
    public List<TokenEmbeddings> parts() {
        return parts;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public List<float[][]> embed(List<List<String>> sentences) {
        return embed(sentences, null);
    }

    @Override
    public List<float[][]> embed(List<List<String>> sentences, List<SentenceContext> context) {
        List<List<float[][]>> each = new ArrayList<>(parts.size());
        for (TokenEmbeddings part : parts) {
            each.add(part.embed(sentences, context));
        }
        return concatenate(sentences, each);
    }

    /** Per sentence, the parts' vectors side by side in stacking order ({@code each.get(p)} is part p's output). */
    public List<float[][]> concatenate(List<List<String>> sentences, List<List<float[][]>> each) {
        List<float[][]> out = new ArrayList<>(sentences.size());
        for (int s = 0; s < sentences.size(); s++) {
            int n = sentences.get(s).size();
            float[][] stacked = new float[n][dimension];
            int offset = 0;
            for (int p = 0; p < parts.size(); p++) {
                float[][] v = each.get(p).get(s);
                int d = parts.get(p).dimension();
                for (int t = 0; t < n; t++) {
                    System.arraycopy(v[t], 0, stacked[t], offset, d);
                }
                offset += d;
            }
            out.add(stacked);
        }
        return out;
    }

    @Override
    public String describe() {
        return parts.stream().map(TokenEmbeddings::describe).collect(Collectors.joining("+"));
    }

    @Override
    public void useBackend(org.bioner.nn.Backend backend) {
        for (TokenEmbeddings p : parts) p.useBackend(backend);
    }
}
