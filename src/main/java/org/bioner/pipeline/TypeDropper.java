package org.bioner.pipeline;

import java.util.ArrayList;
import java.util.List;

import org.apache.uima.analysis_engine.AnalysisEngineProcessException;
import org.apache.uima.cas.CAS;
import org.apache.uima.cas.FeatureStructure;
import org.apache.uima.cas.Type;
import org.apache.uima.fit.component.CasAnnotator_ImplBase;
import org.apache.uima.fit.descriptor.ConfigurationParameter;
import org.apache.uima.fit.descriptor.ResourceMetaData;
import org.apache.uima.fit.util.CasUtil;

/**
 * Removes the annotations of the named types from the indexes (by default {@code FlairEmbedder}'s token
 * embeddings, thousands of floats per token), so that writers later in a pipeline do not serialise them.
 */
@ResourceMetaData(name = "Type Dropper")
public class TypeDropper extends CasAnnotator_ImplBase {

    /** Names of the types whose feature structures are removed. */
    public static final String PARAM_TYPES = "types";
    @ConfigurationParameter(name = PARAM_TYPES, defaultValue = {"org.bioner.types.TokenEmbedding"})
    private String[] types;

    @Override
    public void process(CAS cas) throws AnalysisEngineProcessException {
        for (String name : types) {
            Type type = cas.getTypeSystem().getType(name);
            if (type != null) {
                List<FeatureStructure> remove = new ArrayList<>(CasUtil.selectFS(cas, type));
                remove.forEach(cas::removeFsFromIndexes);
            }
        }
    }
}
