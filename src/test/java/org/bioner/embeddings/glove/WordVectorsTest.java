package org.bioner.embeddings.glove;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class WordVectorsTest {

    /** Row r of this table holds the value r in every dimension, so a vector identifies its row. */
    private static WordVectors table(String... words) {
        float[] data = new float[words.length * 2];
        for (int r = 0; r < words.length; r++) {
            data[2 * r] = r + 1;
            data[2 * r + 1] = r + 1;
        }
        return new WordVectors(List.of(words), data, 2);
    }

    @Test
    void lookupFollowsFlairOrder() {
        WordVectors v = table("IL-2", "il-2", "cancer", "il-#", "p##", "p00", "h0");
        assertEquals(0, v.lookup("IL-2"), "exact form first");
        assertEquals(1, v.lookup("Il-2"), "then lower case");
        assertEquals(2, v.lookup("Cancer"));
        assertEquals(3, v.lookup("IL-7"), "then digits as # (lower-cased)");
        assertEquals(4, v.lookup("P53"), "# form wins over 0 form");
        assertEquals(6, v.lookup("H1"), "then digits as 0");
        assertEquals(-1, v.lookup("tumour"));
        assertEquals(-1, v.lookup("x1"), "digit forms tried only in the vocabulary");
    }

    @Test
    void unknownTokenGetsZeros() {
        WordVectors v = table("a");
        assertArrayEquals(new float[] {0, 0}, v.vectorFor("zzz"));
        assertArrayEquals(new float[] {1, 1}, v.vectorFor("A"));
    }

    @Test
    void unicodeDigitsAreNormalisedLikePythonBackslashD() {
        WordVectors v = table("x#");
        assertEquals(0, v.lookup("X\u0663"), "Arabic-Indic digit three is \\d in Python 3");
    }

    @Test
    void hashIndexFindsEveryWordOfALargeTable() {
        List<String> words = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) words.add("w" + i);
        WordVectors v = new WordVectors(words, new float[words.size()], 1);
        for (int i = 0; i < words.size(); i++) assertEquals(i, v.indexOf("w" + i));
        assertEquals(-1, v.indexOf("w50000"));
    }

    @Test
    void duplicateWordsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> table("a", "b", "a"));
    }
}
