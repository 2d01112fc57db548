package org.bioner.engine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.uima.UimaContext;
import org.apache.uima.analysis_engine.AnalysisEngineProcessException;
import org.apache.uima.fit.component.JCasAnnotator_ImplBase;
import org.apache.uima.fit.descriptor.ConfigurationParameter;
import org.apache.uima.fit.descriptor.ResourceMetaData;
import org.apache.uima.fit.descriptor.TypeCapability;
import org.apache.uima.fit.util.JCasUtil;
import org.apache.uima.jcas.JCas;
import org.apache.uima.jcas.cas.FloatArray;
import org.apache.uima.resource.ResourceInitializationException;
import org.bioner.embeddings.StackedEmbeddings;
import org.bioner.embeddings.TokenEmbeddings;
import org.bioner.embeddings.flair.CharLanguageModel;
import org.bioner.embeddings.flair.ConcurrentStackedEmbeddings;
import org.bioner.embeddings.glove.GloveEmbeddings;
import org.bioner.types.TokenEmbedding;

import de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Sentence;
import de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Token;

/**
 * Writes one {@link TokenEmbedding} per DKPro {@link Token} (same span): the Flair LM outputs (and GloVe
 * vectors, if configured) stacked in the order the parameters list them, computed per sentence with the
 * sentence's tokens as context. All sentences of a document are embedded in one batch.
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

    /** LM worker threads (DKPro's {@code numThreads}); 0 means one per processor. */
    public static final String PARAM_NUM_THREADS = "numThreads"; // = EngineParameters.PARAM_NUM_THREADS
    @ConfigurationParameter(name = PARAM_NUM_THREADS, mandatory = true, defaultValue = "" + EngineParameters.DEFAULT_NUM_THREADS)
    private int threads;

    /** Sentences one LM worker runs side by side (the tagger's {@code embeddingBatchSize}; at least 1). */
    public static final String PARAM_EMBEDDING_BATCH_SIZE = "embeddingBatchSize"; // = EngineParameters.PARAM_EMBEDDING_BATCH_SIZE
    @ConfigurationParameter(name = PARAM_EMBEDDING_BATCH_SIZE, mandatory = true,
            defaultValue = "" + EngineParameters.DEFAULT_EMBEDDING_BATCH_SIZE)
    private int batchSize;

    private TokenEmbeddings embeddings;

    @Override
    public void initialize(UimaContext context) throws ResourceInitializationException {
        super.initialize(context);
        EngineParameters.requireAtLeast(PARAM_NUM_THREADS, threads, 0);
        EngineParameters.requireAtLeast(PARAM_EMBEDDING_BATCH_SIZE, batchSize, 1);
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
                parts.add(org.bioner.embeddings.EmbeddingsLoader.load(embeddingsSpec, null));
            } else {
                List<CharLanguageModel> lms = new ArrayList<>();
                if (hasLms) for (String lm : languageModels) lms.add(CharLanguageModel.load(Path.of(lm)));
                // the LMs run side by side, sharing the threads
                if (!lms.isEmpty()) parts.add(ConcurrentStackedEmbeddings.ofLanguageModels(lms, t, batchSize));
                if (glove != null && !glove.isBlank()) parts.add(GloveEmbeddings.load(Path.of(glove)));
            }
        } catch (IOException | RuntimeException e) {
            throw new ResourceInitializationException(e);
        }
        if (parts.isEmpty()) throw new ResourceInitializationException(new IllegalArgumentException("no embeddings configured"));
        embeddings = parts.size() == 1 ? parts.get(0) : new StackedEmbeddings(parts);
        getLogger().info("Flair embedder: " + embeddings.describe() + " (" + embeddings.dimension() + " dimensions)");
    }

    /** The embeddings this engine writes, in stacking order. */
    public TokenEmbeddings embeddings() {
        return embeddings;
    }

    @Override
    public void process(JCas jcas) throws AnalysisEngineProcessException {
        List<List<Token>> tokens = new ArrayList<>();
        List<List<String>> texts = new ArrayList<>();
        for (Sentence s : JCasUtil.select(jcas, Sentence.class)) {
            List<Token> ts = JCasUtil.selectCovered(Token.class, s);
            if (ts.isEmpty()) continue;
            List<String> words = new ArrayList<>(ts.size());
            for (Token t : ts) words.add(t.getCoveredText());
            tokens.add(ts);
            texts.add(words);
        }
        if (texts.isEmpty()) return;
        List<float[][]> vectors = embeddings.embed(texts);
        for (int s = 0; s < tokens.size(); s++) {
            for (int t = 0; t < tokens.get(s).size(); t++) {
                Token tok = tokens.get(s).get(t);
                TokenEmbedding e = new TokenEmbedding(jcas, tok.getBegin(), tok.getEnd());
                float[] v = vectors.get(s)[t];
                FloatArray arr = new FloatArray(jcas, v.length);
                arr.copyFromArray(v, 0, 0, v.length);
                e.setVector(arr);
                e.addToIndexes();
            }
        }
    }
}
