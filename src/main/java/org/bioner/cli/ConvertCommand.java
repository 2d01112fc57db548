package org.bioner.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.bioner.corpus.IobCorpusParser;
import org.bioner.corpus.IobWriter;
import org.bioner.corpus.TagScheme;
import org.bioner.corpus.TaggedSentence;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bioner convert}: rewrites an IOB/CoNLL corpus file as {@code token<TAB>IOB2-tag}. */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = "Reads a BioBERT or CoNLL corpus file in any tag scheme and writes it as token<TAB>tag with "
                + "IOB2 tags (typed unless --untyped), a blank line between sentences. Document boundaries are "
                + "not kept.")
public final class ConvertCommand implements Callable<Integer> {

    @Option(names = "--in", required = true, paramLabel = "FILE", description = "input corpus file")
    Path in;

    @Option(names = "--in-format", defaultValue = "BIOBERT", paramLabel = "FORMAT",
            description = "input layout: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    IobCorpusParser.Format inFormat;

    @Option(names = "--in-scheme", defaultValue = "IOB2", paramLabel = "SCHEME",
            description = "input tag scheme: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    TagScheme inScheme;

    @Option(names = "--entity-type", defaultValue = "Entity", paramLabel = "TYPE",
            description = "type of untyped input tags (default: ${DEFAULT-VALUE})")
    String entityType;

    @Option(names = "--lenient", description = "repair ill-formed tag sequences as conlleval reads them")
    boolean lenient;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "output file")
    Path out;

    @Option(names = "--untyped", description = "write bare B/I/O tags (BioBERT style)")
    boolean untyped;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            List<TaggedSentence> sentences = new IobCorpusParser(inFormat, inScheme, entityType, !lenient).parse(in);
            new IobWriter(!untyped).write(sentences, out);
            err.println("bioner convert: wrote " + sentences.size() + " sentences to " + out);
            err.flush();
            return 0;
        } catch (NoSuchFileException e) {
            err.println("bioner convert: no such file: " + e.getFile());
            err.flush();
            return 1;
        } catch (IOException | IllegalArgumentException e) {
            err.println("bioner convert: " + e.getMessage());
            err.flush();
            return 1;
        }
    }
}
