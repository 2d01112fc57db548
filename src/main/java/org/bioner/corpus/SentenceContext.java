package org.bioner.corpus;

import java.util.ArrayList;
import java.util.List;

/**
 * The sentences on either side of a sentence in its document, as tokens: the left and right context that
 * contextual embeddings may read (a Flair LM with {@code :context=N} reads up to N characters of each). Both
 * are empty at a document's edge and wherever the order of sentences is unknown ({@link #NONE}).
 */
public record SentenceContext(List<String> previous, List<String> next) {

    /** No context: a sentence on its own. */
    public static final SentenceContext NONE = new SentenceContext(List.of(), List.of());

    public SentenceContext {
        previous = List.copyOf(previous);
        next = List.copyOf(next);
    }

    /** The contexts of sentences given in document order, all of one document: each sees its neighbours in the list. */
    public static List<SentenceContext> ofDocument(List<List<String>> sentences) {
        List<SentenceContext> out = new ArrayList<>(sentences.size());
        for (int i = 0; i < sentences.size(); i++) {
            out.add(new SentenceContext(i > 0 ? sentences.get(i - 1) : List.of(),
                    i + 1 < sentences.size() ? sentences.get(i + 1) : List.of()));
        }
        return out;
    }
}
