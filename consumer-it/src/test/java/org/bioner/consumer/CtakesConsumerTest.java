package org.bioner.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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
    void noSegmenterWithoutTypesOnACtakesCasWarnsInsteadOfSilentlyFindingNothing() throws Exception {
        JCas jcas = JCasFactory.createText(TEXT, "en");
        AnalysisEngineDescription ner = BioNerPipeline.builder().noSegmenter().build(); // forgot .types(...)
        AnalysisEngineDescription[] ctakes = ctakes();
        PrintStream err = System.err, out = System.out; // the logging binding may write to either
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream both = new PrintStream(captured, true, StandardCharsets.UTF_8);
        System.setErr(both);
        System.setOut(both);
        try {
            SimplePipeline.runPipeline(jcas, ctakes[0], ctakes[1], ctakes[2], ner);
        } finally {
            System.setErr(err);
            System.setOut(out);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        err.print(log);
        assertTrue(JCasUtil.select(jcas, BioEntity.class).isEmpty());
        assertTrue(log.contains("nothing was tagged") && log.contains(BaseToken.class.getName()), log);
    }
}
