package org.bioner.cli;

import org.bioner.embeddings.glove.WordVectorFiles;
import org.bioner.embeddings.glove.WordVectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class GloveCommandsTest {

    private static String run(String... args) {
        return CliRuns.stdout(args);
    }

    @Test
    void convertThenNeighbours(@TempDir Path dir) throws Exception {
        Path txt = dir.resolve("v.txt");
        Files.writeString(txt, "cat 1 0 0\ndog 0.9 0.1 0\ncar 0 0 1\ntruck 0 0.1 0.9\n");
        Path bnm = dir.resolve("v.bnm");
        String c = run("convert-vectors", "--in", txt.toString(), "--out", bnm.toString());
        assertTrue(c.contains("GLOVE_TEXT") && c.contains("4 words x 3"), c);
        WordVectors v = WordVectorFiles.read(bnm);
        assertEquals(List.of("cat", "dog", "car", "truck"), v.words());

        String n = run("glove-neighbours", "--vectors", bnm.toString(), "--words", "Cat,zebra", "-k", "1");
        assertTrue(n.contains("| Cat → cat | dog (0.99) |"), n);
        assertTrue(n.contains("| zebra | (not in the vocabulary) |"), n);
    }
}
