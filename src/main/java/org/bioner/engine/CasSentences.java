package org.bioner.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.apache.uima.cas.CAS;
import org.apache.uima.cas.Type;
import org.apache.uima.cas.text.AnnotationFS;
import org.apache.uima.fit.util.CasUtil;
import org.apache.uima.jcas.JCas;
import org.bioner.corpus.SentenceContext;

/**
 * Reads sentences with their tokens from a CAS, given the sentence and token type names, so that later engines
 * work with DKPro {@code Token}/{@code Sentence} as well as foreign types (e.g. cTAKES {@code BaseToken} and
 * {@code Sentence}) that have no JCas classes on the classpath. Subtypes of the named types count too.
 *
 * <p>Rules:
 * <ul>
 *   <li>a token belongs to every sentence annotation that covers it; sentences come in annotation-index order
 *       (by begin), and sentences without tokens are dropped;</li>
 *   <li>tokens that no sentence covers are not lost: each maximal run of consecutive uncovered tokens becomes a
 *       sentence of its own, spanning its first to its last token (so a CAS with tokens but no sentences gives one
 *       document-level sentence);</li>
 *   <li>tokens whose text is empty or only whitespace (e.g. cTAKES {@code NewlineToken}) are skipped;</li>
 *   <li>with {@code maxTokens}, longer sentences are cut into consecutive pieces of at most that many tokens.</li>
 * </ul>
 */
public final class CasSentences {

    /** DKPro Core's sentence type, the engines' default. */
    public static final String DKPRO_SENTENCE = "de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Sentence";
    /** DKPro Core's token type, the engines' default. */
    public static final String DKPRO_TOKEN = "de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Token";

    /** A token: its offsets in the document and its covered text. */
    public record CasToken(int begin, int end, String text) {}

    /** A sentence: its offsets and tokens. */
    public record CasSentence(int begin, int end, List<CasToken> tokens) {
        public CasSentence {
            tokens = List.copyOf(tokens);
        }

        public int size() {
            return tokens.size();
        }
    }

    /**
     * A character that ends document context ({@link #contexts}): packed documents are separated by it
     * ({@code pipeline.DocumentPack}), so a sentence never reads a neighbouring document of its pack; a
     * document's own paragraph separators (U+2029) end context the same way, packed or alone.
     */
    public static final char CONTEXT_BREAK = '\u2029';

    private CasSentences() {
    }

    /** Each sentence's token texts, in order: what the embeddings read. */
    public static List<List<String>> texts(List<CasSentence> sentences) {
        return sentences.stream().map(s -> s.tokens().stream().map(CasToken::text).toList()).toList();
    }

    /**
     * Each sentence's neighbours in the document ({@link SentenceContext}): the previous and next sentence of
     * the list, except across a {@link #CONTEXT_BREAK} in {@code documentText} between the two. {@code texts} are
     * the sentences' {@link #texts}.
     */
    public static List<SentenceContext> contexts(List<CasSentence> sentences, List<List<String>> texts, String documentText) {
        List<SentenceContext> out = new ArrayList<>(sentences.size());
        for (int i = 0; i < sentences.size(); i++) {
            boolean before = i > 0 && !breakBetween(sentences.get(i - 1), sentences.get(i), documentText);
            boolean after = i + 1 < sentences.size() && !breakBetween(sentences.get(i), sentences.get(i + 1), documentText);
            out.add(new SentenceContext(before ? texts.get(i - 1) : List.of(), after ? texts.get(i + 1) : List.of()));
        }
        return out;
    }

    /**
     * The runs of consecutive sentences with no {@link #CONTEXT_BREAK} between them, as {@code [from, to)} indices
     * into {@code sentences}: a document of a pack, or a part of one between its own paragraph separators; the
     * stretch {@link #contexts} reads across and a short form's type spreads over (BioNerTagger).
     */
    public static List<int[]> segments(List<CasSentence> sentences, String documentText) {
        List<int[]> out = new ArrayList<>();
        int from = 0;
        for (int i = 1; i <= sentences.size(); i++) {
            if (i == sentences.size() || breakBetween(sentences.get(i - 1), sentences.get(i), documentText)) {
                if (i > from) out.add(new int[] {from, i});
                from = i;
            }
        }
        return out;
    }

    private static boolean breakBetween(CasSentence a, CasSentence b, String text) {
        int from = Math.min(a.end(), text.length());
        int at = text.indexOf(CONTEXT_BREAK, from);
        return at >= 0 && at < b.begin();
    }

    public static List<CasSentence> read(JCas jcas, String sentenceTypeName, String tokenTypeName) {
        return read(jcas.getCas(), sentenceTypeName, tokenTypeName, Integer.MAX_VALUE);
    }

    public static List<CasSentence> read(JCas jcas, String sentenceTypeName, String tokenTypeName, int maxTokens) {
        return read(jcas.getCas(), sentenceTypeName, tokenTypeName, maxTokens);
    }

    public static List<CasSentence> read(CAS cas, String sentenceTypeName, String tokenTypeName, int maxTokens) {
        if (maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens must be at least 1, was " + maxTokens);
        }
        Type sentenceType = annotationType(cas, sentenceTypeName);
        Type tokenType = annotationType(cas, tokenTypeName);

        Set<AnnotationFS> covered = Collections.newSetFromMap(new IdentityHashMap<>());
        List<CasSentence> sentences = new ArrayList<>();
        for (AnnotationFS sentence : CasUtil.select(cas, sentenceType)) {
            List<CasToken> tokens = new ArrayList<>();
            for (AnnotationFS token : CasUtil.selectCovered(cas, tokenType, sentence)) {
                covered.add(token);
                addIfNotBlank(tokens, token);
            }
            if (!tokens.isEmpty()) {
                sentences.add(new CasSentence(sentence.getBegin(), sentence.getEnd(), tokens));
            }
        }

        // runs of tokens outside every sentence become sentences of their own
        List<CasSentence> uncovered = new ArrayList<>();
        List<CasToken> run = new ArrayList<>();
        for (AnnotationFS token : CasUtil.select(cas, tokenType)) {
            if (covered.contains(token)) {
                flushRun(run, uncovered);
            } else {
                addIfNotBlank(run, token);
            }
        }
        flushRun(run, uncovered);
        List<CasSentence> all = uncovered.isEmpty() ? sentences : mergeByBegin(sentences, uncovered);
        return maxTokens == Integer.MAX_VALUE ? all : cap(all, maxTokens);
    }

    private static Type annotationType(CAS cas, String name) {
        Type type = cas.getTypeSystem().getType(name);
        if (type == null) {
            throw new IllegalArgumentException("type " + name + " is not in the CAS type system");
        }
        if (!cas.getTypeSystem().subsumes(cas.getAnnotationType(), type)) {
            throw new IllegalArgumentException("type " + name + " is not an annotation type (uima.tcas.Annotation)");
        }
        return type;
    }

    private static void addIfNotBlank(List<CasToken> tokens, AnnotationFS token) {
        String text = token.getCoveredText();
        if (!text.isBlank()) {
            tokens.add(new CasToken(token.getBegin(), token.getEnd(), text));
        }
    }

    private static void flushRun(List<CasToken> run, List<CasSentence> out) {
        if (!run.isEmpty()) {
            out.add(new CasSentence(run.get(0).begin(), run.get(run.size() - 1).end(), run));
            run.clear();
        }
    }

    /** Both lists are sorted by begin; the result is too (stable: annotated sentences first on ties). */
    private static List<CasSentence> mergeByBegin(List<CasSentence> a, List<CasSentence> b) {
        List<CasSentence> out = new ArrayList<>(a.size() + b.size());
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (j == b.size() || (i < a.size() && a.get(i).begin() <= b.get(j).begin())) {
                out.add(a.get(i++));
            } else {
                out.add(b.get(j++));
            }
        }
        return out;
    }

    private static List<CasSentence> cap(List<CasSentence> sentences, int maxTokens) {
        List<CasSentence> out = new ArrayList<>(sentences.size());
        for (CasSentence s : sentences) {
            if (s.size() <= maxTokens) {
                out.add(s);
                continue;
            }
            for (int from = 0; from < s.size(); from += maxTokens) {
                List<CasToken> piece = s.tokens().subList(from, Math.min(s.size(), from + maxTokens));
                out.add(new CasSentence(piece.get(0).begin(), piece.get(piece.size() - 1).end(), piece));
            }
        }
        return out;
    }
}
