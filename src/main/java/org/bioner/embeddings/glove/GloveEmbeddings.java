package org.bioner.embeddings.glove;

import org.bioner.embeddings.TokenEmbeddings;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Static word embeddings (GloVe, word2vec, ...) as a {@link TokenEmbeddings} provider. Each token gets the
 * vector found by Flair's lookup order ({@link WordVectors#lookup}): exact form, lower case, digits as
 * {@code #}, digits as {@code 0}; an unknown token gets zeros, as Flair's {@code WordEmbeddings}.
 */
public final class GloveEmbeddings implements TokenEmbeddings {

    /** Kind name of these embeddings in descriptions and in {@code EmbeddingsLoader}. */
    public static final String KIND = "glove";

    private final WordVectors vectors;
    private final String source;

    public GloveEmbeddings(WordVectors vectors, String source) {
        this.vectors = vectors;
        this.source = source;
    }

    /** Loads a GloVe text, word2vec text/binary or {@code .bnm} file, sniffing the format from the content. */
    public static GloveEmbeddings load(Path file) throws IOException {
        return new GloveEmbeddings(WordVectorFiles.read(file), file.toString());
    }

    /**
     * Loads word vectors from a stream (e.g. a classpath resource), any supported format.
     *
     * @param name the location as the user gave it; it becomes part of {@link #describe()}
     */
    public static GloveEmbeddings load(java.io.InputStream in, String name) throws IOException {
        return new GloveEmbeddings(WordVectorFiles.readWithFormat(in, name).vectors(), name);
    }

    public WordVectors vectors() {
        return vectors;
    }

    @Override
    public int dimension() {
        return vectors.dimension();
    }

    @Override
    public List<float[][]> embed(List<List<String>> sentences) {
        List<float[][]> out = new ArrayList<>(sentences.size());
        for (List<String> sentence : sentences) {
            float[][] m = new float[sentence.size()][];
            for (int t = 0; t < m.length; t++) m[t] = vectors.vectorFor(sentence.get(t));
            out.add(m);
        }
        return out;
    }

    @Override
    public String describe() {
        return KIND + ":" + source;
    }
}
