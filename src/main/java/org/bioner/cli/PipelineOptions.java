package org.bioner.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.uima.analysis_engine.AnalysisEngineDescription;
import org.bioner.pipeline.PipelineSpec;

import picocli.CommandLine.Option;

/** Options shared by the commands that run the aggregate: which pipeline, which models. */
public final class PipelineOptions {

    @Option(names = "--model", paramLabel = "TYPE=LOCATION",
            description = "Model for one entity type (file path or classpath:...), replacing the bundled one; repeatable.")
    Map<String, String> models = new LinkedHashMap<>();

    @Option(names = "--only-given-models", description = "Use only the --model models, none of the bundled ones.")
    boolean onlyGivenModels;

    @Option(names = "--pipeline", paramLabel = "DESCRIPTOR",
            description = "Use this analysis engine descriptor (XML) instead of the BioNER aggregate.")
    Path descriptor;

    @Option(names = "--ctakes-mentions", description = "Also emit cTAKES DiseaseDisorderMention for every Disease "
            + "(the cTAKES type system must be on the classpath).")
    boolean ctakesMentions;

    @Option(names = "--mention-stoplist", paramLabel = "LOCATION",
            description = "Do not emit the mentions of a TYPE<TAB>mention list, e.g. "
                    + org.bioner.corpus.MentionStoplist.SPECIES_HUMAN_NOUNS + " (S800 Species convention: no patients).")
    String mentionStoplist;

    @Option(names = "--use-corpus", paramLabel = "CORPUS", split = ",",
            description = "For models trained on several corpora with a corpus one-hot: tag by these corpora's "
                    + "conventions (each model: the first it was trained on; all: the mean of its corpora), e.g. s800 for Species without patients.")
    java.util.List<String> useCorpus;

    @Option(names = "--abbreviation-window", paramLabel = "N",
            description = "Tag a short form defined in the text like its long form (\"glyceryl trinitrate (GTN)\": a "
                    + "mention that is exactly the long form, or the GTN in parentheses, gives its type to the untagged "
                    + "GTNs) in the defining "
                    + "sentence and the next N of the same document; -1: off (default: "
                    + org.bioner.engine.EngineParameters.DEFAULT_ABBREVIATION_WINDOW + ", chosen on devel splits, docs/RESULTS.md).")
    Integer abbreviationWindow;

    @Option(names = "--entity-bias", paramLabel = "B",
            description = "Decode as if every mention tag scored B more at each token: negative tags fewer mentions "
                    + "(precision), positive more (recall); default: "
                    + org.bioner.engine.EngineParameters.DEFAULT_ENTITY_BIAS + ", each model's own path (the bundled "
                    + "models peak there on devel, docs/RESULTS.md).")
    Float entityBias;

    @picocli.CommandLine.Mixin
    DeviceOption device = new DeviceOption();

    /** The pipeline these options select (serialisable, e.g. for a cluster job's workers). */
    public PipelineSpec spec() {
        return new PipelineSpec(new LinkedHashMap<>(models), onlyGivenModels,
                descriptor == null ? null : descriptor.toString(), ctakesMentions, device.device().id(), mentionStoplist,
                useCorpus == null ? null : String.join(",", useCorpus), abbreviationWindow, entityBias);
    }

    /** The analysis engine description these options select. */
    public AnalysisEngineDescription description() throws Exception {
        return spec().description();
    }
}
