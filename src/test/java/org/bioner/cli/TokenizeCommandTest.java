package org.bioner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TokenizeCommandTest {

    @TempDir
    Path dir;

    private static int run(String... args) {
        return BioNerCli.commandLine().execute(args);
    }

    @Test
    void writesOneSentencePerLine() throws IOException {
        Path in = dir.resolve("in.txt");
        Path out = dir.resolve("out.txt");
        Files.writeString(in, "IL-6  rose (P<0.05).\nIt fell.", StandardCharsets.UTF_8);
        assertEquals(0, run("tokenize", "--in", in.toString(), "--out", out.toString()));
        assertEquals("IL - 6 rose ( P < 0 . 05 ) .\nIt fell .\n", Files.readString(out));
    }

    @Test
    void writesOffsetsIntoTheInput() throws IOException {
        Path in = dir.resolve("in.txt");
        Path out = dir.resolve("out.txt");
        Files.writeString(in, "A  b.", StandardCharsets.UTF_8);
        assertEquals(0, run("tokenize", "--in", in.toString(), "--out", out.toString(), "--offsets"));
        assertEquals("0\t1\tA\n3\t4\tb\n4\t5\t.\n\n", Files.readString(out));
    }

    @Test
    void agreementReportsAndNamesBadLines() throws IOException {
        Path corpus = dir.resolve("c.tsv");
        Files.writeString(corpus, "IL\tB\n-\tI\n6\tI\n.\tO\n\nIt\tO\nCD4-positive\tO\n");
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream old = System.out;
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, run("tokenizer-agreement", "--corpus", corpus.toString(), "--json", "--show-mismatches", "1"));
        } finally {
            System.setOut(old);
        }
        String printed = buf.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("\"sentences\": 2, \"exactSentences\": 1"), printed);
        assertTrue(printed.contains("produced: It CD4 - positive"), printed);

        Path bad = dir.resolve("bad.tsv");
        Files.writeString(bad, "IL\tB\nnotag\n");
        assertNotEquals(0, run("tokenizer-agreement", "--corpus", bad.toString()));
    }
}
