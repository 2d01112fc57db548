package org.bioner.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.uima.UIMAFramework;
import org.apache.uima.analysis_engine.AnalysisEngineDescription;
import org.apache.uima.cas.impl.XmiCasDeserializer;
import org.apache.uima.jcas.JCas;
import org.apache.uima.resource.metadata.TypeSystemDescription;
import org.apache.uima.util.CasCreationUtils;
import org.apache.uima.util.XMLInputSource;
import org.bioner.io.DocumentIds;
import org.apache.uima.fit.factory.AnalysisEngineFactory;
import org.bioner.pipeline.BatchAnnotator;
import org.bioner.pipeline.BioNerPipeline;
import org.bioner.pipeline.OutputFormat;
import org.bioner.pipeline.RunSummary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The Spark job in local mode against {@code bioner annotate} (the core {@link BatchAnnotator}, JSON lines)
 * on the same documents, with the bundled models.
 */
class SparkAnnotateJobTest {

    static final Path DOCS = Path.of("src/test/resources/docs");

    static SparkSession spark;
    /** What bioner annotate writes for DOCS: one sorted line per mention. */
    static List<String> expected;
    /** The documents' texts by file name. */
    static Map<String, String> texts = new TreeMap<>();

    @TempDir
    static Path tmp;

    @BeforeAll
    static void setUp() throws Exception {
        // local[2,2]: two task slots, a failed task is retried once
        spark = SparkSession.builder().master("local[2,2]").appName("bioner-spark-test")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4").getOrCreate();
        Path out = tmp.resolve("annotate");
        RunSummary s = new BatchAnnotator(BioNerPipeline.createDefault(),
                new BatchAnnotator.Options(DOCS, out).outputFormat(OutputFormat.JSONL).progress(null, 0)).run();
        assertEquals(0, s.failures().size());
        expected = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve("annotations.jsonl"))) {
            JsonObject doc = new JsonParser().parse(line).getAsJsonObject();
            texts.put(doc.get("id").getAsString(), doc.get("text").getAsString());
            for (JsonElement e : doc.getAsJsonArray("entities")) {
                JsonObject m = e.getAsJsonObject();
                expected.add(mention(doc.get("id").getAsString(), m.get("begin").getAsInt(), m.get("end").getAsInt(),
                        m.get("type").getAsString(), m.get("text").getAsString(), m.get("confidence").getAsDouble(),
                        m.get("model").getAsString()));
            }
        }
        expected.sort(null);
        assertEquals(7, texts.size());
        assertTrue(expected.size() >= 7, "the bundled model finds diseases in the samples: " + expected);
    }

    @AfterAll
    static void tearDown() {
        if (spark != null) {
            spark.stop();
        }
    }

    static String mention(String doc, int begin, int end, String type, String text, double confidence, String model) {
        // confidence to 6 digits (compared to 1e-5 by assertMentions)
        return String.format(java.util.Locale.ROOT, "%s %d %d %s [%s] %.6f %s", doc, begin, end, type, text,
                confidence, model);
    }

    /**
     * The same mentions, with confidences equal to 1e-5: Spark's partitions pack other documents together
     * than a single bioner annotate run, and another batch composition changes float rounding in the network.
     */
    static void assertMentions(List<String> expected, List<String> actual) {
        java.util.regex.Pattern p = java.util.regex.Pattern.compile("^(.*\\]) (\\S+) (\\S+)$");
        assertEquals(expected.stream().map(m -> p.matcher(m).replaceAll("$1 $3")).toList(),
                actual.stream().map(m -> p.matcher(m).replaceAll("$1 $3")).toList());
        for (int i = 0; i < expected.size(); i++) {
            var e = p.matcher(expected.get(i));
            var a = p.matcher(actual.get(i));
            assertTrue(e.matches() && a.matches(), expected.get(i) + " / " + actual.get(i));
            assertEquals(Double.parseDouble(e.group(2)), Double.parseDouble(a.group(2)), 1e-5, actual.get(i));
        }
    }

    static SparkAnnotateJob job(Path in, String inputFormat, Path out, int partitions) {
        SparkAnnotateJob job = new SparkAnnotateJob();
        job.input = in.toString();
        job.inputFormat = inputFormat;
        job.output = out.toString();
        job.formats = List.of("parquet", "jsonl");
        job.partitions = partitions;
        return job;
    }

    static List<String> parquetMentions(Path out) {
        List<String> got = new ArrayList<>();
        for (Row r : spark.read().parquet(out.resolve("parquet/mentions").toString()).collectAsList()) {
            got.add(mention(r.getAs("doc_id"), r.<Integer>getAs("begin"), r.<Integer>getAs("end"), r.getAs("type"),
                    r.getAs("text"), r.<Double>getAs("confidence"), r.getAs("model")));
        }
        got.sort(null);
        return got;
    }

    static List<JsonObject> jsonl(Path dir) throws IOException {
        List<JsonObject> rows = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".jsonl")).sorted().toList()) {
                for (String line : Files.readAllLines(f)) {
                    rows.add(new JsonParser().parse(line).getAsJsonObject());
                }
            }
        }
        return rows;
    }

    static List<String> jsonlMentions(Path out) throws IOException {
        return jsonl(out.resolve("jsonl/mentions")).stream().map(m -> mention(m.get("doc_id").getAsString(),
                m.get("begin").getAsInt(), m.get("end").getAsInt(), m.get("type").getAsString(),
                m.get("text").getAsString(), m.get("confidence").getAsDouble(), m.get("model").getAsString()))
                .sorted().collect(Collectors.toList());
    }

    static List<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString())
                    .filter(p -> !p.contains("/.") && !p.startsWith(".")).sorted().toList();
        }
    }

    @Test
    void mentionsEqualBionerAnnotateAndReRunsSkipFinishedPartitions() throws Exception {
        Path out = tmp.resolve("txt-out");
        JobSummary first = job(DOCS, "txt", out, 3).run(spark);
        assertEquals(7, first.documents());
        assertEquals(0, first.failed());
        assertMentions(expected, parquetMentions(out));
        assertMentions(expected, jsonlMentions(out));
        assertTrue(jsonl(out.resolve("jsonl/errors")).isEmpty());
        List<String> layout = files(out);
        assertTrue(layout.containsAll(List.of("_SUCCESS", "_job.json", "_partitions/part-00000.done",
                "_partitions/part-00002.done", "parquet/mentions/part-00001.parquet", "jsonl/errors/part-00002.jsonl")),
                layout.toString());
        assertFalse(Files.exists(out.resolve("_temporary")));

        // same command again: every partition is marked done, nothing is read or annotated
        JobSummary again = job(DOCS, "txt", out, 3).run(spark);
        assertTrue(again.skippedWithoutReading());
        assertEquals(0, again.documents());
        assertMentions(expected, parquetMentions(out));

        // a partition lost (marker and files gone): only that partition is redone, the others are skipped
        Files.delete(out.resolve("_partitions/part-00001.done"));
        Files.delete(out.resolve("parquet/mentions/part-00001.parquet"));
        Files.delete(out.resolve("jsonl/mentions/part-00001.jsonl"));
        JobSummary resumed = job(DOCS, "txt", out, 3).run(spark);
        assertEquals(2, resumed.skippedPartitions());
        assertTrue(resumed.documents() > 0 && resumed.documents() < 7, resumed.toJson());
        assertMentions(expected, parquetMentions(out));
        assertMentions(expected, jsonlMentions(out));

        // partition ids only mean something for one partition count
        SparkAnnotateJob other = job(DOCS, "txt", out, 5);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> other.run(spark));
        assertTrue(e.getMessage().contains("3 partitions"), e.getMessage());

        // engines are built once per JVM and task slot, not per partition or run
        assertTrue(AnnotatorPool.created(PipelineConfig.defaults()) <= 2,
                "workers: " + AnnotatorPool.created(PipelineConfig.defaults()));
    }

    @Test
    void aRetriedPartitionDoesNotDuplicateOutput() throws Exception {
        Path out = tmp.resolve("retry-out");
        SparkAnnotateJob job = job(DOCS, "txt", out, 3);
        job.failFirstAttemptOf = 2; // dies after its files are in place, before its marker; Spark retries it
        java.util.concurrent.atomic.AtomicInteger failedTasks = new java.util.concurrent.atomic.AtomicInteger();
        org.apache.spark.scheduler.SparkListener listener = new org.apache.spark.scheduler.SparkListener() {
            @Override
            public void onTaskEnd(org.apache.spark.scheduler.SparkListenerTaskEnd end) {
                if (!(end.reason() instanceof org.apache.spark.Success$)) {
                    failedTasks.incrementAndGet();
                }
            }
        };
        spark.sparkContext().addSparkListener(listener);
        JobSummary s;
        try {
            s = job.run(spark);
        } finally {
            spark.sparkContext().listenerBus().waitUntilEmpty();
            spark.sparkContext().removeSparkListener(listener);
        }
        assertEquals(1, failedTasks.get(), "the injected failure happened once and was retried");
        assertEquals(0, s.skippedPartitions());
        assertEquals(7, s.documents());
        assertMentions(expected, parquetMentions(out));
        assertMentions(expected, jsonlMentions(out));
        assertFalse(Files.exists(out.resolve("_temporary")));
        assertTrue(Files.exists(out.resolve("_SUCCESS")));
    }

    @Test
    void brokenPubTatorRecordGoesToErrorsAndTheRestIsAnnotated() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("pubtator-in")).resolve("docs.pubtator");
        StringBuilder sb = new StringBuilder();
        int pmid = 1001;
        Map<String, String> idToFile = new TreeMap<>();
        for (Map.Entry<String, String> t : texts.entrySet()) {
            int dot = t.getValue().indexOf(". ");
            String title = t.getValue().substring(0, dot + 1);
            String abs = t.getValue().substring(dot + 2).strip();
            sb.append(pmid).append("|t|").append(title).append('\n').append(pmid).append("|a|").append(abs).append("\n\n");
            idToFile.put(String.valueOf(pmid), t.getKey());
            if (pmid == 1003) {
                sb.append("2000|t|A broken record\n2000|a|Its mention line has no offsets.\n2000\tx\ty\tflu\tDisease\n\n");
            }
            pmid++;
        }
        Files.writeString(in, sb.toString());
        Path out = tmp.resolve("pubtator-out");
        JobSummary s = job(in.getParent(), "pubtator", out, 2).run(spark);
        assertEquals(7, s.documents());
        assertEquals(1, s.failed());
        List<JsonObject> errors = jsonl(out.resolve("jsonl/errors"));
        assertEquals(1, errors.size());
        assertEquals("2000", errors.get(0).get("doc_id").getAsString());
        assertTrue(errors.get(0).get("reason").getAsString().contains("non-negative integers"), errors.toString());
        assertEquals(1, spark.read().parquet(out.resolve("parquet/errors").toString()).count());
        // every good record is annotated, with the diseases bioner annotate finds in the same text
        List<JsonObject> mentions = jsonl(out.resolve("jsonl/mentions"));
        for (String id : idToFile.keySet()) {
            String file = idToFile.get(id);
            List<String> want = expected.stream().filter(m -> m.startsWith(file + " "))
                    .map(m -> m.substring(m.indexOf('['), m.indexOf(']') + 1)).sorted().toList();
            List<String> got = mentions.stream().filter(m -> m.get("doc_id").getAsString().equals(id))
                    .map(m -> "[" + m.get("text").getAsString() + "]").sorted().toList();
            assertEquals(want.size(), got.size(), id + " " + want + " vs " + got);
        }
    }

    @Test
    void engineFailuresAndBadRowsGoToErrors(@TempDir Path dir) throws Exception {
        AnalysisEngineDescription failing = AnalysisEngineFactory.createEngineDescription(
                BioNerPipeline.createDefault(), AnalysisEngineFactory.createEngineDescription(FailOnMarkerAnnotator.class));
        Path descriptor = dir.resolve("failing.xml");
        try (OutputStream os = Files.newOutputStream(descriptor)) {
            failing.toXML(os);
        }
        Path in = dir.resolve("in.jsonl");
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> t : texts.entrySet()) {
            JsonObject o = new JsonObject();
            o.addProperty("id", t.getKey());
            o.addProperty("text", t.getValue());
            sb.append(o).append('\n');
        }
        sb.append("{\"id\":\"crash\",\"text\":\"Influenza. ").append(FailOnMarkerAnnotator.MARKER).append("\"}\n");
        sb.append("{\"id\":\"no-text\"}\n");
        sb.append("{\"id\": \"cut\", \"text\": \"unterminated\n");
        Files.writeString(in, sb.toString(), StandardCharsets.UTF_8);
        Path out = dir.resolve("out");
        SparkAnnotateJob job = job(in, "jsonl", out, 2);
        new picocli.CommandLine(job.pipeline).parseArgs("--pipeline", descriptor.toString());
        JobSummary s = job.run(spark);
        assertEquals(7, s.documents());
        assertEquals(3, s.failed());
        Map<String, String> reasons = new TreeMap<>();
        for (JsonObject e : jsonl(out.resolve("jsonl/errors"))) {
            reasons.put(e.get("doc_id").isJsonNull() ? "?" : e.get("doc_id").getAsString(), e.get("reason").getAsString());
        }
        assertEquals(List.of("?", "crash", "no-text"), new ArrayList<>(reasons.keySet()));
        assertTrue(reasons.get("crash").contains("engine failure on purpose"), reasons.toString());
        assertTrue(reasons.get("no-text").contains("no text"), reasons.toString());
        assertTrue(reasons.get("?").startsWith("malformed JSON line"), reasons.toString());
        // the good rows: the same mentions as bioner annotate (ids are the file names here too)
        assertMentions(expected, jsonlMentions(out));
    }

    @Test
    void xmiOutputReadsBack() throws Exception {
        Path out = tmp.resolve("xmi-out");
        SparkAnnotateJob job = job(DOCS, "txt", out, 2);
        job.formats = List.of("jsonl");
        job.writeXmi = true;
        job.run(spark);
        assertTrue(Files.exists(out.resolve("xmi/TypeSystem.xml")));
        List<String> xmi = files(out.resolve("xmi")).stream().filter(f -> f.endsWith(".xmi")).toList();
        assertEquals(texts.keySet().stream().map(f -> f + ".xmi").sorted().toList(), xmi);
        // each XMI file holds the document's entities: together exactly bioner annotate's mentions
        TypeSystemDescription ts = UIMAFramework.getXMLParser().parseTypeSystemDescription(
                new XMLInputSource(out.resolve("xmi/TypeSystem.xml").toFile()));
        JCas jcas = CasCreationUtils.createCas(ts, null, null).getJCas();
        List<String> got = new ArrayList<>();
        for (String f : xmi) {
            jcas.reset();
            try (InputStream is = Files.newInputStream(out.resolve("xmi").resolve(f))) {
                XmiCasDeserializer.deserialize(is, jcas.getCas());
            }
            for (Object[] m : PartitionAnnotator.mentions(jcas, DocumentIds.of(jcas, "?"))) {
                got.add(mention((String) m[0], (Integer) m[1], (Integer) m[2], (String) m[3], (String) m[4],
                        (Double) m[5], (String) m[6]));
            }
        }
        got.sort(null);
        assertMentions(expected, got);
    }
}
