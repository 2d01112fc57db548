package org.bioner.evaluation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.bioner.corpus.Span;
import org.bioner.corpus.TagScheme;
import org.bioner.corpus.TaggedSentence;

/**
 * Why exact-match spans disagree: every gold or predicted span that is not an exact match falls into exactly one
 * class, per sentence.
 *
 * <ul>
 *   <li><b>boundary</b>: a predicted span that overlaps a gold span of the same type without the same boundaries
 *       (one per predicted span; the gold spans it overlaps are not counted again as missed);</li>
 *   <li><b>type</b>: a predicted span with the boundaries of a gold span but another type;</li>
 *   <li><b>spurious</b>: a predicted span that overlaps no gold span;</li>
 *   <li><b>missed</b>: a gold span that no predicted span overlaps;</li>
 *   <li><b>other</b>: the rest (a predicted span overlapping gold spans of other types only, and gold spans
 *       overlapped only by such predictions).</li>
 * </ul>
 * So exact-span FP = boundary + type + spurious + other predicted, and FN = missed + gold spans overlapped by an
 * error of the first two classes + other gold; {@link #toText} shows both. The most frequent strings of each class
 * are kept (tokens joined by a space; a boundary error as {@code predicted <- gold}).
 */
public final class ErrorAnalysis {

    /** The classes of a non-matching span. */
    public enum Kind { BOUNDARY, TYPE, SPURIOUS, MISSED, OTHER }

    private final Map<Kind, Long> counts = new LinkedHashMap<>();
    private final Map<Kind, Map<String, Integer>> strings = new LinkedHashMap<>();
    private long exact;
    private long goldTotal;
    private long predictedTotal;

    public ErrorAnalysis() {
        for (Kind k : Kind.values()) {
            counts.put(k, 0L);
            strings.put(k, new HashMap<>());
        }
    }

    /** Analyses aligned typed-IOB2 corpora (same sentences and tokens, as {@link SpanEvaluator} checks). */
    public static ErrorAnalysis of(List<TaggedSentence> gold, List<TaggedSentence> predicted) {
        SpanEvaluator.requireAligned(gold, predicted);
        ErrorAnalysis a = new ErrorAnalysis();
        for (int i = 0; i < gold.size(); i++) {
            a.add(gold.get(i).tokens(), TagScheme.IOB2.decode(gold.get(i).tags(), "Entity"),
                    TagScheme.IOB2.decode(predicted.get(i).tags(), "Entity"));
        }
        return a;
    }

    /** Adds one sentence: its tokens, gold spans and predicted spans. */
    public void add(List<String> tokens, List<Span> gold, List<Span> predicted) {
        goldTotal += gold.size();
        predictedTotal += predicted.size();
        List<Span> goldLeft = new ArrayList<>(gold);
        List<Span> predLeft = new ArrayList<>();
        for (Span p : predicted) {
            if (goldLeft.remove(p)) exact++;
            else predLeft.add(p);
        }
        List<Span> goldExplained = new ArrayList<>();
        for (Span p : predLeft) {
            Span sameBoundaries = null, sameTypeOverlap = null;
            boolean overlapsAny = false;
            for (Span g : goldLeft) {
                if (!overlaps(p, g)) continue;
                overlapsAny = true;
                if (g.start() == p.start() && g.end() == p.end()) sameBoundaries = g;
                else if (g.type().equals(p.type()) && sameTypeOverlap == null) sameTypeOverlap = g;
            }
            if (sameBoundaries != null) {
                note(Kind.TYPE, text(tokens, p) + " (" + sameBoundaries.type() + " -> " + p.type() + ")");
                goldExplained.add(sameBoundaries);
            } else if (sameTypeOverlap != null) {
                note(Kind.BOUNDARY, text(tokens, p) + " <- " + text(tokens, sameTypeOverlap));
                for (Span g : goldLeft) if (overlaps(p, g) && g.type().equals(p.type())) goldExplained.add(g);
            } else if (!overlapsAny) {
                note(Kind.SPURIOUS, text(tokens, p));
            } else {
                note(Kind.OTHER, text(tokens, p));
            }
        }
        for (Span g : goldLeft) {
            if (goldExplained.contains(g)) continue;
            boolean overlapped = predLeft.stream().anyMatch(p -> overlaps(p, g));
            note(overlapped ? Kind.OTHER : Kind.MISSED, text(tokens, g));
        }
    }

    private void note(Kind kind, String text) {
        counts.merge(kind, 1L, Long::sum);
        strings.get(kind).merge(text, 1, Integer::sum);
    }

    private static boolean overlaps(Span a, Span b) {
        return a.start() < b.end() && b.start() < a.end();
    }

    private static String text(List<String> tokens, Span s) {
        return String.join(" ", tokens.subList(s.start(), s.end()));
    }

    public long count(Kind kind) {
        return counts.get(kind);
    }

    /** The {@code n} most frequent strings of one class, most frequent first (ties by string). */
    public List<Map.Entry<String, Integer>> top(Kind kind, int n) {
        return strings.get(kind).entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(n).toList();
    }

    /** A report: the counts of each class, then the {@code n} most frequent strings of each. */
    public String toText(int n) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "gold %d, predicted %d, exact %d%n", goldTotal, predictedTotal, exact));
        for (Kind k : Kind.values()) {
            sb.append(String.format(Locale.ROOT, "%-9s %6d%n", k.name().toLowerCase(Locale.ROOT), counts.get(k)));
        }
        for (Kind k : Kind.values()) {
            if (counts.get(k) == 0 || n == 0) continue;
            sb.append(String.format(Locale.ROOT, "%nmost frequent %s:%n", k.name().toLowerCase(Locale.ROOT)));
            for (Map.Entry<String, Integer> e : top(k, n)) {
                sb.append(String.format(Locale.ROOT, "%6d  %s%n", e.getValue(), e.getKey()));
            }
        }
        return sb.toString();
    }
}
