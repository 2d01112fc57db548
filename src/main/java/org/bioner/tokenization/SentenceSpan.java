package org.bioner.tokenization;

import java.util.List;

/** A sentence as a character range {@code [begin, end)} (first token's begin to last token's end) and its tokens. */
public record SentenceSpan(int begin, int end, List<TokenSpan> tokens) {

    public SentenceSpan {
        tokens = List.copyOf(tokens);
        if (tokens.isEmpty()) {
            throw new IllegalArgumentException("a sentence needs at least one token");
        }
    }

    public SentenceSpan(List<TokenSpan> tokens) {
        this(tokens.get(0).begin(), tokens.get(tokens.size() - 1).end(), tokens);
    }

    public int size() {
        return tokens.size();
    }
}
