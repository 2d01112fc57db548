package org.bioner.spark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.uima.analysis_engine.AnalysisEngineDescription;
import org.apache.uima.jcas.JCas;
import org.apache.uima.resource.metadata.TypeSystemDescription;
import org.apache.uima.util.CasCreationUtils;
import org.bioner.pipeline.CasPool;
import org.bioner.pipeline.DocumentAnnotator;
import org.bioner.pipeline.InputFormat;
import org.bioner.pipeline.TypeSystems;

/**
 * Engines of one executor JVM, created lazily and kept for the life of the JVM: a pool per pipeline
 * configuration, one {@link Worker} (aggregate + the CASes of a pack) per concurrently running task, since a
 * {@link DocumentAnnotator} is not thread-safe. The models themselves are loaded once per JVM and shared by
 * all workers ({@code TaggerModels.shared}), so an executor with 8 task slots holds one copy of the weights.
 * Tasks borrow a worker for a whole partition and give it back, so later tasks and stages reuse it.
 */
public final class AnnotatorPool {

    /** An engine and the CASes of one pack of documents; used by one task at a time. */
    public static final class Worker {
        final DocumentAnnotator annotator;
        private final CasPool cases;

        Worker(DocumentAnnotator annotator, TypeSystemDescription types) {
            this.annotator = annotator;
            this.cases = new CasPool(types);
        }

        /** An empty CAS (created when none is free; as many exist as the largest pack held). */
        JCas acquire() throws Exception {
            return cases.acquire();
        }

        /** Gives a CAS back, emptied. */
        void release(JCas jcas) {
            cases.release(jcas);
        }
    }

    private static final Map<PipelineConfig, ConcurrentLinkedDeque<Worker>> IDLE = new ConcurrentHashMap<>();
    private static final Map<PipelineConfig, AtomicInteger> CREATED = new ConcurrentHashMap<>();

    private AnnotatorPool() {
    }

    /** An idle worker for the configuration, or a new one. */
    public static Worker borrow(PipelineConfig config) throws Exception {
        Worker w = IDLE.computeIfAbsent(config, c -> new ConcurrentLinkedDeque<>()).pollFirst();
        return w != null ? w : create(config);
    }

    /** Gives a worker back for the next task. */
    public static void release(PipelineConfig config, Worker worker) {
        IDLE.get(config).addFirst(worker);
    }

    /** How many workers this JVM has created for the configuration (at most its number of task slots). */
    public static int created(PipelineConfig config) {
        AtomicInteger n = CREATED.get(config);
        return n == null ? 0 : n.get();
    }

    private static Worker create(PipelineConfig config) throws Exception {
        AnalysisEngineDescription description = config.description();
        DocumentAnnotator annotator = new DocumentAnnotator(description, config.maxChunkChars(),
                DocumentAnnotator.DEFAULT_DROPPED_TYPES).packing(config.maxPackChars());
        CREATED.computeIfAbsent(config, c -> new AtomicInteger()).incrementAndGet();
        return new Worker(annotator, typeSystem(description));
    }

    /** The pipeline's types and those of every input format (DKPro metadata, passages, entities). */
    static TypeSystemDescription typeSystem(AnalysisEngineDescription description) throws Exception {
        List<TypeSystemDescription> types = new ArrayList<>();
        types.add(TypeSystems.of(description));
        for (InputFormat f : InputFormat.values()) {
            types.add(f.reader(Path.of("."), false).getCollectionReaderMetaData().getTypeSystem());
        }
        for (TypeSystemDescription t : types) {
            t.resolveImports();
        }
        return CasCreationUtils.mergeTypeSystems(types);
    }
}
