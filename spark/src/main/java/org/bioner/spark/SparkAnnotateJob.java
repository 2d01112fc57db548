package org.bioner.spark;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.uima.resource.metadata.TypeSystemDescription;
import org.bioner.cli.PipelineOptions;
import org.bioner.pipeline.DocumentAnnotator;
import org.bioner.pipeline.PipelineSpec;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Runs the BioNER aggregate of {@code bioner annotate} over a document collection on Spark and writes entity
 * mentions ({@code doc_id, begin, end, type, text, confidence, model}) as Parquet and/or JSON lines, an errors
 * table ({@code doc_id, source, reason}) and optionally one XMI file per document. See docs/SPARK.md.
 *
 * <p>Documents are hash-partitioned by id into a fixed number of partitions (recorded in {@code _job.json} on
 * the first run), so the same input always gives the same partitions: each partition's output is committed
 * under its partition id with a marker ({@link PartitionFiles}), and a re-run skips marked partitions.
 */
@Command(name = "bioner-spark-annotate", mixinStandardHelpOptions = true,
        description = {"Annotates a document collection with the BioNER aggregate on Apache Spark.",
                "A bad document goes to the errors table and never fails the job.",
                "A re-run into the same --out skips the partitions that are done.",
                "Exit status: 0 all annotated, 3 some documents failed."})
public final class SparkAnnotateJob implements Callable<Integer> {

    static final String MANIFEST = "_job.json";
    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().setPrettyPrinting().create();

    @Option(names = "--in", required = true, paramLabel = "PATH",
            description = "Input file or directory (any Hadoop file system URI).")
    String input;

    @Option(names = "--input-format", defaultValue = "txt", paramLabel = "FORMAT",
            description = "txt (one document per file), xmi, pubtator, parquet or jsonl (tables with id and text columns). Default ${DEFAULT-VALUE}.")
    String inputFormat;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    String output;

    @Option(names = "--format", defaultValue = "parquet", split = ",", paramLabel = "FORMAT",
            description = "Table formats: parquet, jsonl or both (comma-separated). Default ${DEFAULT-VALUE}.")
    List<String> formats;

    @Option(names = "--xmi", description = "Also write one XMI file per document (out/xmi/).")
    boolean writeXmi;

    @Option(names = "--partitions", paramLabel = "N",
            description = "Number of partitions (default: 4 x the default parallelism on the first run, then what _job.json recorded).")
    Integer partitions;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master (default: what spark-submit gives).")
    String master;

    /** The same engine options as {@code bioner annotate}; locations must be readable on every executor. */
    @Mixin
    PipelineOptions pipeline = new PipelineOptions();

    @Option(names = "--chunk-chars", defaultValue = "20000",
            description = "Longer documents are processed in chunks of at most this many characters (default ${DEFAULT-VALUE}).")
    int chunkChars = DocumentAnnotator.DEFAULT_MAX_CHUNK_CHARS;

    @Option(names = "--pack-chars", paramLabel = "N",
            description = {"Short documents are annotated in packs of at most N characters, so the LMs see large batches",
                    "(default 60000 for the BioNER aggregate; 0, one at a time, with --pipeline)."})
    Integer packChars;

    /** Test hook: the first attempt of this partition dies after committing its files, before its marker. */
    int failFirstAttemptOf = -1;

    public static void main(String[] args) {
        System.exit(new CommandLine(new SparkAnnotateJob()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        SparkSession.Builder b = SparkSession.builder().appName("bioner-annotate");
        if (master != null) {
            b.master(master);
        }
        SparkSession spark = b.getOrCreate();
        try {
            JobSummary summary = run(spark);
            System.out.println(summary.toJson());
            return summary.failed() == 0 ? 0 : 3;
        } finally {
            spark.stop();
        }
    }

    PipelineConfig pipelineConfig() {
        PipelineSpec spec = pipeline.spec();
        return new PipelineConfig(spec, chunkChars, packChars != null ? packChars : spec.defaultPackChars());
    }

    Set<OutputFormat> outputFormats() {
        Set<OutputFormat> set = EnumSet.noneOf(OutputFormat.class);
        for (String f : formats) {
            set.add(OutputFormat.valueOf(f.strip().toUpperCase(Locale.ROOT)));
        }
        return set;
    }

    /** Runs the job in the given session. */
    public JobSummary run(SparkSession spark) throws Exception {
        long start = System.nanoTime();
        long cpuStart = processCpuNanos();
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        Path root = new Path(output);
        FileSystem fs = PartitionFiles.unchecked(root.getFileSystem(conf));
        PipelineConfig pipeline = pipelineConfig();
        int n = agreeOnManifest(fs, root, pipeline, spark.sparkContext().defaultParallelism());
        if (allDone(fs, root, n)) {
            return new JobSummary(n, n, 0, 0, 0, 0, (System.nanoTime() - start) / 1e9, 0, 0, true);
        }
        if (writeXmi) {
            writeTypeSystem(fs, new Path(root, "xmi/TypeSystem.xml"), pipeline);
        }
        Dataset<Row> records = InputRecords.read(spark, input, InputRecords.Format.parse(inputFormat))
                // same input, same partitions: a stable hash of the id, then a fixed order inside each partition
                .repartition(n, col(InputRecords.DOC_ID))
                .sortWithinPartitions(InputRecords.DOC_ID, InputRecords.SOURCE);
        JavaRDD<Row> rdd = records.javaRDD();
        if (rdd.getNumPartitions() != n) {
            throw new IllegalStateException("Spark planned " + rdd.getNumPartitions() + " partitions instead of " + n
                    + " (adaptive coalescing?); partition ids would not be stable");
        }
        PartitionAnnotator.Settings settings = new PartitionAnnotator.Settings(root.toString(), outputFormats(),
                writeXmi, pipeline, new HadoopConf(new Configuration(conf)), failFirstAttemptOf);
        List<PartitionResult> results = rdd.mapPartitionsWithIndex(new PartitionAnnotator(settings), false).collect();
        fs.delete(new Path(root, PartitionFiles.TEMP_DIR), true);
        if (allDone(fs, root, n)) {
            fs.create(new Path(root, "_SUCCESS"), true).close();
        }
        return JobSummary.of(n, results, (System.nanoTime() - start) / 1e9, (processCpuNanos() - cpuStart) / 1e9);
    }

    /**
     * The partition count: the one recorded by an earlier run into this output (a different --partitions or
     * pipeline would make its partitions meaningless, so that is refused), else --partitions or a default.
     */
    private int agreeOnManifest(FileSystem fs, Path root, PipelineConfig pipeline, int parallelism) throws IOException {
        Path manifest = new Path(root, MANIFEST);
        String config = GSON.toJson(pipeline);
        if (fs.exists(manifest)) {
            JsonObject m;
            try (InputStream in = fs.open(manifest)) {
                m = GSON.fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8), JsonObject.class);
            }
            int recorded = m.get("partitions").getAsInt();
            if (partitions != null && partitions != recorded) {
                throw new IllegalArgumentException(root + " was written with " + recorded + " partitions; use --partitions "
                        + recorded + " or another --out");
            }
            if (!m.get("pipeline").toString().equals(GSON.toJsonTree(pipeline).toString())
                    || !m.get("input").getAsString().equals(input) || !m.get("input_format").getAsString().equals(inputFormat)) {
                throw new IllegalArgumentException(root + " holds the output of another input or pipeline ("
                        + manifest + "); use another --out");
            }
            return recorded;
        }
        int n = partitions != null ? partitions : Math.max(1, 4 * parallelism);
        if (n < 1) {
            throw new IllegalArgumentException("--partitions must be at least 1");
        }
        JsonObject m = new JsonObject();
        m.addProperty("partitions", n);
        m.addProperty("input", input);
        m.addProperty("input_format", inputFormat);
        m.add("pipeline", GSON.fromJson(config, JsonObject.class));
        fs.mkdirs(root);
        Path temp = new Path(root, MANIFEST + ".tmp");
        try (OutputStream out = fs.create(temp, true)) {
            out.write(GSON.toJson(m).getBytes(StandardCharsets.UTF_8));
        }
        if (!fs.rename(temp, manifest)) {
            throw new IOException("could not write " + manifest);
        }
        return n;
    }

    private static long processCpuNanos() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : 0;
    }

    private static boolean allDone(FileSystem fs, Path root, int n) throws IOException {
        for (int i = 0; i < n; i++) {
            if (!fs.exists(PartitionFiles.marker(root, i))) {
                return false;
            }
        }
        return true;
    }

    private static void writeTypeSystem(FileSystem fs, Path file, PipelineConfig pipeline) throws Exception {
        TypeSystemDescription ts = AnnotatorPool.typeSystem(pipeline.description());
        try (OutputStream out = fs.create(file, true)) {
            ts.toXML(out);
        }
    }
}
