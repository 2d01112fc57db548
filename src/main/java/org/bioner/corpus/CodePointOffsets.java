package org.bioner.corpus;

/**
 * Converts between CAS offsets (UTF-16 code units, what UIMA uses) and Unicode code point offsets (what
 * PubTator, BioC and Python-based tools use). Both directions are identity for text without characters
 * outside the Basic Multilingual Plane, which is checked once so the common case costs nothing.
 */
public final class CodePointOffsets {

    private final String text;
    private final boolean identity;
    /** codePointStart[i] = UTF-16 index of code point i; length = codePointCount + 1. */
    private final int[] utf16OfCodePoint;
    /** codePointOfUtf16[j] = code point index containing UTF-16 index j; length = text.length() + 1. */
    private final int[] codePointOfUtf16;

    public CodePointOffsets(String text) {
        this.text = text;
        int n = text.length();
        int cps = text.codePointCount(0, n);
        identity = cps == n;
        if (identity) {
            utf16OfCodePoint = null;
            codePointOfUtf16 = null;
            return;
        }
        utf16OfCodePoint = new int[cps + 1];
        codePointOfUtf16 = new int[n + 1];
        int cp = 0;
        for (int j = 0; j < n; ) {
            utf16OfCodePoint[cp] = j;
            int width = Character.charCount(text.codePointAt(j));
            for (int k = 0; k < width; k++) {
                codePointOfUtf16[j + k] = cp;
            }
            j += width;
            cp++;
        }
        utf16OfCodePoint[cps] = n;
        codePointOfUtf16[n] = cps;
    }

    /** Number of code points in the text. */
    public int codePointLength() {
        return identity ? text.length() : utf16OfCodePoint.length - 1;
    }

    /** UTF-16 offset of a code point offset; throws if outside the text. */
    public int toUtf16(int codePointOffset) {
        if (codePointOffset < 0 || codePointOffset > codePointLength()) {
            throw new IndexOutOfBoundsException("offset " + codePointOffset + " outside text of "
                    + codePointLength() + " characters");
        }
        return identity ? codePointOffset : utf16OfCodePoint[codePointOffset];
    }

    /** Code point offset of a UTF-16 offset (an offset inside a surrogate pair maps to its code point). */
    public int toCodePoint(int utf16Offset) {
        if (utf16Offset < 0 || utf16Offset > text.length()) {
            throw new IndexOutOfBoundsException("offset " + utf16Offset + " outside text of "
                    + text.length() + " UTF-16 units");
        }
        return identity ? utf16Offset : codePointOfUtf16[utf16Offset];
    }
}
