package org.bioner.tokenization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SentenceSplitterTest {

    private static List<String> sentences(SentenceSplitter splitter, String text) {
        List<String> out = new ArrayList<>();
        for (SentenceSpan s : splitter.split(text)) {
            out.add(text.substring(s.begin(), s.end()));
        }
        return out;
    }

    private static List<String> sentences(String text) {
        return sentences(new SentenceSplitter(), text);
    }

    @Test
    void splitsAtSentenceEnds() {
        assertEquals(List.of("BRCA1 is a gene.", "Is it mutated?", "Yes!", "(It is.)", "\"Really.\"", "p53 too."),
                sentences("BRCA1 is a gene. Is it mutated? Yes! (It is.) \"Really.\" p53 too."));
    }

    @Test
    void keepsAbbreviationsInitialsAndDecimalsInside() {
        String text = "Growth of E. coli was reduced by 0.5 mM (e.g. in Fig. 2), cf. Smith et al. (2001) and "
                + "J. Virol. 70, 1996. Drugs, i.e. aspirin vs. placebo, were given to S. cerevisiae. Done.";
        assertEquals(List.of("Growth of E. coli was reduced by 0.5 mM (e.g. in Fig. 2), cf. Smith et al. (2001) and "
                + "J. Virol. 70, 1996.", "Drugs, i.e. aspirin vs. placebo, were given to S. cerevisiae.", "Done."),
                sentences(text));
        assertEquals(List.of("Authors (Feder, J. N., Gnirke, A. and Wolff, R. R. (1996) Nat. Genet. 13) agree."),
                sentences("Authors (Feder, J. N., Gnirke, A. and Wolff, R. R. (1996) Nat. Genet. 13) agree."));
        assertEquals(List.of("In St. Louis, No. 5, Mingxiaea gen. nov. (type species) exists."),
                sentences("In St. Louis, No. 5, Mingxiaea gen. nov. (type species) exists."));
    }

    @Test
    void aSingleCapitalCanEndASentence() {
        assertEquals(List.of("It is inhibited by vitamin D.", "It activates NF-kappa B.", "We tested it."),
                sentences("It is inhibited by vitamin D. It activates NF-kappa B. We tested it."));
    }

    @Test
    void lowerCaseContinuationDoesNotSplitButGeneNamesStartSentences() {
        assertEquals(List.of("Treated with 5 mg. kg daily."), sentences("Treated with 5 mg. kg daily."));
        assertEquals(List.of("Levels fell by 24 h.", "mRNA levels rose."), sentences("Levels fell by 24 h. mRNA levels rose."));
    }

    @Test
    void listMarkersStayWithTheirSentence() {
        assertEquals(List.of("Results were clear.", "1. Dexamethasone raised pressure.", "2. Atorvastatin lowered it."),
                sentences("Results were clear. 1. Dexamethasone raised pressure. 2. Atorvastatin lowered it."));
    }

    @Test
    void blankLinesAlwaysSplitSingleLineBreaksOnlyWhenAsked() {
        String text = "Title of the paper\nwrapped line\n\nAbstract text";
        assertEquals(List.of("Title of the paper\nwrapped line", "Abstract text"), sentences(text));
        SentenceSplitter lines = new SentenceSplitter(new BioTokenizer(), 300, true);
        assertEquals(List.of("Title of the paper", "wrapped line", "Abstract text"), sentences(lines, text));
        // CR LF is one line break
        assertEquals(List.of("one", "two"), sentences("one\r\n\r\ntwo"));
        assertEquals(List.of("one\r\ntwo"), sentences("one\r\ntwo"));
    }

    @Test
    void sentenceOffsetsAndTokensPointIntoTheText() {
        String text = "  First one.\n\n Second  one. ";
        List<SentenceSpan> s = new SentenceSplitter().split(text);
        assertEquals(2, s.size());
        assertEquals(2, s.get(0).begin());
        assertEquals(12, s.get(0).end());
        assertEquals(List.of(new TokenSpan(15, 21), new TokenSpan(23, 26), new TokenSpan(26, 27)), s.get(1).tokens());
    }

    @Test
    void capsLongSentencesPreferringPunctuation() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 25; i++) {
            sb.append("w").append(i).append(i == 14 ? ", " : " ");
        }
        // 26 tokens (25 words and a comma), cap 10: the first cut is a hard one, the second after the comma
        List<SentenceSpan> pieces = new SentenceSplitter(10).split(sb.toString());
        assertEquals(List.of(10, 6, 10), pieces.stream().map(SentenceSpan::size).toList());
        assertEquals(",", pieces.get(1).tokens().get(5).text(sb));
        for (SentenceSpan p : pieces) {
            assertTrue(p.size() <= 10);
        }
        assertThrows(IllegalArgumentException.class, () -> new SentenceSplitter(0));
    }

    @Test
    void tenThousandTokensWithoutPunctuationBecomeManySentences() {
        String text = "ACGT ".repeat(10_000);
        List<SentenceSpan> pieces = new SentenceSplitter().split(text);
        assertEquals(34, pieces.size()); // ceil(10000 / 300)
        assertEquals(10_000, pieces.stream().mapToInt(SentenceSpan::size).sum());
    }

    @Test
    void splitsExistingTokens() {
        String text = "Foo bar. Baz qux.";
        List<TokenSpan> coarse = List.of(new TokenSpan(0, 3), new TokenSpan(4, 8), new TokenSpan(9, 12),
                new TokenSpan(13, 16), new TokenSpan(16, 17));
        List<SentenceSpan> s = new SentenceSplitter().split(text, coarse);
        // "bar." is one foreign token, not a period token, so no split there
        assertEquals(1, s.size());
        List<TokenSpan> fine = new BioTokenizer().tokenize(text);
        assertEquals(2, new SentenceSplitter().split(text, fine).size());
    }
}
