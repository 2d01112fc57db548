package org.bioner.pipeline;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.apache.uima.analysis_engine.AnalysisEngine;
import org.apache.uima.analysis_engine.AnalysisEngineDescription;
import org.apache.uima.analysis_engine.AnalysisEngineProcessException;
import org.apache.uima.cas.CAS;
import org.apache.uima.cas.FeatureStructure;
import org.apache.uima.cas.Type;
import org.apache.uima.cas.TypeSystem;
import org.apache.uima.cas.text.AnnotationFS;
import org.apache.uima.fit.factory.AnalysisEngineFactory;
import org.apache.uima.fit.util.CasUtil;
import org.apache.uima.jcas.JCas;
import org.apache.uima.resource.ResourceInitializationException;
import org.apache.uima.util.CasCreationUtils;

/**
 * Annotates one document with an analysis engine (normally {@link BioNerPipeline}'s aggregate): the
 * reusable unit of the batch runner, the CPE-free tools and the Spark job. Long documents are cut into
 * chunks of at most {@code maxChunkChars} characters ({@link TextChunker}) that are processed one at a
 * time in a scratch CAS and copied back with shifted offsets, so the working memory of the engines
 * (embeddings, LSTM states) stays bounded whatever the document size. Internal types such as token
 * embeddings are removed before the document is handed back.
 *
 * <p>{@link #annotateAll} packs consecutive short documents into one scratch CAS of at most
 * {@code maxPackChars} characters ({@link DocumentPack}), so the engines run once over all their sentences:
 * the character LMs run a batch of hundreds of sentences far faster per sentence than the ~10 of an
 * abstract (the whole pipeline gains 2-3x, docs/PIPELINE.md "Packing"). The results are those of
 * annotating each document alone: a pack whose engines fail, or that produces an annotation across a
 * document border, is redone document by document. Packing suits aggregates that treat a document as a
 * list of sentences (segmenters, taggers, type mappers); one whose engines keep per-document state (a
 * writer, a document classifier) must use {@code packing(0)}. Not thread-safe: one per thread.
 */
public final class DocumentAnnotator implements AutoCloseable {

    /** Default chunk size: large enough that ordinary documents are processed whole. */
    public static final int DEFAULT_MAX_CHUNK_CHARS = 20_000;
    /** Types removed after processing by default (large and internal to the pipeline). */
    public static final List<String> DEFAULT_DROPPED_TYPES = List.of("org.bioner.types.TokenEmbedding");

    private final AnalysisEngine engine;
    private final int maxChunkChars;
    private final Set<String> droppedTypes;
    private int maxPackChars;
    private CAS scratch;
    private TypeSystem scratchFor;

    public DocumentAnnotator(AnalysisEngineDescription description) throws ResourceInitializationException {
        this(description, DEFAULT_MAX_CHUNK_CHARS, DEFAULT_DROPPED_TYPES);
    }

    public DocumentAnnotator(AnalysisEngineDescription description, int maxChunkChars, List<String> droppedTypes)
            throws ResourceInitializationException {
        this(AnalysisEngineFactory.createEngine(description), maxChunkChars, droppedTypes);
    }

    public DocumentAnnotator(AnalysisEngine engine, int maxChunkChars, List<String> droppedTypes) {
        if (maxChunkChars < 2) {
            throw new IllegalArgumentException("maxChunkChars must be at least 2");
        }
        this.engine = engine;
        this.maxChunkChars = maxChunkChars;
        this.droppedTypes = new HashSet<>(droppedTypes);
    }

    /** Default pack size of {@link #annotateAll}: some 40-60 abstracts, 300-500 sentences. */
    public static final int DEFAULT_MAX_PACK_CHARS = 60_000;
    /** Most documents in one pack (bounds the work lost to one failing document). */
    static final int MAX_PACK_DOCUMENTS = 500;

    /** Packs documents of {@link #annotateAll} up to this many characters; 0 annotates each alone. */
    public DocumentAnnotator packing(int chars) {
        if (chars < 0) {
            throw new IllegalArgumentException("maxPackChars must not be negative: " + chars);
        }
        this.maxPackChars = chars;
        return this;
    }

    /**
     * Whether a document of {@code nextChars} characters joins a pack of {@code documents} documents whose
     * packed text is {@code packedChars} long: the rule {@link #annotateAll} packs by, for callers that buffer
     * documents and hand them over a pack at a time.
     */
    public boolean fitsInPack(int documents, long packedChars, int nextChars) {
        return documents == 0 || (documents < MAX_PACK_DOCUMENTS
                && packedLength(documents, packedChars, nextChars) <= maxPackChars);
    }

    /** Length of the packed text once a document of {@code nextChars} characters is added. */
    public static long packedLength(int documents, long packedChars, int nextChars) {
        return documents == 0 ? nextChars : packedChars + DocumentPack.SEPARATOR.length() + nextChars;
    }

    /** The wrapped engine (to create CASes for it). */
    public AnalysisEngine engine() {
        return engine;
    }

    /** Annotates the document in place. */
    public void annotate(JCas jcas) throws AnalysisEngineProcessException {
        annotate(jcas.getCas());
    }

    /** Annotates the document in place. */
    public void annotate(CAS cas) throws AnalysisEngineProcessException {
        String text = cas.getDocumentText();
        if (text == null) {
            cas.setDocumentText("");
            text = "";
        }
        if (text.length() <= maxChunkChars) {
            engine.process(cas);
        } else {
            annotateInChunks(cas, text);
        }
        dropInternalTypes(cas);
    }

    /**
     * Annotates the documents in place, packing short neighbours (see the class comment), and returns the
     * failure of each document (null where it was annotated). One failing document fails alone.
     */
    public List<Exception> annotateAll(List<? extends CAS> documents) {
        List<Exception> failures = new ArrayList<>(Collections.nCopies(documents.size(), null));
        for (CAS d : documents) {
            if (d.getDocumentText() == null) {
                d.setDocumentText("");
            }
        }
        for (int i = 0, j; i < documents.size(); i = j) {
            j = packEnd(documents, i);
            List<Exception> packed = j - i == 1 ? null : annotatePack(documents.subList(i, j));
            for (int k = i; k < j; k++) {
                failures.set(k, packed != null ? packed.get(k - i) : annotateAlone(documents.get(k)));
            }
        }
        return failures;
    }

    private Exception annotateAlone(CAS document) {
        try {
            annotate(document);
            return null;
        } catch (Exception e) {
            return e;
        }
    }

    /** End (exclusive) of the pack that starts at document i. */
    private int packEnd(List<? extends CAS> documents, int i) {
        CAS first = documents.get(i);
        long chars = first.getDocumentText().length();
        int j = i + 1;
        if (chars > maxChunkChars) {
            return j; // chunked alone
        }
        while (j < documents.size()) {
            CAS next = documents.get(j);
            int len = next.getDocumentText().length();
            if (len > maxChunkChars || !fitsInPack(j - i, chars, len)
                    || next.getTypeSystem() != first.getTypeSystem()
                    || !Objects.equals(next.getDocumentLanguage(), first.getDocumentLanguage())) {
                break;
            }
            chars = packedLength(j - i, chars, len);
            j++;
        }
        return j;
    }

    /**
     * Annotates the documents as one packed text and returns each one's failure to take its annotations
     * back (normally none), or null, with the documents untouched, when the pack did not work out.
     */
    private List<Exception> annotatePack(List<? extends CAS> documents) {
        DocumentPack layout = new DocumentPack(documents);
        CAS pack;
        try {
            pack = scratchCas(documents.get(0));
        } catch (AnalysisEngineProcessException e) {
            return null;
        }
        try {
            pack.reset();
            pack.setDocumentText(layout.text());
            pack.setDocumentLanguage(documents.get(0).getDocumentLanguage());
            Set<FeatureStructure> carriedIn = Collections.newSetFromMap(new IdentityHashMap<>());
            for (int k = 0; k < documents.size(); k++) {
                carriedIn.addAll(AnnotationTransfer.copy(ownAnnotations(documents.get(k)), pack, layout.offset(k),
                        Set.of(), t -> true).values());
            }
            engine.process(pack);
            List<List<AnnotationFS>> made = new ArrayList<>();
            documents.forEach(d -> made.add(new ArrayList<>()));
            for (AnnotationFS a : pack.getAnnotationIndex().select().toList()) {
                if (carriedIn.contains(a) || droppedTypes.contains(a.getType().getName())
                        || isDocumentAnnotation(pack, a.getType())) {
                    continue;
                }
                int owner = layout.owner(a.getBegin(), a.getEnd());
                if (owner < 0) {
                    return null; // e.g. a foreign segmenter joined two documents into one sentence
                }
                made.get(owner).add(a);
            }
            // from here on documents change, so a failure is the document's own (redoing could duplicate)
            List<Exception> failures = new ArrayList<>();
            for (int k = 0; k < documents.size(); k++) {
                try {
                    AnnotationTransfer.copy(made.get(k), documents.get(k), -layout.offset(k), Set.of(), t -> true);
                    dropInternalTypes(documents.get(k));
                    failures.add(null);
                } catch (RuntimeException e) {
                    failures.add(e);
                }
            }
            return failures;
        } catch (AnalysisEngineProcessException | RuntimeException e) {
            return null; // redone document by document, so the failing one is found and reported alone
        } finally {
            pack.reset();
        }
    }

    private static List<AnnotationFS> ownAnnotations(CAS cas) {
        List<AnnotationFS> out = new ArrayList<>();
        for (AnnotationFS a : cas.getAnnotationIndex().select().toList()) {
            if (!isDocumentAnnotation(cas, a.getType())) {
                out.add(a);
            }
        }
        return out;
    }

    private void annotateInChunks(CAS cas, String text) throws AnalysisEngineProcessException {
        CAS chunk = scratchCas(cas);
        List<int[]> spans = TextChunker.chunks(text, maxChunkChars);
        List<List<AnnotationFS>> existing = existingByChunk(cas, spans);
        for (int i = 0; i < spans.size(); i++) {
            int[] span = spans.get(i);
            chunk.reset();
            chunk.setDocumentText(text.substring(span[0], span[1]));
            chunk.setDocumentLanguage(cas.getDocumentLanguage());
            // existing annotations inside the chunk (e.g. tokens from an XMI input) go in, only new ones come back
            Set<FeatureStructure> carriedIn = Collections.newSetFromMap(new IdentityHashMap<>());
            carriedIn.addAll(AnnotationTransfer.copy(existing.get(i), chunk, -span[0], Set.of(), t -> true).values());
            engine.process(chunk);
            AnnotationTransfer.copy(chunk.getAnnotationIndex().select().toList(), cas, span[0], carriedIn,
                    t -> !droppedTypes.contains(t.getName()) && !isDocumentAnnotation(chunk, t));
        }
        chunk.reset();
    }

    /** The document's own annotations, by the chunk that holds them whole, found in one pass. */
    private static List<List<AnnotationFS>> existingByChunk(CAS cas, List<int[]> spans) {
        List<List<AnnotationFS>> out = new ArrayList<>();
        spans.forEach(s -> out.add(new ArrayList<>()));
        int k = 0;
        for (AnnotationFS a : cas.getAnnotationIndex().select().toList()) {
            if (isDocumentAnnotation(cas, a.getType())) {
                continue;
            }
            while (k < spans.size() - 1 && a.getBegin() >= spans.get(k)[1]) {
                k++;
            }
            if (a.getEnd() <= spans.get(k)[1]) {
                out.get(k).add(a); // annotations crossing a chunk border stay where they are
            }
        }
        return out;
    }

    private static boolean isDocumentAnnotation(CAS cas, Type t) {
        return cas.getTypeSystem().subsumes(cas.getTypeSystem().getType(CAS.TYPE_NAME_DOCUMENT_ANNOTATION), t);
    }

    private CAS scratchCas(CAS cas) throws AnalysisEngineProcessException {
        if (scratch == null || scratchFor != cas.getTypeSystem()) {
            try {
                // the document's own type system, reused as is: a round trip through a description would
                // lose list element types and clash with the originals
                scratch = CasCreationUtils.createCas(cas.getTypeSystem(), null, null, null);
                scratchFor = cas.getTypeSystem();
            } catch (ResourceInitializationException e) {
                throw new AnalysisEngineProcessException(e);
            }
        }
        return scratch;
    }

    private void dropInternalTypes(CAS cas) {
        for (String name : droppedTypes) {
            Type type = cas.getTypeSystem().getType(name);
            if (type != null) {
                List<FeatureStructure> remove = new ArrayList<>(CasUtil.selectFS(cas, type));
                remove.forEach(cas::removeFsFromIndexes);
            }
        }
    }

    /** Tells the engine the collection is complete (writers in the aggregate flush) and releases it. */
    @Override
    public void close() throws AnalysisEngineProcessException {
        engine.collectionProcessComplete();
        engine.destroy();
    }
}
