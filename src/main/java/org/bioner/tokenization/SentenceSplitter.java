package org.bioner.tokenization;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Rule-based sentence boundaries for biomedical text, working on {@link BioTokenizer} tokens.
 *
 * <p>A sentence ends after {@code .}, {@code ?} or {@code !} (with any closing brackets or quotes glued to it) when
 * whitespace follows and the next token can start a sentence: a capital, a digit, an opening bracket or quote, or a
 * lower-case word holding a capital or digit ({@code mRNA}, {@code p53}). A period does not end a sentence after
 * <ul>
 *   <li>a single letter that is an initial or abbreviation ({@code e.g.}, {@code U. S.}, {@code Wolff, R. R.},
 *       {@code J. Virol.}), but not a sentence-final letter such as {@code vitamin D.} or {@code NF-kappa B.};
 *       species such as {@code E. coli} never split because a lower-case word follows;</li>
 *   <li>a known abbreviation ({@code et al.}, {@code Fig.}, {@code vs.}, {@code sp. nov.}, {@code Dr.}, journal
 *       words such as {@code Proc. Natl. Acad. Sci.}; {@code No.} only before a number);</li>
 *   <li>a list marker that is all the sentence holds so far ({@code 1.}, {@code (ii).}).</li>
 * </ul>
 * Decimals ({@code 0.05}) never split because no whitespace follows their period. A blank line always ends a
 * sentence; a single line break does too when {@code lineBreakEndsSentence} is set (for one-sentence-per-line or
 * one-document-per-line input). Finally a sentence longer than {@code maxTokens} is cut into pieces of at most that
 * many tokens, preferring a cut after {@code ;}, then {@code ,} or {@code :}, in the second half of the window, so a
 * table or sequence dump without periods cannot become one 10,000-token sentence.
 */
public final class SentenceSplitter {

    /** Default for {@code maxTokens}: longer than 99.9% of the benchmark sentences (the longest has 324 tokens). */
    public static final int DEFAULT_MAX_TOKENS = 300;

    private static final Set<String> ABBREVIATIONS = Set.of(
            // citations and references
            "al", "fig", "figs", "eq", "eqs", "ref", "refs", "vol", "pp", "cf", "vs", "viz", "ca", "approx", "resp",
            "suppl", "ed", "eds",
            // titles, companies, places
            "dr", "mr", "mrs", "ms", "prof", "st", "mt", "co", "ltd", "inc", "corp", "dept", "univ",
            // taxonomy
            "sp", "spp", "subsp", "ssp", "var", "nov", "gen", "sect", "syn", "emend", "comb",
            // journal-title words that are not English words
            "natl", "acad", "sci", "proc", "biol", "chem", "mol", "exp", "hum", "genet", "clin", "invest", "immunol",
            "virol", "biochem", "biophys", "pharmacol", "neurosci", "physiol", "pathol", "oncol", "endocrinol",
            "microbiol", "bacteriol", "lett", "nat", "am", "med", "res", "int", "rev", "soc", "assoc", "surg");

    /** Abbreviations that are ordinary words at a sentence end unless a number follows ({@code No. 5}). */
    private static final Set<String> ABBREVIATIONS_BEFORE_NUMBER = Set.of("no", "nos", "p", "tab", "chap", "sec");

    private final BioTokenizer tokenizer;
    private final int maxTokens;
    private final boolean lineBreakEndsSentence;

    public SentenceSplitter() {
        this(new BioTokenizer(), DEFAULT_MAX_TOKENS, false);
    }

    public SentenceSplitter(int maxTokens) {
        this(new BioTokenizer(), maxTokens, false);
    }

    public SentenceSplitter(BioTokenizer tokenizer, int maxTokens, boolean lineBreakEndsSentence) {
        if (maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens must be at least 1, was " + maxTokens);
        }
        this.tokenizer = tokenizer;
        this.maxTokens = maxTokens;
        this.lineBreakEndsSentence = lineBreakEndsSentence;
    }

    public int maxTokens() {
        return maxTokens;
    }

    /** Tokenizes {@code text} and groups the tokens into sentences. */
    public List<SentenceSpan> split(CharSequence text) {
        return split(text, tokenizer.tokenize(text));
    }

    /** Groups given tokens of {@code text} (sorted, non-overlapping, e.g. from another tokenizer) into sentences. */
    public List<SentenceSpan> split(CharSequence text, List<TokenSpan> tokens) {
        List<SentenceSpan> sentences = new ArrayList<>();
        int start = 0;
        int n = tokens.size();
        for (int i = 0; i < n; i++) {
            if (i > start && breakInGap(text, tokens.get(i - 1).end(), tokens.get(i).begin())) {
                addCapped(text, sentences, tokens.subList(start, i));
                start = i;
            }
            String tok = tokens.get(i).text(text);
            if (!isTerminal(tok)) {
                continue;
            }
            int last = i; // the terminal plus glued closers and further terminals ("?!", ".)", ".\"")
            while (last + 1 < n && adjacent(tokens.get(last), tokens.get(last + 1))
                    && isCloserOrTerminal(tokens.get(last + 1).text(text))) {
                last++;
            }
            if (last + 1 == n || endsSentence(text, tokens, start, i, last)) {
                addCapped(text, sentences, tokens.subList(start, last + 1));
                start = last + 1;
            }
            i = last;
        }
        if (start < n) {
            addCapped(text, sentences, tokens.subList(start, n));
        }
        return sentences;
    }

    /** Decides whether the terminal token {@code tokens[term]} (glued up to {@code tokens[last]}) ends a sentence. */
    private boolean endsSentence(CharSequence text, List<TokenSpan> tokens, int start, int term, int last) {
        TokenSpan next = tokens.get(last + 1);
        if (adjacent(tokens.get(last), next)) {
            return false; // "5.2", "e.g.", "U.S.A" and other in-word periods
        }
        String nextText = next.text(text);
        if (!canStartSentence(nextText)) {
            return false;
        }
        if (!".".equals(tokens.get(term).text(text)) || term == start) {
            return true;
        }
        TokenSpan prevSpan = tokens.get(term - 1);
        if (!adjacent(prevSpan, tokens.get(term))) {
            return true; // "end ." with a space: nothing abbreviated
        }
        String prev = prevSpan.text(text);
        String lower = prev.toLowerCase(Locale.ROOT);
        if (isSingleLetter(prev) && isInitial(text, tokens, start, term, last)) {
            return false;
        }
        if (ABBREVIATIONS.contains(lower)) {
            return false;
        }
        if (ABBREVIATIONS_BEFORE_NUMBER.contains(lower) && Character.isDigit(nextText.codePointAt(0))) {
            return false;
        }
        return !isListMarker(text, tokens, start, term);
    }

    /**
     * Whether the single letter before the period at {@code term} is an initial or abbreviation rather than a
     * sentence-final letter ("vitamin D.", "NF-kappa B.", "24 h."): it is one when it is part of a chain of
     * one-letter abbreviations ("e.g.", "U. S.", "J. R. Smith"), or, for capitals, when it follows a comma, an
     * opening bracket or "and" (author lists), starts the sentence, or precedes an abbreviated word ("J. Biol.").
     */
    private static boolean isInitial(CharSequence text, List<TokenSpan> tokens, int start, int term, int last) {
        int letter = term - 1;
        boolean chainBefore = letter - 2 >= start && tokens.get(letter - 1).text(text).equals(".")
                && isSingleLetter(tokens.get(letter - 2).text(text));
        boolean chainAfter = last + 2 < tokens.size() && isSingleLetter(tokens.get(last + 1).text(text))
                && adjacent(tokens.get(last + 1), tokens.get(last + 2)) && tokens.get(last + 2).text(text).equals(".");
        if (chainBefore || chainAfter) {
            return true;
        }
        if (!Character.isUpperCase(tokens.get(letter).text(text).codePointAt(0))) {
            return false;
        }
        if (letter == start) {
            return true;
        }
        String before = tokens.get(letter - 1).text(text);
        if (before.equals(",") || before.equals("(") || before.equals("[") || before.equals("&")
                || before.equals("and")) {
            return true;
        }
        if (last + 2 < tokens.size() && adjacent(tokens.get(last + 1), tokens.get(last + 2))
                && tokens.get(last + 2).text(text).equals(".")) {
            String next = tokens.get(last + 1).text(text);
            return next.length() > 1 && Character.isUpperCase(next.codePointAt(0))
                    && next.codePoints().allMatch(Character::isLetter);
        }
        return false;
    }

    private static boolean isSingleLetter(String t) {
        return t.codePointCount(0, t.length()) == 1 && Character.isLetter(t.codePointAt(0));
    }

    /** "1.", "(ii).", "a)" style enumerators that are all the sentence holds so far. */
    private static boolean isListMarker(CharSequence text, List<TokenSpan> tokens, int start, int term) {
        if (term - start > 3) {
            return false;
        }
        for (int k = start; k < term; k++) {
            String t = tokens.get(k).text(text);
            boolean ok = t.equals("(") || t.equals(")") || t.chars().allMatch(Character::isDigit)
                    || t.matches("[ivxIVX]{1,4}|[a-zA-Z]");
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private boolean breakInGap(CharSequence text, int from, int to) {
        int newlines = 0;
        for (int k = from; k < to; k++) {
            char c = text.charAt(k);
            if (c == '\n' || (c == '\r' && (k + 1 == to || text.charAt(k + 1) != '\n'))
                    || c == '\u2028' || c == '\u2029') {
                newlines++;
                if (newlines >= 2 || lineBreakEndsSentence || c == '\u2029') {
                    return true;
                }
            }
        }
        return false;
    }

    /** Adds the sentence, cut into pieces of at most {@code maxTokens} tokens. */
    private void addCapped(CharSequence text, List<SentenceSpan> out, List<TokenSpan> tokens) {
        int from = 0;
        while (tokens.size() - from > maxTokens) {
            int cut = chooseCut(text, tokens, from);
            out.add(new SentenceSpan(tokens.subList(from, cut)));
            from = cut;
        }
        if (from < tokens.size()) {
            out.add(new SentenceSpan(tokens.subList(from, tokens.size())));
        }
    }

    /** End (exclusive) of the next piece of an over-long sentence starting at {@code from}. */
    private int chooseCut(CharSequence text, List<TokenSpan> tokens, int from) {
        int hardCut = from + maxTokens;
        int earliest = from + Math.max(1, maxTokens / 2);
        for (String separators : new String[] {";", ",:"}) {
            for (int k = hardCut - 1; k >= earliest; k--) {
                TokenSpan t = tokens.get(k);
                if (t.length() == 1 && separators.indexOf(text.charAt(t.begin())) >= 0) {
                    return k + 1;
                }
            }
        }
        return hardCut;
    }

    private static boolean adjacent(TokenSpan a, TokenSpan b) {
        return a.end() == b.begin();
    }

    private static boolean isTerminal(String t) {
        return t.equals(".") || t.equals("?") || t.equals("!") || t.equals("\u2026") || t.equals("\u203C")
                || t.equals("\u2047") || t.equals("\u2048") || t.equals("\u2049");
    }

    private static boolean isCloserOrTerminal(String t) {
        return isTerminal(t) || t.equals(")") || t.equals("]") || t.equals("}") || t.equals("\"") || t.equals("'")
                || t.equals("\u2019") || t.equals("\u201D") || t.equals("\u00BB");
    }

    private static boolean canStartSentence(String t) {
        int cp = t.codePointAt(0);
        if (Character.isUpperCase(cp) || Character.isTitleCase(cp) || Character.isDigit(cp)) {
            return true;
        }
        if (Character.isLetter(cp)) { // lower-case start: only gene-like words such as mRNA, p53, cDNA
            return t.codePoints().anyMatch(c -> Character.isUpperCase(c) || Character.isDigit(c));
        }
        return "([{\"'`\u201C\u2018\u00AB".indexOf(cp) >= 0;
    }
}
