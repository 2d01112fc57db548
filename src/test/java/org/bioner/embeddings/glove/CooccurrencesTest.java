package org.bioner.embeddings.glove;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class CooccurrencesTest {

    private static final GloveVocabulary ABC = new GloveVocabulary(List.of("a", "b", "c"), new long[] {2, 2, 1});

    private static Cooccurrences count(int window, List<String> doc) {
        Cooccurrences.Counter c = new Cooccurrences.Counter(ABC, window);
        c.add(doc);
        return c.build();
    }

    /*
     * "a b c a b", by hand (position p pairs with p-d, weight 1/d, added to the unordered pair):
     *   p1 b: (a,b)+1
     *   p2 c: (b,c)+1, (a,c)+1/2
     *   p3 a: (a,c)+1, (a,b)+1/2, (a,a)+2*(1/3)   [d=3: a diagonal pair counts in both directions]
     *   p4 b: (a,b)+1, (b,c)+1/2, (b,b)+2*(1/3), (a,b)+1/4
     */
    @Test
    void fiveTokenExampleComputedByHand() {
        Cooccurrences x = count(10, List.of("a", "b", "c", "a", "b"));
        assertEquals(1 + 0.5 + 1 + 0.25, x.get(0, 1), 1e-6);
        assertEquals(1 + 0.5, x.get(1, 2), 1e-6);
        assertEquals(0.5 + 1, x.get(0, 2), 1e-6);
        assertEquals(2.0 / 3, x.get(0, 0), 1e-6);
        assertEquals(2.0 / 3, x.get(1, 1), 1e-6);
        assertEquals(0, x.get(2, 2));
        assertEquals(5, x.size());
        assertEquals(x.get(0, 1), x.get(1, 0), "symmetric");
    }

    @Test
    void windowLimitsDistance() {
        Cooccurrences x = count(2, List.of("a", "b", "c", "a", "b"));
        assertEquals(1 + 0.5 + 1, x.get(0, 1), 1e-6);
        assertEquals(0, x.get(0, 0), "a..a is 3 apart");
        assertEquals(3, x.size());
    }

    @Test
    void outOfVocabularyTokensAreDroppedBeforeWindowing() {
        // as glove.c: "a zzz b" makes a and b neighbours at distance 1
        assertEquals(1.0, count(1, List.of("a", "zzz", "b")).get(0, 1), 1e-6);
    }

    @Test
    void windowsDoNotCrossDocuments() {
        Cooccurrences.Counter c = new Cooccurrences.Counter(ABC, 10);
        c.add(List.of("a"));
        c.add(List.of("b"));
        assertEquals(0, c.build().size());
    }

    @Test
    void saveLoadRoundTripAndShuffleKeepsEntries(@TempDir Path dir) throws Exception {
        Cooccurrences x = count(10, List.of("a", "b", "c", "a", "b"));
        Path f = dir.resolve("x.bnm");
        x.save(f, ABC, Map.of("k", "v"));
        Cooccurrences.Saved s = Cooccurrences.load(f);
        assertEquals(ABC.words(), s.vocabulary().words());
        assertEquals(2, s.vocabulary().count(0));
        assertEquals("v", s.archive().meta("k"));
        Cooccurrences y = s.matrix();
        y.shuffle(7);
        assertEquals(x.size(), y.size());
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) assertEquals(x.get(i, j), y.get(i, j), 0f);
    }
}
