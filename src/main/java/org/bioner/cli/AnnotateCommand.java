package org.bioner.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.bioner.pipeline.BatchAnnotator;
import org.bioner.pipeline.InputFormat;
import org.bioner.pipeline.OutputFormat;
import org.bioner.pipeline.RunSummary;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bioner annotate}: annotate documents with the BioNER aggregate and write them out. */
@Command(name = "annotate", mixinStandardHelpOptions = true,
        description = {"Annotates documents (text, XMI, PubTator, BioC) and writes XMI, CoNLL, PubTator, BioC or JSON lines.",
                "A bad document is reported (file, reason) and skipped; --resume continues a killed run.",
                "Exit status: 0 all written, 3 some documents failed, 1 the run could not start, 2 bad usage."})
public final class AnnotateCommand implements Callable<Integer> {

    @Option(names = "--in", required = true, paramLabel = "DIR|FILE", description = "Input file or directory (searched recursively).")
    Path in;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Option(names = "--format", defaultValue = "xmi", paramLabel = "FORMAT",
            description = "Output format: ${COMPLETION-CANDIDATES} (any case; default xmi).")
    OutputFormat format;

    @Option(names = "--input-format", paramLabel = "FORMAT",
            description = "Input format: ${COMPLETION-CANDIDATES} (any case; default: from each file's extension).")
    InputFormat inputFormat;

    @Option(names = "--resume", description = "Continue a previous run into the same --out, skipping finished documents.")
    boolean resume;

    @Option(names = {"--read-named-entity", "--keep-gold"},
            description = "Keep the entity annotations of PubTator/BioC inputs (as gold entities) in the output "
                    + "(the readers' readNamedEntity; --keep-gold is the former name).")
    boolean readNamedEntity;

    @Option(names = "--chunk-chars", defaultValue = "20000",
            description = "Longer documents are processed in chunks of at most this many characters (default ${DEFAULT-VALUE}).")
    int chunkChars;

    @Option(names = "--pack-chars", paramLabel = "N",
            description = {"Short documents are annotated in packs of at most N characters, so the LMs see large batches",
                    "(default 60000 for the BioNER aggregate; 0, one at a time, with --pipeline, whose engines may keep per-document state)."})
    Integer packChars;

    @Option(names = "--type-system", paramLabel = "FILE", description = "Type system of XMI inputs (default: TypeSystem.xml beside them).")
    Path typeSystem;

    @Mixin
    PipelineOptions pipeline;

    @Override
    public Integer call() throws Exception {
        BatchAnnotator.Options options = new BatchAnnotator.Options(in, out)
                .outputFormat(format)
                .inputFormat(inputFormat)
                .resume(resume).readNamedEntity(readNamedEntity).maxChunkChars(chunkChars)
                .maxPackChars(packChars != null ? packChars : pipeline.spec().defaultPackChars()).typeSystem(typeSystem)
                .progress(System.err, 5000);
        RunSummary summary = new BatchAnnotator(pipeline.description(), options).run();
        summary.print(System.out);
        return summary.failures().isEmpty() ? 0 : 3;
    }
}
