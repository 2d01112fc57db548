package org.bioner.tokenization;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits text into tokens the way the BioBERT-preprocessed benchmark corpora are tokenised.
 *
 * <p>The rule was derived from the training files of all seven corpora (see docs/TOKENIZATION.md): every
 * multi-character token there is a run of letters and digits, and every other character is a token of its own
 * ({@code IL-6} is {@code IL - 6}, {@code 5.2} is {@code 5 . 2}, {@code Crohn's} is {@code Crohn ' s},
 * {@code Ca2+} is {@code Ca2 +}). Letters and digits stay together ({@code CD4}, {@code 3beta}). This is the
 * punctuation splitting of BERT's BasicTokenizer, which produced those corpora, extended from ASCII to Unicode:
 * <ul>
 *   <li>a word is a maximal run of code points that are letters or digits ({@link Character#isLetterOrDigit(int)},
 *       so {@code µg}, {@code IL-1β} and {@code 𝛼} are words or word parts);</li>
 *   <li>combining marks (categories Mn, Mc, Me) stay with the character before them, and format characters
 *       (Cf, e.g. the soft hyphen or a zero-width joiner) stay inside a word when a word character follows;</li>
 *   <li>Han, Hiragana and Katakana characters are one token each (as BERT does);</li>
 *   <li>whitespace (including no-break and zero-width spaces) and other control characters only separate;</li>
 *   <li>every other code point (punctuation, symbols such as {@code ±}, {@code °}, emoji) is one token.</li>
 * </ul>
 * Offsets point into the original text, so double spaces and line breaks are handled without copying. The class
 * is stateless and thread-safe.
 */
public final class BioTokenizer {

    /** Tokens of the whole text. */
    public List<TokenSpan> tokenize(CharSequence text) {
        return tokenize(text, 0, text.length());
    }

    /** Tokens of {@code text[from, to)}; offsets are still relative to the start of {@code text}. */
    public List<TokenSpan> tokenize(CharSequence text, int from, int to) {
        if (from < 0 || to > text.length() || from > to) {
            throw new IndexOutOfBoundsException("range [" + from + ", " + to + ") of a text of length " + text.length());
        }
        List<TokenSpan> tokens = new ArrayList<>();
        int wordBegin = -1; // start of the word being read, or -1
        int i = from;
        while (i < to) {
            int cp = Character.codePointAt(text, i);
            int next = Math.min(i + Character.charCount(cp), to);
            CharClass cls = classify(cp);
            if (cls == CharClass.WORD) {
                if (wordBegin < 0) {
                    wordBegin = i;
                }
            } else if (cls == CharClass.MARK && i > from && (wordBegin >= 0 || endsToken(tokens, i))) {
                if (wordBegin < 0) { // a combining mark on a symbol token: widen that token
                    TokenSpan last = tokens.remove(tokens.size() - 1);
                    tokens.add(new TokenSpan(last.begin(), next));
                }
            } else if (cls == CharClass.FORMAT && wordBegin >= 0 && next < to
                    && classify(Character.codePointAt(text, next)) == CharClass.WORD) {
                // a soft hyphen or joiner inside a word does not split it
            } else {
                if (wordBegin >= 0) {
                    tokens.add(new TokenSpan(wordBegin, i));
                    wordBegin = -1;
                }
                if (cls == CharClass.SYMBOL || cls == CharClass.MARK) {
                    tokens.add(new TokenSpan(i, next));
                }
            }
            i = next;
        }
        if (wordBegin >= 0) {
            tokens.add(new TokenSpan(wordBegin, to));
        }
        return tokens;
    }

    /** The token texts of {@code text}. */
    public List<String> tokenTexts(CharSequence text) {
        List<TokenSpan> spans = tokenize(text);
        List<String> out = new ArrayList<>(spans.size());
        for (TokenSpan s : spans) {
            out.add(s.text(text));
        }
        return out;
    }

    /** True when {@code cp} would be (part of) a multi-character word, false for separators and one-character tokens. */
    public static boolean isWordCodePoint(int cp) {
        return classify(cp) == CharClass.WORD;
    }

    /**
     * True when {@code token} is a word: it starts with a letter or digit and holds only word characters, combining
     * marks and format characters. Two adjacent words merge into one token, so text builders must separate them.
     */
    public static boolean isWord(CharSequence token) {
        if (token.length() == 0 || classify(Character.codePointAt(token, 0)) != CharClass.WORD) {
            return false;
        }
        for (int i = 0; i < token.length(); ) {
            int cp = Character.codePointAt(token, i);
            CharClass cls = classify(cp);
            if (cls != CharClass.WORD && cls != CharClass.MARK && cls != CharClass.FORMAT) {
                return false;
            }
            i += Character.charCount(cp);
        }
        return true;
    }

    private static boolean endsToken(List<TokenSpan> tokens, int at) {
        return !tokens.isEmpty() && tokens.get(tokens.size() - 1).end() == at;
    }

    enum CharClass { WORD, MARK, FORMAT, SPACE, SYMBOL }

    static CharClass classify(int cp) {
        if (Character.isWhitespace(cp) || Character.isSpaceChar(cp) || cp == 0x200B || cp == 0xFEFF) {
            return CharClass.SPACE;
        }
        switch (Character.getType(cp)) {
            case Character.NON_SPACING_MARK:
            case Character.COMBINING_SPACING_MARK:
            case Character.ENCLOSING_MARK:
                return CharClass.MARK;
            case Character.FORMAT:
                return CharClass.FORMAT;
            case Character.CONTROL:
                return CharClass.SPACE;
            default:
                break;
        }
        if (Character.isLetterOrDigit(cp)) {
            Character.UnicodeScript script = Character.UnicodeScript.of(cp);
            boolean ideographic = script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                    || script == Character.UnicodeScript.KATAKANA;
            return ideographic ? CharClass.SYMBOL : CharClass.WORD;
        }
        return CharClass.SYMBOL;
    }
}
