package org.bioner.pipeline;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.uima.UIMAException;
import org.apache.uima.analysis_engine.AnalysisEngineDescription;
import org.apache.uima.collection.CollectionReader;
import org.apache.uima.fit.factory.CollectionReaderFactory;
import org.apache.uima.jcas.JCas;
import org.apache.uima.resource.metadata.TypeSystemDescription;
import org.bioner.io.DocumentIds;

/**
 * Annotates a file or directory of documents and writes one output per document (XMI, CoNLL) or per
 * collection (PubTator, BioC, JSON lines). One bad document is reported with its file and the reason
 * ({@link Failures}) and skipped; all others are written. Finished work is journaled ({@link BatchJournal}) and
 * outputs are renamed into place only when complete ({@link OutputStore}), so a killed run resumed with
 * {@link Options#resume} redoes nothing that was finished and loses nothing. This class is the run's order of
 * work: which documents are done, when a file or collection is finished; the parts are the input listing
 * ({@link InputFile}), the run's type system ({@link TypeSystems#forRun}), the CASes ({@link CasPool}), the
 * packs ({@link PackBuffer}) and the counts ({@link RunSummary}).
 */
public final class BatchAnnotator {

    /** Settings of a run. */
    public static final class Options {
        Path input;
        Path output;
        InputFormat inputFormat;
        OutputFormat outputFormat = OutputFormat.XMI;
        boolean resume;
        boolean readNamedEntity;
        int maxChunkChars = DocumentAnnotator.DEFAULT_MAX_CHUNK_CHARS;
        int maxPackChars = DocumentAnnotator.DEFAULT_MAX_PACK_CHARS;
        PrintStream progress = System.err;
        long progressIntervalMillis = 5000;
        Path typeSystem;
        long stopAfter = -1;

        public Options(Path input, Path output) {
            this.input = input;
            this.output = output;
        }

        /** Input format; null detects it from each file's extension. */
        public Options inputFormat(InputFormat f) {
            inputFormat = f;
            return this;
        }

        public Options outputFormat(OutputFormat f) {
            outputFormat = f;
            return this;
        }

        /** Continue a killed run in the same output directory, skipping finished documents. */
        public Options resume(boolean r) {
            resume = r;
            return this;
        }

        /** Keep the annotations of PubTator/BioC inputs as gold entities in the output. */
        public Options readNamedEntity(boolean g) {
            readNamedEntity = g;
            return this;
        }

        public Options maxChunkChars(int n) {
            maxChunkChars = n;
            return this;
        }

        /**
         * Short documents are annotated in packs of at most this many characters (see
         * {@link DocumentAnnotator#annotateAll}); 0 annotates each alone, as an aggregate with
         * per-document engines (a writer) needs.
         */
        public Options maxPackChars(int n) {
            maxPackChars = n;
            return this;
        }

        /** Where progress lines go (null: nowhere), and how often. */
        public Options progress(PrintStream out, long intervalMillis) {
            progress = out;
            progressIntervalMillis = intervalMillis;
            return this;
        }

        /** Type system of XMI inputs, merged into the CAS (default: TypeSystem.xml beside the inputs). */
        public Options typeSystem(Path file) {
            typeSystem = file;
            return this;
        }

        /** Stops abruptly after this many documents, as a kill would: the tests' kill switch, not an option. */
        Options stopAfter(long documents) {
            stopAfter = documents;
            return this;
        }
    }

    private final AnalysisEngineDescription pipeline;
    private final Options o;

    public BatchAnnotator(AnalysisEngineDescription pipeline, Options options) {
        this.pipeline = pipeline;
        this.o = options;
    }

    public RunSummary run() throws IOException, UIMAException {
        long start = System.nanoTime();
        RunSummary summary = new RunSummary();
        Path out = o.output.toAbsolutePath().normalize();
        Path in = o.input.toAbsolutePath().normalize();
        if (!Files.exists(in)) {
            throw new IOException(in + ": no such file or directory");
        }
        if (out.equals(in) || (Files.isRegularFile(in) && out.equals(in.getParent()))) {
            throw new IOException("the output directory must differ from the input directory: " + out);
        }
        List<InputFile> files = InputFile.list(in, out, o.inputFormat);
        long totalBytes = files.stream().mapToLong(InputFile::size).sum();
        Files.createDirectories(out);
        TypeSystemDescription types = TypeSystems.forRun(pipeline, in, files, o.typeSystem, o.readNamedEntity);
        ProgressMeter meter = new ProgressMeter(o.progress, totalBytes, o.progressIntervalMillis);
        try (BatchJournal journal = new BatchJournal(out.resolve(OutputStore.STATE_DIR).resolve("journal.tsv"),
                o.resume);
                OutputStore store = new OutputStore(out, o.outputFormat, o.resume);
                DocumentAnnotator annotator = new DocumentAnnotator(pipeline, o.maxChunkChars,
                        DocumentAnnotator.DEFAULT_DROPPED_TYPES).packing(o.maxPackChars)) {
            new Run(summary, journal, store, annotator, meter, new CasPool(types)).all(files);
        } finally {
            summary.elapsedNanos = System.nanoTime() - start;
        }
        return summary;
    }

    /** What is known of one input file while its documents are in flight. */
    private static final class FileState {
        final InputFile file;
        final String group;
        int inFlight;
        boolean complete = true;
        boolean read;

        FileState(InputFile file, String group) {
            this.file = file;
            this.group = group;
        }
    }

    /** A document read and waiting for its pack to be annotated. */
    private record Pending(JCas jcas, FileState file, String key, String where, String name, long seq) {
    }

    /**
     * One run over the input files: documents are read into a pool of CASes and annotated a pack at a time
     * ({@link DocumentAnnotator#annotateAll}); then each is written and journaled, and a file is finished
     * (journaled, its collection output assembled) once all its documents are.
     */
    private final class Run {
        private static final String RUN_GROUP = "annotations";
        private final RunSummary summary;
        private final BatchJournal journal;
        private final OutputStore store;
        private final ProgressMeter meter;
        private final CasPool cases;
        private final PackBuffer<Pending> pending;
        private long bytesDone;
        private boolean runGroupUsed;
        private boolean runGroupComplete = true;

        Run(RunSummary summary, BatchJournal journal, OutputStore store, DocumentAnnotator annotator,
                ProgressMeter meter, CasPool cases) {
            this.summary = summary;
            this.journal = journal;
            this.store = store;
            this.meter = meter;
            this.cases = cases;
            this.pending = new PackBuffer<>(annotator, p -> p.jcas().getCas());
        }

        void all(List<InputFile> files) throws IOException, UIMAException {
            long seqInRun = 0;
            for (InputFile file : files) {
                seqInRun++;
                if (journal.has("file", file.relative())) {
                    summary.resumed += file.format().isCollection() ? 0 : 1;
                    bytesDone += file.size();
                    if (o.outputFormat.isCollection() && !file.format().isCollection()) {
                        runGroupUsed = true;
                    }
                    continue;
                }
                FileState state = new FileState(file,
                        file.format().isCollection() ? file.format().stem(file.relative()) : RUN_GROUP);
                if (!read(state, seqInRun)) {
                    return; // simulated kill
                }
                state.read = true;
                bytesDone += file.size();
                finishIfDone(state);
                meter.update(summary.documents, summary.failures.size(), bytesDone, false);
            }
            if (!flush()) {
                return;
            }
            if (runGroupUsed) {
                finishGroup(store, journal, RUN_GROUP, runGroupComplete);
            }
            meter.update(summary.documents, summary.failures.size(), bytesDone, true);
        }

        /** Reads the documents of one file into the pending pack; false after a simulated kill. */
        private boolean read(FileState state, long seqInRun) throws IOException, UIMAException {
            InputFile file = state.file;
            CollectionReader reader = CollectionReaderFactory.createReader(file.format().reader(file.path(), o.readNamedEntity));
            try {
                long index = 0;
                while (true) {
                    try {
                        if (!reader.hasNext()) {
                            break;
                        }
                    } catch (Exception e) {
                        fail(summary, file.relative(), e);
                        state.complete = false;
                        break;
                    }
                    JCas jcas = cases.acquire();
                    long seq = file.format().isCollection() ? index : seqInRun;
                    index++;
                    try {
                        reader.getNext(jcas.getCas());
                    } catch (Exception e) {
                        fail(summary, file.relative(), e);
                        state.complete = false;
                        cases.release(jcas);
                        continue;
                    }
                    String id = DocumentIds.of(jcas, file.relative());
                    String key = file.format().isCollection() ? file.relative() + "#" + seq + ":" + id : file.relative();
                    if (journal.has("doc", key)) {
                        summary.resumed++;
                        cases.release(jcas);
                        continue;
                    }
                    String where = file.format().isCollection() ? file.relative() + " (document " + id + ")"
                            : file.relative();
                    String name = file.format().isCollection()
                            ? file.format().stem(file.relative()) + "/" + DocumentIds.safeName(id)
                            : file.format().stem(file.relative());
                    int chars = jcas.getDocumentText() == null ? 0 : jcas.getDocumentText().length();
                    if (pending.isFullFor(chars) && !flush()) {
                        return false;
                    }
                    pending.add(new Pending(jcas, state, key, where, name, seq), chars);
                    state.inFlight++;
                }
            } finally {
                reader.close();
                reader.destroy();
            }
            return true;
        }

        /** Annotates, writes and journals the pending documents; false after a simulated kill. */
        private boolean flush() throws IOException {
            if (pending.isEmpty()) {
                return true;
            }
            try {
                List<Exception> failures = pending.annotate();
                for (int i = 0; i < failures.size(); i++) {
                    Pending p = pending.items().get(i);
                    Exception failure = failures.get(i);
                    if (failure == null) {
                        failure = write(p);
                    }
                    if (failure != null) {
                        fail(summary, p.where(), failure);
                        p.file().complete = false;
                    } else {
                        journal.add("doc", p.key());
                        summary.count(p.jcas());
                        if (o.stopAfter >= 0 && summary.documents >= o.stopAfter) {
                            return false; // simulated kill: no assembly, no cleanup of parts
                        }
                    }
                    p.file().inFlight--;
                    finishIfDone(p.file());
                    meter.update(summary.documents, summary.failures.size(), bytesDone, false);
                }
                return true;
            } finally {
                pending.items().forEach(p -> cases.release(p.jcas()));
                pending.clear();
            }
        }

        private Exception write(Pending p) {
            try {
                if (o.outputFormat.isCollection()) {
                    store.writePart(p.jcas(), p.file().group, p.seq());
                } else {
                    store.writeDocument(p.jcas(), p.name());
                }
                return null;
            } catch (Exception e) {
                return e;
            }
        }

        /** Journals a file whose documents are all read and done, and assembles its collection output. */
        private void finishIfDone(FileState state) throws IOException {
            if (!state.read || state.inFlight > 0) {
                return;
            }
            if (o.outputFormat.isCollection()) {
                if (state.file.format().isCollection()) {
                    finishGroup(store, journal, state.group, state.complete);
                } else {
                    runGroupUsed = true;
                    runGroupComplete &= state.complete;
                }
            }
            if (state.complete) {
                journal.add("file", state.file.relative());
            }
        }
    }

    private static void finishGroup(OutputStore store, BatchJournal journal, String group, boolean complete)
            throws IOException {
        if (journal.has("group", group)) {
            return;
        }
        store.assemble(group);
        if (complete) {
            // parts are kept while documents are missing, so a resumed run can reassemble with them
            journal.add("group", group);
            store.dropParts(group);
        }
    }

    private void fail(RunSummary summary, String source, Throwable e) {
        RunSummary.Failure f = new RunSummary.Failure(source, Failures.describe(e));
        summary.failures.add(f);
        if (o.progress != null) {
            o.progress.println("FAILED " + f.source() + ": " + f.reason());
        }
    }
}
