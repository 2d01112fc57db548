package org.bioner.spark;

import java.io.Serializable;

import org.apache.uima.analysis_engine.AnalysisEngineDescription;
import org.bioner.pipeline.DocumentAnnotator;
import org.bioner.pipeline.PipelineSpec;

/**
 * Which aggregate the job runs: the core's {@link PipelineSpec} (the same {@code --model},
 * {@code --only-given-models}, {@code --pipeline}, {@code --ctakes-mentions} choices as {@code bioner annotate})
 * plus the chunk size ({@code --chunk-chars}). Shipped to the executors, where it is the key of the per-JVM engine
 * pool ({@link AnnotatorPool}), so equal configurations share engines. Model and descriptor locations must be
 * readable on every executor.
 */
public record PipelineConfig(PipelineSpec spec, int maxChunkChars) implements Serializable {

    private static final long serialVersionUID = 2L;

    public PipelineConfig {
        if (spec == null) {
            throw new IllegalArgumentException("spec is null");
        }
        if (maxChunkChars < 2) {
            throw new IllegalArgumentException("maxChunkChars must be at least 2");
        }
    }

    /** The bundled models, as {@code bioner annotate} runs without options. */
    public static PipelineConfig defaults() {
        return new PipelineConfig(PipelineSpec.defaults(), DocumentAnnotator.DEFAULT_MAX_CHUNK_CHARS);
    }

    /** The engine description, built by the same code as the annotate command's. */
    public AnalysisEngineDescription description() throws Exception {
        return spec.description();
    }
}
