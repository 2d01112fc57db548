package org.bioner.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.uima.analysis_engine.AnalysisEngineDescription;
import org.apache.uima.resource.ResourceSpecifier;
import org.bioner.engine.BioNerTagger;
import org.bioner.engine.EngineParameters;
import org.junit.jupiter.api.Test;

class PipelineSpecTest {

    /** The BioNER tagger's setting of {@code name} in the aggregate the spec describes (null: not set). */
    private static Object taggerSetting(PipelineSpec spec, String name) throws Exception {
        AnalysisEngineDescription d = spec.description();
        Object found = null;
        int taggers = 0;
        for (ResourceSpecifier r : d.getDelegateAnalysisEngineSpecifiers().values()) {
            if (r instanceof AnalysisEngineDescription a && BioNerTagger.class.getName().equals(a.getAnnotatorImplementationName())) {
                taggers++;
                found = a.getMetaData().getConfigurationParameterSettings().getParameterValue(name);
            }
        }
        assertEquals(1, taggers, "one BioNER tagger in the aggregate");
        return found;
    }

    @Test
    void theEntityBiasGoesToTheTaggerAndOnlyAFiniteOneIsTaken() throws Exception {
        PipelineSpec biased = new PipelineSpec(null, false, null, false, EngineParameters.DEFAULT_DEVICE, null, null, null, -1.5f);
        assertEquals(-1.5f, taggerSetting(biased, BioNerTagger.PARAM_ENTITY_BIAS));
        assertEquals(EngineParameters.DEFAULT_ENTITY_BIAS, taggerSetting(PipelineSpec.defaults(), BioNerTagger.PARAM_ENTITY_BIAS), "unset: the engine's default");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PipelineSpec(null, false, null, false, EngineParameters.DEFAULT_DEVICE, null, null, null, Float.NaN));
        assertEquals("--entity-bias must be a finite number, was NaN", e.getMessage());
    }
}
