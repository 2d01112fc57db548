package org.bioner.engine;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

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

    /** Sentences per network batch. */
    public static final String PARAM_BATCH_SIZE = "batchSize";
    @ConfigurationParameter(name = PARAM_BATCH_SIZE, mandatory = true, defaultValue = "32")
    private int batchSize;

    /** Longer sentences are cut into pieces of at most this many tokens (bounds memory and LSTM length). */
    public static final String PARAM_MAX_SENTENCE_TOKENS = "maxSentenceTokens";
    @ConfigurationParameter(name = PARAM_MAX_SENTENCE_TOKENS, mandatory = true, defaultValue = "250")
    private int maxSentenceTokens;

    private List<SequenceTagger> taggers;
    private TokenEmbeddings embeddings;

    @Override
    public void initialize(UimaContext context) throws ResourceInitializationException {
        super.initialize(context);
        taggers = new ArrayList<>();
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
            embeddings = taggers.get(0).embeddings();
        } catch (IOException e) {
            throw new ResourceInitializationException(e);
        }
    }

    @Override
    public void process(JCas jcas) throws AnalysisEngineProcessException {
        List<CasSentence> sentences = CasSentences.read(jcas, sentenceType, tokenType, maxSentenceTokens);
        for (int s = 0; s < sentences.size(); s += batchSize) {
            List<CasSentence> batch = sentences.subList(s, Math.min(sentences.size(), s + batchSize));
            List<List<String>> tokens = new ArrayList<>(batch.size());
            for (CasSentence cs : batch) tokens.add(cs.tokens().stream().map(CasToken::text).toList());
            List<float[][]> vectors = embeddings.embed(tokens); // once, for all models
            for (int m = 0; m < taggers.size(); m++) {
                List<SequenceTagger.Prediction> pred = taggers.get(m).predict(vectors, batchSize);
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
