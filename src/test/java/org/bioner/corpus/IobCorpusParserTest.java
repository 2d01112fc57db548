package org.bioner.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.bioner.corpus.IobCorpusParser.Format;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IobCorpusParserTest {

    @TempDir
    Path dir;

    private Path file(String name, String content) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    private static IobFormatException fails(IobCorpusParser parser, Path file) {
        return assertThrows(IobFormatException.class, () -> parser.parse(file));
    }

    @Test
    void keepingTypesReadsOtherTypesAsOutside() throws Exception {
        Path f = file("typed.tsv", "aspirin\tB-Chemical\ninhibits\tO\nCOX\tB-Gene\n-\tI-Gene\n1\tI-Gene\nin\tO\n"
                + "mice\tB-Species\n");
        TaggedSentence s = IobCorpusParser.biobert("Disease").parse(f).get(0);
        TaggedSentence chem = s.keepingTypes(java.util.Set.of("Chemical"));
        assertEquals(List.of("B-Chemical", "O", "O", "O", "O", "O", "O"), chem.tags());
        assertEquals(s.tokens(), chem.tokens());
        assertEquals(List.of("O", "O", "B-Gene", "I-Gene", "I-Gene", "O", "B-Species"),
                s.keepingTypes(java.util.Set.of("Gene", "Species")).tags());
        assertEquals(f.toString() + ":1", chem.source() + ":" + chem.firstLine());
        assertTrue(s == s.keepingTypes(java.util.Set.of("Chemical", "Gene", "Species")), "nothing dropped: same sentence");
    }

    @Test
    void readsBiobertFilesWithTypedIob2Output() throws Exception {
        Path f = file("a.tsv", "Ataxia\tB\n-\tI\ntelangiectasia\tI\nis\tO\n\n\nA\tO\nT\tB\n");
        List<TaggedSentence> s = IobCorpusParser.biobert("Disease").parse(f);
        assertEquals(2, s.size());
        assertEquals(List.of("Ataxia", "-", "telangiectasia", "is"), s.get(0).tokens());
        assertEquals(List.of("B-Disease", "I-Disease", "I-Disease", "O"), s.get(0).tags());
        assertEquals(List.of("O", "B-Disease"), s.get(1).tags());
        assertEquals(1, s.get(0).firstLine());
        assertEquals(7, s.get(1).firstLine());
        assertEquals(f.toString(), s.get(1).source());
    }

    @Test
    void handlesCrlfAndByteOrderMark() throws Exception {
        Path f = file("crlf.tsv", "\uFEFFcancer\tB\r\ncells\tI\r\n\r\n");
        List<TaggedSentence> s = IobCorpusParser.biobert("Disease").parse(f);
        assertEquals(List.of("cancer", "cells"), s.get(0).tokens());
        assertEquals(List.of("B-Disease", "I-Disease"), s.get(0).tags());
    }

    @Test
    void wrongColumnCountNamesFileAndLine() throws Exception {
        Path f = file("cols.tsv", "a\tO\n\nb\tB\nc\tI\tX\n");
        IobFormatException e = fails(IobCorpusParser.biobert("D"), f);
        assertTrue(e.getMessage().startsWith(f + ":4: expected 2 tab-separated columns"), e.getMessage());
        assertEquals(4, e.getLine());

        Path spaces = file("spaces.tsv", "a O\n");
        assertTrue(fails(IobCorpusParser.biobert("D"), spaces).getMessage().startsWith(spaces + ":1:"));
    }

    @Test
    void inconsistentConllColumnsNameBothLines() throws Exception {
        Path f = file("c.conll", "EU NNP B-ORG\nrejects VBZ O\n\nGerman O\n");
        IobFormatException e = fails(new IobCorpusParser(Format.CONLL, TagScheme.IOB2, "X", true), f);
        assertTrue(e.getMessage().startsWith(f + ":4: found 2 columns but line 1 has 3"), e.getMessage());
    }

    @Test
    void unknownTagNamesFileAndLine() throws Exception {
        Path f = file("tag.tsv", "a\tO\nb\tX\n");
        IobFormatException e = fails(IobCorpusParser.biobert("D"), f);
        assertTrue(e.getMessage().startsWith(f + ":2: unknown tag 'X'"), e.getMessage());
        Path e2 = file("e.tsv", "a\tE\n");
        assertTrue(fails(IobCorpusParser.biobert("D"), e2).getMessage().startsWith(e2 + ":1: unknown tag 'E'"));
    }

    @Test
    void strictIob2RejectsInsideAfterOutsideAndLenientRepairsIt() throws Exception {
        Path f = file("io.tsv", "a\tO\n\nb\tO\nc\tI\nd\tI\n");
        IobFormatException e = fails(IobCorpusParser.biobert("D"), f);
        assertTrue(e.getMessage().startsWith(f + ":4: 'I' does not continue an entity"), e.getMessage());
        List<TaggedSentence> repaired = new IobCorpusParser(Format.BIOBERT, TagScheme.IOB2, "D", false).parse(f);
        assertEquals(List.of("O", "B-D", "I-D"), repaired.get(1).tags());
    }

    @Test
    void strictBioesErrors() throws Exception {
        IobCorpusParser bioes = new IobCorpusParser(Format.CONLL, TagScheme.BIOES, "D", true);
        Path endWithoutBegin = file("e.bioes", "a O\nb E-X\n");
        assertTrue(fails(bioes, endWithoutBegin).getMessage().startsWith(endWithoutBegin + ":2:"));
        // B at the end of the sentence: the entity is not closed; reported at the blank line after it
        Path unclosed = file("u.bioes", "a O\nb B-X\n\nc O\n");
        IobFormatException e = fails(bioes, unclosed);
        assertTrue(e.getMessage().startsWith(unclosed + ":3: entity tag 'B-X' is not closed"), e.getMessage());
    }

    @Test
    void readsBioesAndIob1IntoIob2() throws Exception {
        Path bioes = file("b.tsv", "a\tS-Chemical\nb\tB-Disease\nc\tI-Disease\nd\tE-Disease\ne\tS\n");
        assertEquals(List.of("B-Chemical", "B-Disease", "I-Disease", "I-Disease", "B-Gene"),
                new IobCorpusParser(Format.BIOBERT, TagScheme.BIOES, "Gene", true).parse(bioes).get(0).tags());
        // CoNLL-2003 English: IOB1, four columns, document separators
        Path iob1 = file("eng.train", """
                -DOCSTART- -X- -X- O

                EU NNP I-NP I-ORG
                rejects VBZ I-VP O
                German JJ I-NP I-MISC
                call NN I-NP O

                Peter NNP I-NP I-PER
                Blackburn NNP I-NP I-PER

                -DOCSTART- -X- -X- O

                Paris NNP I-NP I-LOC
                Berlin NNP I-NP B-LOC
                """);
        List<List<TaggedSentence>> docs = new IobCorpusParser(Format.CONLL, TagScheme.IOB1, "X", true)
                .parseDocuments(iob1);
        assertEquals(2, docs.size());
        assertEquals(2, docs.get(0).size());
        assertEquals(List.of("EU", "rejects", "German", "call"), docs.get(0).get(0).tokens());
        assertEquals(List.of("B-ORG", "O", "B-MISC", "O"), docs.get(0).get(0).tags());
        assertEquals(List.of("B-PER", "I-PER"), docs.get(0).get(1).tags());
        assertEquals(8, docs.get(0).get(1).firstLine());
        assertEquals(List.of("B-LOC", "B-LOC"), docs.get(1).get(0).tags());
    }

    @Test
    void badUtf8NamesFileAndLine() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes("caf\u00e9\tO\n\n".getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes(new byte[] {'a', 'b', (byte) 0xC3, '(', '\t', 'O', '\n'});
        Path f = dir.resolve("bad.tsv");
        Files.write(f, bytes.toByteArray());
        IobFormatException e = fails(IobCorpusParser.biobert("D"), f);
        assertTrue(e.getMessage().startsWith(f + ":3: invalid UTF-8 byte sequence (byte 0xc3 at byte 3"),
                e.getMessage());
    }

    @Test
    void lastSentenceWithoutTrailingBlankLineAndRepeatedBlankLines() throws Exception {
        Path f = file("t.tsv", "\n\na\tB\n\n\n\nb\tO");
        List<TaggedSentence> s = IobCorpusParser.biobert("D").parse(f);
        assertEquals(2, s.size());
        assertEquals(3, s.get(0).firstLine());
        assertEquals(List.of("b"), s.get(1).tokens());
    }

    @Test
    void ncbiDiseaseTestFileParses() throws Exception {
        Path test = TestData.require("NCBI-disease", "test");
        List<TaggedSentence> s = IobCorpusParser.biobert("Disease").parse(test);
        // counts from the datasets README
        assertEquals(940, s.size());
        assertEquals(24497, s.stream().mapToInt(TaggedSentence::size).sum());
        assertEquals(960, s.stream().flatMap(x -> x.tags().stream()).filter(t -> t.equals("B-Disease")).count());
    }
}
