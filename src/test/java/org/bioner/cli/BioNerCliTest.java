package org.bioner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BioNerCliTest {

    @Test
    void everySubcommandIsRegisteredOnceAndUsageListsThem() {
        CommandLine cli = new CommandLine(new BioNerCli()); // throws on a duplicate subcommand name
        Set<String> names = cli.getSubcommands().keySet();
        for (String n : new String[] {"annotate", "cpe", "train", "tag", "evaluate", "tokenize", "tokenizer-agreement",
                "embed", "import-flair-lm", "pretrain-glove", "bench", "bench-embed", "bench-pipeline", "export-model"}) {
            assertTrue(names.contains(n), "missing subcommand " + n);
        }
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out));
        assertEquals(0, cli.execute("--help"));
        assertTrue(out.toString().contains("annotate"));
        assertTrue(out.toString().contains("Exit status"), out.toString());
    }

    @Test
    void aFailingCommandPrintsOneLineWithItsNameAndExitsWithOne() {
        CommandLine cli = BioNerCli.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        int rc = cli.execute("tag", "--model", "/nonexistent/model.bnm", "--in", "/nonexistent/in.tsv", "--out", "/tmp/never.tsv");
        assertEquals(BioNerCli.EXIT_FAILED, rc);
        String text = err.toString().strip();
        assertTrue(text.startsWith("bioner tag: "), text);
        assertEquals(1, text.lines().count(), "one line, no stack trace: " + text);
        assertTrue(text.contains("/nonexistent/model.bnm"), text);
    }

    @Test
    void badUsageExitsWithTwoAndEnumOptionsTakeAnyCase() {
        CommandLine cli = BioNerCli.commandLine();
        cli.setErr(new PrintWriter(new StringWriter()));
        assertEquals(2, cli.execute("annotate", "--in", "x", "--out", "y", "--format", "yaml"));
        StringWriter out = new StringWriter();
        CommandLine help = BioNerCli.commandLine();
        help.setOut(new PrintWriter(out));
        assertEquals(0, help.execute("annotate", "--help"));
        assertTrue(out.toString().contains("XMI, CONLL, PUBTATOR, BIOC, JSONL"), out.toString());
        CommandLine.ParseResult parsed = BioNerCli.commandLine().parseArgs("annotate", "--in", "x", "--out", "y", "--format", "jsonl");
        assertEquals(org.bioner.pipeline.OutputFormat.JSONL,
                parsed.subcommand().matchedOptionValue("--format", org.bioner.pipeline.OutputFormat.XMI));
    }
}
