package org.bioner.embeddings.flair;

import java.io.IOException;
import java.nio.file.Path;

import org.bioner.embeddings.TokenEmbeddings;

/** Loads GloVe word vectors for stacking after Flair LMs, when the glove package is in the build. */
public final class GloveHook {

    private GloveHook() {
    }

    /**
     * GLOVE HOOK: the word-vector loader lives in {@code org.bioner.embeddings.glove} (branch glove). It is
     * looked up by name so this command builds without it; after the merge, call
     * {@code GloveEmbeddings.load(file)} directly.
     */
    public static TokenEmbeddings load(Path file) throws IOException {
        try {
            Class<?> c = Class.forName("org.bioner.embeddings.glove.GloveEmbeddings");
            return (TokenEmbeddings) c.getMethod("load", Path.class).invoke(null, file);
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            throw new IllegalStateException("--glove is not available in this build (org.bioner.embeddings.glove missing)");
        } catch (ReflectiveOperationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            if (cause instanceof IOException io) throw io;
            throw new IOException(file + ": " + cause.getMessage(), cause);
        }
    }
}
