package org.bioner.pipeline;

import static org.apache.uima.fit.factory.AnalysisEngineFactory.createEngineDescription;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.uima.cas.CAS;
import org.apache.uima.fit.component.JCasAnnotator_ImplBase;
import org.apache.uima.fit.factory.JCasFactory;
import org.apache.uima.fit.util.JCasUtil;
import org.apache.uima.jcas.JCas;
import org.apache.uima.jcas.tcas.Annotation;
import org.apache.uima.jcas.tcas.DocumentAnnotation;
import org.bioner.types.Disease;
import org.junit.jupiter.api.Test;

import de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Sentence;
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

    /** A foreign segmenter that makes the whole text one sentence, across any blank line. */
    public static class WholeTextSentence extends JCasAnnotator_ImplBase {
        static final AtomicInteger CALLS = new AtomicInteger();

        @Override
        public void process(JCas jcas) {
            CALLS.incrementAndGet();
            new Sentence(jcas, 0, jcas.getDocumentText().length()).addToIndexes();
        }
    }

    private static List<CAS> documents(String... texts) throws Exception {
        List<CAS> docs = new ArrayList<>();
        for (String t : texts) {
            docs.add(JCasFactory.createText(t, "en").getCas());
        }
        return docs;
    }

    @Test
    void packedDocumentsGetTheAnnotationsTheyGetAloneInOneEngineCall() throws Exception {
        String[] texts = {"Fever first.", "", "No match here.\n\nThen cough and fever.", "diabetes", "A\n"};
        List<CAS> packed = documents(texts);
        List<CAS> alone = documents(texts);
        JCas withGold = packed.get(3).getJCas();
        Disease gold = new Disease(withGold, 0, 8);
        gold.setModel("gold");
        gold.addToIndexes();
        Disease gold2 = new Disease(alone.get(3).getJCas(), 0, 8);
        gold2.setModel("gold");
        gold2.addToIndexes();
        var pipeline = StandIn.pipeline();
        DictionaryDiseaseTagger.PROCESSED.set(0);
        try (DocumentAnnotator a = new DocumentAnnotator(pipeline).packing(10_000)) {
            assertEquals(Collections.nCopies(5, null), a.annotateAll(packed));
        }
        assertEquals(1, DictionaryDiseaseTagger.PROCESSED.get());
        try (DocumentAnnotator a = new DocumentAnnotator(pipeline)) { // packing off: one call each
            assertEquals(Collections.nCopies(5, null), a.annotateAll(alone));
        }
        assertEquals(6, DictionaryDiseaseTagger.PROCESSED.get());
        for (int i = 0; i < texts.length; i++) {
            assertEquals(describe(alone.get(i)), describe(packed.get(i)), "document " + i);
        }
        assertEquals(List.of("cough", "fever"), describe(packed.get(2)).stream()
                .filter(s -> s.startsWith("Disease")).map(s -> s.substring(s.lastIndexOf(' ') + 1)).toList());
        assertEquals(List.of("gold", "stand-in"), JCasUtil.select(withGold, Disease.class).stream()
                .map(Disease::getModel).sorted().toList());
    }

    /** Each annotation as "Type begin end model covered-text", in index order. */
    private static List<String> describe(CAS cas) {
        List<String> out = new ArrayList<>();
        for (Annotation a : JCasUtil.select(uncheckedJCas(cas), Annotation.class)) {
            if (a instanceof DocumentAnnotation) {
                continue;
            }
            String model = a instanceof Disease d ? d.getModel() : "-";
            out.add(a.getType().getShortName() + " " + a.getBegin() + " " + a.getEnd() + " " + model + " "
                    + a.getCoveredText());
        }
        return out;
    }

    private static JCas uncheckedJCas(CAS cas) {
        try {
            return cas.getJCas();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aPackWithASentenceAcrossDocumentsIsRedoneDocumentByDocument() throws Exception {
        List<CAS> docs = documents("Fever one.", "Cough two.", "Three.");
        var pipeline = BioNerPipeline.builder().segmenter(createEngineDescription(WholeTextSentence.class))
                .withoutDefaultModels().tagger(createEngineDescription(DictionaryDiseaseTagger.class)).build();
        WholeTextSentence.CALLS.set(0);
        try (DocumentAnnotator a = new DocumentAnnotator(pipeline).packing(10_000)) {
            assertEquals(Collections.nCopies(3, null), a.annotateAll(docs));
        }
        assertEquals(1 + 3, WholeTextSentence.CALLS.get());
        for (CAS d : docs) {
            List<Sentence> sentences = List.copyOf(JCasUtil.select(uncheckedJCas(d), Sentence.class));
            assertEquals(1, sentences.size());
            assertEquals(d.getDocumentText(), sentences.get(0).getCoveredText());
        }
    }

    @Test
    void oneFailingDocumentFailsAloneAndTheRestOfItsPackIsAnnotated() throws Exception {
        List<CAS> docs = documents("Fever one.", "CRASH_THE_TAGGER two.", "Cough three.");
        try (DocumentAnnotator a = new DocumentAnnotator(StandIn.pipeline()).packing(10_000)) {
            List<Exception> failures = a.annotateAll(docs);
            assertEquals(null, failures.get(0));
            assertTrue(failures.get(1) != null && Failures.describe(failures.get(1)).contains("crashed on purpose"),
                    String.valueOf(failures.get(1)));
            assertEquals(null, failures.get(2));
        }
        assertEquals(List.of("Fever"), JCasUtil.select(uncheckedJCas(docs.get(0)), Disease.class).stream()
                .map(Disease::getCoveredText).toList());
        assertEquals(List.of("Cough"), JCasUtil.select(uncheckedJCas(docs.get(2)), Disease.class).stream()
                .map(Disease::getCoveredText).toList());
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
