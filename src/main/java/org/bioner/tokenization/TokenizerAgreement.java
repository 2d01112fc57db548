package org.bioner.tokenization;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Measures how well {@link BioTokenizer} and {@link SentenceSplitter} reproduce a tokenised corpus.
 *
 * <p>Tokens: every sentence is turned back into running text with {@link Detokenizer}, tokenised again, and
 * compared with the original tokens (exact match per sentence, and token spans matched). Sentences: all
 * detokenised sentences are joined with single spaces into one text (the corpora carry no document boundaries),
 * split again with no length cap, and the sentence ends found are compared with the corpus's sentence ends.
 */
public final class TokenizerAgreement {

    /** A sentence whose tokens came back different. */
    public record Mismatch(int sentenceIndex, String text, List<String> expected, List<String> actual) {}

    /** A sentence end the splitter missed ({@code missed}) or invented; {@code context} marks it with "||". */
    public record BoundaryMismatch(boolean missed, String context) {}

    /** Agreement figures for one corpus. */
    public record Result(String source, int sentences, int exactSentences, long corpusTokens, long producedTokens,
                         long matchedTokens, long corpusBoundaries, long predictedBoundaries, long matchedBoundaries,
                         List<Mismatch> mismatches, List<BoundaryMismatch> boundaryMismatches) {

        public double sentenceExactMatch() {
            return ratio(exactSentences, sentences);
        }

        /** Share of corpus tokens reproduced with the same span (token recall). */
        public double tokenRecall() {
            return ratio(matchedTokens, corpusTokens);
        }

        /** Share of produced tokens that are corpus tokens (token precision). */
        public double tokenPrecision() {
            return ratio(matchedTokens, producedTokens);
        }

        public double boundaryRecall() {
            return ratio(matchedBoundaries, corpusBoundaries);
        }

        public double boundaryPrecision() {
            return ratio(matchedBoundaries, predictedBoundaries);
        }

        public double boundaryF1() {
            double p = boundaryPrecision();
            double r = boundaryRecall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }

        private static double ratio(long a, long b) {
            return b == 0 ? 1.0 : (double) a / b;
        }
    }

    private final BioTokenizer tokenizer;
    private final Detokenizer detokenizer = new Detokenizer();

    public TokenizerAgreement(BioTokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    /**
     * @param sentences     the corpus sentences as token lists
     * @param maxMismatches how many differing sentences to keep as examples
     */
    public Result measure(String source, List<List<String>> sentences, int maxMismatches) {
        int exact = 0;
        long corpusTokens = 0;
        long produced = 0;
        long matched = 0;
        List<Mismatch> mismatches = new ArrayList<>();
        StringBuilder joined = new StringBuilder();
        Set<Integer> corpusEnds = new HashSet<>();
        for (int s = 0; s < sentences.size(); s++) {
            List<String> expected = sentences.get(s);
            Detokenizer.Detokenized d = detokenizer.detokenize(expected);
            List<TokenSpan> actual = tokenizer.tokenize(d.text());
            corpusTokens += expected.size();
            produced += actual.size();
            matched += countCommon(d.spans(), actual);
            if (actual.equals(d.spans())) {
                exact++;
            } else if (mismatches.size() < maxMismatches) {
                List<String> actualTexts = new ArrayList<>();
                actual.forEach(t -> actualTexts.add(t.text(d.text())));
                mismatches.add(new Mismatch(s, d.text(), expected, actualTexts));
            }
            if (!expected.isEmpty()) {
                if (joined.length() > 0) {
                    joined.append(' ');
                }
                joined.append(d.text());
                corpusEnds.add(joined.length());
            }
        }
        SentenceSplitter splitter = new SentenceSplitter(tokenizer, Integer.MAX_VALUE, false);
        List<SentenceSpan> split = splitter.split(joined);
        long predicted = 0;
        long matchedEnds = 0;
        Set<Integer> predictedEnds = new HashSet<>();
        List<BoundaryMismatch> boundaryMismatches = new ArrayList<>();
        for (int k = 0; k + 1 < split.size(); k++) { // the text's end is not a decision
            int end = split.get(k).end();
            predicted++;
            predictedEnds.add(end);
            if (corpusEnds.contains(end)) {
                matchedEnds++;
            } else if (boundaryMismatches.size() < maxMismatches) {
                boundaryMismatches.add(new BoundaryMismatch(false, context(joined, end)));
            }
        }
        int missedShown = 0;
        for (int end : new java.util.TreeSet<>(corpusEnds)) {
            if (end < joined.length() && !predictedEnds.contains(end) && missedShown++ < maxMismatches) {
                boundaryMismatches.add(new BoundaryMismatch(true, context(joined, end)));
            }
        }
        long boundaries = Math.max(0, corpusEnds.size() - 1);
        return new Result(source, sentences.size(), exact, corpusTokens, produced, matched, boundaries, predicted,
                matchedEnds, mismatches, boundaryMismatches);
    }

    private static String context(CharSequence text, int at) {
        int from = Math.max(0, at - 50);
        int to = Math.min(text.length(), at + 50);
        return text.subSequence(from, at) + "||" + text.subSequence(at, to);
    }

    /** Number of spans present in both sorted span lists. */
    private static long countCommon(List<TokenSpan> a, List<TokenSpan> b) {
        long common = 0;
        int i = 0;
        int j = 0;
        while (i < a.size() && j < b.size()) {
            TokenSpan x = a.get(i);
            TokenSpan y = b.get(j);
            if (x.equals(y)) {
                common++;
                i++;
                j++;
            } else if (x.begin() < y.begin() || (x.begin() == y.begin() && x.end() < y.end())) {
                i++;
            } else {
                j++;
            }
        }
        return common;
    }
}
