package org.bioner.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;

import org.bioner.corpus.TaggedSentence;
import org.junit.jupiter.api.Test;

class TrainingSetTest {

    private static TaggedSentence s(String tokens, String tags, String source) {
        return new TaggedSentence(Arrays.asList(tokens.split(" ")), Arrays.asList(tags.split(" ")), source, 1);
    }

    @Test
    void repeatsAreKeptOnceAndHeldOutTokensNeverTrain() {
        TaggedSentence a = s("aspirin helps", "B-Chemical O", "bc5cdr");
        TaggedSentence aAgain = s("aspirin helps", "O O", "biored"); // same text, other annotation: the first wins
        TaggedSentence b = s("COX inhibitors", "O O", "drugprot");
        TaggedSentence c = s("in the dev set", "O O O O", "ddi");
        TaggedSentence devCopy = s("in the dev set", "O O O B-Chemical", "dev");
        TrainingSet set = TrainingSet.of(List.of(a, aAgain, b, c), List.of(devCopy));
        assertEquals(List.of(a, b), set.sentences());
        assertEquals(1, set.repeatsDropped());
        assertEquals(1, set.heldOutDropped());
        // nothing to drop: the same list
        assertEquals(List.of(a, b), TrainingSet.of(List.of(a, b), List.of()).sentences());
    }

    @Test
    void aKeptSentenceDoesNotReadAHeldOutNeighbourAsContext() {
        TaggedSentence a = s("before it", "O O", "f"), b = s("aspirin helps", "B-Chemical O", "f"), c = s("in the dev set", "O O O O", "f");
        List<TaggedSentence> file = TaggedSentence.inDocumentOrder(List.of(a, b, c));
        TrainingSet set = TrainingSet.of(file, List.of(s("in the dev set", "O O O O", "dev")));
        assertEquals(2, set.sentences().size());
        assertEquals(new org.bioner.corpus.SentenceContext(a.tokens(), List.of()), set.sentences().get(1).context());
        assertEquals(file.get(0).context(), set.sentences().get(0).context(), "a kept neighbour stays");
    }
}
