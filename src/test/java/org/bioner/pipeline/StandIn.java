package org.bioner.pipeline;

import static org.apache.uima.fit.factory.AnalysisEngineFactory.createEngineDescription;

import org.apache.uima.analysis_engine.AnalysisEngineDescription;
import org.apache.uima.resource.ResourceInitializationException;
import org.dkpro.core.tokit.BreakIteratorSegmenter;

/** The test pipeline: DKPro's segmenter and the dictionary stand-in, built with {@link BioNerPipeline}. */
final class StandIn {

    private StandIn() {
    }

    static AnalysisEngineDescription pipeline() throws ResourceInitializationException {
        return BioNerPipeline.builder()
                .segmenter(createEngineDescription(BreakIteratorSegmenter.class))
                .withoutDefaultModels()
                .tagger(createEngineDescription(DictionaryDiseaseTagger.class))
                .build();
    }
}
