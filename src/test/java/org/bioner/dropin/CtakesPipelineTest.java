package org.bioner.dropin;

import static org.apache.uima.fit.factory.AnalysisEngineFactory.createEngineDescription;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.apache.ctakes.core.ae.SentenceDetector;
import org.apache.ctakes.core.ae.SimpleSegmentAnnotator;
import org.apache.ctakes.core.ae.TokenizerAnnotatorPTB;
import org.apache.ctakes.typesystem.type.syntax.BaseToken;
import org.apache.ctakes.typesystem.type.textsem.DiseaseDisorderMention;
import org.apache.ctakes.typesystem.type.textspan.Sentence;
import org.apache.uima.analysis_engine.AnalysisEngineDescription;
import org.apache.uima.fit.factory.JCasFactory;
import org.apache.uima.fit.pipeline.SimplePipeline;
import org.apache.uima.fit.util.JCasUtil;
import org.apache.uima.jcas.JCas;
import org.bioner.pipeline.BioNerPipeline;
import org.bioner.pipeline.DictionaryDiseaseTaggerAccess;
import org.bioner.types.Disease;
import org.junit.jupiter.api.Test;

/**
 * Drop-in proof for cTAKES 6 (its real type system and core engines from Maven Central): cTAKES segments
 * and tokenizes, our engines read cTAKES' BaseToken by naming it in a parameter, and Disease entities
 * also come out as cTAKES DiseaseDisorderMention (typeID 2). The tagger is the test stand-in until the
 * BioNER tagger is merged (it takes the token type the same way).
 */
class CtakesPipelineTest {

    @Test
    void ctakesSegmentationThenOurEnginesOnCtakesTypes() throws Exception {
        JCas jcas = JCasFactory.createText("Patient denies fever. Mild cough since Monday.", "en");
        AnalysisEngineDescription ours = BioNerPipeline.builder().noSegmenter().withoutDefaultModels()
                .tagger(createEngineDescription(DictionaryDiseaseTaggerAccess.tagger(), "tokenType",
                        BaseToken.class.getName()))
                .ctakesDiseaseMentions()
                .build();
        SimplePipeline.runPipeline(jcas,
                SimpleSegmentAnnotator.createAnnotatorDescription(),
                SentenceDetector.createAnnotatorDescription(),
                TokenizerAnnotatorPTB.createAnnotatorDescription(),
                ours);

        assertEquals(2, JCasUtil.select(jcas, Sentence.class).size());
        assertTrue(JCasUtil.select(jcas, BaseToken.class).size() >= 8);
        assertEquals(List.of("fever", "cough"),
                JCasUtil.select(jcas, Disease.class).stream().map(Disease::getCoveredText).toList());
        List<DiseaseDisorderMention> mentions = List.copyOf(JCasUtil.select(jcas, DiseaseDisorderMention.class));
        assertEquals(List.of("fever", "cough"), mentions.stream().map(DiseaseDisorderMention::getCoveredText).toList());
        mentions.forEach(m -> assertEquals(2, m.getTypeID()));
        mentions.forEach(m -> assertEquals(0.9, m.getConfidence(), 1e-6));
    }
}
