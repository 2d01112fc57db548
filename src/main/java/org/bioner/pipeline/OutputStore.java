package org.bioner.pipeline;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import javax.xml.stream.XMLStreamException;

import org.apache.uima.analysis_engine.AnalysisEngine;
import org.apache.uima.analysis_engine.AnalysisEngineProcessException;
import org.apache.uima.fit.factory.AnalysisEngineFactory;
import org.apache.uima.jcas.JCas;
import org.apache.uima.resource.ResourceInitializationException;
import org.bioner.io.BioCWriter;

import com.pengyifan.bioc.BioCCollection;
import com.pengyifan.bioc.BioCDocument;
import com.pengyifan.bioc.io.BioCCollectionReader;
import com.pengyifan.bioc.io.BioCDocumentWriter;

/**
 * Writes outputs so that a file in the output directory is always complete: everything is written
 * under {@code .bioner/} first and renamed into place. Per-document formats go through their DKPro
 * writer into a staging directory; collection formats are kept as numbered parts, one per document,
 * and assembled into the collection file when its input is done.
 */
final class OutputStore implements AutoCloseable {

    static final String STATE_DIR = ".bioner";

    private final Path out;
    private final OutputFormat format;
    private final Path staging;
    private final Path parts;
    private final AnalysisEngine writer;

    /** @param resume whether parts of an earlier run are kept (else they are deleted) */
    OutputStore(Path out, OutputFormat format, boolean resume) throws IOException, ResourceInitializationException {
        this.out = out;
        this.format = format;
        Path state = out.resolve(STATE_DIR);
        this.staging = state.resolve("staging");
        this.parts = state.resolve("parts");
        Files.createDirectories(staging);
        clear(staging);
        if (!resume && Files.isDirectory(parts)) {
            clear(parts);
        }
        this.writer = format.isCollection() ? null : AnalysisEngineFactory.createEngine(format.writer(staging));
    }

    /** Writes one document of a per-document format to {@code <out>/<name><ext>}. */
    void writeDocument(JCas jcas, String name) throws IOException, AnalysisEngineProcessException {
        clear(staging);
        writer.process(jcas);
        Path target = out.resolve(name + format.extension());
        List<Path> produced;
        try (Stream<Path> s = Files.list(staging)) {
            produced = s.toList();
        }
        boolean moved = false;
        for (Path p : produced) {
            if (p.getFileName().toString().equals("TypeSystem.xml")) {
                moveAtomically(p, out.resolve("TypeSystem.xml"));
            } else if (!moved) {
                moveAtomically(p, target);
                moved = true;
            }
        }
        if (!moved) {
            throw new IOException("the " + format + " writer produced no file for " + name);
        }
    }

    /** Stores one document of a collection format as part {@code seq} of collection {@code group}. */
    void writePart(JCas jcas, String group, long seq) throws IOException {
        Path dir = parts.resolve(group);
        Files.createDirectories(dir);
        Path tmp = staging.resolve("part.tmp");
        Files.write(tmp, format.render(jcas));
        moveAtomically(tmp, dir.resolve(String.format("%012d.part", seq)));
    }

    /** Assembles the parts of a collection into {@code <out>/<group><ext>}; returns the document count. */
    int assemble(String group) throws IOException {
        Path dir = parts.resolve(group);
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(p -> p.toString().endsWith(".part")).sorted(Comparator.comparing(Path::toString))
                        .forEach(files::add);
            }
        }
        Path tmp = staging.resolve("assemble.tmp");
        if (format == OutputFormat.BIOC) {
            assembleBioC(files, tmp);
        } else {
            try (OutputStream os = Files.newOutputStream(tmp)) {
                for (Path p : files) {
                    Files.copy(p, os);
                }
            }
        }
        Path target = out.resolve(group + format.extension());
        Files.createDirectories(target.getParent());
        moveAtomically(tmp, target);
        return files.size();
    }

    /** Deletes the parts of an assembled collection. */
    void dropParts(String group) throws IOException {
        Path dir = parts.resolve(group);
        if (Files.isDirectory(dir)) {
            clear(dir);
            Files.deleteIfExists(dir);
        }
    }

    private static void assembleBioC(List<Path> files, Path tmp) throws IOException {
        try (BioCDocumentWriter w = new BioCDocumentWriter(tmp)) {
            w.writeBeginCollectionInfo(BioCWriter.collectionInfo());
            for (Path p : files) {
                try (BioCCollectionReader r = new BioCCollectionReader(p)) {
                    BioCCollection c = r.readCollection();
                    for (BioCDocument d : c.getDocuments()) {
                        w.writeDocument(d);
                    }
                }
            }
        } catch (XMLStreamException e) {
            throw new IOException(e);
        }
    }

    static void moveAtomically(Path from, Path to) throws IOException {
        Files.createDirectories(to.toAbsolutePath().getParent());
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void clear(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            List<Path> all = s.sorted(Comparator.reverseOrder()).toList();
            for (Path p : all) {
                if (!p.equals(dir)) {
                    Files.delete(p);
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        if (writer != null) {
            try {
                writer.collectionProcessComplete();
            } catch (AnalysisEngineProcessException e) {
                throw new IOException(e);
            }
            writer.destroy();
        }
        clear(staging);
    }
}
