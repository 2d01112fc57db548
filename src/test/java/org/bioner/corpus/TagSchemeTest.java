package org.bioner.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class TagSchemeTest {

    private static List<String> tags(String s) {
        return List.of(s.split(" "));
    }

    @Test
    void decodesIob2() {
        assertEquals(List.of(new Span(0, 2, "X"), new Span(3, 4, "Y")),
                TagScheme.IOB2.decode(tags("B-X I-X O B-Y"), "D"));
    }

    @Test
    void untypedTagsGetTheDefaultType() {
        assertEquals(List.of(new Span(1, 3, "Disease")), TagScheme.IOB2.decode(tags("O B I O"), "Disease"));
    }

    @Test
    void insideAfterOutsideStartsAnEntityAsConllevalDoes() {
        assertEquals(List.of(new Span(1, 3, "X")), TagScheme.IOB2.decode(tags("O I-X I-X"), "D"));
        assertEquals(List.of(new Span(0, 1, "X")), TagScheme.IOB2.decode(tags("I-X O"), "D"));
    }

    @Test
    void adjacentEntities() {
        assertEquals(List.of(new Span(0, 1, "D"), new Span(1, 2, "D")), TagScheme.IOB2.decode(tags("B B"), "D"));
        // I of another type right after an entity starts a new entity
        assertEquals(List.of(new Span(0, 1, "X"), new Span(1, 2, "Y")), TagScheme.IOB2.decode(tags("B-X I-Y"), "D"));
    }

    @Test
    void iob1UsesBOnlyBetweenAdjacentEntitiesOfOneType() {
        List<Span> spans = List.of(new Span(0, 2, "X"), new Span(2, 3, "X"), new Span(3, 4, "Y"), new Span(5, 6, "X"));
        List<String> expected = tags("I-X I-X B-X I-Y O I-X");
        assertEquals(expected, TagScheme.IOB1.encode(spans, 6));
        assertEquals(spans, TagScheme.IOB1.decode(expected, "D"));
    }

    @Test
    void bioesEncodingAndDecoding() {
        List<Span> spans = List.of(new Span(0, 1, "X"), new Span(1, 4, "X"), new Span(5, 7, "Y"));
        List<String> expected = tags("S-X B-X I-X E-X O B-Y E-Y");
        assertEquals(expected, TagScheme.BIOES.encode(spans, 7));
        assertEquals(spans, TagScheme.BIOES.decode(expected, "D"));
    }

    @Test
    void bioesDecodingIsLenientLikeConlleval() {
        assertEquals(List.of(new Span(0, 1, "X")), TagScheme.BIOES.decode(tags("E-X"), "D"));
        assertEquals(List.of(new Span(0, 1, "X")), TagScheme.BIOES.decode(tags("B-X O"), "D"));
        // after E the entity is closed: a following I starts a new one
        assertEquals(List.of(new Span(0, 2, "X"), new Span(2, 3, "X")),
                TagScheme.BIOES.decode(tags("B-X E-X I-X"), "D"));
    }

    @Test
    void conversionsBetweenIob2AndBioesKeepUntypedTagsUntyped() {
        assertEquals(tags("B E O S B I E"), TagScheme.toBioes(tags("B I O B B I I")));
        assertEquals(tags("B I O B B I I"), TagScheme.toIob2(tags("B E O S B I E")));
        assertEquals(tags("S-X S-Y B-X E-X"), TagScheme.toBioes(tags("B-X B-Y I-X I-X")));
        // ill-formed IOB2 is repaired: I after O starts an entity
        assertEquals(tags("O B-X E-X"), TagScheme.toBioes(tags("O I-X I-X")));
    }

    @Test
    void encodeThenDecodeIsIdentityForEverySchemeOnRandomSpans() {
        Random random = new Random(42);
        String[] types = {"X", "Y", ""};
        for (int trial = 0; trial < 500; trial++) {
            int length = 1 + random.nextInt(12);
            List<Span> spans = new ArrayList<>();
            int pos = random.nextInt(3);
            while (pos < length) {
                int end = Math.min(length, pos + 1 + random.nextInt(3));
                spans.add(new Span(pos, end, types[random.nextInt(types.length)]));
                pos = end + random.nextInt(2);
            }
            for (TagScheme scheme : TagScheme.values()) {
                List<String> encoded = scheme.encode(spans, length);
                assertEquals(spans, scheme.decode(encoded, ""), scheme + " " + encoded);
                assertNull(scheme.firstViolation(encoded), scheme + " " + encoded);
            }
        }
    }

    @Test
    void rejectsTagsOutsideTheScheme() {
        assertThrows(IllegalArgumentException.class, () -> TagScheme.IOB2.decode(tags("E-X"), "D"));
        assertThrows(IllegalArgumentException.class, () -> TagScheme.IOB2.parse("S"));
        assertThrows(IllegalArgumentException.class, () -> TagScheme.IOB2.parse("B-"));
        assertThrows(IllegalArgumentException.class, () -> TagScheme.IOB2.parse("BX"));
        assertThrows(IllegalArgumentException.class, () -> TagScheme.BIOES.parse("Q-X"));
        assertThrows(IllegalArgumentException.class, () -> TagScheme.BIOES.parse(""));
        assertEquals(new TagScheme.Tag('S', "cell-line"), TagScheme.BIOES.parse("S-cell-line"));
    }

    @Test
    void encodeRejectsOverlappingSpans() {
        assertThrows(IllegalArgumentException.class,
                () -> TagScheme.IOB2.encode(List.of(new Span(0, 2, "X"), new Span(1, 3, "X")), 3));
    }

    @Test
    void strictRulesPointAtTheOffendingTag() {
        assertEquals(1, TagScheme.IOB2.firstViolation(tags("O I-X")).index());
        assertEquals(0, TagScheme.IOB2.firstViolation(tags("I")).index());
        assertEquals(1, TagScheme.IOB2.firstViolation(tags("B-X I-Y")).index());
        assertNull(TagScheme.IOB2.firstViolation(tags("B-X I-X B-X O B")));
        assertEquals(1, TagScheme.IOB1.firstViolation(tags("O B-X")).index());
        assertNull(TagScheme.IOB1.firstViolation(tags("I-X B-X I-Y")));
        assertEquals(0, TagScheme.BIOES.firstViolation(tags("E-X")).index());
        assertEquals(1, TagScheme.BIOES.firstViolation(tags("S-X I-X E-X")).index());
        assertEquals(1, TagScheme.BIOES.firstViolation(tags("B-X O")).index());
        assertEquals(2, TagScheme.BIOES.firstViolation(tags("B-X I-X")).index());
        assertEquals(1, TagScheme.BIOES.firstViolation(tags("B-X E-Y")).index());
        assertNull(TagScheme.BIOES.firstViolation(tags("S-X B-X I-X E-X O S")));
        assertEquals(1, TagScheme.IOB2.firstViolation(tags("O Q")).index());
    }
}
