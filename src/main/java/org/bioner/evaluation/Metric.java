package org.bioner.evaluation;

/**
 * What {@link SpanEvaluator} counts.
 *
 * <ul>
 *   <li>{@link #SPAN}: exact-match entity spans (boundaries and type), as conlleval, seqeval and current Flair
 *       count them. The honest NER metric, and the one every table here reports first.</li>
 *   <li>{@link #TOKEN}: the BioNerFlair paper's metric. Its training script read the BioBERT files (untyped
 *       {@code B}/{@code I}/{@code O}) with the Flair of its time, whose span reader made every tag without a
 *       {@code B-}/{@code I-}/{@code E-}/{@code S-} prefix a one-token span labelled {@code B} or {@code I}
 *       (flair v0.4.3 {@code data.py}, {@code get_spans}); its {@code evaluate()} then counted those per sentence
 *       (later versions fall back to token-level scoring when no tag starts with {@code B-}). So the paper's P/R/F1
 *       are token-level micro scores over the tokens tagged other than {@code O}: a predicted non-{@code O} token
 *       is a true positive when the gold tag of that token is the same tag ({@code B} vs {@code I} matters), else a
 *       false positive; a gold non-{@code O} token not predicted with its tag is a false negative. Tags are
 *       compared as read (typed IOB2; an {@code I} after {@code O} reads as {@code B}, as conlleval reads it).
 *       Per-type rows use the tag's entity type. Only for comparing with the paper's figures.</li>
 *   <li>{@link #OVERLAP}: lenient spans, for text a model was not trained on (guidelines place boundaries
 *       differently): a predicted span is a true positive when it overlaps a gold span of its type, else a false
 *       positive; a gold span that no predicted span of its type overlaps is a false negative. (Where one span
 *       overlaps several, P/R/F1 from these counts is the usual approximation.)</li>
 * </ul>
 */
public enum Metric {
    SPAN,
    TOKEN,
    OVERLAP
}
