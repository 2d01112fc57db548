package org.bioner.spark;

import java.io.Serializable;

import org.apache.uima.analysis_engine.AnalysisEngineDescription;
import org.bioner.pipeline.DocumentAnnotator;
import org.bioner.pipeline.PipelineSpec;

/**
 * Which aggregate the job runs: the core's {@link PipelineSpec} (the same {@code --model},
 * {@code --only-given-models}, {@code --pipeline}, {@code --ctakes-mentions} choices as {@code bioner annotate})
 * plus the chunk and pack sizes ({@code --chunk-chars}, {@code --pack-chars}). Shipped to the executors, where it is the key of the per-JVM engine
 * pool ({@link AnnotatorPool}), so equal configurations share engines. Model and descriptor locations must be
 * readable on every executor.
 */
public record PipelineConfig(PipelineSpec spec, int maxChunkChars, int maxPackChars) implements Serializable {

    private static final long serialVersionUID = 3L;

    public PipelineConfig {
        if (spec == null) {
            throw new IllegalArgumentException("spec is null");
        }
        if (maxChunkChars < 2) {
            throw new IllegalArgumentException("maxChunkChars must be at least 2");
        }
        if (maxPackChars < 0) {
            throw new IllegalArgumentException("maxPackChars must not be negative");
        }
    }

    /** The bundled models, as {@code bioner annotate} runs without options. */
    public static PipelineConfig defaults() {
        return new PipelineConfig(PipelineSpec.defaults(), DocumentAnnotator.DEFAULT_MAX_CHUNK_CHARS,
                PipelineSpec.defaults().defaultPackChars());
    }

    /** The engine description, built by the same code as the annotate command's. */
    public AnalysisEngineDescription description() throws Exception {
        return spec.description();
    }
}
