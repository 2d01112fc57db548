package org.bioner.pipeline;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a long text into chunks of at most {@code maxChars} characters at the best boundary found in
 * the second half of each window: a blank line, a line break, a sentence end (". " "! " "? "), any
 * whitespace, and only when a window has none of those (one enormous token) a hard cut that never
 * splits a surrogate pair. Chunks cover the text without gaps, so offsets map back by simple addition.
 */
public final class TextChunker {

    private TextChunker() {
    }

    /** Chunk boundaries as [begin, end) pairs covering the whole text. */
    public static List<int[]> chunks(String text, int maxChars) {
        if (maxChars < 2) {
            throw new IllegalArgumentException("maxChars must be at least 2: " + maxChars);
        }
        List<int[]> out = new ArrayList<>();
        int start = 0;
        int n = text.length();
        while (start < n) {
            int end = n - start <= maxChars ? n : cut(text, start, start + maxChars);
            out.add(new int[] {start, end});
            start = end;
        }
        return out;
    }

    private static int cut(String text, int start, int limit) {
        int from = start + (limit - start) / 2;
        int best;
        if ((best = lastAfter(text, from, limit, "\n\n")) > 0) {
            return best;
        }
        if ((best = lastAfter(text, from, limit, "\n")) > 0) {
            return best;
        }
        for (int i = limit - 1; i > from; i--) {
            char c = text.charAt(i - 1);
            if ((c == '.' || c == '!' || c == '?') && Character.isWhitespace(text.charAt(i))) {
                return i + 1;
            }
        }
        for (int i = limit - 1; i > from; i--) {
            if (Character.isWhitespace(text.charAt(i))) {
                return i + 1;
            }
        }
        return Character.isLowSurrogate(text.charAt(limit)) && Character.isHighSurrogate(text.charAt(limit - 1))
                ? limit - 1 : limit;
    }

    /** Position just after the last occurrence of the separator ending at or before limit, or -1. */
    private static int lastAfter(String text, int from, int limit, String sep) {
        int i = text.lastIndexOf(sep, limit - sep.length());
        return i >= from ? i + sep.length() : -1;
    }
}
