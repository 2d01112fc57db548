package org.bioner.tokenization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class BioTokenizerTest {

    private final BioTokenizer tokenizer = new BioTokenizer();

    private List<String> tokens(String text) {
        return tokenizer.tokenTexts(text);
    }

    @Test
    void splitsPunctuationLikeTheBenchmarkCorpora() {
        assertEquals(List.of("IL", "-", "6", "(", "HD", ")", "levels", "rose", "5", ".", "2", "%", "."),
                tokens("IL-6 (HD) levels rose 5.2%."));
        assertEquals(List.of("Crohn", "'", "s", "disease", "and", "Ca2", "+", "/", "Mg2", "+"),
                tokens("Crohn's disease and Ca2+/Mg2+"));
        assertEquals(List.of("1", ",", "000", "mg", "/", "kg", "[", "P", "<", "0", ".", "05", "]", ";", "n", "=", "3"),
                tokens("1,000 mg/kg [P<0.05]; n=3"));
        assertEquals(List.of("e", ".", "g", ".", "E", ".", "coli", "vs", ".", "\"", "wild", "\"", "type", "?"),
                tokens("e.g. E. coli vs. \"wild\" type?"));
    }

    @Test
    void keepsLettersAndDigitsTogether() {
        assertEquals(List.of("CD4", "BRCA1", "3beta", "p53", "H2O2", "G6PD"), tokens("CD4 BRCA1 3beta p53 H2O2 G6PD"));
    }

    @Test
    void offsetsPointIntoTheOriginalText() {
        String text = "  The  APC\n\ngene,\tmutated.\r\n";
        List<TokenSpan> spans = tokenizer.tokenize(text);
        assertEquals(List.of(new TokenSpan(2, 5), new TokenSpan(7, 10), new TokenSpan(12, 16), new TokenSpan(16, 17),
                new TokenSpan(18, 25), new TokenSpan(25, 26)), spans);
        assertEquals("APC", spans.get(1).text(text));
        assertEquals("mutated", spans.get(4).text(text));
    }

    @Test
    void tokenizesASubRangeWithDocumentOffsets() {
        String text = "Skip this. IL-2 here";
        assertEquals(List.of(new TokenSpan(11, 13), new TokenSpan(13, 14), new TokenSpan(14, 15)),
                tokenizer.tokenize(text, 11, 15));
        assertThrows(IndexOutOfBoundsException.class, () -> tokenizer.tokenize(text, 5, 100));
    }

    @Test
    void handlesUnicodeLettersSymbolsAndSpaces() {
        // Greek and micro letters are word characters; degree, plus-minus and non-breaking space are not
        assertEquals(List.of("IL", "-", "1β", "10", "µg", "37", "°", "C", "±", "2"), tokens("IL-1β 10 µg 37°C\u00A0±2"));
        // zero-width space separates; a soft hyphen inside a word does not
        assertEquals(List.of("inter\u00ADleukin", "a", "b"), tokens("inter\u00ADleukin a\u200Bb"));
        // a combining accent stays on its letter
        assertEquals(List.of("Sjo\u0308gren", "'", "s"), tokens("Sjo\u0308gren's"));
        // Han characters are one token each, as in BERT
        assertEquals(List.of("基", "因"), tokens("基因"));
    }

    @Test
    void neverSplitsSurrogatePairs() {
        String alpha = new String(Character.toChars(0x1D6FC)); // MATHEMATICAL ITALIC SMALL ALPHA, a letter
        String emoji = new String(Character.toChars(0x1F600));  // a symbol
        String text = alpha + "-helix " + emoji + "x";
        List<TokenSpan> spans = tokenizer.tokenize(text);
        assertEquals(List.of(new TokenSpan(0, 2), new TokenSpan(2, 3), new TokenSpan(3, 8), new TokenSpan(9, 11),
                new TokenSpan(11, 12)), spans);
        assertEquals(alpha, spans.get(0).text(text));
        assertEquals(emoji, spans.get(3).text(text));
    }

    @Test
    void emptyAndBlankTextHaveNoTokens() {
        assertTrue(tokenizer.tokenize("").isEmpty());
        assertTrue(tokenizer.tokenize(" \n\t\u00A0").isEmpty());
    }

    @Test
    void wordTest() {
        assertTrue(BioTokenizer.isWord("CD4"));
        assertTrue(BioTokenizer.isWord("1β"));
        assertFalse(BioTokenizer.isWord("-"));
        assertFalse(BioTokenizer.isWord("IL-6"));
        assertFalse(BioTokenizer.isWord(""));
    }
}
