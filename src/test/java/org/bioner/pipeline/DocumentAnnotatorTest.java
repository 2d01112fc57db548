package org.bioner.pipeline;

import static org.apache.uima.fit.factory.AnalysisEngineFactory.createEngineDescription;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.apache.uima.fit.factory.JCasFactory;
import org.apache.uima.fit.util.JCasUtil;
import org.apache.uima.jcas.JCas;
import org.bioner.types.Disease;
import org.junit.jupiter.api.Test;

import de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Token;

class DocumentAnnotatorTest {

    @Test
    void chunkedDocumentKeepsItsTokensOnceAndGetsEntitiesAtTheRightOffsets() throws Exception {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            sb.append("word").append(i).append(i % 3 == 0 ? " fever" : " calm").append(". ");
        }
        String text = sb.toString();
        JCas jcas = JCasFactory.createText(text, "en");
        int tokens = 0;
        for (int start = 0, i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == ' ') {
                if (i > start) {
                    new Token(jcas, start, i).addToIndexes();
                    tokens++;
                }
                start = i + 1;
            }
        }
        var pipeline = BioNerPipeline.builder().noSegmenter().withoutDefaultModels()
                .tagger(createEngineDescription(DictionaryDiseaseTagger.class,
                        DictionaryDiseaseTagger.PARAM_WORDS, new String[] {"fever."}))
                .build();
        try (DocumentAnnotator annotator = new DocumentAnnotator(pipeline, 500, List.of())) {
            annotator.annotate(jcas);
        }
        assertEquals(tokens, JCasUtil.select(jcas, Token.class).size());
        List<Disease> found = List.copyOf(JCasUtil.select(jcas, Disease.class));
        assertEquals(100, found.size());
        found.forEach(d -> assertEquals("fever.", d.getCoveredText()));
    }

    @Test
    void chunkerCoversTextAtGoodBoundaries() {
        String text = "First sentence here. Second one follows!\nThird line without end " + "x".repeat(50);
        List<int[]> chunks = TextChunker.chunks(text, 30);
        int pos = 0;
        for (int[] c : chunks) {
            assertEquals(pos, c[0]);
            assertEquals(true, c[1] - c[0] <= 30);
            pos = c[1];
        }
        assertEquals(text.length(), pos);
        assertEquals("First sentence here. ", text.substring(chunks.get(0)[0], chunks.get(0)[1]));
        // a surrogate pair is never cut
        String emoji = "😷".repeat(20);
        for (int[] c : TextChunker.chunks(emoji, 7)) {
            assertEquals(false, Character.isLowSurrogate(emoji.charAt(c[0])));
        }
    }
}
