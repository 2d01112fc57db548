package org.bioner.embeddings.flair;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.bioner.corpus.SentenceContext;
import org.bioner.corpus.TaggedSentence;
import org.bioner.embeddings.EmbeddingsLoader;
import org.bioner.embeddings.TokenEmbeddings;
import org.junit.jupiter.api.Test;

/**
 * Document context for the char LMs ({@code flair:LOCATION:context=N}): a sentence read with its neighbour
 * gets exactly the vectors of the same tokens inside the concatenated text read alone (the forward LM with the
 * previous sentence before it, the backward LM with the next one after it), only whole tokens that fit in N
 * characters are read, and without context the vectors are Flair's.
 */
class FlairContextTest {

    private static final List<String> DICT = List.of("<unk>", "\n", " ", "a", "b", "c", "d", "e", "-", "1");
    private static final List<String> PREVIOUS = List.of("ab", "cde", "a-1");
    private static final List<String> SENTENCE = List.of("bad", "cab", "1");
    private static final List<String> NEXT = List.of("dead", "e", "abc");

    private static CharLanguageModel lm(boolean forward) {
        return CharLanguageModel.random(forward, DICT, 6, 8, 2, forward ? 5 : 6);
    }

    private static float[][] alone(FlairEmbeddings e, List<String> tokens) {
        return e.embed(List.of(tokens)).get(0);
    }

    private static float[][] inContext(FlairEmbeddings e, List<String> tokens, SentenceContext c) {
        return e.embed(List.of(tokens), List.of(c)).get(0);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static void assertRowsEqual(float[][] expected, float[][] actual) {
        assertEquals(expected.length, actual.length);
        for (int t = 0; t < expected.length; t++) assertArrayEquals(expected[t], actual[t], "token " + t);
    }

    @Test
    void forwardLmReadsThePreviousSentenceAsIfItWereTheSameText() {
        FlairEmbeddings e = new FlairEmbeddings(lm(true), 1, 4, 100);
        float[][] whole = alone(e, concat(PREVIOUS, SENTENCE));
        float[][] got = inContext(e, SENTENCE, new SentenceContext(PREVIOUS, NEXT)); // the next sentence is not read
        assertRowsEqual(Arrays.copyOfRange(whole, PREVIOUS.size(), whole.length), got);
        assertFalse(Arrays.equals(alone(e, SENTENCE)[0], got[0]), "context changes the vectors");
    }

    @Test
    void backwardLmReadsTheNextSentenceAsIfItWereTheSameText() {
        FlairEmbeddings e = new FlairEmbeddings(lm(false), 1, 4, 100);
        float[][] whole = alone(e, concat(SENTENCE, NEXT));
        float[][] got = inContext(e, SENTENCE, new SentenceContext(PREVIOUS, NEXT));
        assertRowsEqual(Arrays.copyOfRange(whole, 0, SENTENCE.size()), got);
        assertFalse(Arrays.equals(alone(e, SENTENCE)[2], got[2]), "context changes the vectors");
    }

    @Test
    void onlyWholeTokensThatFitAreRead() {
        // "cde a-1" is 7 characters; "ab cde a-1" would be 10
        FlairEmbeddings fwd = new FlairEmbeddings(lm(true), 1, 4, 9);
        float[][] whole = alone(fwd, concat(List.of("cde", "a-1"), SENTENCE));
        assertRowsEqual(Arrays.copyOfRange(whole, 2, whole.length), inContext(fwd, SENTENCE, new SentenceContext(PREVIOUS, NEXT)));
        // "dead e" is 6 characters; "dead e abc" would be 10
        FlairEmbeddings bwd = new FlairEmbeddings(lm(false), 1, 4, 6);
        float[][] wholeB = alone(bwd, concat(SENTENCE, List.of("dead", "e")));
        assertRowsEqual(Arrays.copyOfRange(wholeB, 0, SENTENCE.size()), inContext(bwd, SENTENCE, new SentenceContext(PREVIOUS, NEXT)));
        // a nearest token longer than the budget: no context at all
        FlairEmbeddings tiny = new FlairEmbeddings(lm(true), 1, 4, 2);
        assertRowsEqual(alone(tiny, SENTENCE), inContext(tiny, SENTENCE, new SentenceContext(PREVIOUS, NEXT)));
    }

    @Test
    void withoutContextOrWithContextOffTheVectorsAreFlairs() {
        for (boolean forward : new boolean[] {true, false}) {
            FlairEmbeddings plain = new FlairEmbeddings(lm(forward), 1, 4);
            FlairEmbeddings ctx = new FlairEmbeddings(lm(forward), 1, 4, 100);
            float[][] flair = alone(plain, SENTENCE);
            assertRowsEqual(flair, inContext(plain, SENTENCE, new SentenceContext(PREVIOUS, NEXT))); // N = 0 reads none
            assertRowsEqual(flair, inContext(ctx, SENTENCE, SentenceContext.NONE));
            assertRowsEqual(flair, ctx.embed(List.of(SENTENCE), null).get(0));
        }
    }

    @Test
    void batchesGiveEachSentenceItsOwnContext() {
        FlairEmbeddings e = new FlairEmbeddings(lm(true), 1, 4, 100);
        List<List<String>> doc = List.of(PREVIOUS, SENTENCE, NEXT);
        List<float[][]> batch = e.embed(doc, SentenceContext.ofDocument(doc));
        assertRowsEqual(alone(e, PREVIOUS), batch.get(0)); // first sentence: nothing before it
        assertRowsEqual(inContext(e, SENTENCE, new SentenceContext(PREVIOUS, List.of())), batch.get(1));
        assertRowsEqual(inContext(e, NEXT, new SentenceContext(SENTENCE, List.of())), batch.get(2));
        assertThrows(IllegalArgumentException.class, () -> e.embed(doc, List.of(SentenceContext.NONE)));
    }

    @Test
    void specOptionSetsTheContextAndIsPartOfTheDescription() throws IOException {
        String fwd = "src/test/resources/flair/fwd-1layer-zip.pt";
        TokenEmbeddings plain = EmbeddingsLoader.load("flair:" + fwd, null);
        TokenEmbeddings ctx = EmbeddingsLoader.load("flair:" + fwd + ":context=40", null);
        assertEquals(0, ((FlairEmbeddings) plain).contextChars());
        assertEquals(40, ((FlairEmbeddings) ctx).contextChars());
        assertEquals(plain.describe() + ":context=40", ctx.describe());
        TokenEmbeddings stacked = EmbeddingsLoader.load("flair:" + fwd + ":context=40+flair:" + fwd, null);
        List<List<String>> s = List.of(List.of("cancer", "grows"));
        List<SentenceContext> c = List.of(new SentenceContext(List.of("The", "tumour"), List.of()));
        float[] both = stacked.embed(s, c).get(0)[0];
        int d = ctx.dimension();
        assertArrayEquals(ctx.embed(s, c).get(0)[0], Arrays.copyOfRange(both, 0, d), "the stack passes the context on");
        assertArrayEquals(plain.embed(s).get(0)[0], Arrays.copyOfRange(both, d, 2 * d));
    }

    @Test
    void sentencesOfAFileGetTheirNeighbours() {
        List<TaggedSentence> file = List.of(
                new TaggedSentence(PREVIOUS, List.of("O", "O", "O"), "f.tsv", 1),
                new TaggedSentence(SENTENCE, List.of("B-Gene", "O", "B-Chemical"), "f.tsv", 5),
                new TaggedSentence(NEXT, List.of("O", "O", "O"), "f.tsv", 9));
        List<TaggedSentence> ordered = TaggedSentence.inDocumentOrder(file);
        assertEquals(new SentenceContext(List.of(), SENTENCE), ordered.get(0).context());
        assertEquals(new SentenceContext(PREVIOUS, NEXT), ordered.get(1).context());
        assertEquals(new SentenceContext(SENTENCE, List.of()), ordered.get(2).context());
        TaggedSentence genes = ordered.get(1).keepingTypes(java.util.Set.of("Gene"));
        assertEquals(List.of("B-Gene", "O", "O"), genes.tags());
        assertEquals(ordered.get(1).context(), genes.context(), "keepingTypes keeps the context");
        assertEquals(SentenceContext.NONE, file.get(1).context());
    }
}
