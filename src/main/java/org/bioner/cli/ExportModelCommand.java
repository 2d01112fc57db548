package org.bioner.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.bioner.tagger.SequenceTagger;
import org.bioner.tagger.TaggerModels;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bioner export-model}: copies a trained tagger to a compact file for shipping (float16 weights). */
@Command(name = "export-model", mixinStandardHelpOptions = true,
        description = "Write a trained tagger as a compact model file (network weights in float16; CRF exact).")
public final class ExportModelCommand implements Callable<Integer> {

    @Option(names = "--in", required = true, description = "model file or training output directory")
    String in;

    @Option(names = "--out", required = true, description = "model file to write, e.g. models/disease.bnm")
    Path out;

    @Option(names = "--float32", description = "keep float32 weights")
    boolean float32;

    @Option(names = "--use-corpus", paramLabel = "CORPUS",
            description = "for a model trained with a corpus one-hot: the training corpus whose conventions it tags by "
                    + "unless told otherwise (its embeddings spec's use=; all: the mean of its corpora)")
    String useCorpus;

    @Override
    public Integer call() throws Exception {
        if (org.bioner.tagger.FlairTaggerImporter.isCheckpointName(Path.of(in))) {
            System.err.println("bioner export-model: " + in + " is a Flair checkpoint; convert it with import-flair-tagger (--half for float16)");
            return 1;
        }
        SequenceTagger tagger = TaggerModels.load(in);
        if (useCorpus != null) tagger = tagger.withDefaultCorpus(useCorpus);
        tagger.save(out, !float32);
        System.out.printf("%s -> %s (%,d bytes, %s weights)%n", in, out, Files.size(out), float32 ? "float32" : "float16");
        return 0;
    }
}
