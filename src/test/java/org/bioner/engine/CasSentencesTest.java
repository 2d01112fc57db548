package org.bioner.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Sentence;
import de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Token;
import java.util.List;
import org.apache.uima.fit.factory.JCasFactory;
import org.apache.uima.jcas.JCas;
import org.bioner.engine.CasSentences.CasSentence;
import org.bioner.engine.CasSentences.CasToken;
import org.junit.jupiter.api.Test;

class CasSentencesTest {

    private static final String SENT = Sentence.class.getName();
    private static final String TOK = Token.class.getName();

    private static List<List<String>> texts(List<CasSentence> sentences) {
        return CasSentences.texts(sentences);
    }

    @Test
    void contextStopsAtAPackSeparator() throws Exception {
        // two packed documents: "Aa bb. Cc." and "Dd." (pipeline.DocumentPack's separator between them)
        JCas jcas = JCasFactory.createText("Aa bb. Cc.\n\u2029\nDd.");
        int[][] sentences = {{0, 6}, {7, 10}, {13, 16}};
        int[][] tokens = {{0, 2}, {3, 5}, {5, 6}, {7, 9}, {9, 10}, {13, 15}, {15, 16}};
        for (int[] s : sentences) new Sentence(jcas, s[0], s[1]).addToIndexes();
        for (int[] t : tokens) new Token(jcas, t[0], t[1]).addToIndexes();
        List<CasSentence> read = CasSentences.read(jcas, SENT, TOK);
        List<org.bioner.corpus.SentenceContext> c = CasSentences.contexts(read, texts(read), jcas.getDocumentText());
        assertEquals(new org.bioner.corpus.SentenceContext(List.of(), List.of("Cc", ".")), c.get(0));
        assertEquals(new org.bioner.corpus.SentenceContext(List.of("Aa", "bb", "."), List.of()), c.get(1));
        assertEquals(org.bioner.corpus.SentenceContext.NONE, c.get(2));
    }

    @Test
    void readsDkproSentencesWithTheirTokens() throws Exception {
        JCas jcas = JCasFactory.createText("Aa bb. Cc dd.");
        new Sentence(jcas, 0, 6).addToIndexes();
        new Sentence(jcas, 7, 13).addToIndexes();
        int[][] spans = {{0, 2}, {3, 5}, {5, 6}, {7, 9}, {10, 12}, {12, 13}};
        for (int[] s : spans) {
            new Token(jcas, s[0], s[1]).addToIndexes();
        }
        List<CasSentence> read = CasSentences.read(jcas, SENT, TOK);
        assertEquals(List.of(List.of("Aa", "bb", "."), List.of("Cc", "dd", ".")), texts(read));
        assertEquals(new CasToken(7, 9, "Cc"), read.get(1).tokens().get(0));
        assertEquals(7, read.get(1).begin());
        assertEquals(13, read.get(1).end());
    }

    @Test
    void tokensOutsideSentencesBecomeTheirOwnSentences() throws Exception {
        JCas jcas = JCasFactory.createText("Pre text. In one. Post a b");
        new Sentence(jcas, 10, 17).addToIndexes();
        int[][] spans = {{0, 3}, {4, 8}, {8, 9}, {10, 12}, {13, 16}, {16, 17}, {18, 22}, {23, 24}, {25, 26}};
        for (int[] s : spans) {
            new Token(jcas, s[0], s[1]).addToIndexes();
        }
        List<CasSentence> read = CasSentences.read(jcas, SENT, TOK);
        assertEquals(List.of(List.of("Pre", "text", "."), List.of("In", "one", "."), List.of("Post", "a", "b")),
                texts(read));
        assertEquals(0, read.get(0).begin());
        assertEquals(9, read.get(0).end());
        assertEquals(18, read.get(2).begin());
    }

    @Test
    void withoutSentencesAllTokensFormOneDocumentSentence() throws Exception {
        JCas jcas = JCasFactory.createText("a b c");
        new Token(jcas, 0, 1).addToIndexes();
        new Token(jcas, 2, 3).addToIndexes();
        new Token(jcas, 4, 5).addToIndexes();
        assertEquals(List.of(List.of("a", "b", "c")), texts(CasSentences.read(jcas, SENT, TOK)));
        // capped: pieces of two
        assertEquals(List.of(List.of("a", "b"), List.of("c")), texts(CasSentences.read(jcas, SENT, TOK, 2)));
    }

    @Test
    void readsForeignTypesThroughTheTypeSystemAndSkipsWhitespaceTokens() throws Exception {
        JCas jcas = ForeignTypes.createJCas("IL-6 rose.\nIt fell.");
        ForeignTypes.add(jcas, ForeignTypes.SENTENCE, 0, 10);
        ForeignTypes.add(jcas, ForeignTypes.SENTENCE, 11, 19);
        ForeignTypes.add(jcas, ForeignTypes.BASE_TOKEN, 0, 4);
        ForeignTypes.add(jcas, ForeignTypes.BASE_TOKEN, 5, 9);
        ForeignTypes.add(jcas, ForeignTypes.BASE_TOKEN, 9, 10);
        ForeignTypes.add(jcas, ForeignTypes.NEWLINE_TOKEN, 10, 11); // subtype, outside the sentences, blank
        ForeignTypes.add(jcas, ForeignTypes.BASE_TOKEN, 11, 13);
        ForeignTypes.add(jcas, ForeignTypes.BASE_TOKEN, 14, 18);
        ForeignTypes.add(jcas, ForeignTypes.BASE_TOKEN, 18, 19);
        List<CasSentence> read = CasSentences.read(jcas, ForeignTypes.SENTENCE, ForeignTypes.BASE_TOKEN);
        assertEquals(List.of(List.of("IL-6", "rose", "."), List.of("It", "fell", ".")), texts(read));
    }

    @Test
    void emptyCasAndBadTypeNames() throws Exception {
        JCas jcas = JCasFactory.createText("");
        assertEquals(List.of(), CasSentences.read(jcas, SENT, TOK));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CasSentences.read(jcas, "no.such.Sentence", TOK));
        assertEquals("type no.such.Sentence is not in the CAS type system", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CasSentences.read(jcas, SENT, "uima.cas.TOP"));
    }
}
