package org.bioner.tagger;

import java.util.List;

import org.bioner.nn.Param;

/**
 * A running average of a training tagger's weights (Polyak averaging; the idea of stochastic weight averaging, Izmailov
 * et al. 2018, which Flair offered as {@code use_swa}), kept beside the run without changing it: SGD at a high learning
 * rate makes the weights wander around a good region, and their average can tag better than any one of them.
 *
 * <p>Invariant: the average has the trained tagger's architecture (tags, embeddings, network, CRF). After {@code t}
 * updates it is the mean of the {@code t} weights it was given while {@code t <= horizon}; each later update moves it
 * {@code 1 / horizon} of the way to the new weights (an exponential moving average whose window is {@code horizon}
 * updates). Every network tensor and every CRF parameter is averaged alike; forbidden CRF transitions stay forbidden.
 */
public final class WeightAverage {

    private final SequenceTagger average;
    private final long horizon;
    private long updates;

    private WeightAverage(SequenceTagger average, long horizon, long updates) {
        if (horizon < 1) throw new IllegalArgumentException("an average over " + horizon + " updates");
        if (updates < 0) throw new IllegalArgumentException(updates + " updates");
        this.average = average;
        this.horizon = horizon;
        this.updates = updates;
    }

    /** A new average of {@code trained}'s weights over a window of {@code horizon} updates; it holds no update yet. */
    public static WeightAverage of(SequenceTagger trained, long horizon) {
        return new WeightAverage(TaggerAveraging.average(List.of(trained)), horizon, 0);
    }

    /** The average saved by a run ({@link #model()}) after {@code updates} updates, to continue it. */
    public static WeightAverage resume(SequenceTagger saved, long horizon, long updates) {
        return new WeightAverage(saved, horizon, updates);
    }

    /** Adds {@code trained}'s current weights (after a training step); {@code trained} must be the averaged architecture. */
    public void update(SequenceTagger trained) {
        List<Param> to = average.parameters(), from = trained.parameters();
        if (to.size() != from.size()) throw new IllegalArgumentException("the trained tagger is not the averaged architecture");
        updates++;
        double rate = 1.0 / Math.min(updates, horizon);
        for (int p = 0; p < to.size(); p++) to.get(p).blendFrom(from.get(p), (float) rate);
        average.crf().blendFrom(trained.crf(), rate);
    }

    /** The averaged tagger (its metadata are the caller's); it changes with every {@link #update}. */
    public SequenceTagger model() {
        return average;
    }

    public long updates() {
        return updates;
    }

    public long horizon() {
        return horizon;
    }
}
