package org.bioner.pipeline;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.uima.fit.util.JCasUtil;
import org.apache.uima.jcas.JCas;
import org.bioner.io.EntityAnnotations;

import de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Sentence;
import de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Token;

/** Counts of a batch run, printed at its end. */
public final class RunSummary {

    /** A document (or file) that could not be processed, and why. */
    public record Failure(String source, String reason) {
    }

    long documents;
    long resumed;
    long empty;
    long sentences;
    long tokens;
    long characters;
    final Map<String, Long> entities = new TreeMap<>();
    final List<Failure> failures = new ArrayList<>();
    long elapsedNanos;

    /** Documents annotated and written in this run. */
    public long documents() {
        return documents;
    }

    /** Documents skipped because an earlier run had finished them. */
    public long resumed() {
        return resumed;
    }

    public long sentences() {
        return sentences;
    }

    public long tokens() {
        return tokens;
    }

    /** Entities written, by type. */
    public Map<String, Long> entities() {
        return entities;
    }

    public List<Failure> failures() {
        return failures;
    }

    public double seconds() {
        return elapsedNanos / 1e9;
    }

    /** Counts a document that was annotated and written. */
    void count(JCas jcas) {
        documents++;
        String text = jcas.getDocumentText();
        if (text == null || text.isBlank()) {
            empty++;
        }
        characters += text == null ? 0 : text.length();
        sentences += JCasUtil.select(jcas, Sentence.class).size();
        tokens += JCasUtil.select(jcas, Token.class).size();
        for (EntityAnnotations.Entity e : EntityAnnotations.entities(jcas)) {
            if (!EntityAnnotations.GOLD_MODEL.equals(e.model())) {
                entities.merge(e.type(), 1L, Long::sum);
            }
        }
    }

    public void print(PrintStream out) {
        out.printf("documents: %d annotated, %d already done (resumed), %d failed, %d empty%n", documents, resumed,
                failures.size(), empty);
        out.printf("sentences: %d, tokens: %d, characters: %d%n", sentences, tokens, characters);
        long total = entities.values().stream().mapToLong(Long::longValue).sum();
        StringBuilder sb = new StringBuilder();
        entities.forEach((t, n) -> sb.append(", ").append(t).append(' ').append(n));
        out.printf("entities: %d%s%n", total, sb);
        double s = seconds();
        out.printf("time: %.1f s, %.2f documents/s, %.0f tokens/s%n", s, s > 0 ? documents / s : 0,
                s > 0 ? tokens / s : 0);
        for (Failure f : failures) {
            out.println("FAILED " + f.source() + ": " + f.reason());
        }
    }
}
