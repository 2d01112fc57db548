package org.bioner.pipeline;

import java.io.File;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.uima.UIMAFramework;
import org.apache.uima.analysis_engine.AnalysisEngineDescription;
import org.apache.uima.util.XMLInputSource;
import org.bioner.engine.EngineParameters;

/**
 * Which aggregate to run, as the {@code --model}, {@code --only-given-models}, {@code --pipeline} and
 * {@code --ctakes-mentions} options choose it. A serialisable value, so that a cluster job (the Spark project)
 * can ship it to its workers and build there exactly the engine {@code bioner annotate} builds.
 *
 * @param models     entity type to model location (file path or classpath:...), replacing the bundled one
 * @param descriptor analysis engine descriptor (XML file) replacing the BioNER aggregate, or null
 * @param device     where the BioNER tagger runs ({@code cpu}, {@code cuda}; null: cpu); a {@code descriptor}'s
 *                   engines keep their own settings
 * @param mentionStoplist location of mentions the tagger does not emit ({@code corpus.MentionStoplist}), or null
 * @param useCorpus  corpora whose conventions corpus-conditioned models tag by
 *                   ({@link EngineParameters#PARAM_USE_CORPUS}), comma-separated, or null
 * @param abbreviationWindow sentences over which a defined short form takes its long form's (or its own tagged) type
 *                   ({@link EngineParameters#PARAM_ABBREVIATION_WINDOW}; -1: off), or null: the engine's default
 * @param entityBias the taggers' decoding bias ({@link EngineParameters#PARAM_ENTITY_BIAS}), or null: the engine's default
 */
public record PipelineSpec(LinkedHashMap<String, String> models, boolean onlyGivenModels, String descriptor,
        boolean ctakesMentions, String device, String mentionStoplist, String useCorpus, Integer abbreviationWindow,
        Float entityBias) implements Serializable {

    private static final long serialVersionUID = 5L;

    public PipelineSpec {
        models = new LinkedHashMap<>(models == null ? Map.of() : models);
        device = device == null || device.isBlank() ? EngineParameters.DEFAULT_DEVICE : device;
        mentionStoplist = mentionStoplist == null || mentionStoplist.isBlank() ? null : mentionStoplist;
        useCorpus = useCorpus == null || useCorpus.isBlank() ? null : useCorpus;
        if (abbreviationWindow != null) org.bioner.corpus.AbbreviationPropagation.requireWindow(abbreviationWindow);
        if (entityBias != null) org.bioner.tagger.SequenceTagger.requireFiniteEntityBias("--entity-bias", entityBias);
    }

    /** On the CPU, no stoplist, each model's default corpus, the engine's abbreviation window and entity bias. */
    public PipelineSpec(LinkedHashMap<String, String> models, boolean onlyGivenModels, String descriptor, boolean ctakesMentions) {
        this(models, onlyGivenModels, descriptor, ctakesMentions, EngineParameters.DEFAULT_DEVICE, null, null, null, null);
    }

    /** The bundled models, as {@code bioner annotate} runs without options. */
    public static PipelineSpec defaults() {
        return new PipelineSpec(null, false, null, false);
    }

    /**
     * Pack size for {@link DocumentAnnotator#annotateAll} when none is given: packing for the BioNER
     * aggregate, none for a foreign descriptor, whose engines may keep per-document state.
     */
    public int defaultPackChars() {
        return descriptor == null ? DocumentAnnotator.DEFAULT_MAX_PACK_CHARS : 0;
    }

    /** The analysis engine description this spec selects. */
    public AnalysisEngineDescription description() throws Exception {
        if (descriptor != null) {
            return UIMAFramework.getXMLParser().parseAnalysisEngineDescription(new XMLInputSource(new File(descriptor)));
        }
        BioNerPipeline.Builder b = BioNerPipeline.builder();
        if (onlyGivenModels) {
            b.withoutDefaultModels();
        }
        models.forEach(b::model);
        if (!device.equals(EngineParameters.DEFAULT_DEVICE)) {
            b.taggerParameters(org.bioner.engine.BioNerTagger.PARAM_DEVICE, device);
        }
        if (mentionStoplist != null) {
            b.taggerParameters(org.bioner.engine.BioNerTagger.PARAM_MENTION_STOPLIST, mentionStoplist);
        }
        if (useCorpus != null) {
            b.taggerParameters(org.bioner.engine.BioNerTagger.PARAM_USE_CORPUS, useCorpus.split(","));
        }
        if (abbreviationWindow != null) {
            b.taggerParameters(org.bioner.engine.BioNerTagger.PARAM_ABBREVIATION_WINDOW, abbreviationWindow);
        }
        if (entityBias != null) {
            b.taggerParameters(org.bioner.engine.BioNerTagger.PARAM_ENTITY_BIAS, entityBias);
        }
        if (ctakesMentions) {
            b.ctakesDiseaseMentions();
        }
        return b.build();
    }
}
