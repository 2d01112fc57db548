package org.bioner.pipeline;

import org.apache.uima.analysis_component.AnalysisComponent;

/** Gives tests in other packages the stand-in tagger class. */
public final class DictionaryDiseaseTaggerAccess {

    private DictionaryDiseaseTaggerAccess() {
    }

    public static Class<? extends AnalysisComponent> tagger() {
        return DictionaryDiseaseTagger.class;
    }
}
