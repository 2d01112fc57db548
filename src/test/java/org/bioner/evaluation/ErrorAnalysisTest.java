package org.bioner.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.bioner.corpus.Span;
import org.bioner.corpus.TaggedSentence;
import org.bioner.evaluation.ErrorAnalysis.Kind;
import org.junit.jupiter.api.Test;

class ErrorAnalysisTest {

    private static TaggedSentence s(String tokens, String tags) {
        return new TaggedSentence(Arrays.asList(tokens.split(" ")), Arrays.asList(tags.split(" ")));
    }

    @Test
    void everyNonMatchingSpanFallsIntoOneClassWorkedOutByHand() {
        String tokens = "breast cancer and BRCA1 in mice with aspirin or fever";
        //                 0      1      2   3     4  5    6    7       8  9
        // gold:  [0,2) Disease "breast cancer", [3,4) Gene, [5,6) Species, [7,8) Chemical, [9,10) Disease
        // pred:  [1,2) Disease (boundary), [3,4) Chemical (type), [5,6) Species (exact),
        //        [2,3) Disease "and" (spurious), nothing on aspirin (missed), [9,10) Chemical over a Disease (type)
        TaggedSentence gold = s(tokens, "B-Disease I-Disease O B-Gene O B-Species O B-Chemical O B-Disease");
        TaggedSentence pred = s(tokens, "O B-Disease B-Disease B-Chemical O B-Species O O O B-Chemical");
        ErrorAnalysis a = ErrorAnalysis.of(List.of(gold), List.of(pred));
        assertEquals(1, a.count(Kind.BOUNDARY));
        assertEquals(2, a.count(Kind.TYPE));
        assertEquals(1, a.count(Kind.SPURIOUS));
        assertEquals(1, a.count(Kind.MISSED));
        assertEquals(0, a.count(Kind.OTHER));
        assertEquals(List.of(Map.entry("cancer <- breast cancer", 1)), a.top(Kind.BOUNDARY, 5));
        assertEquals(List.of(Map.entry("aspirin", 1)), a.top(Kind.MISSED, 5));
        assertEquals(List.of(Map.entry("and", 1)), a.top(Kind.SPURIOUS, 5));
        // the classes add up to the exact-span counts: FP 4 = 1 + 2 + 1; FN 4 = 1 missed + 3 explained gold
        EvaluationResult r = SpanEvaluator.evaluate(List.of(gold), List.of(pred));
        assertEquals(4, r.total().falsePositives());
        assertEquals(4, r.total().falseNegatives());
    }

    @Test
    void predictionOverOtherTypesOnlyIsOtherAndFrequentStringsComeFirst() {
        ErrorAnalysis a = new ErrorAnalysis();
        List<String> t = List.of("a", "b", "c");
        // prediction [0,3) Gene overlapping a gold Disease [1,2): other (both sides)
        a.add(t, List.of(new Span(1, 2, "Disease")), List.of(new Span(0, 3, "Gene")));
        a.add(t, List.of(new Span(0, 1, "Gene")), List.of());
        a.add(t, List.of(new Span(0, 1, "Gene")), List.of());
        a.add(t, List.of(new Span(2, 3, "Gene")), List.of());
        assertEquals(2, a.count(Kind.OTHER));
        assertEquals(3, a.count(Kind.MISSED));
        assertEquals(List.of(Map.entry("a", 2), Map.entry("c", 1)), a.top(Kind.MISSED, 5));
    }
}
