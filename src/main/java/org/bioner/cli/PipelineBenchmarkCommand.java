package org.bioner.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.bioner.pipeline.DocumentAnnotator;
import org.bioner.pipeline.PipelineBenchmark;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bioner bench-pipeline}: throughput of the whole pipeline, and of the PyTorch reference in the same run. */
@Command(name = "bench-pipeline", mixinStandardHelpOptions = true,
        description = {"Measures the whole BioNER pipeline (segment, embed, tag) on a token-per-line test file:",
                "documents/s, tokens/s, peak heap; with --torch-reference, then the PyTorch reference (embed + tag) on the same file.",
                "Prints one JSON line per measurement."})
public final class PipelineBenchmarkCommand implements Callable<Integer> {

    @Option(names = "--data", required = true, paramLabel = "TSV", description = "token<TAB>tag file, e.g. ../shared/datasets/NCBI-disease/test.tsv")
    Path data;

    @Option(names = "--sentences-per-document", defaultValue = "10", description = "Sentences per document (default ${DEFAULT-VALUE}).")
    int sentencesPerDocument;

    @Option(names = "--max-documents", defaultValue = "1000000", description = "Stop after this many documents.")
    int maxDocuments;

    @Option(names = "--pack-chars", defaultValue = "" + DocumentAnnotator.DEFAULT_MAX_PACK_CHARS,
            description = "Documents are annotated in packs of at most this many characters; 0 annotates one at a time (default ${DEFAULT-VALUE}).")
    int packChars;

    @Option(names = "--torch-reference", paramLabel = "SCRIPT",
            description = "PyTorch reference script (e.g. ../shared/bench/torch_reference.py), run on the same file in the same command; without it only the Java pipeline is measured.")
    Path torchReference;

    @Option(names = "--python", defaultValue = "python3", description = "Python with torch, for --torch-reference (default ${DEFAULT-VALUE}, from the PATH).")
    String python;

    @Option(names = "--no-torch", description = "Do not run the PyTorch reference even if --torch-reference is given.")
    boolean noTorch;

    @Mixin
    PipelineOptions pipeline;

    @Override
    public Integer call() throws Exception {
        var sentences = PipelineBenchmark.readSentences(data);
        var result = PipelineBenchmark.run(pipeline.description(), sentences, sentencesPerDocument, maxDocuments, packChars);
        System.out.println("{\"what\": \"bioner pipeline\", \"data\": \"" + data + "\", "
                + "\"pack_chars\": " + packChars + ", " + result.toJson().substring(1));
        if (!noTorch && torchReference != null) {
            if (!Files.exists(torchReference)) {
                System.err.println("PyTorch reference not found: " + torchReference + " (use --torch-reference or --no-torch)");
                return 1;
            }
            for (List<String> args : List.of(List.of("embed", "--hidden", "512"), List.of("tag"))) {
                List<String> cmd = new java.util.ArrayList<>(List.of(python, torchReference.toString()));
                cmd.addAll(args.subList(0, 1));
                cmd.addAll(List.of("--data", data.toString()));
                cmd.addAll(args.subList(1, args.size()));
                Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    r.lines().forEach(System.out::println);
                }
                if (p.waitFor() != 0) {
                    System.err.println("PyTorch reference failed: " + String.join(" ", cmd));
                }
            }
        }
        return 0;
    }
}
