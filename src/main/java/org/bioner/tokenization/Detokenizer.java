package org.bioner.tokenization;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Rebuilds natural running text from a token list, e.g. {@code IL - 6 ( HD ) , 0 . 05 %} becomes
 * {@code IL-6 (HD), 0.05%}, and reports where each token landed in that text.
 *
 * <p>No space goes before closing punctuation ({@code ) ] } , . ; : ? ! %}), after opening brackets, around hyphens
 * and slashes, inside decimals and numbered names ({@code 0 . 05}, {@code PU . 1}; but {@code P = . 05} is
 * {@code P = .05}), before the {@code +} of a charge ({@code Ca2+}), around the apostrophe of a possessive,
 * contraction or prime ({@code Crohn's}, {@code 5'-end}); straight double quotes alternate between opening and
 * closing. Two word tokens (see {@link BioTokenizer#isWord}) are always separated by a space, because without one
 * they would read as a single word; this is what makes {@code tokenize(detokenize(tokens))} a real test of the
 * tokenizer rather than of the detokenizer.
 */
public final class Detokenizer {

    /** The rebuilt text and the span of every input token in it. */
    public record Detokenized(String text, List<TokenSpan> spans) {
        public Detokenized {
            spans = List.copyOf(spans);
        }
    }

    private static final Set<String> CLOSING = Set.of(")", "]", "}", ",", ".", ";", ":", "?", "!", "%");
    private static final Set<String> OPENING = Set.of("(", "[", "{");
    private static final Set<String> JOINERS = Set.of("-", "/", "\u2010", "\u2011", "\u2013");

    public Detokenized detokenize(List<String> tokens) {
        StringBuilder text = new StringBuilder();
        List<TokenSpan> spans = new ArrayList<>(tokens.size());
        boolean insideQuote = false;
        boolean glueNext = false; // set by tokens that attach to what follows
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i);
            if (t.isEmpty() || t.codePoints().anyMatch(cp -> BioTokenizer.classify(cp) == BioTokenizer.CharClass.SPACE)) {
                throw new IllegalArgumentException("token " + i + " is empty or contains whitespace: '" + t + "'");
            }
            String prev = i > 0 ? tokens.get(i - 1) : null;
            boolean space = prev != null && !glueNext && !gluesToPrevious(tokens, i, insideQuote);
            if (prev != null && BioTokenizer.isWord(prev) && BioTokenizer.isWord(t)) {
                space = true; // never merge two words
            }
            glueNext = false;
            if (t.equals("\"")) {
                glueNext = !insideQuote; // an opening quote attaches to the next token
                insideQuote = !insideQuote;
            } else if (OPENING.contains(t) || JOINERS.contains(t)) {
                glueNext = true;
            } else if (t.equals("'") && isApostrophe(tokens, i)) {
                glueNext = true;
            } else if (t.equals(".") && i + 1 < tokens.size() && gluesAfterPeriod(tokens, i)) {
                glueNext = true; // decimals and names: 0.05, .05, E13.5, PU.1, p50.p65
            }
            if (space) {
                text.append(' ');
            }
            int begin = text.length();
            text.append(t);
            spans.add(new TokenSpan(begin, text.length()));
        }
        return new Detokenized(text.toString(), spans);
    }

    private static boolean gluesToPrevious(List<String> tokens, int i, boolean insideQuote) {
        String t = tokens.get(i);
        String prev = tokens.get(i - 1);
        if (t.equals(".") && i + 1 < tokens.size() && gluesAfterPeriod(tokens, i)) {
            // "5 . 2", "E13 . 5", "PU . 1" are 5.2, E13.5, PU.1; "P = . 05", "was . 06" are P = .05, was .06
            return startsWithDigit(prev) || (BioTokenizer.isWord(prev) && !isLowerCaseWord(prev));
        }
        if (CLOSING.contains(t) || JOINERS.contains(t)) {
            return true;
        }
        if (t.equals("\"")) {
            return insideQuote; // a closing quote
        }
        if (t.equals("'")) {
            return BioTokenizer.isWord(prev); // Crohn's, 5'-end
        }
        if (t.equals("+")) {
            return BioTokenizer.isWord(prev) || prev.equals("+") || prev.equals(")"); // Ca2+, Na++, (1+)
        }
        return false;
    }

    /** A {@code '} between a word and a short word: Crohn's, don't, 5'. */
    private static boolean isApostrophe(List<String> tokens, int i) {
        boolean afterWord = i > 0 && BioTokenizer.isWord(tokens.get(i - 1));
        boolean beforeShort = i + 1 < tokens.size() && tokens.get(i + 1).length() <= 2
                && BioTokenizer.isWord(tokens.get(i + 1));
        return afterWord && beforeShort;
    }

    /**
     * Whether the sentence-internal period at {@code i} attaches to the next token: a number ({@code .05}), or a
     * name with digits or inner capitals after another name ({@code p50 . p65}, {@code NM23 . H1}).
     */
    private static boolean gluesAfterPeriod(List<String> tokens, int i) {
        String next = tokens.get(i + 1);
        if (startsWithDigit(next)) {
            return true;
        }
        return i > 0 && isNameLike(tokens.get(i - 1)) && isNameLike(next);
    }

    /** A word with a digit or a capital after its first character: p50, NM23, TcR, HPB, AaUSP. */
    private static boolean isNameLike(String t) {
        if (!BioTokenizer.isWord(t)) {
            return false;
        }
        int first = t.codePointAt(0);
        return t.codePoints().skip(1).anyMatch(c -> Character.isDigit(c) || Character.isUpperCase(c))
                || Character.isDigit(first);
    }

    private static boolean startsWithDigit(String t) {
        return Character.isDigit(t.codePointAt(0));
    }

    /** An ordinary lower-case word ("was", "of"), as opposed to names such as PU, E13, cox1. */
    private static boolean isLowerCaseWord(String t) {
        return t.codePoints().allMatch(Character::isLowerCase);
    }
}
