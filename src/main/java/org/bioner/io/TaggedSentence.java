package org.bioner.io;

import java.util.List;

/**
 * One sentence of an IOB corpus: tokens and their tags ({@link IobCorpusParser} gives typed IOB2 tags, e.g.
 * {@code B-Disease}, {@code I-Disease}, {@code O}; see {@link TagScheme} for other encodings).
 * {@code source} and {@code firstLine} locate it in its file for error messages.
 */
public record TaggedSentence(List<String> tokens, List<String> tags, String source, int firstLine) {

    public TaggedSentence {
        tokens = List.copyOf(tokens);
        tags = List.copyOf(tags);
        if (tokens.size() != tags.size()) {
            throw new IllegalArgumentException("tokens and tags differ in length at " + source + ":" + firstLine);
        }
    }

    public TaggedSentence(List<String> tokens, List<String> tags) {
        this(tokens, tags, "<memory>", 0);
    }

    public int size() {
        return tokens.size();
    }
}
