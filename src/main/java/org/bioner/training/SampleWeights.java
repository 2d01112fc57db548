package org.bioner.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.bioner.corpus.TaggedSentence;

/**
 * Per-corpus sampling weights for a run on several corpora (a mixing strategy): a training sentence from file
 * {@code f} appears {@code w(f)} times per epoch in expectation: {@code floor(w)} times, and once more with
 * probability {@code w - floor(w)}, drawn anew every epoch; files without a weight have weight 1. Files are
 * matched by {@link TaggedSentence#source()}, the path as given to the trainer.
 */
public final class SampleWeights {

    private final Map<String, Double> bySource;

    public SampleWeights(Map<String, Double> bySource) {
        this.bySource = new TreeMap<>(bySource);
        for (var e : this.bySource.entrySet()) {
            if (!(e.getValue() >= 0) || Double.isInfinite(e.getValue())) {
                throw new IllegalArgumentException("sample weight of " + e.getKey() + " must be a finite number >= 0, was " + e.getValue());
            }
        }
    }

    /** The weight of a sentence's file (1 where none is given). */
    public double weight(TaggedSentence s) {
        return bySource.getOrDefault(s.source(), 1.0);
    }

    /** Fails, naming the file, when a weighted file is not among the training sentences' sources. */
    public void requireKnown(List<TaggedSentence> train) {
        Set<String> sources = train.stream().map(TaggedSentence::source).collect(Collectors.toSet());
        for (String f : bySource.keySet()) {
            if (!sources.contains(f)) throw new IllegalArgumentException("sample weight for " + f + ", which is not a training file of this run");
        }
    }

    /**
     * One epoch's sentence indices before shuffling: index {@code i} repeated by its weight as the class comment
     * says, with the fractional parts drawn from {@code rng}.
     */
    public List<Integer> epochIndices(List<TaggedSentence> train, Random rng) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < train.size(); i++) {
            double w = weight(train.get(i));
            int copies = (int) Math.floor(w);
            if (rng.nextDouble() < w - copies) copies++;
            for (int c = 0; c < copies; c++) order.add(i);
        }
        return order;
    }

    /** Expected number of sentence uses per epoch. */
    public double expectedTokens(List<TaggedSentence> train) {
        double t = 0;
        for (TaggedSentence s : train) t += weight(s) * s.size();
        return t;
    }

    /** A stable description for checkpoints and model metadata, e.g. {@code a/train.tsv=2.0,b/all.tsv=0.5}. */
    public String describe() {
        StringBuilder b = new StringBuilder();
        for (var e : bySource.entrySet()) {
            if (b.length() > 0) b.append(',');
            b.append(e.getKey()).append('=').append(String.format(Locale.ROOT, "%s", e.getValue()));
        }
        return b.toString();
    }
}
