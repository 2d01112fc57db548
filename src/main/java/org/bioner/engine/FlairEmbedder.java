package org.bioner.engine;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import org.apache.uima.UimaContext;
import org.apache.uima.analysis_engine.AnalysisEngineProcessException;
import org.apache.uima.fit.component.JCasAnnotator_ImplBase;
import org.apache.uima.fit.descriptor.ConfigurationParameter;
import org.apache.uima.fit.descriptor.ResourceMetaData;
import org.apache.uima.fit.descriptor.TypeCapability;
import org.apache.uima.jcas.JCas;
import org.apache.uima.jcas.cas.FloatArray;
import org.apache.uima.resource.ResourceInitializationException;
import org.bioner.embeddings.EmbeddingsLoader;
import org.bioner.embeddings.StackedEmbeddings;
import org.bioner.embeddings.TokenEmbeddings;
import org.bioner.embeddings.flair.CharLanguageModel;
import org.bioner.embeddings.flair.ConcurrentStackedEmbeddings;
import org.bioner.embeddings.glove.GloveEmbeddings;
import org.bioner.engine.CasSentences.CasSentence;
import org.bioner.engine.CasSentences.CasToken;
import org.bioner.model.ResourceLocation;
import org.bioner.types.TokenEmbedding;

/**
 * Writes one {@link TokenEmbedding} per token (same span): the Flair LM outputs (and GloVe vectors, if
 * configured) stacked in the order the parameters list them, computed per sentence with the sentence's tokens
 * as context. Sentences and tokens are read as every engine reads them ({@link CasSentences}: DKPro's types by
 * default, or any named ones such as cTAKES'), and all sentences of a document are embedded in one batch.
 * Locations resolve as the taggers' do ({@link ResourceLocation}): a file, else a classpath resource.
 *
 * <p>The vectors are for components that want them in the CAS; {@link BioNerTagger} embeds on its own
 * (with its model's embeddings, which it cannot check against these), so this engine is not part of the
 * taggers' aggregate ({@code BioNerPipeline}).
 */
@ResourceMetaData(name = "BioNER Flair Embedder",
        description = "Contextual string embeddings (Flair character LMs, optionally stacked with GloVe) for each token.")
@TypeCapability(
        inputs = {"de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Sentence",
                "de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Token"},
        outputs = {"org.bioner.types.TokenEmbedding"})
public class FlairEmbedder extends JCasAnnotator_ImplBase {

    // deprecated alias: now PARAM_NUM_THREADS (DKPro's name).
    @Deprecated
    public static final String PARAM_THREADS = "numThreads";

    // deprecated alias: batchSize is the tagger network's batch everywhere else: now PARAM_EMBEDDING_BATCH_SIZE.
    @Deprecated
    public static final String PARAM_BATCH_SIZE = "embeddingBatchSize";

    /**
     * Embeddings spec, the format model files record and {@code bioner train --embeddings} takes, e.g.
     * {@code flair:models/lm-biomed-forward-h1024.bnm+flair:models/lm-biomed-backward-h1024.bnm+glove:models/glove-biomed-100d.bnm}
     * (files or classpath locations). Either this or {@link #PARAM_LANGUAGE_MODELS} (+ {@link #PARAM_GLOVE}).
     */
    public static final String PARAM_EMBEDDINGS = "embeddings"; // = EngineParameters.PARAM_EMBEDDINGS
    @ConfigurationParameter(name = PARAM_EMBEDDINGS, mandatory = false)
    private String embeddingsSpec;

    /** Character LM files (Flair {@code .pt} or bioner {@code .bnm}), stacked in this order (forward, then backward). */
    public static final String PARAM_LANGUAGE_MODELS = "languageModels";
    @ConfigurationParameter(name = PARAM_LANGUAGE_MODELS, mandatory = false)
    private String[] languageModels;

    /** Optional word-vector file, stacked after the LMs. */
    public static final String PARAM_GLOVE = "glove";
    @ConfigurationParameter(name = PARAM_GLOVE, mandatory = false)
    private String glove;

    /** Sentence annotation type (full name), as {@code BioNerTagger}'s {@code sentenceType}. */
    public static final String PARAM_SENTENCE_TYPE = "sentenceType"; // = EngineParameters.PARAM_SENTENCE_TYPE
    @ConfigurationParameter(name = PARAM_SENTENCE_TYPE, mandatory = true, defaultValue = EngineParameters.DEFAULT_SENTENCE_TYPE)
    private String sentenceType;

    /** Token annotation type (full name), as {@code BioNerTagger}'s {@code tokenType}. */
    public static final String PARAM_TOKEN_TYPE = "tokenType"; // = EngineParameters.PARAM_TOKEN_TYPE
    @ConfigurationParameter(name = PARAM_TOKEN_TYPE, mandatory = true, defaultValue = EngineParameters.DEFAULT_TOKEN_TYPE)
    private String tokenType;

    /** LM worker threads (DKPro's {@code numThreads}); 0 means one per processor. */
    public static final String PARAM_NUM_THREADS = "numThreads"; // = EngineParameters.PARAM_NUM_THREADS
    @ConfigurationParameter(name = PARAM_NUM_THREADS, mandatory = true, defaultValue = "" + EngineParameters.DEFAULT_NUM_THREADS)
    private int threads;

    /** Sentences one LM worker runs side by side (the tagger's {@code embeddingBatchSize}; at least 1). */
    public static final String PARAM_EMBEDDING_BATCH_SIZE = "embeddingBatchSize"; // = EngineParameters.PARAM_EMBEDDING_BATCH_SIZE
    @ConfigurationParameter(name = PARAM_EMBEDDING_BATCH_SIZE, mandatory = true,
            defaultValue = "" + EngineParameters.DEFAULT_EMBEDDING_BATCH_SIZE)
    private int batchSize;

    /** Where the LMs run: {@code cpu} (default) or {@code cuda}, as {@link BioNerTagger#PARAM_DEVICE}. */
    public static final String PARAM_DEVICE = "device"; // = EngineParameters.PARAM_DEVICE
    @ConfigurationParameter(name = PARAM_DEVICE, mandatory = true, defaultValue = EngineParameters.DEFAULT_DEVICE)
    private String device;

    private TokenEmbeddings embeddings;

    @Override
    public void initialize(UimaContext context) throws ResourceInitializationException {
        super.initialize(context);
        EngineParameters.requireAtLeast(PARAM_NUM_THREADS, threads, 0);
        EngineParameters.requireAtLeast(PARAM_EMBEDDING_BATCH_SIZE, batchSize, 1);
        org.bioner.nn.Backend backend = EngineParameters.openDevice(device); // an unknown name, or no usable GPU: one line
        int t = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        List<TokenEmbeddings> parts = new ArrayList<>();
        boolean hasLms = languageModels != null && languageModels.length > 0;
        boolean hasSpec = embeddingsSpec != null && !embeddingsSpec.isBlank();
        if (hasSpec == (hasLms || (glove != null && !glove.isBlank()))) {
            throw new ResourceInitializationException(new IllegalArgumentException("give either " + PARAM_EMBEDDINGS
                    + " or " + PARAM_LANGUAGE_MODELS + " (+ " + PARAM_GLOVE + "), not " + (hasSpec ? "both" : "neither")));
        }
        try {
            if (hasSpec) {
                parts.add(EmbeddingsLoader.load(embeddingsSpec, null));
            } else {
                List<CharLanguageModel> lms = new ArrayList<>();
                if (hasLms) for (String lm : languageModels) lms.add(EmbeddingsLoader.languageModel(lm, null));
                // the LMs run side by side, sharing the threads
                if (!lms.isEmpty()) parts.add(ConcurrentStackedEmbeddings.ofLanguageModels(lms, t, batchSize));
                if (glove != null && !glove.isBlank()) {
                    ResourceLocation where = ResourceLocation.resolve(glove, null, "word vectors");
                    if (where.file() != null) {
                        parts.add(GloveEmbeddings.load(where.file()));
                    } else {
                        try (InputStream in = where.open()) {
                            parts.add(GloveEmbeddings.load(in, glove));
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new ResourceInitializationException(e);
        }
        if (parts.isEmpty()) throw new ResourceInitializationException(new IllegalArgumentException("no embeddings configured"));
        embeddings = parts.size() == 1 ? parts.get(0) : new StackedEmbeddings(parts);
        embeddings.useBackend(backend);
        getLogger().info("Flair embedder: " + embeddings.describe() + " (" + embeddings.dimension() + " dimensions)");
    }

    /** The embeddings this engine writes, in stacking order. */
    public TokenEmbeddings embeddings() {
        return embeddings;
    }

    @Override
    public void process(JCas jcas) throws AnalysisEngineProcessException {
        List<CasSentence> sentences = CasSentences.read(jcas, sentenceType, tokenType);
        if (sentences.isEmpty()) return;
        List<List<String>> texts = CasSentences.texts(sentences);
        List<float[][]> vectors = embeddings.embed(texts, CasSentences.contexts(sentences, texts, jcas.getDocumentText()));
        for (int s = 0; s < sentences.size(); s++) {
            List<CasToken> tokens = sentences.get(s).tokens();
            for (int t = 0; t < tokens.size(); t++) {
                TokenEmbedding e = new TokenEmbedding(jcas, tokens.get(t).begin(), tokens.get(t).end());
                float[] v = vectors.get(s)[t];
                FloatArray arr = new FloatArray(jcas, v.length);
                arr.copyFromArray(v, 0, 0, v.length);
                e.setVector(arr);
                e.addToIndexes();
            }
        }
    }
}
