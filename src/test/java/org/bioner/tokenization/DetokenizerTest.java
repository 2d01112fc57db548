package org.bioner.tokenization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DetokenizerTest {

    private final Detokenizer detokenizer = new Detokenizer();
    private final BioTokenizer tokenizer = new BioTokenizer();

    private String text(String spaceSeparated) {
        return detokenizer.detokenize(Arrays.asList(spaceSeparated.split(" "))).text();
    }

    @Test
    void rebuildsNaturalText() {
        assertEquals("IL-6 (HD) rose by 5.2%, P = .05; n = 3.", text("IL - 6 ( HD ) rose by 5 . 2 % , P = . 05 ; n = 3 ."));
        assertEquals("Crohn's disease, Ca2+/Mg2+ and \"wild type\" mice [1]: done?",
                text("Crohn ' s disease , Ca2 + / Mg2 + and \" wild type \" mice [ 1 ] : done ?"));
        assertEquals("PU.1 binds E13.5 p50.p65 heterodimers at 5'-ends", text("PU . 1 binds E13 . 5 p50 . p65 heterodimers at 5 ' - ends"));
    }

    @Test
    void reportsEveryTokensSpan() {
        List<String> tokens = List.of("IL", "-", "6", "(", "HD", ")", ".");
        Detokenizer.Detokenized d = detokenizer.detokenize(tokens);
        assertEquals("IL-6 (HD).", d.text());
        for (int i = 0; i < tokens.size(); i++) {
            assertEquals(tokens.get(i), d.spans().get(i).text(d.text()));
        }
    }

    @Test
    void wordsAreNeverGlued() {
        // a closing quote followed by a word, and two words around an apostrophe that is a quote
        Detokenizer.Detokenized d = detokenizer.detokenize(List.of("CD4", "CD8", "'", "T", "cells"));
        assertEquals(List.of("CD4", "CD8", "'", "T", "cells"), tokenizer.tokenTexts(d.text()));
    }

    @Test
    void roundTripsThroughTheTokenizer() {
        String[] sentences = {
                "Identification of APC2 , a homologue of the adenomatous polyposis coli tumour suppressor .",
                "The ( 1 - > 4 ) - beta - xylan [ 14C ] - labelled , 0 . 5 + / - 0 . 1 mg / kg ( P < . 001 ) ; ` ` Plus ' ' .",
                "Na + , K + - ATPase \" activity \" was 12 % ! ? { x } ~ 3 ^ 2 * 4 & 5 | 6 # 7 $ 8 @ 9 \\ 10 _ 11",
        };
        for (String s : sentences) {
            List<String> tokens = Arrays.asList(s.split(" "));
            Detokenizer.Detokenized d = detokenizer.detokenize(tokens);
            assertEquals(tokens, tokenizer.tokenTexts(d.text()), d.text());
            assertEquals(d.spans(), tokenizer.tokenize(d.text()));
        }
    }

    @Test
    void rejectsTokensWithWhitespace() {
        assertThrows(IllegalArgumentException.class, () -> detokenizer.detokenize(List.of("a b")));
        assertThrows(IllegalArgumentException.class, () -> detokenizer.detokenize(List.of("")));
    }
}
