package org.bioner.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.apache.ctakes.core.ae.SentenceDetector;
import org.apache.ctakes.core.ae.SimpleSegmentAnnotator;
import org.apache.ctakes.core.ae.TokenizerAnnotatorPTB;
import org.apache.ctakes.typesystem.type.syntax.BaseToken;
import org.apache.ctakes.typesystem.type.textsem.DiseaseDisorderMention;
import org.apache.ctakes.typesystem.type.textspan.Sentence;
import org.apache.uima.analysis_engine.AnalysisEngineDescription;
import org.apache.uima.analysis_engine.AnalysisEngineProcessException;
import org.apache.uima.fit.factory.JCasFactory;
import org.apache.uima.fit.pipeline.SimplePipeline;
import org.apache.uima.fit.util.JCasUtil;
import org.apache.uima.jcas.JCas;
import org.bioner.engine.BioNerTagger;
import org.bioner.pipeline.BioNerPipeline;
import org.bioner.types.BioEntity;
import org.bioner.types.Disease;
import org.junit.jupiter.api.Test;

/** The cTAKES 6.0.0 user: cTAKES' own sentence detector and PTB tokenizer, then BioNER on BaseToken/Sentence. */
class CtakesConsumerTest {

    static final String TEXT = "The patient has a history of breast cancer and type 2 diabetes mellitus. "
            + "She was treated with tamoxifen and metformin.";

    static AnalysisEngineDescription[] ctakes() throws Exception {
        return new AnalysisEngineDescription[] {SimpleSegmentAnnotator.createAnnotatorDescription(),
                SentenceDetector.createAnnotatorDescription(), TokenizerAnnotatorPTB.createAnnotatorDescription()};
    }

    @Test
    void ctakesSegmentationThenBioNerWithCtakesMentions() throws Exception {
        JCas jcas = JCasFactory.createText(TEXT, "en");
        AnalysisEngineDescription ner = BioNerPipeline.builder()
                .noSegmenter()
                .types(BaseToken.class.getName(), Sentence.class.getName())
                .ctakesDiseaseMentions()
                .build();
        AnalysisEngineDescription[] ctakes = ctakes();
        SimplePipeline.runPipeline(jcas, ctakes[0], ctakes[1], ctakes[2], ner);

        List<String> diseases = JCasUtil.select(jcas, Disease.class).stream().map(Disease::getCoveredText).toList();
        System.out.println("cTAKES consumer: " + JCasUtil.select(jcas, BioEntity.class).stream()
                .map(e -> e.getType().getShortName() + ":" + e.getCoveredText()).toList());
        assertTrue(diseases.contains("breast cancer"), diseases.toString());
        List<DiseaseDisorderMention> mentions = List.copyOf(JCasUtil.select(jcas, DiseaseDisorderMention.class));
        assertEquals(diseases, mentions.stream().map(DiseaseDisorderMention::getCoveredText).toList());
        mentions.forEach(m -> assertEquals(2, m.getTypeID()));
        assertFalse(JCasUtil.select(jcas, org.bioner.types.Chemical.class).isEmpty(), "tamoxifen/metformin");
    }

    @Test
    void noSegmenterWithoutTypesOnACtakesCasIsNotSilent() throws Exception {
        // default: nothing tagged, a warning in the log naming the cTAKES token types (visible in the build output)
        JCas jcas = JCasFactory.createText(TEXT, "en");
        AnalysisEngineDescription[] ctakes = ctakes();
        SimplePipeline.runPipeline(jcas, ctakes[0], ctakes[1], ctakes[2], BioNerPipeline.builder().noSegmenter().build());
        assertTrue(JCasUtil.select(jcas, BioEntity.class).isEmpty());
        // requireSegmentation: the same document fails with that message
        JCas again = JCasFactory.createText(TEXT, "en");
        AnalysisEngineDescription strict = BioNerPipeline.builder().noSegmenter()
                .taggerParameters(BioNerTagger.PARAM_REQUIRE_SEGMENTATION, true).build();
        Exception e = assertThrows(AnalysisEngineProcessException.class,
                () -> SimplePipeline.runPipeline(again, ctakes[0], ctakes[1], ctakes[2], strict));
        Throwable root = e;
        while (root.getCause() != null) root = root.getCause();
        assertTrue(root.getMessage().contains("nothing was tagged") && root.getMessage().contains("22 " + BaseToken.class.getName()),
                root.getMessage());
    }
}
