package org.bioner.embeddings.glove;

import java.util.Arrays;
import java.util.List;

/**
 * A frozen table of word vectors in compact form: all vectors in one row-major {@code float[]} and an
 * open-addressing hash (linear probing) from word to row, so a 400k x 100 table costs ~160 MB of floats
 * plus the strings, and no per-word objects besides the words themselves.
 */
public final class WordVectors {

    private final String[] words;
    private final float[] data;
    private final int dimension;
    private final int[] slots; // row + 1, 0 = empty
    private final int mask;

    /**
     * @param words  distinct words, row order
     * @param data   {@code words.size() * dimension} values, row-major
     */
    public WordVectors(List<String> words, float[] data, int dimension) {
        if (dimension <= 0) throw new IllegalArgumentException("dimension must be positive: " + dimension);
        if ((long) words.size() * dimension != data.length) {
            throw new IllegalArgumentException(words.size() + " words x " + dimension + " != " + data.length + " values");
        }
        this.words = words.toArray(new String[0]);
        this.data = data;
        this.dimension = dimension;
        int capacity = Integer.highestOneBit(Math.max(4, this.words.length * 2 - 1)) << 1;
        this.slots = new int[capacity];
        this.mask = capacity - 1;
        for (int row = 0; row < this.words.length; row++) {
            int s = probe(this.words[row]);
            if (slots[s] != 0) {
                throw new IllegalArgumentException("duplicate word '" + this.words[row] + "' at rows "
                        + (slots[s] - 1) + " and " + row);
            }
            slots[s] = row + 1;
        }
    }

    public int dimension() {
        return dimension;
    }

    public int size() {
        return words.length;
    }

    public String word(int row) {
        return words[row];
    }

    public List<String> words() {
        return List.of(words);
    }

    /** The backing array (row-major, shared, do not modify). */
    public float[] data() {
        return data;
    }

    /** Row of exactly this word, or -1. */
    public int indexOf(String word) {
        int row = slots[probe(word)] - 1;
        return row;
    }

    public boolean contains(String word) {
        return indexOf(word) >= 0;
    }

    /**
     * Row for a token in Flair's {@code WordEmbeddings} order: exact form, lower case, lower case with
     * digits replaced by {@code #}, lower case with digits replaced by {@code 0}; -1 when none is known.
     */
    public int lookup(String token) {
        int row = indexOf(token);
        if (row >= 0) return row;
        String lower = token.toLowerCase(java.util.Locale.ROOT);
        row = indexOf(lower);
        if (row >= 0) return row;
        if (!hasDigit(lower)) return -1;
        row = indexOf(replaceDigits(lower, '#'));
        if (row >= 0) return row;
        return indexOf(replaceDigits(lower, '0'));
    }

    /** Copies the vector of a row into {@code out} at {@code offset}; row -1 writes zeros (Flair's unknown vector). */
    public void copyVector(int row, float[] out, int offset) {
        if (row < 0) {
            Arrays.fill(out, offset, offset + dimension, 0f);
        } else {
            System.arraycopy(data, row * dimension, out, offset, dimension);
        }
    }

    /** The vector of a token by {@link #lookup}, zeros when unknown. */
    public float[] vectorFor(String token) {
        float[] v = new float[dimension];
        copyVector(lookup(token), v, 0);
        return v;
    }

    // Python's \d matches any Unicode decimal digit; Character.isDigit is the same class (Nd).
    static boolean hasDigit(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isDigit(s.charAt(i))) return true;
        }
        return false;
    }

    static String replaceDigits(String s, char with) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (Character.isDigit(cp)) {
                b.append(with);
            } else {
                b.appendCodePoint(cp);
            }
            i += Character.charCount(cp);
        }
        return b.toString();
    }

    private int probe(String word) {
        int h = word.hashCode() * 0x9E3779B9;
        int s = (h ^ (h >>> 16)) & mask;
        while (true) {
            int row = slots[s] - 1;
            if (row < 0 || words[row].equals(word)) return s;
            s = (s + 1) & mask;
        }
    }
}
