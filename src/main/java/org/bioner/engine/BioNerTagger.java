package org.bioner.engine;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.uima.UimaContext;
import org.apache.uima.analysis_engine.AnalysisEngineProcessException;
import org.apache.uima.fit.component.JCasAnnotator_ImplBase;
import org.apache.uima.fit.descriptor.ConfigurationParameter;
import org.apache.uima.fit.descriptor.ResourceMetaData;
import org.apache.uima.fit.descriptor.TypeCapability;
import org.apache.uima.jcas.JCas;
import org.apache.uima.resource.ResourceInitializationException;
import org.bioner.corpus.AbbreviationPropagation;
import org.bioner.corpus.MentionStoplist;
import org.bioner.corpus.SentenceContext;
import org.bioner.corpus.Span;
import org.bioner.embeddings.CharCodeEmbeddings;
import org.bioner.embeddings.CorpusConditionedEmbeddings;
import org.bioner.embeddings.CorpusEmbeddings;
import org.bioner.embeddings.EmbeddingsLoader;
import org.bioner.embeddings.StackedEmbeddings;
import org.bioner.embeddings.TokenEmbeddings;
import org.bioner.engine.CasSentences.CasSentence;
import org.bioner.engine.CasSentences.CasToken;
import org.bioner.io.EntityTypes;
import org.bioner.tagger.SequenceTagger;
import org.bioner.tagger.TaggerModels;
import org.bioner.types.BioEntity;

import de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Sentence;
import de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Token;

/**
 * Tags the sentences of a document with one or more BiLSTM-CRF models and adds typed entity annotations
 * (Disease, Chemical, Gene, Species, ... from each model's entity types, via {@link EntityTypes}) with
 * {@code confidence} (product of the CRF token marginals over the span; for a Flair checkpoint, Flair's span score)
 * and {@code model} (the location).
 *
 * <p>Each model location is loaded once per JVM and shared by all instances ({@link TaggerModels#shared}).
 * Models that share an embeddings spec share one embedding pass: every sentence is embedded once per distinct
 * spec (a Flair {@code .pt} tagger, converted on load, brings its own embeddings); a model trained with a corpus
 * one-hot ({@code SPEC+corpus:...}) shares the pass of {@code SPEC} and appends its one-hot.
 */
@ResourceMetaData(name = "BioNER BiLSTM-CRF Tagger")
@TypeCapability(
        inputs = {"de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Sentence",
                "de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Token"},
        outputs = {"org.bioner.types.Disease", "org.bioner.types.Chemical", "org.bioner.types.Gene",
                "org.bioner.types.Species", "org.bioner.types.BioEntity"})
public class BioNerTagger extends JCasAnnotator_ImplBase {

    // deprecated alias: the parameter takes several locations and is now called PARAM_MODEL_LOCATIONS.
    @Deprecated
    public static final String PARAM_MODEL_LOCATION = "modelLocations";

    // deprecated alias: now PARAM_MAX_SENTENCE_LENGTH (DKPro's name), with the segmenter's default.
    @Deprecated
    public static final String PARAM_MAX_SENTENCE_TOKENS = "maxSentenceLength";

    /**
     * Model locations (several values): model files, training output directories, classpath locations
     * ({@code classpath:/models/disease.bnm}) or Flair {@code .pt} taggers (converted on load, docs/FLAIR_TAGGERS.md). Default: the four bundled models (Disease, Chemical, Gene, Species:
     * {@code classpath:/models/disease.bnm}, {@code chemical.bnm}, {@code gene.bnm}, {@code species.bnm}), which
     * are in the artifact {@code org.bioner:bioner-uima:jar:models} (classifier {@code models}); add it to use them.
     * Models that share an embeddings spec share one embedding pass; each distinct spec is embedded once.
     */
    public static final String PARAM_MODEL_LOCATIONS = "modelLocations"; // = EngineParameters.PARAM_MODEL_LOCATIONS
    @ConfigurationParameter(name = PARAM_MODEL_LOCATIONS, mandatory = true,
            defaultValue = {BundledModels.DISEASE, BundledModels.CHEMICAL, BundledModels.GENE, BundledModels.SPECIES})
    private String[] modelLocations;

    /** Sentence annotation type (full name); cTAKES: {@code org.apache.ctakes.typesystem.type.textspan.Sentence}. */
    public static final String PARAM_SENTENCE_TYPE = "sentenceType"; // = EngineParameters.PARAM_SENTENCE_TYPE
    @ConfigurationParameter(name = PARAM_SENTENCE_TYPE, mandatory = true, defaultValue = EngineParameters.DEFAULT_SENTENCE_TYPE)
    private String sentenceType;

    /** Token annotation type (full name); cTAKES: {@code org.apache.ctakes.typesystem.type.syntax.BaseToken}. */
    public static final String PARAM_TOKEN_TYPE = "tokenType"; // = EngineParameters.PARAM_TOKEN_TYPE
    @ConfigurationParameter(name = PARAM_TOKEN_TYPE, mandatory = true, defaultValue = EngineParameters.DEFAULT_TOKEN_TYPE)
    private String tokenType;

    /** Sentences per tagger network batch (at least 1). */
    public static final String PARAM_BATCH_SIZE = "batchSize"; // = EngineParameters.PARAM_BATCH_SIZE
    @ConfigurationParameter(name = PARAM_BATCH_SIZE, mandatory = true, defaultValue = "" + EngineParameters.DEFAULT_BATCH_SIZE)
    private int batchSize;

    /**
     * Sentences embedded together (at least 1): the character LMs run this many side by side, which is where large
     * batches pay (a document of ~10 sentences alone keeps them at a fraction of their speed; see
     * DocumentAnnotator's packing). Bounds the memory of the embeddings held at once.
     */
    public static final String PARAM_EMBEDDING_BATCH_SIZE = "embeddingBatchSize"; // = EngineParameters.PARAM_EMBEDDING_BATCH_SIZE
    @ConfigurationParameter(name = PARAM_EMBEDDING_BATCH_SIZE, mandatory = true,
            defaultValue = "" + EngineParameters.DEFAULT_EMBEDDING_BATCH_SIZE)
    private int embeddingBatchSize;

    /**
     * Longer sentences are cut into pieces of at most this many tokens (bounds memory and LSTM length); the same
     * default as the segmenter's, so only sentences from other segmenters are ever cut here.
     */
    public static final String PARAM_MAX_SENTENCE_LENGTH = "maxSentenceLength"; // = EngineParameters.PARAM_MAX_SENTENCE_LENGTH
    @ConfigurationParameter(name = PARAM_MAX_SENTENCE_LENGTH, mandatory = true,
            defaultValue = "" + EngineParameters.DEFAULT_MAX_SENTENCE_LENGTH)
    private int maxSentenceLength;

    /**
     * Threads that run the models' BiLSTM-CRF heads side by side on each embedded batch; 0 means one per
     * model, at most one per processor. With four models the heads cost about as much as the shared
     * embedding pass, and a head is mostly single-threaded recurrences.
     */
    public static final String PARAM_HEAD_THREADS = "headThreads"; // = EngineParameters.PARAM_HEAD_THREADS
    @ConfigurationParameter(name = PARAM_HEAD_THREADS, mandatory = true, defaultValue = "" + EngineParameters.DEFAULT_HEAD_THREADS)
    private int headThreads;

    /**
     * What to do with a non-empty document that has none of the configured sentence/token annotations (a forgotten
     * segmenter or {@code types(...)}): false (default) logs a warning naming the token/sentence types it does have and
     * tags nothing; true fails the document with that message.
     */
    public static final String PARAM_REQUIRE_SEGMENTATION = "requireSegmentation";
    @ConfigurationParameter(name = PARAM_REQUIRE_SEGMENTATION, mandatory = true, defaultValue = "false")
    private boolean requireSegmentation;

    /** Documents with text but none of the configured sentence/token annotations are reported this often, then counted. */
    private static final int MISSING_SEGMENTATION_WARNINGS = 5;
    private int missingSegmentation;

    /**
     * Where the networks (the Flair LMs and the taggers) run: {@code cpu} (default) or {@code cuda} (one NVIDIA
     * GPU through the machine's driver, cuBLAS and NVRTC; results equal to the CPU's within float rounding).
     * {@code cuda} where no GPU can be used fails initialisation with one line saying what is missing. The
     * models are shared per JVM ({@link TaggerModels#shared}), so the device is too: the last engine
     * initialised decides for a model location.
     */
    public static final String PARAM_DEVICE = "device"; // = EngineParameters.PARAM_DEVICE
    @ConfigurationParameter(name = PARAM_DEVICE, mandatory = true, defaultValue = EngineParameters.DEFAULT_DEVICE)
    private String device;

    /**
     * Mentions not to emit: a location of a {@code TYPE<TAB>mention} list ({@link MentionStoplist}); none by default.
     * {@code MentionStoplist.SPECIES_HUMAN_NOUNS} gives the S800 Species convention (no patients as Homo sapiens).
     */
    public static final String PARAM_MENTION_STOPLIST = "mentionStoplist"; // = EngineParameters.PARAM_MENTION_STOPLIST
    @ConfigurationParameter(name = PARAM_MENTION_STOPLIST, mandatory = false)
    private String mentionStoplist;

    /** Corpora whose conventions corpus-conditioned models tag by ({@link EngineParameters#PARAM_USE_CORPUS}). */
    public static final String PARAM_USE_CORPUS = "useCorpus"; // = EngineParameters.PARAM_USE_CORPUS
    @ConfigurationParameter(name = PARAM_USE_CORPUS, mandatory = false)
    private String[] useCorpus;

    /** Short forms take their long form's (or their own tagged) type over this many sentences ({@link EngineParameters#PARAM_ABBREVIATION_WINDOW}); -1: off. */
    public static final String PARAM_ABBREVIATION_WINDOW = "abbreviationWindow"; // = EngineParameters.PARAM_ABBREVIATION_WINDOW
    @ConfigurationParameter(name = PARAM_ABBREVIATION_WINDOW, mandatory = true,
            defaultValue = "" + EngineParameters.DEFAULT_ABBREVIATION_WINDOW)
    private int abbreviationWindow;

    /** Every mention tag scores this much more at each token when decoding ({@link EngineParameters#PARAM_ENTITY_BIAS}); 0: the models' own paths. */
    public static final String PARAM_ENTITY_BIAS = "entityBias"; // = EngineParameters.PARAM_ENTITY_BIAS
    @ConfigurationParameter(name = PARAM_ENTITY_BIAS, mandatory = true, defaultValue = "" + EngineParameters.DEFAULT_ENTITY_BIAS)
    private float entityBias;

    private MentionStoplist stoplist = MentionStoplist.NONE;
    private List<SequenceTagger> taggers;
    private List<TokenEmbeddings> embeddings; // one per distinct embeddings spec
    private int[] embeddingsOf;               // model index -> index in embeddings
    private CorpusConditionedEmbeddings[] conditioned; // model index -> its corpus one-hot over the shared pass, or null
    private CharCodeEmbeddings[] charCodes;   // model index -> its character codes after the shared pass, or null
    private ExecutorService heads;

    @Override
    public void initialize(UimaContext context) throws ResourceInitializationException {
        super.initialize(context);
        EngineParameters.requireAtLeast(PARAM_BATCH_SIZE, batchSize, 1);
        EngineParameters.requireAtLeast(PARAM_EMBEDDING_BATCH_SIZE, embeddingBatchSize, 1);
        EngineParameters.requireAtLeast(PARAM_MAX_SENTENCE_LENGTH, maxSentenceLength, 1);
        EngineParameters.requireAtLeast(PARAM_HEAD_THREADS, headThreads, 0);
        EngineParameters.requireAtLeast(PARAM_ABBREVIATION_WINDOW, abbreviationWindow, AbbreviationPropagation.OFF);
        try {
            SequenceTagger.requireFiniteEntityBias(PARAM_ENTITY_BIAS, entityBias); // before the models load
        } catch (IllegalArgumentException e) {
            throw new ResourceInitializationException(e);
        }
        if (modelLocations == null || modelLocations.length == 0) {
            throw new ResourceInitializationException(new IllegalArgumentException(PARAM_MODEL_LOCATIONS + " is empty"));
        }
        List<String> missing = BundledModels.missing(modelLocations);
        if (!missing.isEmpty()) {
            throw new ResourceInitializationException(new IllegalStateException("bundled model(s) " + missing
                    + " not on the classpath: add the dependency " + BundledModels.ARTIFACT + ", or set "
                    + PARAM_MODEL_LOCATIONS + " to your own models"));
        }
        try {
            stoplist = EngineParameters.readStoplist(mentionStoplist);
        } catch (IOException e) {
            throw new ResourceInitializationException(new IllegalArgumentException(PARAM_MENTION_STOPLIST + ": " + e.getMessage(), e));
        }
        taggers = new ArrayList<>();
        org.bioner.nn.Backend backend = EngineParameters.openDevice(device); // before the models: a missing GPU fails fast
        try {
            for (String loc : modelLocations) taggers.add(TaggerModels.shared(loc));
            List<String> specs = new ArrayList<>();
            embeddings = new ArrayList<>();
            embeddingsOf = new int[taggers.size()];
            conditioned = new CorpusConditionedEmbeddings[taggers.size()];
            charCodes = new CharCodeEmbeddings[taggers.size()];
            for (int i = 0; i < taggers.size(); i++) {
                // one spec string, one embedding pass; a corpus-conditioned model shares its base spec's pass and
                // appends its corpus one-hot to it, a model with character features appends its codes before that
                String full = taggers.get(i).embeddingsSpec();
                int codes = CharCodeEmbeddings.codesIn(full);
                String spec = CharCodeEmbeddings.withoutCodes(CorpusConditionedEmbeddings.baseSpec(full));
                int g = specs.indexOf(spec);
                if (g < 0) {
                    g = specs.size();
                    specs.add(spec);
                    TokenEmbeddings own = codes == 0 ? taggers.get(i).embeddings() : EmbeddingsLoader.load(spec, taggers.get(i).baseDir());
                    embeddings.add(own instanceof CorpusConditionedEmbeddings c ? c.base() : own);
                }
                if (codes > 0) charCodes[i] = new CharCodeEmbeddings(codes);
                embeddingsOf[i] = g;
                CorpusEmbeddings corpus = CorpusConditionedEmbeddings.corpusPart(full);
                if (corpus != null) {
                    // the one-hot goes after the model's whole base: the shared pass, and its codes if it has them
                    TokenEmbeddings base = codes == 0 ? embeddings.get(g) : new StackedEmbeddings(List.of(embeddings.get(g), charCodes[i]));
                    conditioned[i] = new CorpusConditionedEmbeddings(base, chooseCorpus(corpus));
                }
            }
            requireUsedCorpora();
            for (SequenceTagger t : taggers) {
                try {
                    t.requireEntityBias(entityBias); // a Flair tagger takes only 0
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(PARAM_ENTITY_BIAS + "=" + entityBias + ": " + e.getMessage(), e);
                }
            }
            for (SequenceTagger t : taggers) t.useBackend(backend);
            for (TokenEmbeddings e : embeddings) e.useBackend(backend); // each distinct spec's pass on the device too
        } catch (IOException | IllegalArgumentException e) {
            throw new ResourceInitializationException(e);
        } catch (OutOfMemoryError e) {
            throw new ResourceInitializationException(new IllegalStateException(offHeapMessage(e), e));
        }
        int n = Math.min(taggers.size(), headThreads > 0 ? headThreads : Runtime.getRuntime().availableProcessors());
        if (n > 1) {
            heads = Executors.newFixedThreadPool(n, r -> {
                Thread t = new Thread(r, "bioner-tagger-head");
                t.setDaemon(true);
                return t;
            });
        }
    }

    @Override
    public void destroy() {
        if (heads != null) {
            heads.shutdownNow();
        }
        super.destroy();
    }

    /** A model's corpus one-hot, switched to the first corpus of {@link #PARAM_USE_CORPUS} it was trained on, if any. */
    private CorpusEmbeddings chooseCorpus(CorpusEmbeddings corpus) {
        if (useCorpus != null) {
            for (String name : useCorpus) if (corpus.knows(name)) return corpus.using(name);
        }
        return corpus;
    }

    /** Every corpus named in {@link #PARAM_USE_CORPUS} is known to some model: a misspelt name is not silently ignored. */
    private void requireUsedCorpora() {
        if (useCorpus == null) return;
        java.util.Set<String> known = new java.util.TreeSet<>();
        for (CorpusConditionedEmbeddings c : conditioned) if (c != null) known.addAll(c.corpus().names());
        for (String name : useCorpus) {
            if (!known.contains(name) && !(CorpusEmbeddings.ALL.equals(name) && !known.isEmpty())) {
                throw new IllegalArgumentException(PARAM_USE_CORPUS + ": no model was trained on a corpus '" + name + "' "
                        + (known.isEmpty() ? "(none of the models has a corpus one-hot)"
                                : "(their corpora: " + known + ", or " + CorpusEmbeddings.ALL + ")"));
            }
        }
    }

    /**
     * Model {@code m}'s input vectors: its embeddings pass, with its character codes and its corpus one-hot appended
     * if it has them.
     */
    private List<float[][]> inputOf(int m, List<List<float[][]>> vectors, List<List<String>> tokens) {
        List<float[][]> v = vectors.get(embeddingsOf[m]);
        if (charCodes[m] == null) return conditioned[m] == null ? v : conditioned[m].appendUse(v);
        // codes, then the one-hot: the layout CorpusConditionedEmbeddings.appendUse gives over a base with the codes
        return charCodes[m].appendTo(v, tokens, conditioned[m] == null ? new float[0] : conditioned[m].corpus().useVector());
    }

    /** Each model's predictions for the batch, computed side by side when there are head threads. */
    private List<List<SequenceTagger.Prediction>> predictAll(List<List<float[][]>> vectors, List<List<String>> tokens)
            throws AnalysisEngineProcessException {
        List<List<SequenceTagger.Prediction>> out = new ArrayList<>();
        if (heads == null) {
            for (int m = 0; m < taggers.size(); m++) out.add(taggers.get(m).predict(inputOf(m, vectors, tokens), batchSize, entityBias));
            return out;
        }
        List<Future<List<SequenceTagger.Prediction>>> running = new ArrayList<>();
        for (int m = 0; m < taggers.size(); m++) {
            SequenceTagger t = taggers.get(m);
            List<float[][]> v = inputOf(m, vectors, tokens);
            running.add(heads.submit(() -> t.predict(v, batchSize, entityBias)));
        }
        try {
            for (Future<List<SequenceTagger.Prediction>> f : running) out.add(f.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AnalysisEngineProcessException(e);
        } catch (ExecutionException e) {
            throw new AnalysisEngineProcessException(e.getCause());
        }
        return out;
    }

    @Override
    public void process(JCas jcas) throws AnalysisEngineProcessException {
        List<CasSentence> sentences = CasSentences.read(jcas, sentenceType, tokenType, maxSentenceLength);
        if (sentences.isEmpty()) {
            String problem = unsegmented(jcas);
            if (problem != null && requireSegmentation) {
                throw new AnalysisEngineProcessException(new IllegalStateException(problem));
            }
            if (problem != null) {
                missingSegmentation++;
                if (missingSegmentation <= MISSING_SEGMENTATION_WARNINGS) {
                    getLogger().log(org.apache.uima.util.Level.WARNING, problem
                            + (missingSegmentation == MISSING_SEGMENTATION_WARNINGS ? " [further such documents are counted, not reported]" : ""));
                }
            }
            return;
        }
        List<List<String>> allTokens = CasSentences.texts(sentences);
        List<SentenceContext> context = CasSentences.contexts(sentences, allTokens, jcas.getDocumentText());
        List<List<SequenceTagger.Prediction>> predicted = new ArrayList<>(); // model -> sentence -> prediction
        for (int m = 0; m < taggers.size(); m++) predicted.add(new ArrayList<>(sentences.size()));
        for (int s = 0; s < sentences.size(); s += embeddingBatchSize) {
            int end = Math.min(sentences.size(), s + embeddingBatchSize);
            List<List<String>> tokens = allTokens.subList(s, end);
            List<List<float[][]>> vectors = new ArrayList<>(); // once per embeddings spec, for all its models
            List<List<SequenceTagger.Prediction>> predictions;
            try {
                for (TokenEmbeddings e : embeddings) vectors.add(e.embed(tokens, context.subList(s, end)));
                predictions = predictAll(vectors, tokens);
            } catch (OutOfMemoryError e) {
                throw new AnalysisEngineProcessException(new IllegalStateException(
                        offHeapMessage("tagging " + (end - s) + " sentences", e), e));
            }
            for (int m = 0; m < taggers.size(); m++) predicted.get(m).addAll(predictions.get(m));
        }
        // the CAS is written from this thread only, once every sentence is tagged: a short form's type may come
        // from a long form sentences before it (abbreviationWindow)
        for (int m = 0; m < taggers.size(); m++) {
            List<SequenceTagger.Prediction> pred = predicted.get(m);
            for (int i = 0; i < sentences.size(); i++) {
                SequenceTagger.Prediction p = pred.get(i);
                for (int k = 0; k < p.spans().size(); k++) {
                    emit(jcas, sentences.get(i), p.spans().get(k), p.spanConfidence()[k], m);
                }
            }
            if (abbreviationWindow == AbbreviationPropagation.OFF) continue;
            for (int[] seg : CasSentences.segments(sentences, jcas.getDocumentText())) {
                List<List<Span>> spans = pred.subList(seg[0], seg[1]).stream().map(SequenceTagger.Prediction::spans).toList();
                List<AbbreviationPropagation.Addition> additions =
                        AbbreviationPropagation.additions(allTokens.subList(seg[0], seg[1]), spans, abbreviationWindow);
                if (additions.isEmpty()) continue; // most segments: no confidence lookup to build
                // an added mention's confidence is that of the mention it was typed by (long form or short form)
                Map<SpanAt, Double> confidence = new HashMap<>();
                for (int i = seg[0]; i < seg[1]; i++) {
                    SequenceTagger.Prediction p = pred.get(i);
                    for (int k = 0; k < p.spans().size(); k++) confidence.put(new SpanAt(i, p.spans().get(k)), p.spanConfidence()[k]);
                }
                for (AbbreviationPropagation.Addition a : additions) {
                    double c = confidence.get(new SpanAt(seg[0] + a.sourceSentence(), a.source()));
                    confidence.put(new SpanAt(seg[0] + a.sentence(), a.span()), c);
                    emit(jcas, sentences.get(seg[0] + a.sentence()), a.span(), c, m);
                }
            }
        }
    }

    /** A span of one sentence of the CAS (spans count tokens from their sentence's start). */
    private record SpanAt(int sentence, Span span) {
    }

    /** One mention of model {@code m} into the CAS, unless the stoplist drops it. */
    private void emit(JCas jcas, CasSentence sentence, Span sp, double confidence, int m) {
        List<CasToken> toks = sentence.tokens();
        int from = toks.get(sp.start()).begin(), to = toks.get(sp.end() - 1).end();
        if (stoplist.drops(sp.type(), jcas.getDocumentText().substring(from, to))) return;
        BioEntity e = EntityTypes.create(jcas, from, to, sp.type());
        e.setConfidence(confidence);
        e.setModel(modelLocations[m]);
        e.addToIndexes();
    }

    /**
     * The model weights live off-heap (JavaCPP), which JavaCPP caps at {@code -Xmx} unless
     * {@code -Dorg.bytedeco.javacpp.maxBytes} says otherwise; the bundled four take
     * {@value #BUNDLED_OFF_HEAP_MIB} MiB once loaded and about {@value #BUNDLED_OFF_HEAP_TAGGING_MIB} MiB while tagging
     * (measured, JavaCPP {@code Pointer.totalBytes()}; README "Threads and memory").
     */
    static final int BUNDLED_OFF_HEAP_MIB = 170;
    static final int BUNDLED_OFF_HEAP_TAGGING_MIB = 250;

    private static String offHeapMessage(OutOfMemoryError e) {
        return offHeapMessage("loading the tagger models", e);
    }

    private static String offHeapMessage(String doing, OutOfMemoryError e) {
        long mib = 1024L * 1024L;
        return "out of memory while " + doing + " (" + e.getMessage() + "). Their weights live off-heap "
                + "through JavaCPP, which by default allows only as much as -Xmx (here " + Runtime.getRuntime().maxMemory() / mib
                + " MiB; JavaCPP limit " + org.bytedeco.javacpp.Pointer.maxBytes() / mib + " MiB, in use "
                + org.bytedeco.javacpp.Pointer.totalBytes() / mib + " MiB). The four bundled models need about "
                + BUNDLED_OFF_HEAP_MIB + " MiB off-heap once loaded and " + BUNDLED_OFF_HEAP_TAGGING_MIB
                + " MiB while tagging, besides the heap: raise -Xmx or set "
                + "-Dorg.bytedeco.javacpp.maxBytes (e.g. -Dorg.bytedeco.javacpp.maxBytes=1g)";
    }

    /** Why a non-empty document without the configured sentences/tokens gets no entities; null if it is empty. */
    private String unsegmented(JCas jcas) {
        String text = jcas.getDocumentText();
        if (text == null || text.isBlank()) return null;
        org.apache.uima.cas.CAS cas = jcas.getCas();
        org.apache.uima.cas.TypeSystem ts = cas.getTypeSystem();
        java.util.Map<String, Integer> present = new java.util.TreeMap<>();
        org.apache.uima.cas.Type annotation = cas.getAnnotationType();
        for (org.apache.uima.cas.text.AnnotationFS a : cas.getAnnotationIndex()) {
            // the type and its ancestors (cTAKES' WordToken counts as a BaseToken too)
            for (org.apache.uima.cas.Type t = a.getType(); t != null && !t.equals(annotation); t = ts.getParent(t)) {
                present.merge(t.getName(), 1, Integer::sum);
            }
        }
        String counts = present.isEmpty() ? "no annotations" : present.entrySet().stream()
                .filter(e -> e.getKey().endsWith("Token") || e.getKey().endsWith("Sentence"))
                .map(e -> e.getValue() + " " + e.getKey()).collect(java.util.stream.Collectors.joining(", "));
        return "BioNerTagger: a document of " + text.length()
                + " characters has no " + sentenceType + (ts.getType(sentenceType) == null ? " (not in the type system)" : "")
                + " / " + tokenType + (ts.getType(tokenType) == null ? " (not in the type system)" : "")
                + " annotations, so nothing was tagged. Its token/sentence annotations: " + (counts.isEmpty() ? "none" : counts)
                + ". Run a segmenter first, or name the types it writes (" + PARAM_TOKEN_TYPE + ", " + PARAM_SENTENCE_TYPE
                + "; BioNerPipeline.builder().types(...))";
    }

    @Override
    public void collectionProcessComplete() throws AnalysisEngineProcessException {
        if (missingSegmentation > MISSING_SEGMENTATION_WARNINGS) {
            getLogger().log(org.apache.uima.util.Level.WARNING, "BioNerTagger: " + missingSegmentation
                    + " non-empty documents had no " + sentenceType + " / " + tokenType + " annotations and were not tagged");
        }
        super.collectionProcessComplete();
    }
}
