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
        CommandLine cli = BioNerCli.commandLine(); // as the bioner command runs: enum values in any case
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
    void metricTypesAndErrorsOptions() throws Exception {
        Path gold = dir.resolve("gold.tsv");
        Path pred = dir.resolve("pred.tsv");
        // typed corpus: a two-token Chemical predicted one token short, a Gene the Chemical scoring ignores
        Files.writeString(gold, "nitric\tB-Chemical\noxide\tI-Chemical\nsynthase\tB-Gene\n\n");
        Files.writeString(pred, "nitric\tO\noxide\tB-Chemical\nsynthase\tO\n\n");
        String[] base = {"evaluate", "--gold", gold.toString(), "--pred", pred.toString(), "--types", "Chemical", "--json"};
        assertEquals(0, run(base));
        assertTrue(out.toString().contains("\"micro\":{\"precision\":0.000000,\"recall\":0.000000,\"f1\":0.000000,"
                + "\"tp\":0,\"fp\":1,\"fn\":1}"), out.toString());
        assertTrue(!out.toString().contains("Gene"), "Gene is read as O: " + out);
        // the paper's token metric: "oxide" is B where gold has I -> TP 0, FP 1, FN 2 ("nitric" missed, "oxide" wrong)
        out.getBuffer().setLength(0);
        assertEquals(0, run(concat(base, "--metric", "token")));
        assertTrue(out.toString().contains("\"tp\":0,\"fp\":1,\"fn\":2}"), out.toString());
        // lenient: the prediction overlaps the gold Chemical
        out.getBuffer().setLength(0);
        assertEquals(0, run(concat(base, "--metric", "OVERLAP")));
        assertTrue(out.toString().contains("\"tp\":1,\"fp\":0,\"fn\":0}"), out.toString());
        out.getBuffer().setLength(0);
        assertEquals(0, run("evaluate", "--gold", gold.toString(), "--pred", pred.toString(), "--types", "Chemical",
                "--errors", "3"));
        assertTrue(out.toString().contains("oxide <- nitric oxide"), out.toString());
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void compareScoresBothPredictionsAndTheirPairedDifference() throws Exception {
        // sentence 1: --pred misses the mention, --compare finds it; sentence 2: both find it
        Path gold = dir.resolve("gold.tsv");
        Path pred = dir.resolve("pred.tsv");
        Path second = dir.resolve("second.tsv");
        Files.writeString(gold, "a\tB\nb\tO\n\nc\tO\nd\tB\n\n");
        Files.writeString(pred, "a\tO\nb\tO\n\nc\tO\nd\tB\n\n");
        Files.writeString(second, "a\tB\nb\tO\n\nc\tO\nd\tB\n\n");
        String[] base = {"evaluate", "--gold", gold.toString(), "--pred", pred.toString(), "--compare", second.toString(),
                "--bootstrap-samples", "20000", "--seed", "7"};
        assertEquals(0, run(base));
        // the draws of two sentences give 1/3 twice in four, 0 and 1 once each (PairedBootstrapTest)
        assertTrue(out.toString().contains("paired bootstrap over 2 sentences (20000 resamples, seed 7): F1 of --compare"
                + " minus --pred +33.33, 95% interval [+0.00, +100.00]; --compare not better in 2"), out.toString());
        assertTrue(out.toString().contains("--compare " + second + ":"), out.toString());
        out.getBuffer().setLength(0);
        assertEquals(0, run(concat(base, "--json", "--confidence", "0.4")));
        String json = out.toString().strip();
        assertTrue(json.startsWith("{\"pred\":{\"sentences\":2,"), json);
        assertTrue(json.contains(",\"compare\":{\"sentences\":2,\"tokens\":4,\"micro\":{\"precision\":1.000000,"), json);
        assertTrue(json.contains(",\"bootstrap\":{\"f1_difference\":0.333333,\"lower\":0.333333,\"upper\":0.333333,"
                + "\"confidence\":0.4,"), json);
        // a --compare file of other sentences fails like --pred does: file and line, no trace
        Files.writeString(second, "a\tB\nb\tO\n\n");
        err.getBuffer().setLength(0);
        assertEquals(1, run(base));
        assertTrue(err.toString().startsWith("bioner evaluate: --compare " + second + ": " + gold
                + ":4: sentence 2 has no counterpart: the prediction has only 1 sentences"),
                err.toString());
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
