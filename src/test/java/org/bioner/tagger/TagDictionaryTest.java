package org.bioner.tagger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.bioner.corpus.Span;
import org.bioner.corpus.TagScheme;
import org.junit.jupiter.api.Test;

class TagDictionaryTest {

    private static final TagDictionary TAGS = new TagDictionary(List.of("Disease", "Chemical"));

    /** Independent BIOES well-formedness check: a small state machine over the open entity. */
    static boolean validBioes(List<String> names, int[] path) {
        String open = null;
        for (int id : path) {
            String tag = names.get(id);
            char p = tag.charAt(0);
            String type = tag.length() > 1 ? tag.substring(2) : "";
            switch (p) {
                case 'O', 'S' -> {
                    if (open != null) return false;
                }
                case 'B' -> {
                    if (open != null) return false;
                    open = type;
                }
                case 'I' -> {
                    if (!type.equals(open)) return false;
                }
                case 'E' -> {
                    if (!type.equals(open)) return false;
                    open = null;
                }
                default -> throw new AssertionError(tag);
            }
        }
        return open == null;
    }

    private static boolean allowedByDictionary(int[] path) {
        if (!TAGS.allowedStart(path[0]) || !TAGS.allowedStop(path[path.length - 1])) return false;
        for (int i = 1; i < path.length; i++) if (!TAGS.allowed(path[i - 1], path[i])) return false;
        return true;
    }

    @Test
    void grammarIsExactlyBioesAndAgreesWithTheStrictReading() {
        List<String> names = TAGS.names();
        assertEquals(List.of("O", "S-Disease", "B-Disease", "E-Disease", "I-Disease",
                "S-Chemical", "B-Chemical", "E-Chemical", "I-Chemical"), names);
        int k = TAGS.size();
        int[] counts = new int[2];
        for (int len = 1; len <= 4; len++) {
            int[] path = new int[len];
            for (long code = 0; code < Math.round(Math.pow(k, len)); code++) {
                long c = code;
                for (int t = 0; t < len; t++, c /= k) path[t] = (int) (c % k);
                boolean valid = validBioes(names, path);
                String where = Arrays.toString(path);
                assertEquals(valid, allowedByDictionary(path), where);
                List<String> tags = new ArrayList<>();
                for (int id : path) tags.add(names.get(id));
                assertEquals(valid, TagScheme.BIOES.firstViolation(tags) == null, where);
                counts[valid ? 1 : 0]++;
            }
        }
        assertTrue(counts[0] > 0 && counts[1] > 0);
    }

    @Test
    void encodeAndDecodeRoundTripAndIllFormedPathsAreReadLeniently() {
        List<Span> spans = List.of(new Span(0, 1, "Disease"), new Span(1, 4, "Chemical"), new Span(5, 7, "Disease"));
        int[] path = TAGS.encode(8, spans);
        assertNull(TagScheme.BIOES.firstViolation(Arrays.stream(path).mapToObj(TAGS::name).toList()));
        assertEquals(spans, TAGS.decode(path));
        int o = 0, bD = TAGS.names().indexOf("B-Disease"), iC = TAGS.names().indexOf("I-Chemical"),
                eC = TAGS.names().indexOf("E-Chemical");
        // B-Disease I-Chemical E-Chemical O: the type change ends the Disease span, the I opens a Chemical one
        assertEquals(List.of(new Span(0, 1, "Disease"), new Span(1, 3, "Chemical")),
                TAGS.decode(new int[] {bD, iC, eC, o}));
        assertFalse(TAGS.allowed(bD, o));
    }
}
