package org.bioner.evaluation;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The outcome of an exact-match span evaluation: micro-averaged counts over all types, counts per type, and the
 * number of sentences and tokens seen.
 */
public record EvaluationResult(SpanCounts total, Map<String, SpanCounts> byType, long sentences, long tokens) {

    public EvaluationResult {
        byType = Collections.unmodifiableMap(new TreeMap<>(byType));
    }

    /** Counts for one type (all zero if the type never occurred). */
    public SpanCounts of(String type) {
        return byType.getOrDefault(type, new SpanCounts(0, 0, 0));
    }

    /** A conlleval-like table: a summary line, then one row per type; scores in percent. */
    public String toTable() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "processed %d tokens in %d sentences with %d phrases; found: %d phrases;"
                + " correct: %d.%n", tokens, sentences, total.gold(), total.predicted(), total.truePositives()));
        sb.append(String.format(Locale.ROOT, "%-16s %9s %9s %9s %7s %7s %7s%n",
                "type", "precision", "recall", "F1", "TP", "FP", "FN"));
        sb.append(row("ALL (micro)", total));
        byType.forEach((type, c) -> sb.append(row(type, c)));
        return sb.toString();
    }

    private static String row(String name, SpanCounts c) {
        return String.format(Locale.ROOT, "%-16s %8.2f%% %8.2f%% %9.2f %7d %7d %7d%n", name,
                100 * c.precision(), 100 * c.recall(), 100 * c.f1(),
                c.truePositives(), c.falsePositives(), c.falseNegatives());
    }

    /** The result as a JSON object; scores as fractions in [0, 1]. */
    public String toJson() {
        StringBuilder sb = new StringBuilder();
        sb.append("{\"sentences\":").append(sentences).append(",\"tokens\":").append(tokens);
        sb.append(",\"micro\":");
        json(sb, total);
        sb.append(",\"types\":{");
        boolean first = true;
        for (Map.Entry<String, SpanCounts> e : byType.entrySet()) {
            if (!first) sb.append(',');
            first = false;
            jsonString(sb, e.getKey());
            sb.append(':');
            json(sb, e.getValue());
        }
        return sb.append("}}").toString();
    }

    private static void json(StringBuilder sb, SpanCounts c) {
        sb.append(String.format(Locale.ROOT,
                "{\"precision\":%.6f,\"recall\":%.6f,\"f1\":%.6f,\"tp\":%d,\"fp\":%d,\"fn\":%d}",
                c.precision(), c.recall(), c.f1(), c.truePositives(), c.falsePositives(), c.falseNegatives()));
    }

    private static void jsonString(StringBuilder sb, String s) {
        sb.append('"');
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (ch < 0x20) sb.append(String.format("\\u%04x", (int) ch));
                    else sb.append(ch);
                }
            }
        }
        sb.append('"');
    }
}
