package org.bioner.evaluation;

/**
 * Exact-match span counts and the scores derived from them. Scores are fractions in [0, 1]; like conlleval and
 * Flair, a score whose denominator is zero is 0 (no predictions gives precision 0).
 */
public record SpanCounts(long truePositives, long falsePositives, long falseNegatives) {

    public SpanCounts {
        if (truePositives < 0 || falsePositives < 0 || falseNegatives < 0) {
            throw new IllegalArgumentException("negative count");
        }
    }

    /** Number of predicted spans (conlleval's "found"). */
    public long predicted() {
        return truePositives + falsePositives;
    }

    /** Number of gold spans (conlleval's "phrases"). */
    public long gold() {
        return truePositives + falseNegatives;
    }

    public double precision() {
        return predicted() == 0 ? 0.0 : (double) truePositives / predicted();
    }

    public double recall() {
        return gold() == 0 ? 0.0 : (double) truePositives / gold();
    }

    public double f1() {
        double p = precision();
        double r = recall();
        return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
    }

    SpanCounts plus(long tp, long fp, long fn) {
        return new SpanCounts(truePositives + tp, falsePositives + fp, falseNegatives + fn);
    }
}
