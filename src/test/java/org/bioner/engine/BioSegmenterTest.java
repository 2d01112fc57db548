package org.bioner.engine;

import static org.apache.uima.fit.factory.AnalysisEngineFactory.createEngineDescription;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Sentence;
import de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Token;
import java.util.List;
import org.apache.uima.analysis_engine.AnalysisEngine;
import org.apache.uima.analysis_engine.AnalysisEngineProcessException;
import org.apache.uima.fit.factory.AnalysisEngineFactory;
import org.apache.uima.fit.factory.JCasFactory;
import org.apache.uima.fit.util.JCasUtil;
import org.apache.uima.jcas.JCas;
import org.apache.uima.jcas.tcas.Annotation;
import org.apache.uima.resource.ResourceInitializationException;
import org.junit.jupiter.api.Test;

class BioSegmenterTest {

    private static AnalysisEngine engine(Object... params) throws ResourceInitializationException {
        return AnalysisEngineFactory.createEngine(createEngineDescription(BioSegmenter.class, params));
    }

    private static List<String> texts(JCas jcas, Class<? extends Annotation> type) {
        return JCasUtil.select(jcas, type).stream().map(Annotation::getCoveredText).toList();
    }

    @Test
    void createsTokensAndSentences() throws Exception {
        JCas jcas = JCasFactory.createText("Mutations in BRCA1 (e.g. 5382insC) cause cancer.  IL-6 was 5.2%.\n");
        engine().process(jcas);
        assertEquals(List.of("Mutations in BRCA1 (e.g. 5382insC) cause cancer.", "IL-6 was 5.2%."),
                texts(jcas, Sentence.class));
        assertEquals(List.of("Mutations", "in", "BRCA1", "(", "e", ".", "g", ".", "5382insC", ")", "cause", "cancer",
                ".", "IL", "-", "6", "was", "5", ".", "2", "%", "."), texts(jcas, Token.class));
        for (Sentence s : JCasUtil.select(jcas, Sentence.class)) {
            assertTrue(JCasUtil.selectCovered(Token.class, s).size() > 0);
        }
    }

    @Test
    void capsSentenceLength() throws Exception {
        JCas jcas = JCasFactory.createText("a ".repeat(25));
        engine(BioSegmenter.PARAM_MAX_SENTENCE_LENGTH, 10).process(jcas);
        assertEquals(3, JCasUtil.select(jcas, Sentence.class).size());
        assertEquals(25, JCasUtil.select(jcas, Token.class).size());
    }

    @Test
    void lineBreaksCanEndSentences() throws Exception {
        JCas jcas = JCasFactory.createText("first document\nsecond document");
        engine(BioSegmenter.PARAM_LINE_BREAK_ENDS_SENTENCE, true).process(jcas);
        assertEquals(List.of("first document", "second document"), texts(jcas, Sentence.class));
    }

    @Test
    void leavesExistingDkproSegmentationAlone() throws Exception {
        JCas jcas = JCasFactory.createText("IL-6 rose. It fell.");
        new Sentence(jcas, 0, 19).addToIndexes();
        new Token(jcas, 0, 4).addToIndexes(); // a coarse foreign tokenisation: "IL-6"
        new Token(jcas, 5, 10).addToIndexes();
        engine().process(jcas);
        assertEquals(List.of("IL-6 rose. It fell."), texts(jcas, Sentence.class));
        assertEquals(List.of("IL-6", "rose."), texts(jcas, Token.class));
    }

    @Test
    void tokenizesWithinExistingSentencesOnly() throws Exception {
        // the given sentence boundary falls inside "IL-6": no token may cross it
        JCas jcas = JCasFactory.createText("Levels of IL-6 rose. It fell.");
        new Sentence(jcas, 0, 12).addToIndexes();
        new Sentence(jcas, 12, 20).addToIndexes();
        engine().process(jcas);
        assertEquals(List.of("Levels of IL", "-6 rose."), texts(jcas, Sentence.class));
        assertEquals(List.of("Levels", "of", "IL", "-", "6", "rose", ".", "It", "fell", "."), texts(jcas, Token.class));
    }

    @Test
    void addsSentencesOverExistingTokens() throws Exception {
        JCas jcas = JCasFactory.createText("IL-6 rose . It fell .");
        int[][] spans = {{0, 4}, {5, 9}, {10, 11}, {12, 14}, {15, 19}, {20, 21}};
        for (int[] s : spans) {
            new Token(jcas, s[0], s[1]).addToIndexes();
        }
        engine().process(jcas);
        assertEquals(List.of("IL-6 rose .", "It fell ."), texts(jcas, Sentence.class));
        assertEquals(6, JCasUtil.select(jcas, Token.class).size());
    }

    @Test
    void respectsForeignTypesNamedByParameters() throws Exception {
        String text = "IL-6 rose.\nIt fell.";
        JCas jcas = ForeignTypes.createJCas(text);
        ForeignTypes.add(jcas, ForeignTypes.SENTENCE, 0, 10);
        ForeignTypes.add(jcas, ForeignTypes.SENTENCE, 11, 19);
        ForeignTypes.add(jcas, ForeignTypes.BASE_TOKEN, 0, 4);
        ForeignTypes.add(jcas, ForeignTypes.BASE_TOKEN, 5, 10);
        ForeignTypes.add(jcas, ForeignTypes.NEWLINE_TOKEN, 10, 11);
        ForeignTypes.add(jcas, ForeignTypes.BASE_TOKEN, 11, 19);
        AnalysisEngine foreign = engine(BioSegmenter.PARAM_TOKEN_TYPE, ForeignTypes.BASE_TOKEN,
                BioSegmenter.PARAM_SENTENCE_TYPE, ForeignTypes.SENTENCE);
        foreign.process(jcas);
        assertEquals(0, JCasUtil.select(jcas, Token.class).size());
        assertEquals(0, JCasUtil.select(jcas, Sentence.class).size());

        // with the default (DKPro) types the foreign annotations are not seen and DKPro ones are added
        JCas other = ForeignTypes.createJCas(text);
        ForeignTypes.add(other, ForeignTypes.SENTENCE, 0, 10);
        engine().process(other);
        assertEquals(2, JCasUtil.select(other, Sentence.class).size());
    }

    @Test
    void addsDkproSentencesOverForeignTokens() throws Exception {
        String text = "IL-6 rose.\n\nIt fell.";
        JCas jcas = ForeignTypes.createJCas(text);
        int[][] spans = {{0, 4}, {5, 9}, {9, 10}, {12, 14}, {15, 19}, {19, 20}};
        for (int[] s : spans) {
            ForeignTypes.add(jcas, ForeignTypes.BASE_TOKEN, s[0], s[1]);
        }
        ForeignTypes.add(jcas, ForeignTypes.NEWLINE_TOKEN, 10, 11);
        ForeignTypes.add(jcas, ForeignTypes.NEWLINE_TOKEN, 11, 12);
        engine(BioSegmenter.PARAM_TOKEN_TYPE, ForeignTypes.BASE_TOKEN).process(jcas);
        assertEquals(List.of("IL-6 rose.", "It fell."), texts(jcas, Sentence.class));
        assertEquals(0, JCasUtil.select(jcas, Token.class).size());
        List<CasSentences.CasSentence> read = CasSentences.read(jcas, Sentence.class.getName(), ForeignTypes.BASE_TOKEN);
        assertEquals(List.of("IL-6", "rose", "."), read.get(0).tokens().stream().map(CasSentences.CasToken::text).toList());
    }

    @Test
    void unknownTypeNameIsAClearError() throws Exception {
        JCas jcas = JCasFactory.createText("Text.");
        AnalysisEngine e = engine(BioSegmenter.PARAM_TOKEN_TYPE, "no.such.Type");
        AnalysisEngineProcessException ex = assertThrows(AnalysisEngineProcessException.class, () -> e.process(jcas));
        assertTrue(String.valueOf(ex.getCause().getMessage()).contains("no.such.Type"));
    }

    @Test
    void rejectsNonPositiveMaxSentenceTokens() {
        assertThrows(ResourceInitializationException.class, () -> engine(BioSegmenter.PARAM_MAX_SENTENCE_LENGTH, 0));
    }
}
