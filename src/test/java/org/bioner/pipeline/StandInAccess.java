package org.bioner.pipeline;

import org.apache.uima.analysis_engine.AnalysisEngineDescription;
import org.apache.uima.resource.ResourceInitializationException;

/** Gives tests in other packages the stand-in pipeline. */
public final class StandInAccess {

    private StandInAccess() {
    }

    public static AnalysisEngineDescription pipeline() throws ResourceInitializationException {
        return StandIn.pipeline();
    }
}
