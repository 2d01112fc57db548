package org.bioner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/**
 * {@code bioner import-flair-tagger} and {@code bioner tag --raw-tags --scores} on the Flair fixtures
 * (src/test/resources/flair-tagger): the written columns are Flair's tags and scores token by token.
 */
class FlairTaggerCommandsTest {

    @TempDir
    Path dir;

    static Path resource(String name) throws Exception {
        return Path.of(FlairTaggerCommandsTest.class.getResource("/flair-tagger/" + name).toURI());
    }

    /** The fixture sentences as an IOB file (all O). */
    private Path iobInput() throws Exception {
        StringBuilder b = new StringBuilder();
        for (String line : Files.readAllLines(resource("sentences.txt"), StandardCharsets.UTF_8)) {
            if (line.isBlank()) continue;
            for (String tok : line.split(" ")) b.append(tok).append("\tO\n");
            b.append('\n');
        }
        return Files.writeString(dir.resolve("in.tsv"), b.toString());
    }

    /** Checks token, tag and score columns against {@code <reference>.expected.tsv}. */
    private static void assertColumnsMatchFlair(Path out, String reference) throws Exception {
        List<String[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) if (!line.isEmpty()) rows.add(line.split("\t"));
        List<String[]> expected = new ArrayList<>();
        for (String line : Files.readAllLines(resource(reference + ".expected.tsv"), StandardCharsets.UTF_8)) {
            if (!line.startsWith("span\t")) expected.add(line.split("\t"));
        }
        assertEquals(expected.size(), rows.size());
        for (int i = 0; i < rows.size(); i++) {
            String[] got = rows.get(i), want = expected.get(i);
            assertEquals(3, got.length, Arrays.toString(got));
            assertEquals(want[2], got[0]);
            assertEquals(want[3], got[1], "tag of " + Arrays.toString(want));
            assertEquals(Double.parseDouble(want[4]), Double.parseDouble(got[2]), 1e-5, "score of " + Arrays.toString(want));
        }
    }

    @Test
    void tagWritesFlairsRawTagsAndScoresFromAPtFile() throws Exception {
        Path out = dir.resolve("v1.tsv");
        int rc = new CommandLine(new BioNerCli()).execute("tag", "--model", resource("v1-legacy.pt").toString(),
                "--in", iobInput().toString(), "--out", out.toString(), "--raw-tags", "--scores");
        assertEquals(0, rc);
        assertColumnsMatchFlair(out, "v1");
        assertTrue(Files.readString(out).contains("\t<unk>\t"), "the odd <unk> tag is written as predicted");
    }

    @Test
    void importedModelTagsLikeFlair() throws Exception {
        Path model = dir.resolve("models/hun.bnm");
        int rc = new CommandLine(new BioNerCli()).execute("import-flair-tagger", "--in", resource("v2-zip.pt").toString(),
                "--out", model.toString());
        assertEquals(0, rc);
        try (var files = Files.list(dir.resolve("models"))) {
            assertEquals(4, files.count()); // the tagger, its word vectors and two LMs
        }
        Path out = dir.resolve("v2.tsv");
        rc = new CommandLine(new BioNerCli()).execute("tag", "--model", model.toString(), "--in", iobInput().toString(),
                "--out", out.toString(), "--raw-tags", "--scores");
        assertEquals(0, rc);
        assertColumnsMatchFlair(out, "v2");
        // typed IOB2 output from the same model: Flair's spans as B-/I- tags
        Path typed = dir.resolve("typed.tsv");
        rc = new CommandLine(new BioNerCli()).execute("tag", "--model", model.toString(), "--in", iobInput().toString(),
                "--out", typed.toString(), "--typed");
        assertEquals(0, rc);
        assertTrue(Files.readAllLines(typed).get(0).equals("Familial\tB-Chemical"), Files.readAllLines(typed).get(0));
    }

    @Test
    void badCheckpointsFailWithExitCodeOne() throws Exception {
        Path cut = dir.resolve("cut.pt");
        byte[] all = Files.readAllBytes(resource("v1-zip.pt"));
        Files.write(cut, Arrays.copyOf(all, all.length / 3));
        assertEquals(1, new CommandLine(new BioNerCli()).execute("import-flair-tagger", "--in", cut.toString(),
                "--out", dir.resolve("x.bnm").toString()));
        assertEquals(1, new CommandLine(new BioNerCli()).execute("tag", "--model", resource("evil-legacy.pt").toString(),
                "--in", iobInput().toString(), "--out", dir.resolve("y.tsv").toString()));
    }
}
