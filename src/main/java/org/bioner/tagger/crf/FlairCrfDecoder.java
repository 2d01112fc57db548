package org.bioner.tagger.crf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bioner.corpus.Span;

/**
 * Flair's CRF decoding, as Flair runs it at inference for checkpoints of every generation (Flair renames an old
 * {@code transitions} key to {@code crf.transitions} on load and decodes both with
 * {@code flair.models.sequence_tagger_utils.viterbi.ViterbiDecoder}). The one place where Flair's conventions
 * live, which differ from {@link LinearChainCrf}'s:
 * <ul>
 * <li>START and STOP are ordinary tags of the model's own dictionary (with the emission layer's outputs for them),
 * not separate score vectors; the dictionary may hold odd tags such as {@code <unk>} that a path can take;</li>
 * <li>transitions are indexed {@code [to][from]}: the score of tag {@code j} at {@code t} after {@code i} at
 * {@code t-1} is {@code e[t][j] + trans[j][i]}; the first token gets {@code e[0][j] + trans[j][START]}, the end
 * {@code trans[STOP][i]};</li>
 * <li>the per-token score is the maximum over tags of the softmax of the Viterbi scores at that token (the
 * chosen tag's probability whenever it is also the best-scoring prefix there, not a CRF marginal);</li>
 * <li>spans follow {@code get_spans_from_bio}: B- and S- start a span, so does I- or S- after a different type;
 * anything but {@code O}, empty or {@code _} is inside a span (so {@code <unk>} is, with value {@code nk>}); E-
 * does not close one; the value is the type with the largest weight (1.1 for a starting tag, 1 otherwise, first
 * reached wins ties) and the span score the mean of its token scores.</li>
 * </ul>
 * Scores are computed in double from the float emissions and transitions (Flair: float32), well within 1e-5.
 */
public final class FlairCrfDecoder {

    public static final String START_TAG = "<START>";
    public static final String STOP_TAG = "<STOP>";

    private final List<String> tags;
    private final float[] transitions; // [to * K + from]
    private final int start;
    private final int stop;

    /**
     * @param tags        the model's tag dictionary in index order (must hold {@code <START>} and {@code <STOP>})
     * @param transitions {@code K*K} values, row-major {@code [to][from]} as Flair's {@code crf.transitions}
     */
    public FlairCrfDecoder(List<String> tags, float[] transitions) {
        this.tags = List.copyOf(tags);
        int k = tags.size();
        if (transitions.length != k * k) {
            throw new IllegalArgumentException("CRF transitions hold " + transitions.length + " values, " + k + " tags need " + k * k);
        }
        this.transitions = transitions.clone();
        this.start = tags.indexOf(START_TAG);
        this.stop = tags.indexOf(STOP_TAG);
        if (start < 0 || stop < 0) throw new IllegalArgumentException("the tag dictionary lacks " + START_TAG + " or " + STOP_TAG + ": " + tags);
    }

    public int size() {
        return tags.size();
    }

    public List<String> tags() {
        return tags;
    }

    /** The transitions, row-major {@code [to][from]} (a copy). */
    public float[] transitions() {
        return transitions.clone();
    }

    /** A decoded sentence: tag indices, per-token scores, spans and span scores. */
    public record Decoded(int[] path, double[] tokenScores, List<Span> spans, double[] spanScores) { }

    /** Viterbi path and Flair's scores for emissions {@code [T][K]} (T &gt; 0). */
    public Decoded decode(float[][] emissions) {
        int n = emissions.length, k = tags.size();
        double[][] scores = new double[n][k];
        int[][] back = new int[n][k];
        for (int j = 0; j < k; j++) scores[0][j] = emissions[0][j] + (double) transitions[j * k + start];
        for (int t = 1; t < n; t++) {
            for (int j = 0; j < k; j++) {
                double best = Double.NEGATIVE_INFINITY;
                int arg = 0;
                for (int i = 0; i < k; i++) {
                    double v = emissions[t][j] + (double) transitions[j * k + i] + scores[t - 1][i];
                    if (v > best) {
                        best = v;
                        arg = i;
                    }
                }
                scores[t][j] = best;
                back[t][j] = arg;
            }
        }
        double best = Double.NEGATIVE_INFINITY;
        int last = 0;
        for (int i = 0; i < k; i++) {
            double v = scores[n - 1][i] + transitions[stop * k + i];
            if (v > best) {
                best = v;
                last = i;
            }
        }
        int[] path = new int[n];
        path[n - 1] = last;
        for (int t = n - 1; t > 0; t--) path[t - 1] = back[t][path[t]];
        double[] tokenScores = new double[n];
        for (int t = 0; t < n; t++) {
            double max = Double.NEGATIVE_INFINITY;
            for (double v : scores[t]) max = Math.max(max, v);
            double sum = 0;
            for (double v : scores[t]) sum += Math.exp(v - max);
            tokenScores[t] = 1 / sum; // the largest softmax value: exp(max - max) / sum
        }
        String[] names = new String[n];
        for (int t = 0; t < n; t++) names[t] = tags.get(path[t]);
        List<Span> spans = new ArrayList<>();
        List<Double> spanScores = new ArrayList<>();
        spans(names, tokenScores, spans, spanScores);
        return new Decoded(path, tokenScores, spans, spanScores.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** Flair's {@code get_spans_from_bio} over tag names; appends spans and their scores. */
    static void spans(String[] tags, double[] scores, List<Span> out, List<Double> outScores) {
        Map<String, Double> weights = new LinkedHashMap<>();
        String previous = "O-";
        int begin = -1;
        double sum = 0;
        for (int idx = 0; idx <= tags.length; idx++) {
            String tag = idx == tags.length ? "O" : tags[idx];
            if (tag.isEmpty() || tag.equals("O") || tag.equals("_")) tag = "O-";
            boolean inSpan = !tag.equals("O-");
            String prefix = tag.length() >= 2 ? tag.substring(0, 2) : tag;
            String type = tag.length() >= 2 ? tag.substring(2) : "";
            String prevType = previous.length() >= 2 ? previous.substring(2) : "";
            boolean starts = prefix.equals("B-") || prefix.equals("S-")
                    || ((prefix.equals("I-") || prefix.equals("S-")) && !prevType.equals(type));
            if ((starts || !inSpan) && begin >= 0) {
                String value = null;
                double w = Double.NEGATIVE_INFINITY;
                for (Map.Entry<String, Double> e : weights.entrySet()) {
                    if (e.getValue() > w) {
                        w = e.getValue();
                        value = e.getKey();
                    }
                }
                out.add(new Span(begin, idx, value));
                outScores.add(sum / (idx - begin));
                begin = -1;
                sum = 0;
                weights.clear();
            }
            if (inSpan) {
                if (begin < 0) begin = idx;
                sum += scores[idx];
                weights.merge(type, starts ? 1.1 : 1.0, Double::sum);
            }
            previous = tag;
        }
    }
}
