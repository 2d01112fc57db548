package org.bioner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/** {@code bioner import-flair-lm} then {@code bioner embed} on the PyTorch fixtures: TSV layout and stacked values. */
class EmbedCommandTest {

    static Path resource(String name) throws Exception {
        return Path.of(EmbedCommandTest.class.getResource("/flair/" + name).toURI());
    }

    @Test
    void importsAndEmbedsStackedInOrder(@TempDir Path dir) throws Exception {
        Path bnm = dir.resolve("bwd.bnm");
        assertEquals(0, new CommandLine(new BioNerCli()).execute("import-flair-lm", "--in", resource("bwd-1layer-zip.pt").toString(),
                "--out", bnm.toString()));
        Path out = dir.resolve("v.tsv");
        assertEquals(0, new CommandLine(new BioNerCli()).execute("embed", "--flair-lm", resource("fwd-2layer-proj-legacy.pt").toString(),
                "--flair-lm", bnm.toString(), "--in", resource("sentences.txt").toString(), "--out", out.toString(), "--chunk", "4"));
        List<String> got = Files.readAllLines(out, StandardCharsets.UTF_8);
        List<String> fwd = Files.readAllLines(resource("fwd-2layer-proj-legacy.expected.tsv"), StandardCharsets.UTF_8);
        List<String> bwd = Files.readAllLines(resource("bwd-1layer-zip.expected.tsv"), StandardCharsets.UTF_8);
        assertEquals(fwd.size(), got.size());
        for (int i = 0; i < got.size(); i++) {
            String[] g = got.get(i).split("\t"), f = fwd.get(i).split("\t"), b = bwd.get(i).split("\t");
            assertEquals(f[0] + f[1] + f[2], g[0] + g[1] + g[2], "sentence, token index and token at line " + i);
            assertEquals(3 + (f.length - 3) + (b.length - 3), g.length);
            for (int d = 3; d < f.length; d++) assertEquals(Double.parseDouble(f[d]), Double.parseDouble(g[d]), 1e-5);
            for (int d = 3; d < b.length; d++) assertEquals(Double.parseDouble(b[d]), Double.parseDouble(g[f.length - 3 + d]), 1e-5);
        }
    }

    @Test
    void missingModelFailsWithItsName(@TempDir Path dir) throws Exception {
        Path in = Files.writeString(dir.resolve("s.txt"), "a b\n");
        CommandLine cli = new CommandLine(new BioNerCli());
        java.io.StringWriter err = new java.io.StringWriter();
        cli.setErr(new java.io.PrintWriter(err));
        assertNotEquals(0, cli.execute("embed", "--flair-lm", dir.resolve("nope.bnm").toString(), "--in", in.toString(),
                "--out", dir.resolve("o.tsv").toString()));
        assertEquals(true, err.toString().contains("nope.bnm"), err.toString());
    }
}
