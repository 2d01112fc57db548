package org.bioner.tagger.crf;

/**
 * Confidence scores from CRF posterior marginals ({@link LinearChainCrf#marginals}) and a decoded path
 * ({@link LinearChainCrf#viterbi}).
 *
 * <p>Token confidence = {@code p(y_t = decoded_t | x)}. Span confidence = the product of its tokens' confidences.
 * The product (rather than Flair's mean or the minimum) treats the tokens as independent: a span is trusted only
 * as much as all of its tokens jointly, so one doubtful token (e.g. an uncertain boundary) lowers the whole span,
 * and longer spans need every token to be sure. It is an approximation of the exact joint posterior of the
 * segment (tokens are correlated through transitions), chosen because it needs only the marginals.
 */
public final class SpanConfidence {

    private SpanConfidence() {
    }

    /** Per-token confidence: the marginal of the decoded tag at each position. */
    public static double[] tokenConfidences(double[][] marginals, int[] decoded) {
        if (marginals.length != decoded.length) {
            throw new IllegalArgumentException("marginals length " + marginals.length + " != path length " + decoded.length);
        }
        double[] out = new double[decoded.length];
        for (int t = 0; t < decoded.length; t++) out[t] = marginals[t][decoded[t]];
        return out;
    }

    /** Confidence of tokens {@code [start, end)}: product of their token confidences. */
    public static double spanConfidence(double[] tokenConfidences, int start, int end) {
        if (start < 0 || end <= start || end > tokenConfidences.length) {
            throw new IllegalArgumentException("bad span [" + start + "," + end + ") for " + tokenConfidences.length + " tokens");
        }
        double p = 1.0;
        for (int t = start; t < end; t++) p *= tokenConfidences[t];
        return p;
    }

    /** Confidence of tokens {@code [start, end)} given marginals and the decoded path. */
    public static double spanConfidence(double[][] marginals, int[] decoded, int start, int end) {
        return spanConfidence(tokenConfidences(marginals, decoded), start, end);
    }
}
