package org.bioner.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.bioner.corpus.IobCorpusParser;
import org.bioner.corpus.TagScheme;
import org.bioner.corpus.TaggedSentence;
import org.bioner.corpus.TestData;
import org.junit.jupiter.api.Test;

class SpanEvaluatorTest {

    private static EvaluationResult eval(String gold, String pred) {
        SpanEvaluator e = new SpanEvaluator(TagScheme.IOB2, "E");
        e.add(Arrays.asList(gold.split(" ")), Arrays.asList(pred.split(" ")));
        return e.result();
    }

    private static void assertCounts(long tp, long fp, long fn, SpanCounts c) {
        assertEquals(new SpanCounts(tp, fp, fn), c);
    }

    private static EvaluationResult tokens(String gold, String pred) {
        SpanEvaluator e = new SpanEvaluator(TagScheme.IOB2, "E", Metric.TOKEN);
        e.add(Arrays.asList(gold.split(" ")), Arrays.asList(pred.split(" ")));
        return e.result();
    }

    @Test
    void paperTokenMetricCountsTaggedTokensWhereExactSpansCountEntities() {
        // hand-made sentence, worked out by hand (untyped BioBERT tags):
        //   index 0 1 2 3 4 5 6 7
        //   gold  B I I O B O B I
        //   pred  B I O O B I O I     (the I at 7 follows O: read as B, as conlleval reads it)
        // exact spans: gold [0,3) [4,5) [6,8); pred [0,2) [4,6) [7,8): none matches -> TP 0, FP 3, FN 3
        // tokens: TP at 0, 1, 4; FP at 5 (I where gold is O) and 7 (B where gold is I);
        //         FN at 2 and 6 (missed) and 7 (gold I not predicted as I) -> TP 3, FP 2, FN 3
        String gold = "B I I O B O B I", pred = "B I O O B I O I";
        assertCounts(0, 3, 3, eval(gold, pred).total());
        assertCounts(3, 2, 3, tokens(gold, pred).total());
        assertEquals(6.0 / 11.0, tokens(gold, pred).total().f1(), 1e-12);
        // B against I on the same token is a false positive and a false negative
        assertCounts(1, 1, 1, tokens("B I", "B B").total());
        assertCounts(2, 0, 0, tokens("B I", "B I").total());
        // types: a token tagged with another type counts against both types
        EvaluationResult typed = tokens("B-X I-X O B-Y", "B-Y O O B-Y");
        assertCounts(1, 1, 2, typed.total());
        assertCounts(0, 0, 2, typed.of("X"));
        assertCounts(1, 1, 0, typed.of("Y"));
    }

    @Test
    void overlapMetricAcceptsOtherBoundariesOfTheSameTypeOnly() {
        SpanEvaluator e = new SpanEvaluator(TagScheme.IOB2, "E", Metric.OVERLAP);
        // gold [0,3) X, [4,5) Y; pred [1,2) X (overlaps: TP), [4,5) X (type differs: FP; gold Y missed: FN),
        // [6,7) X (spurious: FP)
        e.add(Arrays.asList("B-X I-X I-X O B-Y O O".split(" ")), Arrays.asList("O B-X O O B-X O B-X".split(" ")));
        assertCounts(1, 2, 1, e.result().total());
        assertCounts(0, 0, 1, e.result().of("Y"));
        // the same sentence in exact spans: nothing matches
        assertCounts(0, 3, 2, eval("B-X I-X I-X O B-Y O O", "O B-X O O B-X O B-X").total());
    }

    @Test
    void partialOverlapIsOneFalsePositiveAndOneFalseNegative() {
        EvaluationResult r = eval("B-X I-X O", "B-X O O");
        assertCounts(0, 1, 1, r.total());
        assertEquals(0.0, r.total().f1());
        assertCounts(0, 1, 1, eval("B-X I-X O", "O B-X I-X").total());
        assertCounts(0, 1, 1, eval("O B-X O", "B-X I-X I-X").total());
    }

    @Test
    void adjacentEntitiesAreNotMergedSpans() {
        // gold two one-token entities, prediction one two-token entity
        assertCounts(0, 1, 2, eval("B B", "B I").total());
        assertCounts(2, 0, 0, eval("B B", "B B").total());
        EvaluationResult r = eval("B-X I-Y", "B-X I-X");
        assertCounts(0, 1, 2, r.total());
        assertCounts(0, 1, 1, r.of("X"));
        assertCounts(0, 0, 1, r.of("Y"));
    }

    @Test
    void typeMismatchCountsAgainstBothTypes() {
        EvaluationResult r = eval("B-X I-X O", "B-Y I-Y O");
        assertCounts(0, 1, 1, r.total());
        assertCounts(0, 0, 1, r.of("X"));
        assertCounts(0, 1, 0, r.of("Y"));
    }

    @Test
    void insideAfterOutsideIsReadAsConllevalDoes() {
        assertCounts(1, 0, 0, eval("B-X I-X O", "I-X I-X O").total());
        assertCounts(1, 0, 0, eval("O B-X I-X", "O I-X I-X").total());
        // I-Y after B-X starts a separate Y entity
        assertCounts(1, 1, 0, eval("B-X O", "B-X I-Y").total());
    }

    @Test
    void emptyPredictionsGiveZeroPrecisionByConvention() {
        EvaluationResult r = eval("B I O B", "O O O O");
        assertCounts(0, 0, 2, r.total());
        assertEquals(0.0, r.total().precision());
        assertEquals(0.0, r.total().recall());
        assertEquals(0.0, r.total().f1());
        EvaluationResult none = eval("O O", "O O");
        assertEquals(0.0, none.total().precision());
        assertEquals(0.0, none.total().f1());
    }

    @Test
    void microAveragesOverSentencesAndTypes() {
        SpanEvaluator e = new SpanEvaluator(TagScheme.IOB2, "E");
        // sentence 1: gold X[0,2) Y[3,4); pred X[0,2) (TP) Y[2,4) (FP); Y[3,4) FN
        e.add(List.of("B-X", "I-X", "O", "B-Y"), List.of("B-X", "I-X", "B-Y", "I-Y"));
        // sentence 2: gold X[1,2) X[2,3); pred X[1,2) (TP); X[2,3) FN
        e.add(List.of("O", "B-X", "B-X"), List.of("O", "B-X", "O"));
        EvaluationResult r = e.result();
        assertCounts(2, 1, 2, r.total());
        assertEquals(2.0 / 3, r.total().precision(), 1e-12);
        assertEquals(0.5, r.total().recall(), 1e-12);
        assertEquals(4.0 / 7, r.total().f1(), 1e-12);
        assertCounts(2, 0, 1, r.of("X"));
        assertCounts(0, 1, 1, r.of("Y"));
        assertEquals(2, r.sentences());
        assertEquals(7, r.tokens());
        assertTrue(r.toJson().contains("\"micro\":{\"precision\":0.666667,\"recall\":0.500000,\"f1\":0.571429,"
                + "\"tp\":2,\"fp\":1,\"fn\":2}"), r.toJson());
        assertTrue(r.toTable().contains("ALL (micro)         66.67%    50.00%     57.14       2       1       2"),
                r.toTable());
    }

    @Test
    void tokenMismatchNamesBothFilesAndLines() {
        List<TaggedSentence> gold = List.of(
                new TaggedSentence(List.of("a", "b"), List.of("O", "O"), "gold.tsv", 1),
                new TaggedSentence(List.of("c", "d", "e"), List.of("O", "O", "O"), "gold.tsv", 4));
        List<TaggedSentence> pred = List.of(
                new TaggedSentence(List.of("a", "b"), List.of("O", "O"), "pred.tsv", 1),
                new TaggedSentence(List.of("c", "x", "e"), List.of("O", "O", "O"), "pred.tsv", 4));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SpanEvaluator.evaluate(gold, pred));
        assertEquals("pred.tsv:5: token 'x' differs from gold token 'd' at gold.tsv:5", e.getMessage());

        List<TaggedSentence> shorter = List.of(
                new TaggedSentence(List.of("a", "b"), List.of("O", "O"), "pred.tsv", 1),
                new TaggedSentence(List.of("c", "d"), List.of("O", "O"), "pred.tsv", 4));
        e = assertThrows(IllegalArgumentException.class, () -> SpanEvaluator.evaluate(gold, shorter));
        assertTrue(e.getMessage().startsWith("pred.tsv:6: sentence has 2 tokens but the gold sentence at gold.tsv:4"),
                e.getMessage());

        e = assertThrows(IllegalArgumentException.class, () -> SpanEvaluator.evaluate(gold, pred.subList(0, 1)));
        assertTrue(e.getMessage().startsWith("gold.tsv:4: sentence 2 has no counterpart"), e.getMessage());
    }

    @Test
    void ncbiTestAgainstItselfIsPerfect() throws Exception {
        Path test = TestData.require("NCBI-disease", "test");
        List<TaggedSentence> gold = IobCorpusParser.biobert("Disease").parse(test);
        EvaluationResult r = SpanEvaluator.evaluate(gold, gold);
        assertCounts(960, 0, 0, r.total());
        assertEquals(1.0, r.total().f1());
        assertEquals(1.0, r.of("Disease").f1());
        assertEquals(24497, r.tokens());
    }
}
