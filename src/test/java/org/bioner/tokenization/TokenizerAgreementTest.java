package org.bioner.tokenization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bioner.corpus.TestData;
import org.junit.jupiter.api.Test;

class TokenizerAgreementTest {

    private static List<String> toks(String s) {
        return Arrays.asList(s.split(" "));
    }

    @Test
    void countsExactSentencesTokensAndBoundaries() {
        List<List<String>> corpus = List.of(toks("IL - 6 rose ."), toks("It fell ."), toks("CD4-positive cells ."));
        TokenizerAgreement.Result r = new TokenizerAgreement(new BioTokenizer()).measure("mem", corpus, 5);
        assertEquals(3, r.sentences());
        // "CD4-positive" is one corpus token but three tokens of ours
        assertEquals(2, r.exactSentences());
        assertEquals(11, r.corpusTokens());
        assertEquals(13, r.producedTokens());
        assertEquals(10, r.matchedTokens());
        assertEquals(1, r.mismatches().size());
        assertEquals(List.of("CD4", "-", "positive", "cells", "."), r.mismatches().get(0).actual());
        // boundaries: "IL-6 rose. It fell. CD4-positive cells." has two, both found
        assertEquals(2, r.corpusBoundaries());
        assertEquals(2, r.matchedBoundaries());
        assertEquals(1.0, r.boundaryF1(), 1e-12);
    }

    @Test
    void agreesWithNcbiDiseaseTestTokenisation() throws IOException {
        Path file = TestData.require("NCBI-disease", "test");
        List<List<String>> sentences = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank()) {
                if (!current.isEmpty()) {
                    sentences.add(current);
                    current = new ArrayList<>();
                }
            } else {
                current.add(line.substring(0, line.indexOf('\t')));
            }
        }
        if (!current.isEmpty()) {
            sentences.add(current);
        }
        TokenizerAgreement.Result r = new TokenizerAgreement(new BioTokenizer()).measure(file.toString(), sentences, 3);
        assertEquals(940, r.sentences());
        assertTrue(r.sentenceExactMatch() >= 0.98, "sentence exact match " + r.sentenceExactMatch() + " " + r.mismatches());
        assertTrue(r.boundaryF1() >= 0.95, "sentence boundary F1 " + r.boundaryF1());
    }
}
