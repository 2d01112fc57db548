package org.bioner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

class EvaluateCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new BioNerCli());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void printsCountsAndJson() throws Exception {
        Path gold = dir.resolve("gold.tsv");
        Path pred = dir.resolve("pred.tsv");
        Files.writeString(gold, "a\tB\nb\tI\nc\tO\nd\tB\n\ne\tB\n\n");
        Files.writeString(pred, "a\tB\nb\tI\nc\tB\nd\tO\n\ne\tO\n\n");
        assertEquals(0, run("evaluate", "--gold", gold.toString(), "--pred", pred.toString(),
                "--entity-type", "Disease", "--json"));
        assertEquals("{\"sentences\":2,\"tokens\":5,\"micro\":{\"precision\":0.500000,\"recall\":0.333333,"
                + "\"f1\":0.400000,\"tp\":1,\"fp\":1,\"fn\":2},\"types\":{\"Disease\":{\"precision\":0.500000,"
                + "\"recall\":0.333333,\"f1\":0.400000,\"tp\":1,\"fp\":1,\"fn\":2}}}", out.toString().strip());
        out.getBuffer().setLength(0);
        assertEquals(0, run("evaluate", "--gold", gold.toString(), "--pred", pred.toString()));
        assertTrue(out.toString().contains("with 3 phrases; found: 2 phrases; correct: 1."), out.toString());
        assertTrue(out.toString().contains("Entity              50.00%    33.33%     40.00       1       1       2"),
                out.toString());
    }

    @Test
    void mismatchedTokensFailWithFileAndLine() throws Exception {
        Path gold = dir.resolve("gold.tsv");
        Path pred = dir.resolve("pred.tsv");
        Files.writeString(gold, "a\tB\nb\tO\n\n");
        Files.writeString(pred, "a\tB\nc\tO\n\n");
        assertEquals(1, run("evaluate", "--gold", gold.toString(), "--pred", pred.toString()));
        assertTrue(err.toString().contains(pred + ":2: token 'c' differs from gold token 'b' at " + gold + ":2"),
                err.toString());
    }

    @Test
    void convertWritesTypedIob2() throws Exception {
        Path in = dir.resolve("in.bioes");
        Path outFile = dir.resolve("out.tsv");
        Files.writeString(in, "a S-Chemical\nb B-Disease\nc E-Disease\n");
        assertEquals(0, run("convert", "--in", in.toString(), "--in-format", "CONLL", "--in-scheme", "BIOES",
                "--out", outFile.toString()));
        assertEquals("a\tB-Chemical\nb\tB-Disease\nc\tI-Disease\n\n", Files.readString(outFile));
    }
}
