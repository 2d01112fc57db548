package org.bioner.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.apache.uima.fit.factory.JCasFactory;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.apache.uima.fit.util.JCasUtil;
import org.apache.uima.jcas.JCas;
import org.apache.uima.util.CasIOUtils;
import org.apache.uima.cas.impl.XmiCasSerializer;
import de.tudarmstadt.ukp.dkpro.core.api.metadata.type.DocumentMetaData;
import org.bioner.types.Disease;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BatchAnnotatorTest {

    @TempDir
    Path dir;

    @BeforeEach
    void reset() {
        DictionaryDiseaseTagger.PROCESSED.set(0);
        DictionaryDiseaseTagger.LONGEST_TEXT.set(0);
    }

    private RunSummary run(BatchAnnotator.Options options) throws Exception {
        return new BatchAnnotator(StandIn.pipeline(), options.progress(null, 1000)).run();
    }

    private static JCas readXmi(Path file) throws Exception {
        JCas jcas = JCasFactory.createJCas();
        try (var in = Files.newInputStream(file)) {
            CasIOUtils.load(in, jcas.getCas());
        }
        return jcas;
    }

    private static List<String> diseases(JCas jcas) {
        return JCasUtil.select(jcas, Disease.class).stream().map(Disease::getCoveredText).toList();
    }

    @Test
    void badDocumentsAreReportedAndSkippedWhileAllOthersAreWritten() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.writeString(in.resolve("a-good.txt"), "The patient had fever and a cough.");
        Files.writeString(in.resolve("b-empty.txt"), "");
        byte[] garbage = new byte[4096];
        new Random(7).nextBytes(garbage);
        Files.write(in.resolve("c-binary.txt"), garbage);
        Files.write(in.resolve("d-latin1.txt"), "Caf\u00e9 fever".getBytes(StandardCharsets.ISO_8859_1));
        StringBuilder longSentence = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            longSentence.append(i % 1000 == 0 ? "fever " : "word ");
        }
        Files.writeString(in.resolve("e-long-sentence.txt"), longSentence.toString().strip() + ".");
        String exotic = "Ӂ𝛂 发烧 fever 😷 ﬁ e\u0301 \u200b\u202e cough \uFFFF?";
        Files.writeString(in.resolve("f-exotic.txt"), exotic);
        Files.writeString(in.resolve("g-crash.txt"), "fever CRASH_THE_TAGGER");
        Path out = dir.resolve("out");

        RunSummary s = run(new BatchAnnotator.Options(in, out));

        assertEquals(3, s.failures().size(), s.failures().toString());
        assertEquals(4, s.documents());
        assertTrue(s.failures().get(0).source().equals("c-binary.txt") && s.failures().get(0).reason().contains("c-binary.txt:")
                && (s.failures().get(0).reason().contains("binary") || s.failures().get(0).reason().contains("invalid UTF-8")),
                s.failures().get(0).toString());
        assertTrue(s.failures().get(1).reason().contains("d-latin1.txt:1: invalid UTF-8 byte 0xE9 at column 4"),
                s.failures().get(1).toString());
        assertTrue(s.failures().get(2).source().equals("g-crash.txt")
                && s.failures().get(2).reason().contains("crashed on purpose"), s.failures().get(2).toString());

        assertEquals(List.of("fever", "cough"), diseases(readXmi(out.resolve("a-good.xmi"))));
        assertEquals("", readXmi(out.resolve("b-empty.xmi")).getDocumentText());
        JCas longDoc = readXmi(out.resolve("e-long-sentence.xmi"));
        assertEquals(10, diseases(longDoc).size());
        JCas ex = readXmi(out.resolve("f-exotic.xmi"));
        // U+FFFF cannot be written in XML: the XMI writer replaces it one for one, all else is kept
        assertEquals(exotic.substring(0, exotic.indexOf('\uFFFF')),
                ex.getDocumentText().substring(0, exotic.indexOf('\uFFFF')));
        assertEquals(exotic.length(), ex.getDocumentText().length());
        assertEquals(List.of("fever", "cough"), diseases(ex));
        assertFalse(Files.exists(out.resolve("c-binary.xmi")));
        assertFalse(Files.exists(out.resolve("g-crash.xmi")));
        assertTrue(Files.exists(out.resolve("TypeSystem.xml")));
        assertEquals(14, s.entities().get("Disease"));
    }

    @Test
    void fiveMegabyteDocumentIsProcessedInBoundedChunksWithCorrectOffsets() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        StringBuilder sb = new StringBuilder();
        int sentences = 0;
        while (sb.length() < 5_000_000) {
            sb.append("Sentence ").append(sentences).append(" mentions fever in a patient with no cough history. ");
            if (++sentences % 7 == 0) {
                sb.append('\n');
            }
        }
        Files.writeString(in.resolve("big.txt"), sb);
        Path out = dir.resolve("out");
        // JSON lines output: an XMI of 1M tokens would make the test about XMI speed
        RunSummary s = run(new BatchAnnotator.Options(in, out).maxChunkChars(20_000).outputFormat(OutputFormat.JSONL));
        assertEquals(List.of(), s.failures());
        assertEquals(1, s.documents());
        assertTrue(DictionaryDiseaseTagger.LONGEST_TEXT.get() <= 20_000, "engine saw " + DictionaryDiseaseTagger.LONGEST_TEXT);
        assertTrue(DictionaryDiseaseTagger.PROCESSED.get() >= 250);
        JsonObject doc = new JsonParser().parse(Files.readString(out.resolve("annotations.jsonl"))).getAsJsonObject();
        String text = doc.get("text").getAsString();
        assertEquals(sb.toString(), text);
        JsonArray entities = doc.getAsJsonArray("entities");
        assertEquals(2 * sentences, entities.size());
        int previous = -1;
        for (var e : entities) {
            JsonObject o = e.getAsJsonObject();
            int begin = o.get("begin").getAsInt();
            String covered = text.substring(begin, o.get("end").getAsInt());
            assertTrue(covered.equals("fever") || covered.equals("cough"), covered + " at " + begin);
            assertTrue(begin > previous);
            previous = begin;
        }
        assertEquals((long) 2 * sentences, s.entities().get("Disease"));
        assertTrue(s.sentences() >= sentences, "sentences " + s.sentences());
    }

    @ParameterizedTest(name = "pack chars {0}")
    @ValueSource(ints = {0, DocumentAnnotator.DEFAULT_MAX_PACK_CHARS})
    void killedRunResumesWithoutRedoingOrLosingDocuments(int packChars) throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        for (int i = 0; i < 6; i++) {
            Files.writeString(in.resolve("doc" + i + ".txt"), "Document " + i + " reports fever.");
        }
        Path out = dir.resolve("out");
        // engine calls: one per document, or one per pack (all documents of a run fit one pack)
        RunSummary first = run(new BatchAnnotator.Options(in, out).maxPackChars(packChars).stopAfter(3));
        assertEquals(3, first.documents());
        assertEquals(packChars == 0 ? 3 : 1, DictionaryDiseaseTagger.PROCESSED.get());

        DictionaryDiseaseTagger.PROCESSED.set(0);
        RunSummary second = run(new BatchAnnotator.Options(in, out).maxPackChars(packChars).resume(true));
        assertEquals(3, second.documents());
        assertEquals(3, second.resumed());
        assertEquals(packChars == 0 ? 3 : 1, DictionaryDiseaseTagger.PROCESSED.get());
        for (int i = 0; i < 6; i++) {
            JCas doc = readXmi(out.resolve("doc" + i + ".xmi"));
            assertEquals("Document " + i + " reports fever.", doc.getDocumentText());
            assertEquals(List.of("fever"), diseases(doc));
        }

        // a kill between writing an output and journaling it: that one document is redone, nothing else
        Path journal = out.resolve(".bioner/journal.tsv");
        List<String> lines = new ArrayList<>(Files.readAllLines(journal));
        lines.removeIf(l -> l.equals("file\tdoc5.txt") || l.equals("doc\tdoc5.txt"));
        Files.write(journal, lines);
        DictionaryDiseaseTagger.PROCESSED.set(0);
        RunSummary third = run(new BatchAnnotator.Options(in, out).maxPackChars(packChars).resume(true));
        assertEquals(1, third.documents());
        assertEquals(1, DictionaryDiseaseTagger.PROCESSED.get());
        assertEquals(List.of("fever"), diseases(readXmi(out.resolve("doc5.xmi"))));
    }

    @ParameterizedTest(name = "pack chars {0}")
    @ValueSource(ints = {0, DocumentAnnotator.DEFAULT_MAX_PACK_CHARS})
    void collectionOutputResumesIntoOneCompleteOrderedFile(int packChars) throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        StringBuilder pubtator = new StringBuilder();
        for (int i = 1; i <= 5; i++) {
            pubtator.append(i).append("|t|Title ").append(i).append('\n')
                    .append(i).append("|a|Fever in case ").append(i).append(".\n\n");
        }
        pubtator.append("6|t|Broken\n6\tx\t1\tB\tDisease\n\n7|t|Last one with cough\n\n");
        Files.writeString(in.resolve("corpus.pubtator"), pubtator);
        Path out = dir.resolve("out");

        run(new BatchAnnotator.Options(in, out).outputFormat(OutputFormat.PUBTATOR).maxPackChars(packChars).stopAfter(2));
        assertFalse(Files.exists(out.resolve("corpus.pubtator")), "no partial collection file after a kill");
        DictionaryDiseaseTagger.PROCESSED.set(0);
        RunSummary s = run(new BatchAnnotator.Options(in, out).outputFormat(OutputFormat.PUBTATOR)
                .maxPackChars(packChars).resume(true));
        assertEquals(4, s.documents());
        assertEquals(packChars == 0 ? 4 : 1, DictionaryDiseaseTagger.PROCESSED.get());
        assertEquals(1, s.failures().size());
        assertTrue(s.failures().get(0).reason().contains("corpus.pubtator:17:"), s.failures().toString());

        String written = Files.readString(out.resolve("corpus.pubtator"));
        StringBuilder expected = new StringBuilder();
        for (int i = 1; i <= 5; i++) {
            int len = ("Title " + i).length();
            expected.append(i).append("|t|Title ").append(i).append('\n')
                    .append(i).append("|a|Fever in case ").append(i).append(".\n")
                    .append(i).append('\t').append(len + 1).append('\t').append(len + 6).append("\tFever\tDisease\n\n");
        }
        expected.append("7|t|Last one with cough\n7\t14\t19\tcough\tDisease\n\n");
        assertEquals(expected.toString(), written);
    }

    @Test
    void packedRunWritesExactlyWhatOneDocumentAtATimeWrites() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        for (int i = 0; i < 12; i++) {
            Files.writeString(in.resolve("doc" + (char) ('a' + i) + ".txt"), i % 4 == 0 ? ""
                    : "Case " + i + " had " + "no cough, ".repeat(i) + "then fever.\nA second line with diabetes");
        }
        Files.writeString(in.resolve("docx-crash.txt"), "Fever and CRASH_THE_TAGGER here.");
        Files.write(in.resolve("docy-binary.txt"), new byte[] {(byte) 0xFF, 'x'});
        Files.writeString(in.resolve("docz-long.txt"), "A long one with fever. ".repeat(200)); // > chunk size
        StringBuilder pubtator = new StringBuilder();
        for (int i = 1; i <= 9; i++) {
            pubtator.append(i).append("|t|Title ").append(i).append(" on cough\n").append(i).append("|a|Fever in case ")
                    .append(i).append(i == 5 ? " CRASH_THE_TAGGER" : "").append(".\n\n");
        }
        Files.writeString(in.resolve("corpus.pubtator"), pubtator);

        List<String> outputs = new ArrayList<>();
        List<Integer> engineCalls = new ArrayList<>();
        for (int packChars : new int[] {0, 600}) {
            Path out = dir.resolve("out" + packChars);
            DictionaryDiseaseTagger.PROCESSED.set(0);
            RunSummary s = run(new BatchAnnotator.Options(in, out).outputFormat(OutputFormat.JSONL)
                    .maxChunkChars(1000).maxPackChars(packChars));
            engineCalls.add(DictionaryDiseaseTagger.PROCESSED.get());
            assertEquals(List.of("corpus.pubtator (document 5)", "docx-crash.txt", "docy-binary.txt"),
                    s.failures().stream().map(RunSummary.Failure::source).sorted().toList());
            assertEquals(12 + 1 + 8, s.documents());
            outputs.add(Files.readString(out.resolve("annotations.jsonl")) + Files.readString(out.resolve("corpus.jsonl")));
        }
        assertEquals(outputs.get(0), outputs.get(1));
        assertTrue(outputs.get(0).contains("\"text\":\"diabetes\""), outputs.get(0));
        // packs take fewer engine calls than documents, although the two that hold a crashing document are redone
        assertTrue(engineCalls.get(1) < engineCalls.get(0), engineCalls.toString());
    }

    @Test
    void pubTatorInputToJsonLinesBioCAndConll() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.writeString(in.resolve("c.pubtator"), "1|t|Fever 𝛂\n1|a|and cough.\n\n2|t|Nothing here\n\n");
        RunSummary s = run(new BatchAnnotator.Options(in, dir.resolve("jsonl")).outputFormat(OutputFormat.JSONL));
        assertEquals(2, s.documents());
        List<String> lines = Files.readAllLines(dir.resolve("jsonl/c.jsonl"));
        assertEquals(2, lines.size());
        assertTrue(lines.get(0).contains("\"begin\":12,\"end\":17,\"type\":\"Disease\",\"text\":\"cough\""), lines.get(0));

        run(new BatchAnnotator.Options(in, dir.resolve("bioc")).outputFormat(OutputFormat.BIOC));
        String xml = Files.readString(dir.resolve("bioc/c.bioc.xml"));
        assertEquals(2, xml.split("<document>", -1).length - 1);
        assertTrue(xml.contains("offset=\"12\" length=\"5\""), xml);

        run(new BatchAnnotator.Options(in, dir.resolve("conll")).outputFormat(OutputFormat.CONLL));
        String conll = Files.readString(dir.resolve("conll/c/1.conll"));
        assertTrue(conll.contains("Fever\tB-Disease") || conll.matches("(?s).*Fever\\s+\\S*\\s*B-Disease.*"), conll);
    }

    @Test
    void malformedXmiIsReportedWithFileAndLine() throws Exception {
        Path in = Files.createDirectories(dir.resolve("xmi"));
        JCas original = JCasFactory.createText("fever", "en");
        DocumentMetaData.create(original).setDocumentId("ok");
        Disease gold = new Disease(original, 0, 5);
        gold.setModel("gold");
        gold.addToIndexes();
        try (var os = Files.newOutputStream(in.resolve("ok.xmi"))) {
            XmiCasSerializer.serialize(original.getCas(), os);
        }
        // a truncated XMI file, as a killed writer leaves it
        String xmi = Files.readString(in.resolve("ok.xmi"));
        Files.writeString(in.resolve("broken.xmi"), xmi.substring(0, xmi.length() / 2));
        RunSummary s = run(new BatchAnnotator.Options(in, dir.resolve("again")));
        assertEquals(1, s.documents());
        assertEquals(1, s.failures().size());
        assertEquals("broken.xmi", s.failures().get(0).source());
        assertTrue(s.failures().get(0).reason().matches("malformed XML at line \\d+, column \\d+: .*"),
                s.failures().get(0).reason());
        // the good one kept the annotation it came with and got the new one
        assertEquals(List.of("gold", "stand-in"), JCasUtil.select(readXmi(dir.resolve("again/ok.xmi")), Disease.class)
                .stream().map(Disease::getModel).sorted().toList());
    }
}
