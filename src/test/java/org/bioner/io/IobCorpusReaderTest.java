package org.bioner.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.uima.collection.CollectionReaderDescription;
import org.apache.uima.fit.factory.CollectionReaderFactory;
import org.apache.uima.fit.pipeline.JCasIterable;
import org.apache.uima.fit.util.JCasUtil;
import org.apache.uima.jcas.JCas;
import org.bioner.corpus.IobCorpusParser;
import org.bioner.corpus.IobFormatException;
import org.bioner.corpus.TaggedSentence;
import org.bioner.corpus.TestData;
import org.bioner.types.BioEntity;
import org.bioner.types.Disease;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import de.tudarmstadt.ukp.dkpro.core.api.metadata.type.DocumentMetaData;
import de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Sentence;
import de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Token;

class IobCorpusReaderTest {

    @TempDir
    Path dir;

    private static final String BIOBERT = "Ataxia\tB\n-\tI\ntelangiectasia\tI\nis\tO\nrare\tO\n.\tO\n\n"
            + "No\tO\ncancer\tB\n\n"
            + "Fine\tO\n\n";

    private static CollectionReaderDescription reader(Path dir, String pattern, Object... more) throws Exception {
        List<Object> params = new ArrayList<>(List.of(
                IobCorpusReader.PARAM_SOURCE_LOCATION, dir.toString(),
                IobCorpusReader.PARAM_PATTERNS, pattern));
        params.addAll(List.of(more));
        return CollectionReaderFactory.createReaderDescription(IobCorpusReader.class, params.toArray());
    }

    @Test
    void biobertFileInChunksOfTwoSentences() throws Exception {
        Files.writeString(dir.resolve("a.tsv"), BIOBERT, StandardCharsets.UTF_8);
        List<String> texts = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        List<String> entities = new ArrayList<>();
        int sentences = 0;
        int tokens = 0;
        for (JCas jcas : new JCasIterable(reader(dir, "*.tsv", IobCorpusReader.PARAM_ENTITY_TYPE, "disease",
                IobCorpusReader.PARAM_SENTENCES_PER_CAS, 2))) {
            texts.add(jcas.getDocumentText());
            ids.add(DocumentMetaData.get(jcas).getDocumentId());
            sentences += JCasUtil.select(jcas, Sentence.class).size();
            tokens += JCasUtil.select(jcas, Token.class).size();
            for (BioEntity e : JCasUtil.select(jcas, BioEntity.class)) {
                assertSame(Disease.class, e.getClass());
                assertEquals("Disease", e.getValue());
                assertEquals(1.0, e.getConfidence());
                assertEquals("gold", e.getModel());
                entities.add(e.getCoveredText());
            }
        }
        assertEquals(List.of("Ataxia - telangiectasia is rare .\nNo cancer\n", "Fine\n"), texts);
        assertEquals(List.of("a.tsv#0", "a.tsv#1"), ids);
        assertEquals(3, sentences);
        assertEquals(9, tokens);
        assertEquals(List.of("Ataxia - telangiectasia", "cancer"), entities);
    }

    @Test
    void conllDocumentsBecomeOneCasEachWithTypedEntities() throws Exception {
        Files.writeString(dir.resolve("b.conll"), """
                -DOCSTART- O

                Aspirin B-Chemical
                causes O
                ulcers B-Disease

                -DOCSTART- O

                Gene B-Gene
                """, StandardCharsets.UTF_8);
        List<JCasSummary> docs = new ArrayList<>();
        for (JCas jcas : new JCasIterable(reader(dir, "*.conll",
                IobCorpusReader.PARAM_FORMAT, "CONLL", IobCorpusReader.PARAM_LANGUAGE, "en"))) {
            docs.add(new JCasSummary(jcas.getDocumentText(), DocumentMetaData.get(jcas).getDocumentId(),
                    JCasUtil.select(jcas, BioEntity.class).stream()
                            .map(e -> e.getClass().getSimpleName() + ":" + e.getCoveredText()).toList(),
                    jcas.getDocumentLanguage()));
        }
        assertEquals(List.of(
                new JCasSummary("Aspirin causes ulcers\n", "b.conll#0", List.of("Chemical:Aspirin", "Disease:ulcers"),
                        "en"),
                new JCasSummary("Gene\n", "b.conll#1", List.of("Gene:Gene"), "en")), docs);
    }

    private record JCasSummary(String text, String id, List<String> entities, String language) {
    }

    @Test
    void readerThenCasToIobGivesTheParserOutput() throws Exception {
        Path file = dir.resolve("c.tsv");
        Files.writeString(file, "BRCA1\tB-Gene\ncauses\tO\nbreast\tB-Disease\ncancer\tI-Disease\n\n"
                + "Aspirin\tB-Chemical\nand\tO\nwarfarin\tB-Chemical\n\nWnt\tB-Protein\n\n", StandardCharsets.UTF_8);
        List<TaggedSentence> viaCas = new ArrayList<>();
        for (JCas jcas : new JCasIterable(reader(dir, "c.tsv", IobCorpusReader.PARAM_SENTENCES_PER_CAS, 2))) {
            viaCas.addAll(CasToIob.toTaggedSentences(jcas));
        }
        List<TaggedSentence> parsed = IobCorpusParser.biobert("Entity").parse(file);
        assertEquals(parsed.size(), viaCas.size());
        for (int i = 0; i < parsed.size(); i++) {
            assertEquals(parsed.get(i).tokens(), viaCas.get(i).tokens());
            // aliases are canonicalised on the way into the CAS (Protein -> Gene)
            assertEquals(parsed.get(i).tags().stream().map(t -> t.replace("Protein", "Gene")).toList(),
                    viaCas.get(i).tags());
        }
        assertEquals("c.tsv#1", viaCas.get(2).source());
        assertEquals(1, viaCas.get(2).firstLine());
    }

    @Test
    void casToIobFiltersByClassAndDropsOverlaps() throws Exception {
        Files.writeString(dir.resolve("d.tsv"), "Aspirin\tB-Chemical\nulcer\tB-Disease\n\n", StandardCharsets.UTF_8);
        for (JCas jcas : new JCasIterable(reader(dir, "d.tsv"))) {
            assertEquals(List.of("O", "B-Disease"),
                    CasToIob.toTaggedSentences(jcas, List.of(Disease.class)).get(0).tags());
            // a nested/overlapping mention cannot be written as IOB: the longer one starting first wins
            EntityTypes.create(jcas, 0, jcas.getDocumentText().length() - 1, "Disease").addToIndexes();
            assertEquals(List.of("B-Disease", "I-Disease"), CasToIob.toTaggedSentences(jcas).get(0).tags());
        }
    }

    @Test
    void ncbiTestRoundTripsThroughTheCas() throws Exception {
        Path test = TestData.require("NCBI-disease", "test");
        List<TaggedSentence> viaCas = new ArrayList<>();
        for (JCas jcas : new JCasIterable(CollectionReaderFactory.createReaderDescription(IobCorpusReader.class,
                // DKPro's resource scan needs an absolute location for a single file
                IobCorpusReader.PARAM_SOURCE_LOCATION, test.toAbsolutePath().normalize().toString(),
                IobCorpusReader.PARAM_ENTITY_TYPE, "Disease",
                IobCorpusReader.PARAM_SENTENCES_PER_CAS, 100))) {
            viaCas.addAll(CasToIob.toTaggedSentences(jcas));
        }
        List<TaggedSentence> parsed = IobCorpusParser.biobert("Disease").parse(test);
        assertEquals(940, viaCas.size());
        for (int i = 0; i < parsed.size(); i++) {
            assertEquals(parsed.get(i).tokens(), viaCas.get(i).tokens(), "sentence " + i);
            assertEquals(parsed.get(i).tags(), viaCas.get(i).tags(), "sentence " + i);
        }
    }

    @Test
    void formatErrorsSurfaceWithFileAndLine() throws Exception {
        Files.writeString(dir.resolve("bad.tsv"), "a\tO\nb\tI\n", StandardCharsets.UTF_8);
        Exception e = assertThrows(Exception.class, () -> {
            for (JCas jcas : new JCasIterable(reader(dir, "bad.tsv"))) {
                jcas.getDocumentText();
            }
        });
        Throwable cause = e;
        while (cause != null && !(cause instanceof IobFormatException)) {
            cause = cause.getCause();
        }
        assertTrue(cause != null, "no IobFormatException in " + e);
        assertTrue(cause.getMessage().endsWith("bad.tsv:2: 'I' does not continue an entity (O or sentence start "
                + "before it); IOB2 entities start with B"), cause.getMessage());
    }

    @Test
    void emptyFilesGiveNoCas() throws Exception {
        Files.writeString(dir.resolve("e1.tsv"), "\n\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("e2.tsv"), "x\tO\n", StandardCharsets.UTF_8);
        List<String> ids = new ArrayList<>();
        for (JCas jcas : new JCasIterable(reader(dir, "e*.tsv"))) {
            ids.add(DocumentMetaData.get(jcas).getDocumentId());
        }
        assertEquals(List.of("e2.tsv#0"), ids);
    }
}
