package org.bioner.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.bioner.embeddings.PooledEmbeddings;
import org.bioner.embeddings.flair.CharLanguageModel;
import org.bioner.embeddings.flair.FlairEmbeddings;
import org.bioner.embeddings.glove.WordVectorFiles;
import org.bioner.embeddings.glove.WordVectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code bioner pool-memory}: the memory file holds {@link PooledEmbeddings#buildMemory}'s table of the file's sentences; devel files are refused in one line. */
class PoolMemoryCommandTest {

    private static final List<String> DICT = List.of("<unk>", "\n", " ", "a", "b", "c", "d", "e", "-", "1");

    @Test
    void writesTheMemoryOfTheTrainingFilesSentences(@TempDir Path dir) throws Exception {
        Path lm = dir.resolve("lm.bnm");
        CharLanguageModel.random(false, DICT, 6, 8, 1, 4).write(lm, false);
        Path train = dir.resolve("train.tsv");
        Files.writeString(train, "ab\tB\ncab\tI\nd\tO\n\ne\tO\nab\tB\n1\tO\n", StandardCharsets.UTF_8);
        Path out = dir.resolve("memory.bnm");
        String printed = CliRuns.stdout("pool-memory", "--embeddings", "flair:" + lm, "--in", train.toString(),
                "--out", out.toString(), "--pooling", "mean", "--float32", "--chunk", "1");
        assertTrue(printed.contains("5 word forms x 8 (mean pooling"), printed);
        WordVectors expected = PooledEmbeddings.buildMemory(new FlairEmbeddings(CharLanguageModel.load(lm)),
                List.of(List.of("ab", "cab", "d"), List.of("e", "ab", "1")), PooledEmbeddings.Pooling.MEAN, 2, null);
        WordVectors got = WordVectorFiles.read(out);
        assertEquals(expected.words(), got.words());
        assertArrayEquals(expected.data(), got.data(), 1e-6f);
    }

    @Test
    void refusesADevelFileInOneLine(@TempDir Path dir) throws Exception {
        Path devel = dir.resolve("devel.tsv");
        Files.writeString(devel, "ab\tO\n", StandardCharsets.UTF_8);
        CommandLine cli = BioNerCli.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        int rc = cli.execute("pool-memory", "--embeddings", "flair:none.bnm", "--in", devel.toString(), "--out", dir.resolve("m.bnm").toString());
        assertEquals(BioNerCli.EXIT_FAILED, rc);
        String text = err.toString().strip();
        assertEquals(1, text.lines().count(), text);
        assertTrue(text.startsWith("bioner pool-memory: ") && text.contains("devel.tsv"), text);
    }
}
