package org.bioner.pipeline;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.uima.analysis_engine.AnalysisEngineDescription;
import org.apache.uima.fit.util.JCasUtil;
import org.apache.uima.jcas.JCas;
import org.apache.uima.util.CasCreationUtils;
import org.bioner.io.EntityAnnotations;

import de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Token;

/**
 * Throughput of the whole pipeline (segmenting, embedding, tagging) in one JVM, without file I/O:
 * documents/s, tokens/s and peak heap. The documents are built from a token-per-line corpus (the
 * benchmark test text): sentences are the corpus sentences with tokens joined by single spaces (as the
 * PyTorch reference reads them) and {@code sentencesPerDocument} sentences make a document.
 */
public final class PipelineBenchmark {

    /** Figures of one run. */
    public record Result(int documents, long sentences, long corpusTokens, long pipelineTokens, long entities,
            double seconds, long peakHeapBytes, double warmupSeconds) {

        public String toJson() {
            return String.format(Locale.ROOT, "{\"documents\": %d, \"sentences\": %d, \"tokens\": %d, "
                    + "\"pipeline_tokens\": %d, \"entities\": %d, \"seconds\": %.3f, \"documents_per_s\": %.3f, "
                    + "\"tokens_per_s\": %.1f, \"peak_heap_mib\": %.1f, \"warmup_seconds\": %.3f}",
                    documents, sentences, corpusTokens, pipelineTokens, entities, seconds, documents / seconds,
                    corpusTokens / seconds, peakHeapBytes / 1048576.0, warmupSeconds);
        }
    }

    private PipelineBenchmark() {
    }

    /** Reads sentences (token lists) from a token&lt;TAB&gt;tag file with blank lines between sentences. */
    public static List<List<String>> readSentences(Path tsv) throws IOException {
        List<List<String>> sentences = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (String line : Files.readAllLines(tsv, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                if (!current.isEmpty()) {
                    sentences.add(current);
                    current = new ArrayList<>();
                }
            } else {
                current.add(line.split("\t", 2)[0]);
            }
        }
        if (!current.isEmpty()) {
            sentences.add(current);
        }
        return sentences;
    }

    /**
     * Runs the pipeline over the documents (the first document once more before, as warm-up), handing
     * them to {@link DocumentAnnotator#annotateAll} with packs of at most {@code packChars} characters
     * (0: one document at a time).
     */
    public static Result run(AnalysisEngineDescription pipeline, List<List<String>> sentences,
            int sentencesPerDocument, int maxDocuments, int packChars) throws Exception {
        List<String> documents = new ArrayList<>();
        long corpusTokens = 0;
        int usedSentences = 0;
        for (int i = 0; i < sentences.size() && documents.size() < maxDocuments; i += sentencesPerDocument) {
            StringBuilder doc = new StringBuilder();
            for (List<String> s : sentences.subList(i, Math.min(sentences.size(), i + sentencesPerDocument))) {
                doc.append(String.join(" ", s)).append('\n');
                corpusTokens += s.size();
                usedSentences++;
            }
            documents.add(doc.toString());
        }
        try (DocumentAnnotator annotator = new DocumentAnnotator(pipeline).packing(packChars)) {
            List<JCas> cases = new ArrayList<>();
            for (String doc : documents) {
                JCas jcas = CasCreationUtils.createCas(List.of(pipeline)).getJCas();
                jcas.setDocumentText(doc);
                jcas.setDocumentLanguage("en");
                cases.add(jcas);
            }
            JCas warm = CasCreationUtils.createCas(List.of(pipeline)).getJCas();
            long w0 = System.nanoTime();
            warm.setDocumentText(documents.get(0));
            warm.setDocumentLanguage("en");
            annotator.annotate(warm);
            double warmup = (System.nanoTime() - w0) / 1e9;
            System.gc();
            List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == MemoryType.HEAP).toList();
            heap.forEach(MemoryPoolMXBean::resetPeakUsage);
            long t0 = System.nanoTime();
            List<Exception> failures = annotator.annotateAll(cases.stream().map(JCas::getCas).toList());
            double seconds = (System.nanoTime() - t0) / 1e9;
            long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            for (Exception e : failures) {
                if (e != null) {
                    throw e;
                }
            }
            long pipelineTokens = 0;
            long entities = 0;
            for (JCas jcas : cases) {
                pipelineTokens += JCasUtil.select(jcas, Token.class).size();
                entities += EntityAnnotations.entities(jcas).size();
            }
            return new Result(documents.size(), usedSentences, corpusTokens, pipelineTokens, entities, seconds,
                    peak, warmup);
        }
    }
}
