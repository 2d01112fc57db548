package org.bioner.engine;

import de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Sentence;
import de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Token;
import java.util.ArrayList;
import java.util.List;
import org.apache.uima.UimaContext;
import org.apache.uima.analysis_engine.AnalysisEngineProcessException;
import org.apache.uima.cas.CAS;
import org.apache.uima.cas.Type;
import org.apache.uima.cas.text.AnnotationFS;
import org.apache.uima.fit.component.JCasAnnotator_ImplBase;
import org.apache.uima.fit.descriptor.ConfigurationParameter;
import org.apache.uima.fit.descriptor.ResourceMetaData;
import org.apache.uima.fit.descriptor.TypeCapability;
import org.apache.uima.fit.util.CasUtil;
import org.apache.uima.jcas.JCas;
import org.apache.uima.resource.ResourceInitializationException;
import org.bioner.tokenization.BioTokenizer;
import org.bioner.tokenization.SentenceSpan;
import org.bioner.tokenization.SentenceSplitter;
import org.bioner.tokenization.TokenSpan;

/**
 * Adds DKPro {@link Token} and {@link Sentence} annotations using {@link BioTokenizer} (the tokenisation of the
 * BioBERT benchmark corpora the taggers are trained on) and {@link SentenceSplitter}.
 *
 * <p>Existing segmentation is respected. The engine looks for annotations of {@link #PARAM_TOKEN_TYPE} and
 * {@link #PARAM_SENTENCE_TYPE} (DKPro types by default; e.g. cTAKES {@code BaseToken} and {@code Sentence}):
 * <ul>
 *   <li>both present: the CAS is left alone;</li>
 *   <li>neither present: sentences and tokens are created;</li>
 *   <li>only sentences present: tokens are created within and between the sentences (never across a sentence
 *       boundary);</li>
 *   <li>only tokens present: sentences are created over the existing tokens (whitespace-only tokens such as
 *       cTAKES newline tokens are ignored).</li>
 * </ul>
 * Created annotations are always DKPro {@code Token}/{@code Sentence}; readers such as {@link CasSentences} take
 * the sentence and token type names separately, so mixed setups (cTAKES tokens, DKPro sentences) work.
 */
@ResourceMetaData(name = "BioNER Segmenter",
        description = "Tokenizes like the BioBERT benchmark corpora and splits biomedical sentences; "
                + "keeps existing tokens and sentences.")
@TypeCapability(outputs = {
        "de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Token",
        "de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Sentence" })
public class BioSegmenter extends JCasAnnotator_ImplBase {

    // deprecated alias: now PARAM_MAX_SENTENCE_LENGTH (DKPro's name).
    @Deprecated
    public static final String PARAM_MAX_SENTENCE_TOKENS = "maxSentenceLength";

    /**
     * Type of existing token annotations (any {@code uima.tcas.Annotation} subtype, subtypes included). When the
     * CAS holds any, no tokens are created. It must exist in the CAS type system.
     */
    public static final String PARAM_TOKEN_TYPE = "tokenType"; // = EngineParameters.PARAM_TOKEN_TYPE
    @ConfigurationParameter(name = PARAM_TOKEN_TYPE, mandatory = true, defaultValue = EngineParameters.DEFAULT_TOKEN_TYPE)
    private String tokenTypeName;

    /**
     * Type of existing sentence annotations (any {@code uima.tcas.Annotation} subtype, subtypes included). When
     * the CAS holds any, no sentences are created. It must exist in the CAS type system.
     */
    public static final String PARAM_SENTENCE_TYPE = "sentenceType"; // = EngineParameters.PARAM_SENTENCE_TYPE
    @ConfigurationParameter(name = PARAM_SENTENCE_TYPE, mandatory = true, defaultValue = EngineParameters.DEFAULT_SENTENCE_TYPE)
    private String sentenceTypeName;

    /**
     * Created sentences longer than this many tokens are cut into pieces (preferably after a semicolon or comma)
     * so tables or sequence dumps without periods cannot become one huge sentence. The tagger has the same default,
     * so it never cuts a sentence made here.
     */
    public static final String PARAM_MAX_SENTENCE_LENGTH = "maxSentenceLength"; // = EngineParameters.PARAM_MAX_SENTENCE_LENGTH
    @ConfigurationParameter(name = PARAM_MAX_SENTENCE_LENGTH, mandatory = true,
            defaultValue = "" + EngineParameters.DEFAULT_MAX_SENTENCE_LENGTH)
    private int maxSentenceTokens;

    /**
     * Whether every line break ends a sentence (for one-sentence-per-line or one-document-per-line text). A blank
     * line always does.
     */
    public static final String PARAM_LINE_BREAK_ENDS_SENTENCE = "lineBreakEndsSentence";
    @ConfigurationParameter(name = PARAM_LINE_BREAK_ENDS_SENTENCE, mandatory = true, defaultValue = "false")
    private boolean lineBreakEndsSentence;

    private BioTokenizer tokenizer;
    private SentenceSplitter splitter;

    @Override
    public void initialize(UimaContext context) throws ResourceInitializationException {
        super.initialize(context);
        EngineParameters.requireAtLeast(PARAM_MAX_SENTENCE_LENGTH, maxSentenceTokens, 1);
        tokenizer = new BioTokenizer();
        splitter = new SentenceSplitter(tokenizer, maxSentenceTokens, lineBreakEndsSentence);
    }

    @Override
    public void process(JCas jcas) throws AnalysisEngineProcessException {
        String text = jcas.getDocumentText();
        if (text == null || text.isEmpty()) {
            return;
        }
        CAS cas = jcas.getCas();
        Type tokenType = requireType(cas, tokenTypeName, PARAM_TOKEN_TYPE);
        Type sentenceType = requireType(cas, sentenceTypeName, PARAM_SENTENCE_TYPE);
        boolean hasTokens = !CasUtil.select(cas, tokenType).isEmpty();
        boolean hasSentences = !CasUtil.select(cas, sentenceType).isEmpty();
        if (hasTokens && hasSentences) {
            return;
        }
        if (hasSentences) {
            for (TokenSpan t : tokenizeAroundSentences(cas, sentenceType, text)) {
                new Token(jcas, t.begin(), t.end()).addToIndexes();
            }
            return;
        }
        List<SentenceSpan> sentences = hasTokens
                ? splitter.split(text, existingTokens(cas, tokenType))
                : splitter.split(text);
        for (SentenceSpan s : sentences) {
            new Sentence(jcas, s.begin(), s.end()).addToIndexes();
            if (!hasTokens) {
                for (TokenSpan t : s.tokens()) {
                    new Token(jcas, t.begin(), t.end()).addToIndexes();
                }
            }
        }
    }

    /** Tokens of the sentences and of the gaps between them, so no token crosses a sentence boundary. */
    private List<TokenSpan> tokenizeAroundSentences(CAS cas, Type sentenceType, String text) {
        List<TokenSpan> tokens = new ArrayList<>();
        int pos = 0;
        int regionBegin = -1;
        int regionEnd = -1;
        for (AnnotationFS s : CasUtil.select(cas, sentenceType)) { // sorted by begin; overlaps are merged
            if (regionBegin >= 0 && s.getBegin() < regionEnd) {
                regionEnd = Math.max(regionEnd, s.getEnd());
                continue;
            }
            if (regionBegin >= 0) {
                tokens.addAll(tokenizer.tokenize(text, regionBegin, regionEnd));
                pos = regionEnd;
            }
            int begin = Math.max(pos, s.getBegin());
            tokens.addAll(tokenizer.tokenize(text, pos, begin));
            regionBegin = begin;
            regionEnd = Math.max(begin, s.getEnd());
        }
        if (regionBegin >= 0) {
            tokens.addAll(tokenizer.tokenize(text, regionBegin, regionEnd));
            pos = regionEnd;
        }
        tokens.addAll(tokenizer.tokenize(text, pos, text.length()));
        return tokens;
    }

    /** Existing tokens as sorted, non-overlapping spans, whitespace-only tokens left out. */
    private static List<TokenSpan> existingTokens(CAS cas, Type tokenType) {
        List<TokenSpan> spans = new ArrayList<>();
        int lastEnd = 0;
        for (AnnotationFS t : CasUtil.select(cas, tokenType)) {
            if (t.getBegin() >= lastEnd && t.getEnd() > t.getBegin() && !t.getCoveredText().isBlank()) {
                spans.add(new TokenSpan(t.getBegin(), t.getEnd()));
                lastEnd = t.getEnd();
            }
        }
        return spans;
    }

    private static Type requireType(CAS cas, String name, String param) throws AnalysisEngineProcessException {
        Type type = cas.getTypeSystem().getType(name);
        if (type == null || !cas.getTypeSystem().subsumes(cas.getAnnotationType(), type)) {
            throw new AnalysisEngineProcessException(new IllegalArgumentException(
                    param + ": " + name + " is not an annotation type of this CAS's type system"));
        }
        return type;
    }
}
