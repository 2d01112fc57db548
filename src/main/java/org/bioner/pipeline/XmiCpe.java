package org.bioner.pipeline;

import static org.apache.uima.fit.factory.AnalysisEngineFactory.createEngineDescription;
import static org.apache.uima.fit.factory.CollectionReaderFactory.createReaderDescription;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.uima.UIMAException;
import org.apache.uima.UIMAFramework;
import org.apache.uima.analysis_engine.AnalysisEngineDescription;
import org.apache.uima.cas.CAS;
import org.apache.uima.collection.CollectionProcessingEngine;
import org.apache.uima.collection.CollectionReaderDescription;
import org.apache.uima.collection.EntityProcessStatus;
import org.apache.uima.collection.StatusCallbackListener;
import org.apache.uima.collection.metadata.CpeCasProcessor;
import org.apache.uima.collection.metadata.CpeDescription;
import org.apache.uima.fit.cpe.CpeBuilder;
import org.apache.uima.resource.metadata.TypeSystemDescription;
import org.apache.uima.util.CasCreationUtils;
import org.apache.uima.util.XMLInputSource;
import org.dkpro.core.io.xmi.XmiReader;
import org.dkpro.core.io.xmi.XmiWriter;

import de.tudarmstadt.ukp.dkpro.core.api.metadata.type.DocumentMetaData;

/**
 * A Collection Processing Engine over an XMI collection: DKPro XmiReader, the BioNER aggregate with N
 * processing threads, DKPro XmiWriter. The collection's own type system (the TypeSystem.xml that DKPro's
 * XmiWriter puts beside its files, or one given) is merged into the CPE's, so documents keep every
 * annotation they came with; reading is lenient for anything not described. A failing document is
 * reported and skipped (the CPE's error action is "continue").
 */
public final class XmiCpe {

    /** Outcome of a run. */
    public record Result(long documents, List<RunSummary.Failure> failures, double seconds) {
    }

    private XmiCpe() {
    }

    /** Builds the CPE description. */
    public static CpeBuilder builder(Path in, Path out, int threads, AnalysisEngineDescription pipeline,
            Path typeSystem) throws Exception {
        CollectionReaderDescription reader = createReaderDescription(XmiReader.class,
                XmiReader.PARAM_SOURCE_LOCATION, in.toString(),
                XmiReader.PARAM_PATTERNS, new String[] {"[+]**/*.xmi", "[+]**/*.xmi.gz"},
                XmiReader.PARAM_LENIENT, true);
        AnalysisEngineDescription writer = createEngineDescription(XmiWriter.class,
                XmiWriter.PARAM_TARGET_LOCATION, out.toString(), XmiWriter.PARAM_OVERWRITE, true,
                XmiWriter.PARAM_SANITIZE_ILLEGAL_CHARACTERS, true, XmiWriter.PARAM_STRIP_EXTENSION, true);
        Path ts = typeSystem != null ? typeSystem : findTypeSystem(in);
        if (ts != null) {
            TypeSystemDescription ours = CasCreationUtils.mergeTypeSystems(List.of(TypeSystems.of(pipeline),
                    reader.getCollectionReaderMetaData().getTypeSystem(),
                    writer.getAnalysisEngineMetaData().getTypeSystem()));
            TypeSystemDescription foreign = UIMAFramework.getXMLParser()
                    .parseTypeSystemDescription(new XMLInputSource(ts.toFile()));
            foreign.resolveImports();
            reader.getCollectionReaderMetaData().setTypeSystem(TypeSystems.mergeForeign(ours, foreign));
        }
        CpeBuilder builder = new CpeBuilder();
        builder.setReader(reader);
        builder.setAnalysisEngine(createEngineDescription(pipeline, writer));
        builder.setMaxProcessingUnitThreadCount(threads);
        // also in the description itself, so a written descriptor runs with the same threads
        builder.getCpeDescription().getCpeCasProcessors().setConcurrentPUCount(threads);
        builder.getCpeDescription().getCpeCasProcessors().setPoolSize(threads + 1);
        for (CpeCasProcessor p : builder.getCpeDescription().getCpeCasProcessors().getAllCpeCasProcessors()) {
            p.setActionOnMaxError("continue");
            p.setMaxErrorCount(Integer.MAX_VALUE);
        }
        return builder;
    }

    /** Runs the CPE to completion. */
    public static Result run(Path in, Path out, int threads, AnalysisEngineDescription pipeline, Path typeSystem)
            throws Exception {
        CpeBuilder builder = builder(in, out, threads, pipeline, typeSystem);
        Files.createDirectories(out);
        Listener listener = new Listener();
        long start = System.nanoTime();
        CollectionProcessingEngine cpe = builder.createCpe(listener);
        cpe.process();
        listener.done.await();
        if (listener.aborted != null) {
            throw new IOException("CPE aborted: " + listener.aborted);
        }
        return new Result(listener.documents.get(), listener.failures, (System.nanoTime() - start) / 1e9);
    }

    /** Writes the CPE descriptor (XML); the component descriptors it includes are written beside it. */
    public static void writeDescriptor(CpeBuilder builder, Path file) throws Exception {
        CpeDescription desc = builder.getCpeDescription();
        Files.createDirectories(file.toAbsolutePath().getParent());
        for (CpeCasProcessor p : desc.getCpeCasProcessors().getAllCpeCasProcessors()) {
            relocate(p.getCpeComponentDescriptor(), file, p.getName());
        }
        relocate(desc.getAllCollectionCollectionReaders()[0].getDescriptor(), file, "reader");
        try (OutputStream os = Files.newOutputStream(file)) {
            desc.toXML(os);
        }
    }

    /** Copies a materialised component descriptor next to the CPE descriptor and points to it relatively. */
    private static void relocate(org.apache.uima.collection.metadata.CpeComponentDescriptor component, Path cpeFile,
            String name) throws Exception {
        String href = component.getInclude().get();
        Path source = Path.of(new java.net.URL(href).toURI());
        String stem = cpeFile.getFileName().toString().replaceFirst("\\.xml$", "");
        Path target = cpeFile.toAbsolutePath().getParent().resolve(stem + "-" + name.replaceAll("\\W", "_") + ".xml");
        Files.copy(source, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        // an import location is resolved relative to the CPE descriptor (an include href is not)
        org.apache.uima.resource.metadata.Import imp = UIMAFramework.getResourceSpecifierFactory().createImport();
        imp.setLocation(target.getFileName().toString());
        component.setInclude(null);
        component.setImport(imp);
    }

    private static Path findTypeSystem(Path in) {
        Path dir = Files.isDirectory(in) ? in : in.toAbsolutePath().getParent();
        if (dir == null) {
            return null;
        }
        for (String name : List.of("TypeSystem.xml", "typesystem.xml")) {
            if (Files.exists(dir.resolve(name))) {
                return dir.resolve(name);
            }
        }
        return null;
    }

    private static final class Listener implements StatusCallbackListener {
        final CountDownLatch done = new CountDownLatch(1);
        final AtomicLong documents = new AtomicLong();
        final List<RunSummary.Failure> failures = new ArrayList<>();
        volatile String aborted;

        @Override
        public void entityProcessComplete(CAS cas, EntityProcessStatus status) {
            if (status.isException()) {
                String id = "document";
                if (cas != null && cas.getDocumentAnnotation() instanceof DocumentMetaData meta) {
                    id = meta.getDocumentUri() != null ? meta.getDocumentUri() : meta.getDocumentId();
                }
                String reason = status.getExceptions().isEmpty() ? status.getStatusMessage()
                        : Failures.describe(status.getExceptions().get(0));
                synchronized (failures) {
                    failures.add(new RunSummary.Failure(id, reason));
                }
            } else {
                documents.incrementAndGet();
            }
        }

        @Override
        public void aborted() {
            aborted = "aborted";
            done.countDown();
        }

        @Override
        public void collectionProcessComplete() {
            done.countDown();
        }

        @Override
        public void initializationComplete() {
        }

        @Override
        public void batchProcessComplete() {
        }

        @Override
        public void paused() {
        }

        @Override
        public void resumed() {
        }
    }
}
