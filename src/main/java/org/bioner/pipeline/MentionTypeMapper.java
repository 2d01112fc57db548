package org.bioner.pipeline;

import java.util.ArrayList;
import java.util.List;

import org.apache.uima.UimaContext;
import org.apache.uima.analysis_engine.AnalysisEngineProcessException;
import org.apache.uima.cas.CAS;
import org.apache.uima.cas.Feature;
import org.apache.uima.cas.Type;
import org.apache.uima.cas.text.AnnotationFS;
import org.apache.uima.fit.component.CasAnnotator_ImplBase;
import org.apache.uima.fit.descriptor.ConfigurationParameter;
import org.apache.uima.fit.descriptor.ResourceMetaData;
import org.apache.uima.fit.util.CasUtil;
import org.apache.uima.resource.ResourceInitializationException;

/**
 * Adds an annotation of a foreign type over every annotation of a source type, so pipelines built on
 * another type system see our entities in their own terms: e.g. a cTAKES
 * {@code DiseaseDisorderMention} (typeID 2) for each {@code org.bioner.types.Disease}. Types are named,
 * not linked, so this project needs no cTAKES dependency; the target type must be in the CAS's type
 * system (the pipeline that uses it brings it).
 */
@ResourceMetaData(name = "Mention Type Mapper")
public class MentionTypeMapper extends CasAnnotator_ImplBase {

    /** Type whose annotations are mapped, e.g. {@code org.bioner.types.Disease}. */
    public static final String PARAM_SOURCE_TYPE = "sourceType";
    @ConfigurationParameter(name = PARAM_SOURCE_TYPE, mandatory = true)
    private String sourceTypeName;

    /** Type to create, e.g. {@code org.apache.ctakes.typesystem.type.textsem.DiseaseDisorderMention}. */
    public static final String PARAM_TARGET_TYPE = "targetType";
    @ConfigurationParameter(name = PARAM_TARGET_TYPE, mandatory = true)
    private String targetTypeName;

    /**
     * Primitive feature values to set on every created annotation, as {@code name=value}
     * (e.g. {@code typeID=2} for cTAKES' disease/disorder semantic group).
     */
    public static final String PARAM_FEATURE_VALUES = "featureValues";
    @ConfigurationParameter(name = PARAM_FEATURE_VALUES, mandatory = false, defaultValue = {})
    private String[] featureValues;

    /** Name of a numeric feature of the target type that receives the source's confidence, if any. */
    public static final String PARAM_CONFIDENCE_FEATURE = "confidenceFeature";
    @ConfigurationParameter(name = PARAM_CONFIDENCE_FEATURE, mandatory = false)
    private String confidenceFeature;

    private List<String[]> assignments;

    @Override
    public void initialize(UimaContext context) throws ResourceInitializationException {
        super.initialize(context);
        assignments = new ArrayList<>();
        for (String fv : featureValues) {
            int eq = fv.indexOf('=');
            if (eq <= 0) {
                throw new ResourceInitializationException(new IllegalArgumentException(
                        PARAM_FEATURE_VALUES + " entries must be name=value: " + fv));
            }
            assignments.add(new String[] {fv.substring(0, eq), fv.substring(eq + 1)});
        }
    }

    @Override
    public void process(CAS cas) throws AnalysisEngineProcessException {
        Type source = cas.getTypeSystem().getType(sourceTypeName);
        Type target = cas.getTypeSystem().getType(targetTypeName);
        if (target == null) {
            throw new AnalysisEngineProcessException(new IllegalStateException("type " + targetTypeName
                    + " is not in the CAS type system; add its type system to the pipeline"));
        }
        if (source == null) {
            return;
        }
        Feature confidenceIn = source.getFeatureByBaseName("confidence");
        Feature confidenceOut = confidenceFeature == null ? null : target.getFeatureByBaseName(confidenceFeature);
        for (AnnotationFS a : new ArrayList<>(CasUtil.select(cas, source))) {
            AnnotationFS t = cas.createAnnotation(target, a.getBegin(), a.getEnd());
            for (String[] fv : assignments) {
                Feature f = target.getFeatureByBaseName(fv[0]);
                if (f == null) {
                    throw new AnalysisEngineProcessException(new IllegalStateException(
                            targetTypeName + " has no feature " + fv[0]));
                }
                t.setFeatureValueFromString(f, fv[1]);
            }
            if (confidenceIn != null && confidenceOut != null) {
                t.setFeatureValueFromString(confidenceOut, a.getFeatureValueAsString(confidenceIn));
            }
            cas.addFsToIndexes(t);
        }
    }
}
