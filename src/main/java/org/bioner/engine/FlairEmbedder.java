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
import org.apache.uima.fit.util.JCasUtil;
import org.apache.uima.jcas.JCas;
import org.apache.uima.jcas.cas.FloatArray;
import org.apache.uima.resource.ResourceInitializationException;
import org.bioner.embeddings.EmbeddingsLoader;
import org.bioner.embeddings.StackedEmbeddings;
import org.bioner.embeddings.TokenEmbeddings;
import org.bioner.embeddings.flair.CharLanguageModel;
import org.bioner.embeddings.flair.ConcurrentStackedEmbeddings;
import org.bioner.embeddings.glove.GloveEmbeddings;
import org.bioner.io.ResourceLocation;
import org.bioner.types.TokenEmbedding;

import de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Sentence;
import de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Token;

/**
 * Writes one {@link TokenEmbedding} per DKPro {@link Token} (same span): the Flair LM outputs (and GloVe
 * vectors, if configured) stacked in the order the parameters list them, computed per sentence with the
 * sentence's tokens as context. All sentences of a document are embedded in one batch. Locations resolve as
 * the taggers' do ({@link ResourceLocation}): a file, else a classpath resource.
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

    /** LM worker threads; 0 means one per processor. */
    public static final String PARAM_THREADS = "threads";
    @ConfigurationParameter(name = PARAM_THREADS, mandatory = true, defaultValue = "0")
    private int threads;

    /** Sentences one LM worker runs side by side. */
    public static final String PARAM_BATCH_SIZE = "batchSize";
    @ConfigurationParameter(name = PARAM_BATCH_SIZE, mandatory = true, defaultValue = "512")
    private int batchSize;

    private TokenEmbeddings embeddings;

    @Override
    public void initialize(UimaContext context) throws ResourceInitializationException {
        super.initialize(context);
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
