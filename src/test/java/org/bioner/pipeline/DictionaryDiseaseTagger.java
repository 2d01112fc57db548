package org.bioner.pipeline;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.uima.UimaContext;
import org.apache.uima.analysis_engine.AnalysisEngineProcessException;
import org.apache.uima.cas.CAS;
import org.apache.uima.cas.Type;
import org.apache.uima.cas.text.AnnotationFS;
import org.apache.uima.fit.component.CasAnnotator_ImplBase;
import org.apache.uima.fit.descriptor.ConfigurationParameter;
import org.apache.uima.fit.util.CasUtil;
import org.apache.uima.resource.ResourceInitializationException;
import org.bioner.types.Disease;

/**
 * Test stand-in for the BioNER tagger (which is built elsewhere): marks tokens found in a word list as
 * {@link Disease}. Like the real tagger it reads tokens of a configurable type, so the pipeline, the
 * runner and the drop-in tests can be exercised with any token type system. A document containing the
 * crash word fails, to test failure isolation.
 */
public class DictionaryDiseaseTagger extends CasAnnotator_ImplBase {

    public static final String PARAM_WORDS = "words";
    @ConfigurationParameter(name = PARAM_WORDS, defaultValue = {"fever", "cough", "hypertension", "diabetes"})
    private String[] words;

    public static final String PARAM_TOKEN_TYPE = "tokenType";
    @ConfigurationParameter(name = PARAM_TOKEN_TYPE,
            defaultValue = "de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Token")
    private String tokenType;

    public static final String PARAM_CRASH_WORD = "crashWord";
    @ConfigurationParameter(name = PARAM_CRASH_WORD, defaultValue = "CRASH_THE_TAGGER")
    private String crashWord;

    /** Documents processed and the longest text seen, across instances (tests reset them). */
    public static final AtomicInteger PROCESSED = new AtomicInteger();
    public static final AtomicInteger LONGEST_TEXT = new AtomicInteger();

    private Set<String> dictionary;

    @Override
    public void initialize(UimaContext context) throws ResourceInitializationException {
        super.initialize(context);
        dictionary = new HashSet<>();
        for (String w : words) {
            dictionary.add(w.toLowerCase(Locale.ROOT));
        }
    }

    @Override
    public void process(CAS cas) throws AnalysisEngineProcessException {
        PROCESSED.incrementAndGet();
        LONGEST_TEXT.accumulateAndGet(cas.getDocumentText().length(), Math::max);
        if (cas.getDocumentText().contains(crashWord)) {
            throw new AnalysisEngineProcessException(new IllegalStateException("stand-in tagger crashed on purpose"));
        }
        Type type = cas.getTypeSystem().getType(tokenType);
        if (type == null) {
            throw new AnalysisEngineProcessException(new IllegalStateException("no token type " + tokenType));
        }
        for (AnnotationFS token : CasUtil.select(cas, type)) {
            if (dictionary.contains(token.getCoveredText().toLowerCase(Locale.ROOT))) {
                Disease d = new Disease(cas.getJCasImpl(), token.getBegin(), token.getEnd());
                d.setValue("Disease");
                d.setConfidence(0.9);
                d.setModel("stand-in");
                d.addToIndexes();
            }
        }
    }
}
