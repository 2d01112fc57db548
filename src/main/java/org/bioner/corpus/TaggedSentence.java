package org.bioner.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

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

    /**
     * This sentence with every typed IOB2 tag ({@code B-T}, {@code I-T}) whose type {@code T} is not in
     * {@code types} read as {@code O}; untyped tags ({@code B}, {@code I}) and {@code O} are kept. The one rule for
     * training a model on some of the types a corpus annotates.
     */
    public TaggedSentence keepingTypes(Set<String> types) {
        List<String> kept = new ArrayList<>(tags.size());
        boolean changed = false;
        for (String tag : tags) {
            int dash = tag.indexOf('-');
            boolean drop = dash > 0 && !types.contains(tag.substring(dash + 1));
            kept.add(drop ? "O" : tag);
            changed |= drop;
        }
        return changed ? new TaggedSentence(tokens, kept, source, firstLine) : this;
    }
}
