package org.bioner.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import org.bioner.corpus.IobCorpusParser;
import org.bioner.corpus.TagScheme;
import org.bioner.corpus.TaggedSentence;
import org.bioner.embeddings.EmbeddingsLoader;
import org.bioner.embeddings.TokenEmbeddings;
import org.bioner.tagger.SequenceTagger;
import org.bioner.tagger.SequenceTagger.HyperParameters;
import org.bioner.tagger.TaggerModels;
import org.bioner.training.ReplayedSchedule;
import org.bioner.training.Trainer;
import org.bioner.training.TrainerConfig;
import org.bioner.training.SampleWeights;
import org.bioner.training.TrainingSet;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bioner train}: trains a BiLSTM-CRF tagger on IOB files with Flair's recipe. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a BiLSTM-CRF tagger (Flair recipe: SGD 0.1, batch 32, clip 5, anneal x0.5 on dev-F1 plateau).")
public final class TrainCommand implements Callable<Integer> {

    @Option(names = "--train", required = true, arity = "1..*",
            description = "training file(s) (token<TAB>tag, blank line between sentences); several = their union")
    List<Path> train;

    @Option(names = "--dev", required = true, arity = "1..*",
            description = "development file(s): select the model and drive annealing; several = their union")
    List<Path> dev;

    @Option(names = "--drop-overlap",
            description = "leave out training sentences with the same tokens as a sentence of the dev, test or "
                    + "--exclude files (not dev with --replay-schedule, where dev is training data), and keep repeated "
                    + "training sentences once (for models trained on several corpora, which reuse abstracts)")
    boolean dropOverlap;

    @Option(names = "--exclude", arity = "1..*", paramLabel = "FILE",
            description = "held-out file(s), e.g. the test splits a union model is scored on; implies --drop-overlap")
    List<Path> exclude = List.of();

    @Option(names = "--sample-weight", paramLabel = "FILE=W",
            description = "sampling weight of a --train file (repeatable): its sentences are used W times per epoch in "
                    + "expectation (e.g. 2, or 0.5); files without one have weight 1")
    Map<Path, Double> sampleWeights = Map.of();

    @Option(names = "--select-on", defaultValue = Trainer.SELECT_UNION, paramLabel = "CRITERION",
            description = "what selects the model and anneals the learning rate: " + Trainer.SELECT_UNION + " (dev F1 over all "
                    + "dev mentions), " + Trainer.SELECT_CORPUS_MEAN + " (the mean of each dev corpus's F1, each corpus the "
                    + "folder of its --dev file, so that a corpus with most of the dev mentions does not decide alone) or "
                    + Trainer.SELECT_DEFAULT_MEAN + " (that mean with every dev sentence tagged by the model's use= one-hot, "
                    + "as `tag` tags by default, instead of by its own corpus's); default: ${DEFAULT-VALUE}")
    String selectOn;

    @Option(names = "--corpus-dropout",
            description = "for embeddings with a corpus one-hot (+corpus:...): let the input dropouts drop the one-hot "
                    + "too, as runs before this option did (to reproduce or resume them); by default a sentence's corpus "
                    + "always reaches the network whole, as when tagging")
    boolean corpusDropout;

    @Option(names = "--test", description = "test file: evaluated once, with the selected model")
    Path test;

    @Option(names = "--entity-type", required = true, description = "type of untyped B/I tags, e.g. Disease")
    String entityType;

    @Option(names = "--types", split = ",", paramLabel = "TYPE",
            description = "entity types to learn, e.g. Chemical; typed tags of other types are read as O "
                    + "(default: every type in the files)")
    Set<String> types;

    @Option(names = "--embeddings", required = true,
            description = "embeddings spec, e.g. random:1124:seed=1, glove:F, flair:F; join several with +")
    String embeddings;

    @Option(names = "--out", required = true, description = "output directory (tagger.bnm, training.tsv, training.png, work/)")
    Path out;

    @Option(names = "--max-epochs", defaultValue = "100", description = "default: ${DEFAULT-VALUE}")
    int maxEpochs;

    @Option(names = "--min-lr", defaultValue = "0.0001",
            description = "stop when annealing takes the learning rate below this (Flair's min_learning_rate; default: ${DEFAULT-VALUE})")
    float minLr;

    @Option(names = "--replay-schedule", paramLabel = "RUN",
            description = "follow the learning rates of the finished training run in folder RUN (its training.tsv) for as "
                    + "many epochs as its selected model had, and keep the last epoch's model: to train on train + dev "
                    + "with the schedule chosen on dev (BioBERT's final models, Flair's train_with_dev); --dev is then "
                    + "only logged, and --max-epochs and --min-lr do not apply. RUN may instead be a run's training.tsv "
                    + "alone (kept with its results when its folder is gone), with --replay-epochs")
    Path replaySchedule;

    @Option(names = "--replay-epochs", paramLabel = "N",
            description = "with a training.tsv as --replay-schedule: the epoch its run's model was selected at, as its "
                    + "results record it (a run folder's model records it itself)")
    Integer replayEpochs;

    @Option(names = "--average-epochs", paramLabel = "H", split = ",",
            description = "also keep running averages of the weights over a window of H epochs each (e.g. 1,3), updated "
                    + "after every step; each is scored on --dev after every epoch and the best (with --replay-schedule, the last) "
                    + "saved as OUT/tagger-averaged-H.bnm (log: training-averaged-H.tsv). The run itself is unchanged "
                    + "(default: none)")
    List<Integer> averageEpochs = new ArrayList<>();

    @Option(names = "--resume", description = "continue from the checkpoint in OUT/work")
    boolean resume;

    @Option(names = "--init-model", paramLabel = "MODEL",
            description = "start from this model's weights instead of new ones, to fine-tune it (a model file, a training "
                    + "output directory, a classpath: resource such as classpath:/models/disease.bnm, or a Flair .pt); it "
                    + "must have the run's tags, --embeddings and network shape, or be a model without the chars: part and/or the "
                    + "corpus one-hot that --embeddings adds to its own (they then start with no effect, or see --init-char-weights); the run then follows the "
                    + "usual schedule from --lr")
    String initModel;

    @Option(names = "--init-char-weights", paramLabel = "ZERO|RANDOM", defaultValue = "ZERO",
            description = "with --init-model and a chars: part the model lacks: how the LSTMs' weights from the new character "
                    + "features start; ZERO: the copy tags exactly as the model, but its character encoder learns only once "
                    + "those weights have grown; RANDOM: drawn as a new network's, so the encoder learns from the first step "
                    + "(default: ${DEFAULT-VALUE})")
    SequenceTagger.CharInit initCharWeights;

    @Option(names = "--no-reproject", description = "leave out the Linear(D,D) reprojection of the embeddings")
    boolean noReproject;

    @Option(names = "--hidden", defaultValue = "256", description = "LSTM hidden size per direction (default: ${DEFAULT-VALUE})")
    int hidden;

    @Option(names = "--rnn-layers", defaultValue = "" + HyperParameters.FLAIR_RNN_LAYERS,
            description = "stacked BiLSTM layers (Flair's rnn_layers), locked dropout between them in training "
                    + "(default: ${DEFAULT-VALUE})")
    int rnnLayers;

    @Option(names = "--word-dropout", defaultValue = "" + HyperParameters.FLAIR_WORD_DROPOUT,
            description = "probability of zeroing a token's whole input vector in training, in [0, 1) (default: ${DEFAULT-VALUE})")
    float wordDropout;

    @Option(names = "--locked-dropout", defaultValue = "" + HyperParameters.FLAIR_LOCKED_DROPOUT,
            description = "probability of zeroing an input or LSTM-output feature for a whole sentence in training, in [0, 1) "
                    + "(default: ${DEFAULT-VALUE})")
    float lockedDropout;

    @Option(names = "--lr", defaultValue = "0.1", description = "initial learning rate (default: ${DEFAULT-VALUE})")
    float lr;

    @Option(names = "--batch-size", defaultValue = "32", description = "mini-batch size (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--seed", defaultValue = "1", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = {"--blas-threads", "--threads"}, description = "OpenBLAS threads for the training epochs (default: the number of cores)")
    Integer threads;

    @picocli.CommandLine.Mixin
    DeviceOption device;

    @Override
    public Integer call() throws Exception {
        Trainer.checkedCriterion(selectOn); // an unknown criterion fails before any work, as a missing GPU does
        Trainer.checkedAverageWindows("--average-epochs", averageEpochs); // so does a window < 1
        if (rnnLayers < 1) throw new IllegalArgumentException("--rnn-layers must be at least 1, was " + rnnLayers);
        HyperParameters network = new HyperParameters(hidden, !noReproject, // so does a dropout out of range
                HyperParameters.requireProbability("--word-dropout", wordDropout),
                HyperParameters.requireProbability("--locked-dropout", lockedDropout), rnnLayers);
        ReplayedSchedule replay = ReplayedSchedule.of(replaySchedule, replayEpochs); // so does a bad run folder
        org.bioner.nn.Backend backend = device.open(); // a missing GPU fails before any work
        if (backend.device() != org.bioner.nn.Device.CPU) {
            System.out.println("device: " + backend.describe() + " (embeddings, the network's forward and backward, "
                    + "tagging; the CRF and the SGD update on the host)");
        }
        IobCorpusParser parser = new IobCorpusParser(IobCorpusParser.Format.BIOBERT, TagScheme.IOB2, entityType, false);
        List<TaggedSentence> tr = parseAll(parser, train);
        List<TaggedSentence> dv = parseAll(parser, dev);
        List<TaggedSentence> te = test == null ? List.of() : parseAll(parser, List.of(test));
        if (dropOverlap || !exclude.isEmpty()) {
            // a replay selects nothing on dev, which is then training data (given again with --train): not held out
            List<TaggedSentence> heldOut = new ArrayList<>(replay == null ? dv : List.of());
            heldOut.addAll(te);
            heldOut.addAll(parseAll(parser, exclude));
            TrainingSet set = TrainingSet.of(tr, heldOut);
            System.out.printf("training data: %d sentences; left out %d repeated and %d found in %s files%n",
                    set.sentences().size(), set.repeatsDropped(), set.heldOutDropped(),
                    replay == null ? "dev/test/--exclude" : "test/--exclude");
            tr = set.sentences();
        }
        TokenEmbeddings emb = EmbeddingsLoader.load(embeddings, null);
        TrainerConfig cfg = TrainerConfig.flairDefaults().withMaxEpochs(maxEpochs).withMinLr(minLr).withSeed(seed).withLr(lr)
                .withBatchSize(batchSize)
                .withNetwork(network);
        String provenance = "train=" + joined(train) + " dev=" + joined(dev) + (test != null ? " test=" + test : "")
                + (dropOverlap || !exclude.isEmpty() ? " drop-overlap" : "")
                + (exclude.isEmpty() ? "" : " exclude=" + joined(exclude))
                + (sampleWeights.isEmpty() ? "" : " sample-weights=" + sampleWeights)
                + (initModel == null ? "" : " init-model=" + initModel)
                + (initModel == null || initCharWeights == SequenceTagger.CharInit.ZERO ? "" : " init-char-weights=" + initCharWeights)
                + (Trainer.SELECT_UNION.equals(selectOn) ? "" : " select-on=" + selectOn)
                + (corpusDropout ? " corpus-dropout" : "")
                + (averageEpochs.isEmpty() ? "" : " average-epochs=" + averageEpochs.stream().map(String::valueOf).collect(Collectors.joining(",")))
                + (replay == null ? "" : " replay-schedule=" + replaySchedule + (replayEpochs == null ? "" : " replay-epochs=" + replayEpochs))
                + " entity-type=" + entityType + (types != null ? " types=" + String.join(",", new TreeSet<>(types)) : "");
        Map<String, Double> weights = new LinkedHashMap<>();
        for (var e : sampleWeights.entrySet()) {
            // the same file however it is written (relative, absolute, with ..): keyed by its --train spelling
            Path file = e.getKey().toAbsolutePath().normalize();
            Path given = train.stream().filter(t -> t.toAbsolutePath().normalize().equals(file)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("--sample-weight " + e.getKey() + ": not one of the --train files"));
            weights.put(given.toString(), e.getValue());
        }
        Trainer.Result r = new Trainer(cfg, System.out).backend(backend)
                .sampleWeights(weights.isEmpty() ? null : new SampleWeights(weights))
                .initFrom(initModel == null ? null : TaggerModels.load(initModel))
                .charInit(initCharWeights)
                .selectOn(selectOn)
                .corpusDropout(corpusDropout)
                .replay(replay)
                .averageEpochs(averageEpochs)
                .blasThreads(threads != null ? threads : Runtime.getRuntime().availableProcessors()).train(tr, dv, te, entityType, emb, embeddings, out, resume, provenance);
        return r.finished() ? 0 : 1;
    }

    private List<TaggedSentence> parseAll(IobCorpusParser parser, List<Path> files) throws IOException {
        List<TaggedSentence> all = new ArrayList<>();
        for (Path f : files) {
            for (TaggedSentence s : TaggedSentence.inDocumentOrder(parser.parse(f))) {
                all.add(types == null ? s : s.keepingTypes(types));
            }
        }
        return all;
    }

    private static String joined(List<Path> files) {
        return files.stream().map(Path::toString).collect(Collectors.joining(","));
    }
}
