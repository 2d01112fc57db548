package org.bioner.engine;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
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
import org.bioner.embeddings.TokenEmbeddings;
import org.bioner.engine.CasSentences.CasSentence;
import org.bioner.engine.CasSentences.CasToken;
import org.bioner.evaluation.Span;
import org.bioner.io.EntityTypes;
import org.bioner.tagger.SequenceTagger;
import org.bioner.tagger.TaggerModels;
import org.bioner.types.BioEntity;

import de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Sentence;
import de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Token;

/**
 * Tags the sentences of a document with one or more BiLSTM-CRF models and adds typed entity annotations
 * (Disease, Chemical, Gene, Species, ... from each model's entity types, via {@link EntityTypes}) with
 * {@code confidence} (product of the CRF token marginals over the span) and {@code model} (the location).
 *
 * <p>Each model location is loaded once per JVM and shared by all instances ({@link TaggerModels#shared}).
 * Several models must share one embeddings spec: every sentence is then embedded once for all of them.
 */
@ResourceMetaData(name = "BioNER BiLSTM-CRF Tagger")
@TypeCapability(
        inputs = {"de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Sentence",
                "de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Token"},
        outputs = {"org.bioner.types.Disease", "org.bioner.types.Chemical", "org.bioner.types.Gene",
                "org.bioner.types.Species", "org.bioner.types.BioEntity"})
public class BioNerTagger extends JCasAnnotator_ImplBase {

    /** Model locations: model files, training output directories or classpath locations. */
    public static final String PARAM_MODEL_LOCATION = "modelLocation";
    @ConfigurationParameter(name = PARAM_MODEL_LOCATION, mandatory = true)
    private String[] modelLocations;

    /** Sentence annotation type (full name); cTAKES: {@code org.apache.ctakes.typesystem.type.textspan.Sentence}. */
    public static final String PARAM_SENTENCE_TYPE = "sentenceType";
    @ConfigurationParameter(name = PARAM_SENTENCE_TYPE, mandatory = true,
            defaultValue = "de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Sentence")
    private String sentenceType;

    /** Token annotation type (full name); cTAKES: {@code org.apache.ctakes.typesystem.type.syntax.BaseToken}. */
    public static final String PARAM_TOKEN_TYPE = "tokenType";
    @ConfigurationParameter(name = PARAM_TOKEN_TYPE, mandatory = true,
            defaultValue = "de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Token")
    private String tokenType;

    /** Sentences per tagger network batch. */
    public static final String PARAM_BATCH_SIZE = "batchSize";
    @ConfigurationParameter(name = PARAM_BATCH_SIZE, mandatory = true, defaultValue = "32")
    private int batchSize;

    /**
     * Sentences embedded together: the character LMs run this many side by side, which is where large
     * batches pay (a document of ~10 sentences alone keeps them at a fraction of their speed; see
     * DocumentAnnotator's packing). Bounds the memory of the embeddings held at once.
     */
    public static final String PARAM_EMBEDDING_BATCH_SIZE = "embeddingBatchSize";
    @ConfigurationParameter(name = PARAM_EMBEDDING_BATCH_SIZE, mandatory = true, defaultValue = "512")
    private int embeddingBatchSize;

    /** Longer sentences are cut into pieces of at most this many tokens (bounds memory and LSTM length). */
    public static final String PARAM_MAX_SENTENCE_TOKENS = "maxSentenceTokens";
    @ConfigurationParameter(name = PARAM_MAX_SENTENCE_TOKENS, mandatory = true, defaultValue = "250")
    private int maxSentenceTokens;

    /**
     * Threads that run the models' BiLSTM-CRF heads side by side on each embedded batch; 0 means one per
     * model, at most one per processor. With four models the heads cost about as much as the shared
     * embedding pass, and a head is mostly single-threaded recurrences.
     */
    public static final String PARAM_HEAD_THREADS = "headThreads";
    @ConfigurationParameter(name = PARAM_HEAD_THREADS, mandatory = true, defaultValue = "0")
    private int headThreads;

    /**
     * Where the networks (the Flair LMs and the taggers) run: {@code cpu} (default) or {@code cuda} (one NVIDIA
     * GPU through the machine's driver, cuBLAS and NVRTC; results equal to the CPU's within float rounding).
     * {@code cuda} where no GPU can be used fails initialisation with one line saying what is missing. The
     * models are shared per JVM ({@link TaggerModels#shared}), so the device is too: the last engine
     * initialised decides for a model location.
     */
    public static final String PARAM_DEVICE = "device";
    @ConfigurationParameter(name = PARAM_DEVICE, mandatory = true, defaultValue = "cpu")
    private String device;

    private List<SequenceTagger> taggers;
    private TokenEmbeddings embeddings;
    private ExecutorService heads;

    @Override
    public void initialize(UimaContext context) throws ResourceInitializationException {
        super.initialize(context);
        taggers = new ArrayList<>();
        org.bioner.nn.Backend backend;
        try {
            backend = org.bioner.nn.Backends.open(device);
        } catch (RuntimeException e) { // an unknown name, or no usable GPU: one line
            throw new ResourceInitializationException(new IllegalArgumentException(PARAM_DEVICE + "=" + device + ": " + e.getMessage(), e));
        }
        try {
            for (String loc : modelLocations) taggers.add(TaggerModels.shared(loc));
            String spec = taggers.get(0).embeddingsSpec();
            for (int i = 1; i < taggers.size(); i++) {
                if (!taggers.get(i).embeddingsSpec().equals(spec)) {
                    throw new IOException("models " + modelLocations[0] + " and " + modelLocations[i]
                            + " use different embeddings (" + spec + " vs " + taggers.get(i).embeddingsSpec()
                            + "); run one BioNerTagger per embeddings spec");
                }
            }
            for (SequenceTagger t : taggers) t.useBackend(backend);
            embeddings = taggers.get(0).embeddings();
        } catch (IOException e) {
            throw new ResourceInitializationException(e);
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

    /** Each model's predictions for the batch, computed side by side when there are head threads. */
    private List<List<SequenceTagger.Prediction>> predictAll(List<float[][]> vectors)
            throws AnalysisEngineProcessException {
        List<List<SequenceTagger.Prediction>> out = new ArrayList<>();
        if (heads == null) {
            for (SequenceTagger t : taggers) out.add(t.predict(vectors, batchSize));
            return out;
        }
        List<Future<List<SequenceTagger.Prediction>>> running = new ArrayList<>();
        for (SequenceTagger t : taggers) running.add(heads.submit(() -> t.predict(vectors, batchSize)));
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
        List<CasSentence> sentences = CasSentences.read(jcas, sentenceType, tokenType, maxSentenceTokens);
        for (int s = 0; s < sentences.size(); s += embeddingBatchSize) {
            List<CasSentence> batch = sentences.subList(s, Math.min(sentences.size(), s + embeddingBatchSize));
            List<List<String>> tokens = new ArrayList<>(batch.size());
            for (CasSentence cs : batch) tokens.add(cs.tokens().stream().map(CasToken::text).toList());
            List<float[][]> vectors = embeddings.embed(tokens); // once, for all models
            List<List<SequenceTagger.Prediction>> predictions = predictAll(vectors);
            for (int m = 0; m < taggers.size(); m++) { // the CAS is written from this thread only
                List<SequenceTagger.Prediction> pred = predictions.get(m);
                for (int i = 0; i < batch.size(); i++) {
                    List<CasToken> toks = batch.get(i).tokens();
                    SequenceTagger.Prediction p = pred.get(i);
                    for (int k = 0; k < p.spans().size(); k++) {
                        Span sp = p.spans().get(k);
                        BioEntity e = EntityTypes.create(jcas, toks.get(sp.start()).begin(), toks.get(sp.end() - 1).end(), sp.type());
                        e.setConfidence(p.spanConfidence()[k]);
                        e.setModel(modelLocations[m]);
                        e.addToIndexes();
                    }
                }
            }
        }
    }
}
