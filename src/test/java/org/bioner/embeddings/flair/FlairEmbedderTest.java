package org.bioner.embeddings.flair;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import org.apache.uima.fit.factory.AnalysisEngineFactory;
import org.apache.uima.fit.factory.JCasFactory;
import org.apache.uima.fit.pipeline.SimplePipeline;
import org.apache.uima.fit.util.JCasUtil;
import org.apache.uima.jcas.JCas;
import org.bioner.engine.FlairEmbedder;
import org.bioner.types.TokenEmbedding;
import org.junit.jupiter.api.Test;

import de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Sentence;
import de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Token;

/** The uimaFIT engine writes the stacked forward + backward PyTorch reference vectors for each DKPro token. */
class FlairEmbedderTest {

    @Test
    void writesStackedReferenceVectorsPerToken() throws Exception {
        // two sentences of the fixture (indices 0 and 1), separated by extra spaces in the document text
        List<String> lines = Files.readAllLines(FlairFixtureTest.resource("sentences.txt"), StandardCharsets.UTF_8);
        JCas jcas = JCasFactory.createJCas();
        StringBuilder text = new StringBuilder();
        List<int[]> spans = new ArrayList<>();
        for (int s = 0; s < 2; s++) {
            int sentBegin = text.length();
            for (String tok : lines.get(s).split(" ")) {
                spans.add(new int[] {text.length(), text.length() + tok.length()});
                text.append(tok).append("  ");
            }
            spans.add(new int[] {sentBegin, text.length() - 2, -1});
            text.append("\n");
        }
        jcas.setDocumentText(text.toString());
        for (int[] sp : spans) {
            if (sp.length == 3) new Sentence(jcas, sp[0], sp[1]).addToIndexes();
            else new Token(jcas, sp[0], sp[1]).addToIndexes();
        }
        SimplePipeline.runPipeline(jcas, AnalysisEngineFactory.createEngineDescription(FlairEmbedder.class,
                FlairEmbedder.PARAM_LANGUAGE_MODELS, new String[] {
                        FlairFixtureTest.resource("fwd-1layer-zip.pt").toString(),
                        FlairFixtureTest.resource("bwd-2layer-proj-zip.pt").toString()}));
        List<TokenEmbedding> got = new ArrayList<>(JCasUtil.select(jcas, TokenEmbedding.class));
        assertEquals(JCasUtil.select(jcas, Token.class).size(), got.size());
        List<String> fwd = Files.readAllLines(FlairFixtureTest.resource("fwd-1layer-zip.expected.tsv"));
        List<String> bwd = Files.readAllLines(FlairFixtureTest.resource("bwd-2layer-proj-zip.expected.tsv"));
        int i = 0;
        for (String f : fwd) {
            String[] a = f.split("\t");
            if (Integer.parseInt(a[0]) > 1) break;
            String[] b = bwd.get(i).split("\t");
            TokenEmbedding e = got.get(i);
            assertEquals(a[2], e.getCoveredText());
            assertEquals(a.length - 3 + b.length - 3, e.getVector().size());
            for (int d = 0; d < a.length - 3; d++) assertEquals(Double.parseDouble(a[3 + d]), e.getVector().get(d), 1e-5);
            for (int d = 0; d < b.length - 3; d++) assertEquals(Double.parseDouble(b[3 + d]), e.getVector().get(a.length - 3 + d), 1e-5);
            i++;
        }
        assertEquals(got.size(), i);
    }

    @Test
    void theEmbeddingsSpecGivesTheSameVectorsAsLanguageModels() throws Exception {
        String fwd = FlairFixtureTest.resource("fwd-1layer-zip.pt").toString();
        String bwd = FlairFixtureTest.resource("bwd-2layer-proj-zip.pt").toString();
        List<float[]> a = vectors(AnalysisEngineFactory.createEngineDescription(FlairEmbedder.class,
                FlairEmbedder.PARAM_LANGUAGE_MODELS, new String[] {fwd, bwd}));
        List<float[]> b = vectors(AnalysisEngineFactory.createEngineDescription(FlairEmbedder.class,
                FlairEmbedder.PARAM_EMBEDDINGS, "flair:" + fwd + "+flair:" + bwd));
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) org.junit.jupiter.api.Assertions.assertArrayEquals(a.get(i), b.get(i), 1e-6f);
        org.junit.jupiter.api.Assertions.assertThrows(org.apache.uima.resource.ResourceInitializationException.class,
                () -> AnalysisEngineFactory.createEngine(FlairEmbedder.class)); // neither
    }

    private static List<float[]> vectors(org.apache.uima.analysis_engine.AnalysisEngineDescription desc) throws Exception {
        JCas jcas = JCasFactory.createJCas();
        jcas.setDocumentText("the patient had flu . aspirin helps");
        int pos = 0;
        for (String tok : jcas.getDocumentText().split(" ")) {
            new Token(jcas, pos, pos + tok.length()).addToIndexes();
            pos += tok.length() + 1;
        }
        new Sentence(jcas, 0, 21).addToIndexes();
        new Sentence(jcas, 22, jcas.getDocumentText().length()).addToIndexes();
        SimplePipeline.runPipeline(jcas, desc);
        return JCasUtil.select(jcas, TokenEmbedding.class).stream().map(e -> e.getVector().toArray()).toList();
    }
}
