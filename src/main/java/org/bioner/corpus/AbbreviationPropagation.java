package org.bioner.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Gives a short form in parentheses the type it was tagged with, or the type of its long form: in
 * "glyceryl trinitrate ( GTN )", when a predicted mention is exactly "glyceryl trinitrate", every untagged
 * occurrence of the token sequence "GTN" in that sentence and the next {@code window} sentences becomes a mention of
 * the same type; and so it does when the mention is exactly the "GTN" between the parentheses, whether or not a long
 * form is found before them ("ammonium acetate ( NH4Ac )": no long form holds the 4).
 *
 * <p>Invariant: mentions are only added, never removed or changed, and only over tokens no mention covers; the type
 * comes from a mention whose boundaries are exactly a long form's or exactly a parenthesised short form's. (Typing
 * from a mention that merely ends at the long form lowered NCBI-disease devel F1; removing the short forms of
 * untagged long forms lowered it more: docs/RESULTS.md, "Beyond the paper: abbreviations defined in the text".)
 *
 * <p>A short form is, on tokens, {@code (} then 1-3 tokens of 2-10 characters with a letter, starting with a letter
 * or digit, then {@code )}. Definitions follow Schwartz &amp; Hearst (PSB 2003): its long form is the shortest run of
 * words before {@code (} that holds the short form's letters and digits in order, the first one starting a word, of
 * at most min(|SF| + 5, 2|SF|) words and longer than the short form.
 */
public final class AbbreviationPropagation {

    /** A definition in one sentence: long form tokens {@code [longStart, longEnd)}, then {@code ( shortForm )}. */
    public record Definition(int longStart, int longEnd, List<String> shortForm) {
    }

    /** The window that turns propagation off: nothing is added. */
    public static final int OFF = -1;

    private AbbreviationPropagation() {
    }

    /** The definitions of a tokenised sentence, in order. */
    public static List<Definition> definitions(List<String> tokens) {
        List<Definition> out = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            int close = shortFormEnd(tokens, i);
            if (close < 0) continue;
            List<String> shortForm = tokens.subList(i + 1, close);
            String sf = String.join("", shortForm);
            int from = Math.max(0, i - 2 * sf.length());
            int words = longFormWords(sf, tokens.subList(from, i));
            if (words > 0 && String.join(" ", tokens.subList(i - words, i)).length() > sf.length()) {
                out.add(new Definition(i - words, i, List.copyOf(shortForm)));
            }
        }
        return out;
    }

    /**
     * Where the short form opened by the {@code (} at {@code open} ends: the index of its {@code )}, or -1 when
     * {@code open} is not a {@code (} followed by a short form (1-3 tokens, 2-10 characters with a letter, starting
     * with a letter or digit) and {@code )}.
     */
    static int shortFormEnd(List<String> tokens, int open) {
        if (!tokens.get(open).equals("(")) return -1;
        for (int j = open + 2; j < Math.min(open + 5, tokens.size()); j++) {
            if (!tokens.get(j).equals(")")) continue;
            String sf = String.join("", tokens.subList(open + 1, j));
            boolean ok = sf.length() >= 2 && sf.length() <= 10 && Character.isLetterOrDigit(sf.charAt(0))
                    && sf.chars().anyMatch(Character::isLetter);
            return ok ? j : -1;
        }
        return -1;
    }

    /**
     * Schwartz &amp; Hearst's best long form: matching the short form's letters and digits from the right into the
     * words before it, the first character at a word start; how many trailing words it spans, or 0 for none.
     */
    static int longFormWords(String shortForm, List<String> before) {
        String s = shortForm.toLowerCase(Locale.ROOT);
        String text = String.join(" ", before).toLowerCase(Locale.ROOT);
        int si = s.length() - 1, li = text.length() - 1;
        while (si >= 0) {
            char c = s.charAt(si);
            if (!Character.isLetterOrDigit(c)) {
                si--;
                continue;
            }
            while (li >= 0 && (text.charAt(li) != c
                    || (si == 0 && li > 0 && Character.isLetterOrDigit(text.charAt(li - 1))))) {
                li--;
            }
            if (li < 0) return 0;
            li--;
            si--;
        }
        int start = text.lastIndexOf(' ', li) + 1; // the word holding the long form's first character
        int words = text.substring(start).split(" ").length;
        return words <= Math.min(s.length() + 5, 2 * s.length()) ? words : 0;
    }

    /**
     * A mention the rule adds: {@code span} in sentence {@code sentence}, typed by the mention {@code source} (a long
     * form's or the parenthesised short form's) of sentence {@code sourceSentence} (indices into the lists given to
     * {@link #additions}).
     */
    public record Addition(int sentence, Span span, int sourceSentence, Span source) {
    }

    /**
     * The spans of {@code sentences} (in document order) with the short forms added: each sentence's definitions
     * in order, each adding to its own sentence and the next {@code window} ones. {@code window} 0 adds only inside
     * the defining sentence; {@link #OFF} adds nothing; any other negative is refused.
     */
    public static List<List<Span>> propagate(List<List<String>> sentences, List<List<Span>> spans, int window) {
        List<List<Span>> out = new ArrayList<>(spans.size());
        for (List<Span> s : spans) out.add(new ArrayList<>(s));
        for (Addition a : additions(sentences, spans, window)) out.get(a.sentence()).add(a.span());
        for (List<Span> s : out) s.sort(null);
        return out;
    }

    /**
     * What {@link #propagate} adds, in the order it adds them (a later short form sees the earlier additions): per
     * sentence, first the short forms of its definitions whose long form is a mention, then the parenthesised short
     * forms that are mentions themselves.
     */
    public static List<Addition> additions(List<List<String>> sentences, List<List<Span>> spans, int window) {
        requireWindow(window);
        if (sentences.size() != spans.size()) throw new IllegalArgumentException("sentences and spans differ in number");
        if (window == OFF) return List.of();
        List<List<Span>> current = new ArrayList<>(spans.size());
        for (List<Span> s : spans) current.add(new ArrayList<>(s));
        List<Addition> added = new ArrayList<>();
        for (int si = 0; si < sentences.size(); si++) {
            List<String> toks = sentences.get(si);
            for (Definition d : definitions(toks)) {
                Span source = mentionAt(current.get(si), d.longStart(), d.longEnd());
                if (source != null) spread(sentences, current, window, si, d.shortForm(), source, added);
            }
            for (int i = 0; i < toks.size(); i++) {
                int close = shortFormEnd(toks, i);
                if (close < 0) continue;
                Span source = mentionAt(current.get(si), i + 1, close);
                if (source != null) spread(sentences, current, window, si, toks.subList(i + 1, close), source, added);
            }
        }
        return added;
    }

    /** The mention of {@code spans} with exactly these boundaries, or null. */
    private static Span mentionAt(List<Span> spans, int start, int end) {
        for (Span sp : spans) {
            if (sp.start() == start && sp.end() == end) return sp;
        }
        return null;
    }

    /** Tags the untagged occurrences of {@code shortForm} in sentence {@code si} and the next {@code window}. */
    private static void spread(List<List<String>> sentences, List<List<Span>> current, int window, int si,
                               List<String> shortForm, Span source, List<Addition> added) {
        int n = shortForm.size();
        for (int sj = si; sj < Math.min(sentences.size(), si + window + 1); sj++) {
            List<String> toks = sentences.get(sj);
            List<Span> target = current.get(sj);
            for (int k = 0; k + n <= toks.size(); k++) {
                if (toks.subList(k, k + n).equals(shortForm) && free(target, k, k + n)) {
                    Span sp = new Span(k, k + n, source.type());
                    target.add(sp);
                    added.add(new Addition(sj, sp, si, source));
                }
            }
        }
    }

    /** Refuses a window below {@link #OFF}, the values that mean nothing here. */
    public static void requireWindow(int window) {
        if (window < OFF) throw new IllegalArgumentException("--abbreviation-window must be >= 0, or " + OFF + " for off, got " + window);
    }

    private static boolean free(List<Span> spans, int start, int end) {
        for (Span s : spans) {
            if (s.start() < end && start < s.end()) return false;
        }
        return true;
    }
}
