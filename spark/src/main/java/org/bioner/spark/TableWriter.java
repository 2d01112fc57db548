package org.bioner.spark;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;

/** Writes the rows of one {@link Table} to one file, in Parquet or JSON lines. */
abstract class TableWriter implements Closeable {

    final Table table;

    TableWriter(Table table) {
        this.table = table;
    }

    /** Writes one row; values in column order, null only for nullable columns. */
    abstract void write(Object... values) throws IOException;

    static TableWriter open(OutputFormat format, Table table, FileSystem fs, Path file, Configuration conf)
            throws IOException {
        return switch (format) {
            case PARQUET -> new Parquet(table, file, conf);
            case JSONL -> new JsonLines(table, fs, file);
        };
    }

    static final class JsonLines extends TableWriter {
        private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().serializeNulls().create();
        private final BufferedWriter out;

        JsonLines(Table table, FileSystem fs, Path file) throws IOException {
            super(table);
            out = new BufferedWriter(new OutputStreamWriter(fs.create(file, true), StandardCharsets.UTF_8));
        }

        @Override
        void write(Object... values) throws IOException {
            JsonObject o = new JsonObject();
            for (int i = 0; i < values.length; i++) {
                String name = table.columns.get(i).name();
                Object v = values[i];
                if (v == null) {
                    o.add(name, null);
                } else if (v instanceof Number n) {
                    o.addProperty(name, n);
                } else {
                    o.addProperty(name, v.toString());
                }
            }
            out.write(GSON.toJson(o));
            out.write('\n');
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    static final class Parquet extends TableWriter {
        private final ParquetWriter<Group> out;
        private final SimpleGroupFactory groups;

        Parquet(Table table, Path file, Configuration conf) throws IOException {
            super(table);
            groups = new SimpleGroupFactory(table.parquetSchema());
            out = ExampleParquetWriter.builder(HadoopOutputFile.fromPath(file, conf))
                    .withConf(conf).withType(table.parquetSchema())
                    .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                    .withCompressionCodec(CompressionCodecName.SNAPPY).build();
        }

        @Override
        void write(Object... values) throws IOException {
            Group g = groups.newGroup();
            for (int i = 0; i < values.length; i++) {
                Object v = values[i];
                if (v == null) {
                    continue; // optional column left empty
                }
                String name = table.columns.get(i).name();
                switch (table.columns.get(i).kind()) {
                    case STRING -> g.append(name, v.toString());
                    case INT -> g.append(name, ((Number) v).intValue());
                    case DOUBLE -> g.append(name, ((Number) v).doubleValue());
                }
            }
            out.write(g);
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
