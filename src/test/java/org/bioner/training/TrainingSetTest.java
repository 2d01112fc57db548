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
}
