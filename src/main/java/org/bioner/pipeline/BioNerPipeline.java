package org.bioner.pipeline;

import static org.apache.uima.fit.factory.AnalysisEngineFactory.createEngineDescription;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.uima.analysis_engine.AnalysisEngineDescription;
import org.apache.uima.resource.ResourceInitializationException;

/**
 * The BioNER aggregate: segmenter, optional shared embedder, one tagger per entity type, and optional
 * mappings to foreign types, as one {@link AnalysisEngineDescription}:
 *
 * <pre>
 * AnalysisEngineDescription ner = BioNerPipeline.createDefault();            // bundled models
 * AnalysisEngineDescription mine = BioNerPipeline.builder()
 *         .model("Disease", "/data/my-disease-model.bioner")                // swap one model
 *         .build();
 * </pre>
 *
 * Every part can be replaced by any description (a DKPro segmenter, another tagger), so the same
 * builder serves DKPro and cTAKES pipelines. The engine classes of the project are looked up by name so
 * that this class does not tie the builder to their construction details.
 */
public final class BioNerPipeline {

    /** Engine classes of the default pipeline. */
    public static final String SEGMENTER_CLASS = "org.bioner.engine.BioSegmenter";
    public static final String EMBEDDER_CLASS = "org.bioner.engine.FlairEmbedder";
    public static final String TAGGER_CLASS = "org.bioner.engine.BioNerTagger";

    /** Classpath locations of the bundled models, by entity type, in tagging order. */
    public static final Map<String, String> DEFAULT_MODELS;

    static {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("Disease", "models/disease.bioner");
        m.put("Chemical", "models/chemical.bioner");
        m.put("Gene", "models/gene.bioner");
        m.put("Species", "models/species.bioner");
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
        private AnalysisEngineDescription embedder;
        private final Map<String, String> models = new LinkedHashMap<>();
        private final List<AnalysisEngineDescription> taggers = new ArrayList<>();
        private final List<AnalysisEngineDescription> after = new ArrayList<>();
        private final List<Object> taggerParameters = new ArrayList<>();
        private boolean defaultModels = true;
        private boolean keepEmbeddings;

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

        /** A shared embedder run once before the taggers (they embed on their own without it). */
        public Builder embedder(AnalysisEngineDescription desc) {
            this.embedder = desc;
            return this;
        }

        /** Keep the embedder's token embeddings in the CAS after tagging (they are dropped by default). */
        public Builder keepEmbeddings() {
            keepEmbeddings = true;
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

        /** Extra parameters passed to every BioNER tagger (name, value, ...), e.g. token/sentence types. */
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
                parts.add(createEngineDescription(engineClass(SEGMENTER_CLASS)));
            } else if (segmenter != null) {
                parts.add(segmenter);
            }
            if (embedder != null) {
                parts.add(embedder);
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
                Class<? extends org.apache.uima.analysis_component.AnalysisComponent> tagger = engineClass(TAGGER_CLASS);
                String modelParam = stringConstant(tagger, "PARAM_MODEL_LOCATION");
                for (String location : chosen.values()) {
                    List<Object> params = new ArrayList<>(List.of(modelParam, location));
                    params.addAll(taggerParameters);
                    parts.add(createEngineDescription(tagger, params.toArray()));
                }
            }
            parts.addAll(taggers);
            if (chosen.isEmpty() && taggers.isEmpty()) {
                throw new ResourceInitializationException(new IllegalStateException(
                        "no tagger: none of the bundled models " + DEFAULT_MODELS.values()
                                + " is on the classpath and none was given"));
            }
            if (embedder != null && !keepEmbeddings) {
                parts.add(createEngineDescription(TypeDropper.class));
            }
            parts.addAll(after);
            return createEngineDescription(parts.toArray(new AnalysisEngineDescription[0]));
        }
    }

    @SuppressWarnings("unchecked")
    private static Class<? extends org.apache.uima.analysis_component.AnalysisComponent> engineClass(String name)
            throws ResourceInitializationException {
        try {
            return (Class<? extends org.apache.uima.analysis_component.AnalysisComponent>) Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new ResourceInitializationException(new IllegalStateException(
                    "engine " + name + " is not available in this build", e));
        }
    }

    private static String stringConstant(Class<?> cls, String field) throws ResourceInitializationException {
        try {
            return (String) cls.getField(field).get(null);
        } catch (ReflectiveOperationException e) {
            throw new ResourceInitializationException(e);
        }
    }
}
