package org.bioner.spark;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.uima.UIMAFramework;
import org.apache.uima.analysis_engine.AnalysisEngineDescription;
import org.apache.uima.util.XMLInputSource;
import org.bioner.pipeline.BioNerPipeline;
import org.bioner.pipeline.DocumentAnnotator;

/**
 * Which aggregate the job runs: the same choices as {@code bioner annotate} ({@code --model},
 * {@code --only-given-models}, {@code --pipeline}, {@code --chunk-chars}). Shipped to the executors, where it
 * is the key of the per-JVM engine pool ({@link AnnotatorPool}), so equal configurations share engines.
 *
 * @param models     entity type to model location (file path readable on every executor, or classpath:...)
 * @param descriptor analysis engine descriptor (XML) replacing the BioNER aggregate, or null
 */
public record PipelineConfig(LinkedHashMap<String, String> models, boolean onlyGivenModels, String descriptor,
        boolean ctakesMentions, int maxChunkChars) implements Serializable {

    private static final long serialVersionUID = 1L;

    public PipelineConfig {
        models = new LinkedHashMap<>(models == null ? Map.of() : models);
        if (maxChunkChars < 2) {
            throw new IllegalArgumentException("maxChunkChars must be at least 2");
        }
    }

    /** The bundled models, as {@code bioner annotate} runs without options. */
    public static PipelineConfig defaults() {
        return new PipelineConfig(new LinkedHashMap<>(), false, null, false, DocumentAnnotator.DEFAULT_MAX_CHUNK_CHARS);
    }

    /** The engine description, built exactly as the annotate command's {@code PipelineOptions} builds it. */
    public AnalysisEngineDescription description() throws Exception {
        if (descriptor != null) {
            return UIMAFramework.getXMLParser()
                    .parseAnalysisEngineDescription(new XMLInputSource(Path.of(descriptor).toFile()));
        }
        BioNerPipeline.Builder b = BioNerPipeline.builder();
        if (onlyGivenModels) {
            b.withoutDefaultModels();
        }
        models.forEach(b::model);
        if (ctakesMentions) {
            b.ctakesDiseaseMentions();
        }
        return b.build();
    }
}
