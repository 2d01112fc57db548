package org.bioner.spark;

import org.apache.uima.analysis_engine.AnalysisEngineProcessException;
import org.apache.uima.fit.component.JCasAnnotator_ImplBase;
import org.apache.uima.jcas.JCas;

/** Test engine: throws on a document containing {@link #MARKER}, as a crashing engine would. */
public class FailOnMarkerAnnotator extends JCasAnnotator_ImplBase {

    static final String MARKER = "FAIL-THIS-DOCUMENT";

    @Override
    public void process(JCas jcas) throws AnalysisEngineProcessException {
        if (jcas.getDocumentText().contains(MARKER)) {
            throw new AnalysisEngineProcessException(new IllegalStateException("engine failure on purpose"));
        }
    }
}
