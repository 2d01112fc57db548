package org.bioner.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.bioner.corpus.TaggedSentence;
import org.junit.jupiter.api.Test;

/** Per-corpus sampling weights: integer weights repeat exactly, fractions on average, unknown files fail. */
class SampleWeightsTest {

    private static List<TaggedSentence> corpus(String source, int n) {
        List<TaggedSentence> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(new TaggedSentence(List.of("w" + i), List.of("O"), source, i + 1));
        return out;
    }

    @Test
    void integerWeightsRepeatEverySentenceAndFractionsSampleOnAverage() {
        List<TaggedSentence> train = new ArrayList<>(corpus("a.tsv", 10));
        train.addAll(corpus("b.tsv", 1000));
        train.addAll(corpus("c.tsv", 5));
        SampleWeights w = new SampleWeights(Map.of("a.tsv", 3.0, "b.tsv", 0.25));
        List<Integer> order = w.epochIndices(train, new Random(7));
        for (int i = 0; i < 10; i++) assertEquals(3, Collections.frequency(order, i), "a.tsv sentence " + i);
        for (int i = 1010; i < 1015; i++) assertEquals(1, Collections.frequency(order, i), "c.tsv has weight 1");
        long b = order.stream().filter(i -> i >= 10 && i < 1010).count();
        assertTrue(Math.abs(b - 250) < 45, "about a quarter of b.tsv, got " + b); // binomial sd ~13.7
        assertTrue(order.stream().filter(i -> i >= 10 && i < 1010).allMatch(i -> Collections.frequency(order, i) == 1));
        List<Integer> other = w.epochIndices(train, new Random(8));
        assertTrue(!order.equals(other), "fractions are drawn anew each epoch");
        assertEquals(10 * 3 + 1000 * 0.25 + 5, w.expectedTokens(train), 1e-9);
        assertEquals("a.tsv=3.0,b.tsv=0.25", w.describe());
    }

    @Test
    void weightZeroLeavesACorpusOutAndBadWeightsFail() {
        List<TaggedSentence> train = new ArrayList<>(corpus("a.tsv", 4));
        train.addAll(corpus("b.tsv", 3));
        List<Integer> order = new SampleWeights(Map.of("a.tsv", 0.0)).epochIndices(train, new Random(1));
        assertEquals(List.of(4, 5, 6), order);
        var unknown = assertThrows(IllegalArgumentException.class, () -> new SampleWeights(Map.of("z.tsv", 2.0)).requireKnown(train));
        assertTrue(unknown.getMessage().contains("z.tsv"), unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SampleWeights(Map.of("a.tsv", -1.0)));
        assertThrows(IllegalArgumentException.class, () -> new SampleWeights(Map.of("a.tsv", Double.NaN)));
    }
}
