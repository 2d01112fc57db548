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
    }
}
