package org.bioner.evaluation;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.bioner.corpus.Span;
import org.bioner.corpus.TagScheme;
import org.bioner.corpus.TaggedSentence;

/**
 * Exact-match span evaluation as conlleval and Flair do it: a predicted entity is a true positive only if a gold
 * entity has the same boundaries and the same type; every other predicted entity is a false positive and every
 * unmatched gold entity a false negative. Precision, recall and F1 are micro-averaged over all entities, and also
 * given per type. Tags are decoded with {@link TagScheme#decode} (conlleval's reading of ill-formed sequences).
 *
 * <p>With {@link Metric#TOKEN} the same alignment checks apply, but tokens are counted instead of spans (the
 * BioNerFlair paper's token-level metric; see {@link Metric}).
 *
 * <p>Use {@link #evaluate} for whole corpora, or feed sentences one by one with {@code add} and ask for
 * {@link #result()}.
 */
public final class SpanEvaluator {

    private final TagScheme scheme;
    private final String defaultType;
    private final Metric metric;
    private final Map<String, SpanCounts> byType = new TreeMap<>();
    private long sentences;
    private long tokens;

    /** An evaluator for IOB2 tags; untyped tags get the type {@code Entity}. */
    public SpanEvaluator() {
        this(TagScheme.IOB2, "Entity");
    }

    public SpanEvaluator(TagScheme scheme, String defaultType) {
        this(scheme, defaultType, Metric.SPAN);
    }

    public SpanEvaluator(TagScheme scheme, String defaultType, Metric metric) {
        this.scheme = scheme;
        this.defaultType = defaultType;
        this.metric = metric;
    }

    /** Evaluates predicted typed-IOB2 sentences against gold ones with the same tokens (exact-match spans). */
    public static EvaluationResult evaluate(List<TaggedSentence> gold, List<TaggedSentence> predicted) {
        return evaluate(gold, predicted, Metric.SPAN);
    }

    /** Evaluates predicted typed-IOB2 sentences against gold ones with the same tokens, counting by {@code metric}. */
    public static EvaluationResult evaluate(List<TaggedSentence> gold, List<TaggedSentence> predicted, Metric metric) {
        SpanEvaluator evaluator = new SpanEvaluator(TagScheme.IOB2, "Entity", metric);
        evaluator.addAll(gold, predicted);
        return evaluator.result();
    }

    /**
     * Adds aligned corpora sentence by sentence.
     *
     * @throws IllegalArgumentException at the first token or sentence boundary where they differ, naming file and
     *         line of both ({@link #requireAligned})
     */
    public void addAll(List<TaggedSentence> gold, List<TaggedSentence> predicted) {
        requireAligned(gold, predicted);
        for (int i = 0; i < gold.size(); i++) {
            add(gold.get(i).tags(), predicted.get(i).tags());
        }
    }

    /** Adds one sentence pair; both must have the same tokens. */
    public void add(TaggedSentence gold, TaggedSentence predicted) {
        requireAligned(gold, predicted);
        add(gold.tags(), predicted.tags());
    }

    /**
     * The alignment rule of every comparison of a prediction with its gold standard: the same sentences with the
     * same tokens.
     *
     * @throws IllegalArgumentException at the first token or sentence boundary where they differ, naming file and
     *         line of both
     */
    public static void requireAligned(List<TaggedSentence> gold, List<TaggedSentence> predicted) {
        int n = Math.min(gold.size(), predicted.size());
        for (int i = 0; i < n; i++) {
            requireAligned(gold.get(i), predicted.get(i));
        }
        if (gold.size() != predicted.size()) {
            boolean goldLonger = gold.size() > predicted.size();
            TaggedSentence extra = goldLonger ? gold.get(n) : predicted.get(n);
            throw new IllegalArgumentException(where(extra, 0) + ": sentence " + (n + 1) + " has no counterpart: "
                    + (goldLonger ? "the prediction" : "the gold standard") + " has only " + n + " sentences");
        }
    }

    private static void requireAligned(TaggedSentence gold, TaggedSentence predicted) {
        int n = Math.min(gold.size(), predicted.size());
        for (int i = 0; i < n; i++) {
            if (!gold.tokens().get(i).equals(predicted.tokens().get(i))) {
                throw new IllegalArgumentException(where(predicted, i) + ": token '" + predicted.tokens().get(i)
                        + "' differs from gold token '" + gold.tokens().get(i) + "' at " + where(gold, i));
            }
        }
        if (gold.size() != predicted.size()) {
            throw new IllegalArgumentException(where(predicted, n) + ": sentence has " + predicted.size()
                    + " tokens but the gold sentence at " + where(gold, 0) + " has " + gold.size());
        }
    }

    /** Adds one sentence given as two tag sequences of equal length. */
    public void add(List<String> goldTags, List<String> predictedTags) {
        if (goldTags.size() != predictedTags.size()) {
            throw new IllegalArgumentException("gold has " + goldTags.size() + " tags, prediction "
                    + predictedTags.size());
        }
        if (metric == Metric.TOKEN) {
            addTokens(TagScheme.IOB2.encode(scheme.decode(goldTags, defaultType), goldTags.size()),
                    TagScheme.IOB2.encode(scheme.decode(predictedTags, defaultType), predictedTags.size()));
            return;
        }
        addSpans(scheme.decode(goldTags, defaultType), scheme.decode(predictedTags, defaultType), goldTags.size());
    }

    // Metric.OVERLAP over the spans of one sentence
    private void addOverlapping(List<Span> gold, List<Span> predicted) {
        for (Span p : predicted) {
            boolean hit = gold.stream().anyMatch(g -> sameTypeOverlap(g, p));
            count(p.type(), hit ? 1 : 0, hit ? 0 : 1, 0);
        }
        for (Span g : gold) {
            if (predicted.stream().noneMatch(p -> sameTypeOverlap(g, p))) count(g.type(), 0, 0, 1);
        }
    }

    private static boolean sameTypeOverlap(Span a, Span b) {
        return a.type().equals(b.type()) && a.start() < b.end() && b.start() < a.end();
    }

    // Metric.TOKEN over typed IOB2 tags of one sentence
    private void addTokens(List<String> gold, List<String> predicted) {
        for (int i = 0; i < gold.size(); i++) {
            String g = gold.get(i), p = predicted.get(i);
            if (!p.equals("O")) {
                if (p.equals(g)) count(typeOf(p), 1, 0, 0);
                else count(typeOf(p), 0, 1, 0);
            }
            if (!g.equals("O") && !g.equals(p)) count(typeOf(g), 0, 0, 1);
        }
        sentences++;
        tokens += gold.size();
    }

    private String typeOf(String iob2Tag) {
        return iob2Tag.length() > 2 ? iob2Tag.substring(2) : defaultType;
    }

    /** Adds one sentence given as gold and predicted spans over {@code tokenCount} tokens. */
    public void addSpans(List<Span> gold, List<Span> predicted, int tokenCount) {
        if (metric == Metric.OVERLAP) {
            addOverlapping(gold, predicted);
            sentences++;
            tokens += tokenCount;
            return;
        }
        Set<Span> goldSet = new HashSet<>(gold);
        Set<Span> predictedSet = new HashSet<>(predicted);
        for (Span p : predictedSet) {
            if (goldSet.contains(p)) {
                count(p.type(), 1, 0, 0);
            } else {
                count(p.type(), 0, 1, 0);
            }
        }
        for (Span g : goldSet) {
            if (!predictedSet.contains(g)) {
                count(g.type(), 0, 0, 1);
            }
        }
        sentences++;
        tokens += tokenCount;
    }

    private void count(String type, int tp, int fp, int fn) {
        byType.merge(type, new SpanCounts(tp, fp, fn), (a, b) -> a.plus(b.truePositives(), b.falsePositives(),
                b.falseNegatives()));
    }

    /** The counts so far. */
    public EvaluationResult result() {
        long tp = 0, fp = 0, fn = 0;
        for (SpanCounts c : byType.values()) {
            tp += c.truePositives();
            fp += c.falsePositives();
            fn += c.falseNegatives();
        }
        return new EvaluationResult(new SpanCounts(tp, fp, fn), byType, sentences, tokens);
    }

    // one token per line in IOB files, so token i of a sentence is on line firstLine + i
    private static String where(TaggedSentence s, int tokenIndex) {
        return s.source() + ":" + (s.firstLine() + tokenIndex);
    }
}
