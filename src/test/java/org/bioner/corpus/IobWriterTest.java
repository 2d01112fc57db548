package org.bioner.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IobWriterTest {

    @TempDir
    Path dir;

    private final List<TaggedSentence> sentences = List.of(
            new TaggedSentence(List.of("BRCA1", "causes", "breast", "cancer"), List.of("B-Gene", "O", "B-Disease",
                    "I-Disease")),
            new TaggedSentence(List.of("Yes"), List.of("O")));

    @Test
    void writesTypedAndUntypedColumns() throws Exception {
        StringWriter typed = new StringWriter();
        new IobWriter(true).write(sentences, typed);
        assertEquals("BRCA1\tB-Gene\ncauses\tO\nbreast\tB-Disease\ncancer\tI-Disease\n\nYes\tO\n\n", typed.toString());
        StringWriter untyped = new StringWriter();
        new IobWriter(false).write(sentences, untyped);
        assertEquals("BRCA1\tB\ncauses\tO\nbreast\tB\ncancer\tI\n\nYes\tO\n\n", untyped.toString());
    }

    @Test
    void rejectsTokensThatCannotBeAColumn() {
        List<TaggedSentence> bad = List.of(new TaggedSentence(List.of("a\tb"), List.of("O")));
        assertThrows(IllegalArgumentException.class, () -> new IobWriter(true).write(bad, new StringWriter()));
    }

    @Test
    void writeThenParseRoundTrips() throws Exception {
        Path out = dir.resolve("sub/out.tsv");
        new IobWriter(true).write(sentences, out);
        List<TaggedSentence> back = IobCorpusParser.biobert("Entity").parse(out);
        assertEquals(sentences.size(), back.size());
        for (int i = 0; i < sentences.size(); i++) {
            assertEquals(sentences.get(i).tokens(), back.get(i).tokens());
            assertEquals(sentences.get(i).tags(), back.get(i).tags());
        }
    }

    @Test
    void ncbiTestFileIsReproducedByteForByte() throws Exception {
        Path test = TestData.require("NCBI-disease", "test");
        Path out = dir.resolve("ncbi.tsv");
        new IobWriter(false).write(IobCorpusParser.biobert("Disease").parse(test), out);
        assertEquals(Files.readString(test), Files.readString(out));
    }
}
