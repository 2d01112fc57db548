package org.bioner.tokenization;

/**
 * A token as a character range {@code [begin, end)} of the text it was cut from. Offsets are Java {@code String}
 * indices (UTF-16 code units), the unit UIMA annotations use; a token never starts or ends inside a surrogate pair.
 */
public record TokenSpan(int begin, int end) {

    public TokenSpan {
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("bad token span [" + begin + ", " + end + ")");
        }
    }

    /** The token's text in {@code text} (the text the span was computed for). */
    public String text(CharSequence text) {
        return text.subSequence(begin, end).toString();
    }

    public int length() {
        return end - begin;
    }
}
