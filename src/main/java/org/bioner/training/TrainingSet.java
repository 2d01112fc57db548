package org.bioner.training;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.bioner.corpus.SentenceContext;
import org.bioner.corpus.TaggedSentence;

/**
 * The training sentences of a run built from several corpora: every token sequence occurs at most once (the first
 * occurrence is kept: corpora reuse abstracts, e.g. BioRED and BC5CDR), and no training sentence has the tokens of a
 * held-out sentence (the dev sentences that select the model, the test sentences it is scored on), so a model is
 * never selected or scored on text it was trained on. Nor does a kept sentence read held-out text as its document
 * context ({@link TaggedSentence#context()}): a neighbour that is held out is left out of the context.
 */
public record TrainingSet(List<TaggedSentence> sentences, int repeatsDropped, int heldOutDropped) {

    /** Builds the set from {@code train} in order, leaving out repeats and sentences whose tokens are in {@code heldOut}. */
    public static TrainingSet of(List<TaggedSentence> train, Collection<TaggedSentence> heldOut) {
        Set<List<String>> held = new HashSet<>();
        for (TaggedSentence s : heldOut) held.add(s.tokens());
        Set<List<String>> seen = new HashSet<>();
        List<TaggedSentence> kept = new ArrayList<>(train.size());
        int repeats = 0, held0 = 0;
        for (TaggedSentence s : train) {
            if (held.contains(s.tokens())) held0++;
            else if (!seen.add(s.tokens())) repeats++;
            else kept.add(withoutHeldOutContext(s, held));
        }
        return new TrainingSet(List.copyOf(kept), repeats, held0);
    }

    private static TaggedSentence withoutHeldOutContext(TaggedSentence s, Set<List<String>> held) {
        SentenceContext c = s.context();
        boolean before = held.contains(c.previous()), after = held.contains(c.next());
        if (!before && !after) return s;
        return new TaggedSentence(s.tokens(), s.tags(), s.source(), s.firstLine(),
                new SentenceContext(before ? List.of() : c.previous(), after ? List.of() : c.next()));
    }
}
