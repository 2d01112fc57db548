package org.bioner.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.bioner.tagger.InputWeights;
import org.bioner.tagger.SequenceTagger;
import org.bioner.tagger.TaggerModels;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bioner model-info}: what a tagger model file holds (entity types, embeddings, network sizes, the metadata its
 * trainer wrote) and, with {@code --input-weights}, how strongly its BiLSTM reads each embedding part
 * ({@link InputWeights}).
 */
@Command(name = "model-info", mixinStandardHelpOptions = true,
        description = {"Describe tagger models: entity types, embeddings, network sizes and the training metadata.",
                "With --input-weights, also how strongly the BiLSTM reads each embedding part: the mean L2 norm of "
                        + "the rows of (reprojection x LSTM input weights) for that part's inputs, per direction "
                        + "(0 for inputs the tagger ignores; compare one part across models)."})
public final class ModelInfoCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "MODEL", description = "model file or training output directory")
    List<String> models;

    @Option(names = "--input-weights",
            description = "also print each embedding part's input weight norms (loads the model's embeddings)")
    boolean inputWeights;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        for (String location : models) {
            SequenceTagger t = TaggerModels.load(location);
            SequenceTagger.HyperParameters hp = t.hyperParameters();
            out.println(location);
            out.println("  entity types: " + String.join(", ", t.tags().entityTypes()) + " (" + t.tags().size() + " tags)");
            out.println("  embeddings: " + t.embeddingsSpec());
            out.printf(Locale.ROOT, "  network: %d embedding inputs, %d network inputs, reprojection %s, BiLSTM %d per direction%s%s"
                            + " (trained with word dropout %s, locked dropout %s)%n",
                    t.embeddingDimension(), t.networkInputDimension(), hp.reproject() ? "on" : "off", hp.hidden(),
                    hp.rnnLayers() > 1 ? " x " + hp.rnnLayers() + " layers" : "",
                    t.ensembleSize() > 1 ? ", an ensemble of " + t.ensembleSize() : "", hp.wordDropout(), hp.lockedDropout());
            for (Map.Entry<String, String> m : t.metadata().entrySet()) out.println("  " + m.getKey() + ": " + m.getValue());
            if (inputWeights) {
                out.println("  input weight norms, mean per input, forward / backward LSTM:");
                for (InputWeights.Part p : InputWeights.byPart(t)) {
                    out.printf(Locale.ROOT, "    %8.4f / %8.4f  %5d inputs  %s%n", p.forward(), p.backward(), p.rows(), p.name());
                }
            }
        }
        return 0;
    }
}
