package org.bioner.evaluation;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.bioner.corpus.TagScheme;
import org.bioner.corpus.TaggedSentence;

/**
 * The paired bootstrap over sentences (Koehn, EMNLP 2004; Berg-Kirkpatrick et al., EMNLP 2012) of the F1 difference
 * between two predictions of the same gold sentences: how far the difference would move on another test set drawn
 * like this one.
 *
 * <p>Invariant: each resample draws as many sentence indices as there are sentences, uniformly with replacement,
 * from one {@link SplittableRandom} seeded by the caller, and scores <em>both</em> predictions on that same draw
 * (micro counts summed over the drawn sentences, a sentence drawn twice counted twice); the difference is
 * {@code F1(second) - F1(first)}. So the spread is that of the sentences, not of two independent draws, and a
 * seed gives the same interval every time. Sentences of one document are drawn independently (the BioBERT files
 * mark no documents), which makes the interval somewhat too narrow where mentions repeat within a document.
 */
public final class PairedBootstrap {

    /**
     * The observed difference {@code F1(second) - F1(first)} (fractions), its percentile interval, and the share of
     * resamples in which the second prediction's F1 is not above the first's.
     */
    public record Result(double observed, double lower, double upper, double confidence, double notBetterShare,
                         int sentences, int samples, long seed) { }

    // per sentence i: micro counts of the first (a) and second (b) prediction, [3 * i + {0: TP, 1: FP, 2: FN}]
    private final long[] a;
    private final long[] b;

    private PairedBootstrap(long[] a, long[] b) {
        this.a = a;
        this.b = b;
    }

    /**
     * Per-sentence counts of two predictions against the gold sentences, by {@code metric} over IOB2 tags.
     *
     * @throws IllegalArgumentException where either prediction is not aligned with the gold sentences
     *         ({@link SpanEvaluator#requireAligned}: names file and line)
     */
    public static PairedBootstrap of(List<TaggedSentence> gold, List<TaggedSentence> first,
                                     List<TaggedSentence> second, Metric metric) {
        SpanEvaluator.requireAligned(gold, first);
        SpanEvaluator.requireAligned(gold, second);
        long[] a = new long[3 * gold.size()];
        long[] b = new long[3 * gold.size()];
        for (int i = 0; i < gold.size(); i++) {
            put(a, i, gold.get(i), first.get(i), metric);
            put(b, i, gold.get(i), second.get(i), metric);
        }
        return new PairedBootstrap(a, b);
    }

    private static void put(long[] counts, int i, TaggedSentence gold, TaggedSentence predicted, Metric metric) {
        SpanEvaluator one = new SpanEvaluator(TagScheme.IOB2, "Entity", metric);
        one.add(gold.tags(), predicted.tags());
        SpanCounts c = one.result().total();
        counts[3 * i] = c.truePositives();
        counts[3 * i + 1] = c.falsePositives();
        counts[3 * i + 2] = c.falseNegatives();
    }

    public int sentences() {
        return a.length / 3;
    }

    /** {@code F1(second) - F1(first)} on the sentences {@code indices} (repeats counted as often as they occur). */
    public double difference(int[] indices) {
        return f1(b, indices) - f1(a, indices);
    }

    private static double f1(long[] counts, int[] indices) {
        long tp = 0, fp = 0, fn = 0;
        for (int i : indices) {
            tp += counts[3 * i];
            fp += counts[3 * i + 1];
            fn += counts[3 * i + 2];
        }
        return new SpanCounts(tp, fp, fn).f1();
    }

    /**
     * {@code samples} resamples drawn with {@code seed}; the interval holds the central {@code confidence} share of
     * their differences (percentiles by the nearest rank).
     */
    public Result run(int samples, long seed, double confidence) {
        if (samples < 1) throw new IllegalArgumentException("bootstrap samples must be at least 1, not " + samples);
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be between 0 and 1, not " + confidence);
        }
        int n = sentences();
        if (n == 0) throw new IllegalArgumentException("no sentences to resample");
        int[] all = new int[n];
        Arrays.setAll(all, i -> i);
        double observed = difference(all);
        SplittableRandom random = new SplittableRandom(seed);
        double[] diffs = new double[samples];
        int[] draw = new int[n];
        int notBetter = 0;
        for (int s = 0; s < samples; s++) {
            for (int k = 0; k < n; k++) draw[k] = random.nextInt(n);
            diffs[s] = difference(draw);
            if (diffs[s] <= 0) notBetter++;
        }
        Arrays.sort(diffs);
        double tail = (1 - confidence) / 2;
        return new Result(observed, diffs[rank(tail, samples)], diffs[rank(1 - tail, samples)], confidence,
                (double) notBetter / samples, n, samples, seed);
    }

    // nearest rank: the smallest value with at least share p of the sorted sample at or below it
    private static int rank(double p, int samples) {
        return Math.min(samples - 1, Math.max(0, (int) Math.ceil(p * samples) - 1));
    }
}
