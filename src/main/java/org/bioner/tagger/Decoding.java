package org.bioner.tagger;

/**
 * How a tagger trained here turns its CRF scores into one tag path per sentence ({@link SequenceTagger#predict}).
 * A tagger converted from Flair decodes with Flair's own Viterbi decoder and takes {@link #VITERBI} only.
 */
public enum Decoding {
    /** The most probable path ({@code LinearChainCrf.viterbi}): what the CRF was trained for; the default. */
    VITERBI,
    /**
     * The allowed path with the most tags right in expectation, the sum of the posterior marginals
     * ({@code LinearChainCrf.posteriorPath}; "posterior" or maximum-expected-accuracy decoding).
     */
    POSTERIOR
}
