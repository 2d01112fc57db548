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
import org.bioner.engine.CasSentences.CasSentence;
import org.bioner.engine.CasSentences.CasToken;
import org.bioner.embeddings.TokenEmbeddings;
import org.bioner.embeddings.flair.CharLanguageModel;
import org.bioner.embeddings.flair.ConcurrentStackedEmbeddings;
import org.bioner.embeddings.glove.GloveEmbeddings;
import org.bioner.io.ResourceLocation;
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

    /** Character LM files (Flair {@code .pt} or bioner {@code .bnm}), stacked in this order (forward, then backward). */
    public static final String PARAM_LANGUAGE_MODELS = "languageModels";
    @ConfigurationParameter(name = PARAM_LANGUAGE_MODELS, mandatory = true)
    private String[] languageModels;

    /** Optional word-vector file, stacked after the LMs. */
    public static final String PARAM_GLOVE = "glove";
    @ConfigurationParameter(name = PARAM_GLOVE, mandatory = false)
    private String glove;

    /** Sentence annotation type (full name), as {@link BioNerTagger#PARAM_SENTENCE_TYPE}. */
    public static final String PARAM_SENTENCE_TYPE = "sentenceType";
    @ConfigurationParameter(name = PARAM_SENTENCE_TYPE, mandatory = true,
            defaultValue = "de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Sentence")
    private String sentenceType;

    /** Token annotation type (full name), as {@link BioNerTagger#PARAM_TOKEN_TYPE}. */
    public static final String PARAM_TOKEN_TYPE = "tokenType";
    @ConfigurationParameter(name = PARAM_TOKEN_TYPE, mandatory = true,
            defaultValue = "de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Token")
    private String tokenType;

    /** LM worker threads; 0 means one per processor. */
    public static final String PARAM_THREADS = "threads";
    @ConfigurationParameter(name = PARAM_THREADS, mandatory = true, defaultValue = "0")
    private int threads;

    /** Sentences one LM worker runs side by side. */
    public static final String PARAM_BATCH_SIZE = "batchSize";
    @ConfigurationParameter(name = PARAM_BATCH_SIZE, mandatory = true, defaultValue = "512")
    private int batchSize;

    /** Where the LMs run: {@code cpu} (default) or {@code cuda}, as {@link BioNerTagger#PARAM_DEVICE}. */
    public static final String PARAM_DEVICE = "device";
    @ConfigurationParameter(name = PARAM_DEVICE, mandatory = true, defaultValue = "cpu")
    private String device;

    private TokenEmbeddings embeddings;

    @Override
    public void initialize(UimaContext context) throws ResourceInitializationException {
        super.initialize(context);
        org.bioner.nn.Backend backend;
        try {
            backend = org.bioner.nn.Backends.open(device);
        } catch (RuntimeException e) { // an unknown name, or no usable GPU: one line
            throw new ResourceInitializationException(new IllegalArgumentException(PARAM_DEVICE + "=" + device + ": " + e.getMessage(), e));
        }
        int t = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        List<TokenEmbeddings> parts = new ArrayList<>();
        try {
            List<CharLanguageModel> lms = new ArrayList<>();
            for (String lm : languageModels) lms.add(EmbeddingsLoader.languageModel(lm, null));
            // the LMs run side by side, sharing the threads
            parts.add(ConcurrentStackedEmbeddings.ofLanguageModels(lms, t, batchSize));
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
        List<List<String>> texts = new ArrayList<>(sentences.size());
        for (CasSentence s : sentences) texts.add(s.tokens().stream().map(CasToken::text).toList());
        List<float[][]> vectors = embeddings.embed(texts);
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
