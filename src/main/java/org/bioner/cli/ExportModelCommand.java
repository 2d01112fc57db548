package org.bioner.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.bioner.tagger.FlairTaggerImporter;
import org.bioner.tagger.SequenceTagger;
import org.bioner.tagger.TaggerAveraging;
import org.bioner.tagger.TaggerEnsemble;
import org.bioner.tagger.TaggerModels;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bioner export-model}: copies a trained tagger to a compact file for shipping (float16 weights), or, given
 * several, their parameter average ({@link TaggerAveraging}) or, with {@code --ensemble}, one model that runs them all
 * ({@link TaggerEnsemble}).
 */
@Command(name = "export-model", mixinStandardHelpOptions = true,
        description = {"Write a trained tagger as a compact model file (network weights in float16; CRF exact).",
                "Given --in more than once, write the average of the models' parameters (a \"model soup\": for epochs "
                        + "of one run, or runs started from one model; all must have the same tags and embeddings), "
                        + "or with --ensemble one model that runs them all and decodes their mean scores."})
public final class ExportModelCommand implements Callable<Integer> {

    @Option(names = "--in", required = true, paramLabel = "MODEL",
            description = "model file or training output directory; repeat to average several")
    List<String> in;

    @Option(names = "--out", required = true, description = "model file to write, e.g. models/disease.bnm")
    Path out;

    @Option(names = "--ensemble",
            description = "with several --in: write one model that runs every network and decodes the mean of their "
                    + "scores (for independently trained models, e.g. runs with different --seed), instead of one "
                    + "network with the mean of their parameters")
    boolean ensemble;

    @Option(names = "--float32", description = "keep float32 weights")
    boolean float32;

    @Option(names = "--use-corpus", paramLabel = "CORPUS",
            description = "for a model trained with a corpus one-hot: the training corpus whose conventions it tags by "
                    + "unless told otherwise (its embeddings spec's use=; all: the mean of its corpora)")
    String useCorpus;

    @Override
    public Integer call() throws Exception {
        List<SequenceTagger> models = new ArrayList<>();
        for (String location : in) {
            if (FlairTaggerImporter.isCheckpointName(Path.of(location))) {
                System.err.println("bioner export-model: " + location + " is a Flair checkpoint; convert it with import-flair-tagger (--half for float16)");
                return 1;
            }
            SequenceTagger model = TaggerModels.load(location);
            if (!models.isEmpty()) {
                try {
                    TaggerAveraging.requireSameArchitecture(models.get(0), model);
                } catch (IllegalArgumentException e) {
                    System.err.println("bioner export-model: " + location + ": " + e.getMessage());
                    return 1;
                }
            }
            models.add(model);
        }
        SequenceTagger tagger = models.size() == 1 ? models.get(0)
                : ensemble ? TaggerEnsemble.of(models) : TaggerAveraging.average(models);
        if (tagger.ensembleSize() > 1) tagger.metadata().put("ensemble.of", String.join(",", in));
        if (useCorpus != null) tagger = tagger.withDefaultCorpus(useCorpus);
        tagger.save(out, !float32);
        System.out.printf("%s -> %s (%,d bytes, %s weights%s)%n", String.join(" + ", in), out, Files.size(out),
                float32 ? "float32" : "float16", tagger.ensembleSize() > 1 ? ", an ensemble of " + tagger.ensembleSize() : "");
        return 0;
    }
}
