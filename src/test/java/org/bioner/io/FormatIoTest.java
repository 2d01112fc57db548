package org.bioner.io;

import static org.apache.uima.fit.factory.AnalysisEngineFactory.createEngineDescription;
import static org.apache.uima.fit.factory.CollectionReaderFactory.createReaderDescription;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.uima.collection.CollectionReader;
import org.apache.uima.fit.factory.CollectionReaderFactory;
import org.apache.uima.fit.factory.JCasFactory;
import org.apache.uima.fit.pipeline.SimplePipeline;
import org.apache.uima.fit.util.JCasUtil;
import org.apache.uima.jcas.JCas;
import org.bioner.types.Chemical;
import org.bioner.types.Disease;
import org.bioner.types.Passage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity;

class FormatIoTest {

    // the 𝛂 (U+1D6C2) is outside the BMP: code point offsets and UTF-16 offsets differ after it
    static final String PUBTATOR = """
            111|t|Naloxone reverses 𝛂 hypertension
            111|a|Clonidine caused hypotension.
            111\t0\t8\tNaloxone\tChemical\tD009270
            111\t20\t32\thypertension\tDisease\tD006973
            111\t33\t42\tClonidine\tChemical\tD003000
            111\t50\t61\thypotension\tDisease\tD007022
            111\tCID\tD003000\tD007022

            222|t|No abstract here
            """;

    @TempDir
    Path dir;

    private List<JCas> readAll(CollectionReader reader, List<String> errors) throws Exception {
        List<JCas> docs = new ArrayList<>();
        while (reader.hasNext()) {
            JCas jcas = JCasFactory.createJCas();
            try {
                reader.getNext(jcas.getCas());
                docs.add(jcas);
            } catch (IOException e) {
                errors.add(e.getMessage());
            }
        }
        return docs;
    }

    @Test
    void pubTatorReadsMentionsWithCodePointOffsetsAndWritesThemBack() throws Exception {
        Path in = Files.writeString(dir.resolve("corpus.pubtator"), PUBTATOR);
        CollectionReader reader = CollectionReaderFactory.createReader(PubTatorReader.class,
                PubTatorReader.PARAM_SOURCE_LOCATION, in.toString(), PubTatorReader.PARAM_READ_NAMED_ENTITY, true);
        List<String> errors = new ArrayList<>();
        List<JCas> docs = readAll(reader, errors);
        assertEquals(List.of(), errors);
        assertEquals(2, docs.size());
        JCas first = docs.get(0);
        assertEquals("Naloxone reverses 𝛂 hypertension\nClonidine caused hypotension.", first.getDocumentText());
        List<String> diseases = JCasUtil.select(first, Disease.class).stream().map(Disease::getCoveredText).toList();
        assertEquals(List.of("hypertension", "hypotension"), diseases);
        assertEquals(2, JCasUtil.select(first, Chemical.class).size());
        assertEquals("D006973", JCasUtil.select(first, Disease.class).iterator().next().getIdentifier());
        assertEquals(List.of("title", "abstract"),
                JCasUtil.select(first, Passage.class).stream().map(Passage::getPassageType).toList());
        assertEquals("No abstract here", docs.get(1).getDocumentText());

        String written = PubTatorWriter.format(PubTatorWriter.toPubTator(first));
        String expected = PUBTATOR.substring(0, PUBTATOR.indexOf("111\tCID"));
        assertEquals(expected, written);
    }

    @Test
    void malformedPubTatorDocumentFailsAloneNamingFileAndLine() throws Exception {
        String text = """
                1|t|Good one
                1|a|Fine text.

                2|t|Bad one
                2\t0\tthree\tBad\tDisease

                3|t|Also good
                """;
        Path in = Files.writeString(dir.resolve("bad.pubtator"), text);
        CollectionReader reader = CollectionReaderFactory.createReader(PubTatorReader.class,
                PubTatorReader.PARAM_SOURCE_LOCATION, in.toString(), PubTatorReader.PARAM_READ_NAMED_ENTITY, true);
        List<String> errors = new ArrayList<>();
        List<JCas> docs = readAll(reader, errors);
        assertEquals(2, docs.size());
        assertEquals("Also good", docs.get(1).getDocumentText());
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).contains("bad.pubtator:5:"), errors.get(0));
        assertTrue(errors.get(0).contains("start and end must be"), errors.get(0));
    }

    @Test
    void pubTatorMentionTextMismatchAndBadUtf8AreReported() throws Exception {
        byte[] bytes = "1|t|Title one\n1\t0\t5\tTitlX\tDisease\n\n2|t|caf\u00e9 \n\n3|t|ok\n"
                .getBytes(StandardCharsets.UTF_8);
        // damage the é of document 2 (line 4) into a lone continuation byte
        String s = new String(bytes, StandardCharsets.ISO_8859_1);
        int at = s.indexOf("caf") + 3;
        bytes[at] = (byte) 0xA9;
        bytes[at + 1] = (byte) ' ';
        Path in = Files.write(dir.resolve("enc.pubtator"), bytes);
        CollectionReader reader = CollectionReaderFactory.createReader(PubTatorReader.class,
                PubTatorReader.PARAM_SOURCE_LOCATION, in.toString(), PubTatorReader.PARAM_READ_NAMED_ENTITY, true);
        List<String> errors = new ArrayList<>();
        List<JCas> docs = readAll(reader, errors);
        assertEquals(1, docs.size());
        assertEquals("ok", docs.get(0).getDocumentText());
        assertEquals(2, errors.size(), errors.toString());
        assertTrue(errors.get(0).contains("enc.pubtator:2:") && errors.get(0).contains("differs"), errors.get(0));
        assertTrue(errors.get(1).contains("enc.pubtator:4:") && errors.get(1).contains("invalid UTF-8"),
                errors.get(1));
    }

    @Test
    void bioCRoundTripKeepsPassagesOffsetsAndEntities() throws Exception {
        Path in = Files.writeString(dir.resolve("corpus.pubtator"), PUBTATOR);
        Path biocDir = dir.resolve("bioc");
        SimplePipeline.runPipeline(
                createReaderDescription(PubTatorReader.class, PubTatorReader.PARAM_SOURCE_LOCATION, in.toString(),
                        PubTatorReader.PARAM_READ_NAMED_ENTITY, true),
                createEngineDescription(BioCWriter.class, BioCWriter.PARAM_TARGET_LOCATION,
                        biocDir.resolve("all.xml").toString(), BioCWriter.PARAM_SINGLE_COLLECTION, true));
        String xml = Files.readString(biocDir.resolve("all.xml"));
        assertTrue(xml.contains("offset=\"20\" length=\"12\"") && xml.contains("<text>hypertension</text>"), xml);

        CollectionReader reader = CollectionReaderFactory.createReader(BioCReader.class,
                BioCReader.PARAM_SOURCE_LOCATION, biocDir.resolve("all.xml").toString(),
                BioCReader.PARAM_READ_NAMED_ENTITY, true);
        List<String> errors = new ArrayList<>();
        List<JCas> docs = readAll(reader, errors);
        assertEquals(List.of(), errors);
        assertEquals(2, docs.size());
        JCas first = docs.get(0);
        assertEquals("Naloxone reverses 𝛂 hypertension\nClonidine caused hypotension.", first.getDocumentText());
        assertEquals(List.of("Naloxone", "hypertension", "Clonidine", "hypotension"),
                JCasUtil.select(first, NamedEntity.class).stream().map(NamedEntity::getCoveredText).toList());
        // and back to PubTator: identical mention lines
        assertEquals(PUBTATOR.substring(0, PUBTATOR.indexOf("111\tCID")),
                PubTatorWriter.format(PubTatorWriter.toPubTator(first)));
    }

    @Test
    void malformedBioCNamesFileAndLine() throws Exception {
        Path in = Files.writeString(dir.resolve("broken.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <collection><source>x</source><date>d</date><key>k</key>
                <document><id>1</id><passage><offset>0</offset><text>ok</text></passage></document>
                <document><id>2</id><passage><offset>0</offset><text>broken</passage></document>
                </collection>
                """);
        CollectionReader reader = CollectionReaderFactory.createReader(BioCReader.class,
                BioCReader.PARAM_SOURCE_LOCATION, in.toString());
        List<String> errors = new ArrayList<>();
        List<JCas> docs = readAll(reader, errors);
        assertEquals(1, docs.size(), errors.toString());
        assertEquals("ok", docs.get(0).getDocumentText());
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).contains("broken.xml:4:") && errors.get(0).contains("malformed BioC XML"),
                errors.get(0));
    }

    @Test
    void jsonLinesHoldCodePointOffsets() throws Exception {
        JCas jcas = JCasFactory.createText("𝛂 fever and cough", "en");
        EntityAnnotations.addGold(jcas, 3, 8, "Disease", null);
        JsonObject o = new JsonParser().parse(JsonLinesWriter.toJsonLine(jcas, true)).getAsJsonObject();
        JsonObject e = o.getAsJsonArray("entities").get(0).getAsJsonObject();
        assertEquals(2, e.get("begin").getAsInt());
        assertEquals(7, e.get("end").getAsInt());
        assertEquals("Disease", e.get("type").getAsString());
        assertEquals("fever", e.get("text").getAsString());
        assertEquals(1.0, e.get("confidence").getAsDouble());
        assertEquals("gold", e.get("model").getAsString());
        assertEquals("𝛂 fever and cough", o.get("text").getAsString());
    }

    @Test
    void strictTextReaderRejectsBadUtf8AndBinaryNamingFileAndLine() throws Exception {
        Files.write(dir.resolve("a.txt"), "fine text\n".getBytes(StandardCharsets.UTF_8));
        Files.write(dir.resolve("b.txt"), new byte[] {'o', 'k', '\n', 'x', (byte) 0xC3, '(', '\n'});
        Files.write(dir.resolve("c.txt"), new byte[] {0, 1, 2, 3, 4, 5, 6, 7});
        Files.write(dir.resolve("d.txt"), "also fine".getBytes(StandardCharsets.UTF_8));
        CollectionReader reader = CollectionReaderFactory.createReader(StrictTextReader.class,
                StrictTextReader.PARAM_SOURCE_LOCATION, dir.toString(), StrictTextReader.PARAM_PATTERNS, "*.txt");
        List<String> errors = new ArrayList<>();
        List<JCas> docs = readAll(reader, errors);
        assertEquals(List.of("fine text\n", "also fine"), docs.stream().map(JCas::getDocumentText).toList());
        assertEquals(2, errors.size());
        assertTrue(errors.get(0).contains("b.txt:2:") && errors.get(0).contains("invalid UTF-8 byte 0xC3 at column 2"),
                errors.get(0));
        assertTrue(errors.get(1).contains("c.txt") && errors.get(1).contains("binary"), errors.get(1));
    }

    @Test
    void pubTatorWriterWritesFiles() throws Exception {
        Path in = Files.writeString(dir.resolve("corpus.pubtator"), PUBTATOR);
        Path out = dir.resolve("out.pubtator");
        SimplePipeline.runPipeline(
                createReaderDescription(PubTatorReader.class, PubTatorReader.PARAM_SOURCE_LOCATION, in.toString(),
                        PubTatorReader.PARAM_READ_NAMED_ENTITY, true),
                createEngineDescription(PubTatorWriter.class, PubTatorWriter.PARAM_TARGET_LOCATION, out.toString(),
                        PubTatorWriter.PARAM_SINGULAR_TARGET, true));
        String expected = PUBTATOR.replace("111\tCID\tD003000\tD007022\n", "") + "\n";
        assertEquals(expected, Files.readString(out));
    }
}
