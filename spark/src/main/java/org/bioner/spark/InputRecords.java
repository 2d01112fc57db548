package org.bioner.spark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;
import org.apache.spark.api.java.JavaNewHadoopRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.bioner.pipeline.InputFormat;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * Turns a collection into one table of input records, whatever its format: {@code doc_id, source, kind,
 * text, bytes, error}. Records are only split and carried here (on the driver's plan); parsing happens in the
 * partitions ({@link DocumentLoader}), so a bad record fails alone. {@code doc_id} is the partitioning key:
 * the file path relative to the input directory for text and XMI files (what {@code bioner annotate} uses),
 * the PMID for PubTator, the {@code id} column for tables.
 */
final class InputRecords {

    static final String DOC_ID = "doc_id";
    static final String SOURCE = "source";
    static final String KIND = "kind";
    static final String TEXT = "text";
    static final String BYTES = "bytes";
    static final String ERROR = "error";

    static final String KIND_TXT = "txt";
    static final String KIND_XMI = "xmi";
    static final String KIND_PUBTATOR = "pubtator";
    static final String KIND_TEXT = "text";

    static final StructType SCHEMA = new StructType()
            .add(DOC_ID, DataTypes.StringType, true)
            .add(SOURCE, DataTypes.StringType, true)
            .add(KIND, DataTypes.StringType, false)
            .add(TEXT, DataTypes.StringType, true)
            .add(BYTES, DataTypes.BinaryType, true)
            .add(ERROR, DataTypes.StringType, true);

    /** Collection formats the job reads. */
    enum Format {
        TXT, XMI, PUBTATOR, PARQUET, JSONL;

        static Format parse(String s) {
            return valueOf(s.toUpperCase(Locale.ROOT));
        }
    }

    private InputRecords() {
    }

    static Dataset<Row> read(SparkSession spark, String input, Format format) throws IOException {
        return switch (format) {
            case TXT -> files(spark, input, InputFormat.TXT, KIND_TXT);
            case XMI -> files(spark, input, InputFormat.XMI, KIND_XMI);
            case PUBTATOR -> pubTator(spark, input);
            case PARQUET -> table(spark.read().parquet(input));
            case JSONL -> jsonLines(spark, input);
        };
    }

    /** One record per file, read whole (text and XMI documents). */
    private static Dataset<Row> files(SparkSession spark, String input, InputFormat format, String kind)
            throws IOException {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        List<String> paths = list(spark.sparkContext().hadoopConfiguration(), input, format);
        if (paths.isEmpty()) {
            return spark.createDataFrame(new ArrayList<Row>(), SCHEMA);
        }
        String root = qualifiedRoot(spark.sparkContext().hadoopConfiguration(), input);
        JavaRDD<Row> rows = jsc.binaryFiles(String.join(",", paths)).map(f -> {
            String path = f._1();
            String id = path.startsWith(root) ? path.substring(root.length()) : new Path(path).getName();
            try {
                return RowFactory.create(id, path, kind, null, f._2().toArray(), null);
            } catch (Exception e) {
                return RowFactory.create(id, path, kind, null, null, "unreadable file: " + e);
            }
        });
        return spark.createDataFrame(rows, SCHEMA);
    }

    /** PubTator: records split at blank lines by Hadoop's line reader, so large files are split across tasks. */
    private static Dataset<Row> pubTator(SparkSession spark, String input) throws IOException {
        Configuration conf = new Configuration(spark.sparkContext().hadoopConfiguration());
        List<String> paths = list(conf, input, InputFormat.PUBTATOR);
        if (paths.isEmpty()) {
            return spark.createDataFrame(new ArrayList<Row>(), SCHEMA);
        }
        conf.set("textinputformat.record.delimiter", "\n\n");
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        JavaNewHadoopRDD<LongWritable, Text> raw = (JavaNewHadoopRDD<LongWritable, Text>) jsc.newAPIHadoopFile(
                String.join(",", paths), TextInputFormat.class, LongWritable.class, Text.class, conf);
        JavaRDD<Row> rows = raw.mapPartitionsWithInputSplit((split, it) -> {
            String file = ((FileSplit) split).getPath().toString();
            List<Row> out = new ArrayList<>();
            while (it.hasNext()) {
                var kv = it.next();
                byte[] bytes = kv._2().copyBytes();
                String source = file + " (byte " + kv._1().get() + ")";
                String id = pmid(bytes);
                if (id == null) {
                    continue; // blank record between documents
                }
                out.add(RowFactory.create(id, source, KIND_PUBTATOR, null, bytes, null));
            }
            return out.iterator();
        }, false);
        return spark.createDataFrame(rows, SCHEMA);
    }

    /** The id before the first '|' of the first non-blank line; the whole first line if it has none; null if blank. */
    static String pmid(byte[] bytes) {
        String s = new String(bytes, java.nio.charset.StandardCharsets.UTF_8).strip();
        if (s.isEmpty()) {
            return null;
        }
        int nl = s.indexOf('\n');
        String first = nl < 0 ? s : s.substring(0, nl);
        int bar = first.indexOf('|');
        return (bar < 0 ? first : first.substring(0, bar)).strip();
    }

    /** A table with {@code id} and {@code text} columns (other columns are ignored). */
    private static Dataset<Row> table(Dataset<Row> t) {
        for (String c : List.of("id", "text")) {
            if (!List.of(t.columns()).contains(c)) {
                throw new IllegalArgumentException("the input table has no '" + c + "' column: " + List.of(t.columns()));
            }
        }
        return t.select(col("id").cast("string").as(DOC_ID), col("id").cast("string").as(SOURCE),
                lit(KIND_TEXT).as(KIND), col("text").cast("string").as(TEXT),
                lit(null).cast("binary").as(BYTES), lit(null).cast("string").as(ERROR));
    }

    /** JSON lines with {@code id} and {@code text}; a malformed line becomes an error record, not a job failure. */
    private static Dataset<Row> jsonLines(SparkSession spark, String input) {
        StructType schema = new StructType().add("id", DataTypes.StringType).add("text", DataTypes.StringType)
                .add("_corrupt_record", DataTypes.StringType);
        Dataset<Row> t = spark.read().schema(schema).option("mode", "PERMISSIVE")
                .option("columnNameOfCorruptRecord", "_corrupt_record").json(input);
        return t.select(col("id").as(DOC_ID), col("id").as(SOURCE), lit(KIND_TEXT).as(KIND), col("text").as(TEXT),
                lit(null).cast("binary").as(BYTES),
                org.apache.spark.sql.functions.when(col("_corrupt_record").isNotNull(),
                        org.apache.spark.sql.functions.concat(lit("malformed JSON line: "),
                                org.apache.spark.sql.functions.substring(col("_corrupt_record"), 1, 200)))
                        .as(ERROR));
    }

    /** Files of the format under the input (a file, or a directory searched recursively), sorted. */
    static List<String> list(Configuration conf, String input, InputFormat format) throws IOException {
        Path p = new Path(input);
        FileSystem fs = p.getFileSystem(conf);
        List<String> out = new ArrayList<>();
        if (fs.getFileStatus(p).isFile()) {
            out.add(fs.makeQualified(p).toString());
            return out;
        }
        RemoteIterator<LocatedFileStatus> it = fs.listFiles(p, true);
        while (it.hasNext()) {
            Path f = it.next().getPath();
            String rel = f.toUri().getPath().substring(fs.makeQualified(p).toUri().getPath().length());
            boolean hidden = rel.contains("/.") || rel.contains("/_") || rel.startsWith(".") || rel.startsWith("_");
            if (!hidden && format.matches(java.nio.file.Path.of(f.getName()))) {
                out.add(f.toString());
            }
        }
        out.sort(null);
        return out;
    }

    private static String qualifiedRoot(Configuration conf, String input) throws IOException {
        Path p = new Path(input);
        FileSystem fs = p.getFileSystem(conf);
        String q = fs.makeQualified(p).toString();
        if (fs.getFileStatus(p).isFile()) {
            q = fs.makeQualified(p.getParent()).toString();
        }
        return q.endsWith("/") ? q : q + "/";
    }
}
