package org.bioner.spark;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.sql.Row;
import org.apache.uima.cas.impl.XmiCasSerializer;
import org.apache.uima.jcas.JCas;
import org.bioner.corpus.CodePointOffsets;
import org.bioner.io.DocumentIds;
import org.bioner.io.EntityAnnotations;
import org.bioner.pipeline.DocumentAnnotator;
import org.bioner.pipeline.Failures;
import org.bioner.pipeline.PackBuffer;

/**
 * Annotates the records of one partition with a pooled engine ({@link AnnotatorPool}) and writes its
 * mentions, errors and (optionally) XMI files through {@link PartitionFiles}. A record that cannot be read or
 * annotated becomes an errors row; nothing a document does fails the task.
 */
final class PartitionAnnotator implements Function2<Integer, Iterator<Row>, Iterator<PartitionResult>> {

    private static final long serialVersionUID = 1L;

    /** Everything the executors need, shipped with the task. */
    record Settings(String output, Set<OutputFormat> formats, boolean writeXmi, PipelineConfig pipeline,
            HadoopConf hadoop, int failFirstAttemptOf) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    private final Settings s;

    PartitionAnnotator(Settings settings) {
        this.s = settings;
    }

    @Override
    public Iterator<PartitionResult> call(Integer partition, Iterator<Row> rows) throws Exception {
        Configuration conf = s.hadoop().get();
        Path root = new Path(s.output());
        FileSystem fs = PartitionFiles.unchecked(root.getFileSystem(conf));
        TaskContext task = TaskContext.get();
        PartitionFiles files = new PartitionFiles(fs, root, partition, task == null ? 0 : task.taskAttemptId());
        if (files.isDone()) {
            return List.of(new PartitionResult(partition, true, 0, 0, 0, 0, 0)).iterator();
        }
        long documents = 0;
        long failed = 0;
        long mentions = 0;
        long characters = 0;
        AnnotatorPool.Worker worker = AnnotatorPool.borrow(s.pipeline());
        Map<OutputFormat, TableWriter> mentionOut = new EnumMap<>(OutputFormat.class);
        Map<OutputFormat, TableWriter> errorOut = new EnumMap<>(OutputFormat.class);
        try {
            for (OutputFormat f : s.formats()) {
                mentionOut.put(f, TableWriter.open(f, Table.MENTIONS, fs,
                        files.stage(f.dir(Table.MENTIONS) + "/" + files.partName() + f.extension), conf));
                errorOut.put(f, TableWriter.open(f, Table.ERRORS, fs,
                        files.stage(f.dir(Table.ERRORS) + "/" + files.partName() + f.extension), conf));
            }
            long started = System.nanoTime();
            Pack pack = new Pack(worker, fs, files, errorOut, mentionOut);
            while (rows.hasNext()) {
                pack.add(rows.next());
            }
            pack.flush();
            documents = pack.documents;
            failed = pack.failed;
            mentions = pack.mentions;
            characters = pack.characters;
            closeAll(mentionOut, errorOut);
            files.commitFiles();
            if (task != null && partition == s.failFirstAttemptOf() && task.attemptNumber() == 0) {
                // test hook: die after the data files are in place but before the marker, as a lost executor would
                throw new IllegalStateException("injected failure after committing partition " + partition);
            }
            PartitionResult result = new PartitionResult(partition, false, documents, failed, mentions, characters,
                    (System.nanoTime() - started) / 1e9);
            files.markDone(result.toJson());
            return List.of(result).iterator();
        } catch (Exception | Error e) {
            closeQuietly(mentionOut, errorOut);
            files.abort();
            throw e;
        } finally {
            AnnotatorPool.release(s.pipeline(), worker);
        }
    }

    /**
     * The documents of a partition on their way through {@link DocumentAnnotator#annotateAll}: loaded into
     * the worker's CASes until a pack is full (the core's {@link PackBuffer}), then annotated together and
     * written in input order.
     */
    private final class Pack {
        private final AnnotatorPool.Worker worker;
        private final FileSystem fs;
        private final PartitionFiles files;
        private final Map<OutputFormat, TableWriter> errorOut;
        private final Map<OutputFormat, TableWriter> mentionOut;
        private final PackBuffer<Loaded> buffer;
        long documents;
        long failed;
        long mentions;
        long characters;

        Pack(AnnotatorPool.Worker worker, FileSystem fs, PartitionFiles files,
                Map<OutputFormat, TableWriter> errorOut, Map<OutputFormat, TableWriter> mentionOut) {
            this.worker = worker;
            this.fs = fs;
            this.files = files;
            this.errorOut = errorOut;
            this.mentionOut = mentionOut;
            this.buffer = new PackBuffer<>(worker.annotator, d -> d.jcas().getCas());
        }

        /** Loads the record into the next CAS (a bad record becomes an errors row at once). */
        void add(Row row) throws Exception {
            String id = row.getAs(InputRecords.DOC_ID);
            String source = row.getAs(InputRecords.SOURCE);
            String error = row.getAs(InputRecords.ERROR);
            JCas jcas = worker.acquire();
            try {
                if (error != null) {
                    throw new InputRecordException(error);
                }
                DocumentLoader.load(row, jcas);
            } catch (Exception | StackOverflowError e) {
                worker.release(jcas);
                fail(id, source, e);
                return;
            }
            int length = jcas.getDocumentText() == null ? 0 : jcas.getDocumentText().length();
            if (buffer.isFullFor(length)) {
                flush(); // the pack is full; this document starts the next one
            }
            buffer.add(new Loaded(jcas, id, source), length);
        }

        /** Annotates the pack and writes each document's mentions (and XMI) or its error. */
        void flush() throws Exception {
            try {
                write(buffer.annotate());
            } finally {
                buffer.items().forEach(d -> worker.release(d.jcas()));
                buffer.clear();
            }
        }

        private void write(List<Exception> failures) throws Exception {
            for (int i = 0; i < failures.size(); i++) {
                Loaded d = buffer.items().get(i);
                JCas jcas = d.jcas();
                String id = d.id();
                List<Object[]> found;
                try {
                    if (failures.get(i) != null) {
                        throw failures.get(i);
                    }
                    id = DocumentIds.of(jcas, id);
                    found = mentions(jcas, id);
                    if (s.writeXmi()) {
                        writeXmi(fs, files.stage("xmi/" + DocumentIds.safeName(id) + ".xmi"), jcas);
                    }
                } catch (Exception | StackOverflowError e) {
                    fail(id, d.source(), e);
                    continue;
                }
                documents++;
                characters += jcas.getDocumentText().length();
                mentions += found.size();
                for (Object[] m : found) {
                    for (TableWriter w : mentionOut.values()) {
                        w.write(m);
                    }
                }
            }
        }

        private void fail(String id, String source, Throwable e) throws IOException {
            failed++;
            for (TableWriter w : errorOut.values()) {
                w.write(id, source, describe(e));
            }
        }
    }

    /** The document's entity mentions as rows of {@link Table#MENTIONS} (offsets in code points). */
    static List<Object[]> mentions(JCas jcas, String docId) {
        CodePointOffsets offsets = new CodePointOffsets(jcas.getDocumentText());
        List<Object[]> out = new ArrayList<>();
        for (EntityAnnotations.Entity e : EntityAnnotations.entities(jcas)) {
            out.add(new Object[] {docId, offsets.toCodePoint(e.begin()), offsets.toCodePoint(e.end()), e.type(),
                    e.text(), e.confidence(), e.model()});
        }
        return out;
    }

    private static void writeXmi(FileSystem fs, Path file, JCas jcas) throws Exception {
        try (OutputStream out = fs.create(file, true)) {
            XmiCasSerializer.serialize(jcas.getCas(), out);
        }
    }

    /**
     * The most telling message of an exception chain: a record already known to be bad says so itself, else
     * as {@code bioner annotate} reports a failed document ({@link Failures#describe}).
     */
    static String describe(Throwable e) {
        return e instanceof InputRecordException ? e.getMessage() : Failures.describe(e);
    }

    @SafeVarargs
    private static void closeAll(Map<OutputFormat, TableWriter>... maps) throws IOException {
        for (Map<OutputFormat, TableWriter> m : maps) {
            for (TableWriter w : m.values()) {
                w.close();
            }
            m.clear();
        }
    }

    @SafeVarargs
    private static void closeQuietly(Map<OutputFormat, TableWriter>... maps) {
        for (Map<OutputFormat, TableWriter> m : maps) {
            for (TableWriter w : m.values()) {
                try {
                    w.close();
                } catch (Exception ignored) {
                    // the attempt is being abandoned
                }
            }
        }
    }

    /** A document loaded into a CAS of the worker and waiting for its pack. */
    private record Loaded(JCas jcas, String id, String source) {
    }

    /** An input record already known to be bad when it was split (e.g. a malformed JSON line). */
    static final class InputRecordException extends Exception {
        private static final long serialVersionUID = 1L;

        InputRecordException(String message) {
            super(message);
        }
    }
}
