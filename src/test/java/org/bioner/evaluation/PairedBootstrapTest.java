package org.bioner.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.bioner.corpus.TaggedSentence;
import org.junit.jupiter.api.Test;

class PairedBootstrapTest {

    private static TaggedSentence sentence(String tags) {
        List<String> t = Arrays.asList(tags.split(" "));
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) tokens.add("w" + i);
        return new TaggedSentence(tokens, t, "mem", 1);
    }

    private static List<TaggedSentence> sentences(String... tags) {
        return Arrays.stream(tags).map(PairedBootstrapTest::sentence).toList();
    }

    // sentence 0: the first prediction misses the mention, the second finds it; sentence 1: both find theirs
    private static final List<TaggedSentence> GOLD = sentences("B O", "O B");
    private static final List<TaggedSentence> FIRST = sentences("O O", "O B");
    private static final List<TaggedSentence> SECOND = sentences("B O", "O B");

    @Test
    void differenceCountsEachDrawnSentenceAsOftenAsItIsDrawn() {
        PairedBootstrap b = PairedBootstrap.of(GOLD, FIRST, SECOND, Metric.SPAN);
        // first: TP 1 FN 1 -> F1 2/3; second: TP 2 -> 1
        assertEquals(1.0 / 3, b.difference(new int[] {0, 1}), 1e-12);
        // sentence 0 twice: first TP 1 FN 2 -> P 1, R 1/3, F1 1/2; second F1 1
        assertEquals(0.5, b.difference(new int[] {0, 0, 1}), 1e-12);
        assertEquals(1.0, b.difference(new int[] {0, 0}), 1e-12);
        assertEquals(0.0, b.difference(new int[] {1, 1}), 1e-12);
    }

    @Test
    void resamplesFollowTheExactDistributionOfTwoSentenceDraws() {
        // the four equally likely draws of two sentences give differences 1 (0,0), 1/3 (0,1), 1/3 (1,0) and 0 (1,1)
        PairedBootstrap b = PairedBootstrap.of(GOLD, FIRST, SECOND, Metric.SPAN);
        PairedBootstrap.Result wide = b.run(20_000, 7, 0.95);
        assertEquals(1.0 / 3, wide.observed(), 1e-12);
        assertEquals(0.0, wide.lower(), 1e-12);
        assertEquals(1.0, wide.upper(), 1e-12);
        assertEquals(0.25, wide.notBetterShare(), 0.015); // 0.25 +- 3.5 standard errors
        // the central 40 %: the 30th and 70th percentiles both fall among the draws worth 1/3
        PairedBootstrap.Result narrow = b.run(20_000, 7, 0.4);
        assertEquals(1.0 / 3, narrow.lower(), 1e-12);
        assertEquals(1.0 / 3, narrow.upper(), 1e-12);
        // a seed gives the same interval every time
        assertEquals(wide, b.run(20_000, 7, 0.95));
    }

    @Test
    void identicalPredictionsDifferByExactlyZeroOnEveryResample() {
        // paired: both are scored on the same draw (two independent draws would spread around 0)
        List<TaggedSentence> gold = sentences("B I O", "O B O", "B O B", "O O O", "B I I");
        List<TaggedSentence> pred = sentences("B O O", "O B O", "B O O", "B O O", "B I I");
        PairedBootstrap.Result r = PairedBootstrap.of(gold, pred, pred, Metric.SPAN).run(2_000, 1, 0.95);
        assertEquals(0.0, r.lower());
        assertEquals(0.0, r.upper());
        assertEquals(1.0, r.notBetterShare());
    }

    @Test
    void aDifferenceInEverySentenceLeavesZeroOutsideTheInterval() {
        List<String> gold = new ArrayList<>(), first = new ArrayList<>(), second = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            gold.add("B O B");
            first.add(i % 2 == 0 ? "B O O" : "O O B"); // finds one of two mentions
            second.add(i % 5 == 0 ? "B O O" : "B O B"); // finds both in four sentences of five
        }
        PairedBootstrap.Result r = PairedBootstrap.of(sentences(gold.toArray(String[]::new)),
                sentences(first.toArray(String[]::new)), sentences(second.toArray(String[]::new)), Metric.SPAN)
                .run(2_000, 3, 0.95);
        assertTrue(r.lower() > 0, "interval " + r.lower() + ".." + r.upper());
        assertTrue(r.lower() < r.observed() && r.observed() < r.upper());
        assertEquals(0.0, r.notBetterShare());
    }

    @Test
    void theMetricDecidesWhatIsCounted() {
        // one sentence: the second prediction gets one token of a two-token mention (span F1 0, token F1 2/3)
        List<TaggedSentence> gold = sentences("B I");
        PairedBootstrap b = PairedBootstrap.of(gold, sentences("O O"), sentences("B O"), Metric.TOKEN);
        assertEquals(2.0 / 3, b.difference(new int[] {0}), 1e-12);
        assertEquals(0.0, PairedBootstrap.of(gold, sentences("O O"), sentences("B O"), Metric.SPAN)
                .difference(new int[] {0}), 1e-12);
    }

    @Test
    void misalignedPredictionsAndBadSettingsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PairedBootstrap.of(GOLD, FIRST, sentences("B O"), Metric.SPAN));
        assertTrue(e.getMessage().contains("has no counterpart"), e.getMessage());
        PairedBootstrap b = PairedBootstrap.of(GOLD, FIRST, SECOND, Metric.SPAN);
        assertThrows(IllegalArgumentException.class, () -> b.run(0, 1, 0.95));
        assertThrows(IllegalArgumentException.class, () -> b.run(10, 1, 1.0));
    }
}
