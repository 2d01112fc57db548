package org.bioner.pipeline;

import static org.apache.uima.fit.factory.AnalysisEngineFactory.createEngineDescription;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.uima.analysis_engine.AnalysisEngineDescription;
import org.apache.uima.resource.ResourceInitializationException;
import org.bioner.engine.BioNerTagger;
import org.bioner.engine.BioSegmenter;

import de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Sentence;
import de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Token;

/**
 * The BioNER aggregate: segmenter, the taggers, and optional mappings to foreign types, as one {@link AnalysisEngineDescription}:
 *
 * <pre>
 * AnalysisEngineDescription ner = BioNerPipeline.createDefault();            // bundled models
 * AnalysisEngineDescription mine = BioNerPipeline.builder()
 *         .model("Disease", "/data/my-disease-model.bioner")                // swap one model
 *         .build();
 * </pre>
 *
 * Every part can be replaced by any description (a DKPro segmenter, another tagger), so the same
 * builder serves DKPro and cTAKES pipelines. All models run in one {@link BioNerTagger}, which embeds
 * each sentence once for all of them; so the aggregate has no separate embedder ({@code FlairEmbedder} is
 * for pipelines that want token vectors in the CAS).
 */
public final class BioNerPipeline {

    /**
     * Classpath locations of the bundled models, by entity type, in tagging order; they are in the artifact
     * {@code org.bioner:bioner-uima:jar:models} (classifier {@code models}), see {@link org.bioner.engine.BundledModels}.
     */
    public static final Map<String, String> DEFAULT_MODELS;

    static {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("Disease", "models/disease.bnm");
        m.put("Chemical", "models/chemical.bnm");
        m.put("Gene", "models/gene.bnm");
        m.put("Species", "models/species.bnm");
        DEFAULT_MODELS = java.util.Collections.unmodifiableMap(m);
    }

    /** cTAKES' disease/disorder mention type and its semantic group id. */
    public static final String CTAKES_DISEASE_MENTION = "org.apache.ctakes.typesystem.type.textsem.DiseaseDisorderMention";
    public static final int CTAKES_DISEASE_TYPE_ID = 2;

    private BioNerPipeline() {
    }

    /** The default aggregate with the bundled models found on the classpath. */
    public static AnalysisEngineDescription createDefault() throws ResourceInitializationException {
        return builder().build();
    }

    public static Builder builder() {
        UimaVersions.check();
        return new Builder();
    }

    /** Whether a bundled model is on the classpath. */
    public static boolean isBundled(String classpathLocation) {
        return BioNerPipeline.class.getClassLoader().getResource(classpathLocation) != null;
    }

    /** Builds the aggregate; unset parts take their defaults. */
    public static final class Builder {
        private AnalysisEngineDescription segmenter;
        private boolean defaultSegmenter = true;
        private final Map<String, String> models = new LinkedHashMap<>();
        private final List<AnalysisEngineDescription> taggers = new ArrayList<>();
        private final List<AnalysisEngineDescription> after = new ArrayList<>();
        private final List<Object> taggerParameters = new ArrayList<>();
        private boolean defaultModels = true;
        private String tokenType = Token.class.getName();
        private String sentenceType = Sentence.class.getName();

        /** Uses this segmenter (e.g. DKPro's BreakIteratorSegmenter) instead of the BioNER one. */
        public Builder segmenter(AnalysisEngineDescription desc) {
            this.segmenter = desc;
            this.defaultSegmenter = false;
            return this;
        }

        /** No segmenter: the CAS already has tokens and sentences (e.g. from cTAKES or an XMI file). */
        public Builder noSegmenter() {
            this.segmenter = null;
            this.defaultSegmenter = false;
            return this;
        }

        /**
         * Token and sentence types the segmenter writes and the tagger reads, e.g. cTAKES'
         * {@code org.apache.ctakes.typesystem.type.syntax.BaseToken} and {@code ...textspan.Sentence}.
         */
        public Builder types(String tokenTypeName, String sentenceTypeName) {
            this.tokenType = tokenTypeName;
            this.sentenceType = sentenceTypeName;
            return this;
        }

        /** Replaces (or adds) the model for one entity type; a file path or a classpath location. */
        public Builder model(String entityType, String location) {
            models.put(entityType, location);
            return this;
        }

        /** Only the models given with {@link #model}, none of the bundled ones. */
        public Builder withoutDefaultModels() {
            defaultModels = false;
            return this;
        }

        /** Adds a tagger given as a ready description (any engine that writes entities). */
        public Builder tagger(AnalysisEngineDescription desc) {
            taggers.add(desc);
            return this;
        }

        /** Extra parameters for the BioNER tagger (name, value, ...), e.g. batch size. */
        public Builder taggerParameters(Object... nameValues) {
            taggerParameters.addAll(List.of(nameValues));
            return this;
        }

        /** Also emit cTAKES {@code DiseaseDisorderMention} (typeID 2) for every Disease. */
        public Builder ctakesDiseaseMentions() throws ResourceInitializationException {
            return then(createEngineDescription(MentionTypeMapper.class,
                    MentionTypeMapper.PARAM_SOURCE_TYPE, "org.bioner.types.Disease",
                    MentionTypeMapper.PARAM_TARGET_TYPE, CTAKES_DISEASE_MENTION,
                    MentionTypeMapper.PARAM_FEATURE_VALUES, new String[] {"typeID=" + CTAKES_DISEASE_TYPE_ID},
                    MentionTypeMapper.PARAM_CONFIDENCE_FEATURE, "confidence"));
        }

        /** Adds an engine after the taggers. */
        public Builder then(AnalysisEngineDescription desc) {
            after.add(desc);
            return this;
        }

        public AnalysisEngineDescription build() throws ResourceInitializationException {
            List<AnalysisEngineDescription> parts = new ArrayList<>();
            if (defaultSegmenter) {
                parts.add(createEngineDescription(BioSegmenter.class, BioSegmenter.PARAM_TOKEN_TYPE, tokenType,
                        BioSegmenter.PARAM_SENTENCE_TYPE, sentenceType));
            } else if (segmenter != null) {
                parts.add(segmenter);
            }
            Map<String, String> chosen = new LinkedHashMap<>();
            if (defaultModels) {
                DEFAULT_MODELS.forEach((type, location) -> {
                    if (isBundled(location)) {
                        chosen.put(type, "classpath:/" + location);
                    }
                });
            }
            chosen.putAll(models);
            if (!chosen.isEmpty()) {
                List<Object> params = new ArrayList<>(List.of(
                        BioNerTagger.PARAM_MODEL_LOCATIONS, chosen.values().toArray(new String[0]),
                        BioNerTagger.PARAM_TOKEN_TYPE, tokenType, BioNerTagger.PARAM_SENTENCE_TYPE, sentenceType));
                params.addAll(taggerParameters);
                parts.add(createEngineDescription(BioNerTagger.class, params.toArray()));
            }
            parts.addAll(taggers);
            if (chosen.isEmpty() && taggers.isEmpty()) {
                throw new ResourceInitializationException(new IllegalStateException(
                        "no tagger: none of the bundled models " + DEFAULT_MODELS.values()
                                + " is on the classpath and none was given (add the dependency "
                                + org.bioner.engine.BundledModels.ARTIFACT + ", or give models with model(type, location))"));
            }
            parts.addAll(after);
            return createEngineDescription(parts.toArray(new AnalysisEngineDescription[0]));
        }
    }
}
