package org.bioner.cli;

import org.bioner.embeddings.glove.GloveCorpus;
import org.bioner.embeddings.glove.GlovePretraining;
import org.bioner.embeddings.glove.GloveTrainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code bioner pretrain-glove}: trains GloVe word vectors on unlabeled text plus NER training splits. */
@Command(name = "pretrain-glove", mixinStandardHelpOptions = true,
        description = {"Trains GloVe word vectors (one thread, AdaGrad) on plain text (one document per line,",
                "optionally .gz; tokenised like the NER data) and IOB training files (token<TAB>tag).",
                "Counts are cached and a checkpoint is written after every epoch in --work; rerunning the",
                "same command resumes. Output by extension: .bnm (default, float16), .txt GloVe, .vec/.bin word2vec."})
public final class PretrainGloveCommand implements Callable<Integer> {

    @Option(names = "--text", arity = "1..*", paramLabel = "FILE", description = "plain-text corpus files, one document per line (one or more)")
    List<Path> text = new ArrayList<>();

    @Option(names = "--conll", arity = "1..*", paramLabel = "FILE", description = "IOB/CoNLL TRAIN files (one or more; devel/test are refused)")
    List<Path> conll = new ArrayList<>();

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "output vectors")
    Path out;

    @Option(names = "--work", defaultValue = "work/glove", paramLabel = "DIR",
            description = "cache and checkpoint folder (default ${DEFAULT-VALUE})")
    Path work;

    @Option(names = "--dim", defaultValue = "100", description = "vector size (default ${DEFAULT-VALUE})")
    int dim;

    @Option(names = "--min-count", defaultValue = "5", description = "minimum word frequency (default ${DEFAULT-VALUE})")
    int minCount;

    @Option(names = "--max-vocab", defaultValue = "200000", description = "keep at most this many words (default ${DEFAULT-VALUE})")
    int maxVocab;

    @Option(names = "--window", defaultValue = "10", description = "symmetric window, 1/distance weighting (default ${DEFAULT-VALUE})")
    int window;

    @Option(names = "--epochs", defaultValue = "25", description = "epochs (default ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--max-minutes", defaultValue = "0", description = "stop after the epoch that exceeds this training time (0 = no limit)")
    double maxMinutes;

    @Option(names = "--x-max", defaultValue = "100", description = "weighting cut-off x_max (default ${DEFAULT-VALUE})")
    double xMax;

    @Option(names = "--alpha", defaultValue = "0.75", description = "weighting exponent (default ${DEFAULT-VALUE})")
    double alpha;

    @Option(names = "--learning-rate", defaultValue = "0.05", description = "AdaGrad initial learning rate (default ${DEFAULT-VALUE})")
    double learningRate;

    @Option(names = "--seed", defaultValue = "1", description = "random seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--keep-case", description = "do not lower-case tokens (default: lower-case)")
    boolean keepCase;

    @Option(names = "--number-mask", paramLabel = "STRING",
            description = "a string standing for a masked number in the text files (e.g. <dig>), read as 0")
    String numberMask;

    @Option(names = "--max-documents", defaultValue = "0", description = "read at most N documents per file (0 = all; for quick slices)")
    int maxDocuments;

    @Option(names = "--float32", description = "store .bnm output as float32 (default float16)")
    boolean float32;

    @Override
    public Integer call() throws Exception {
        if (text.isEmpty() && conll.isEmpty()) throw new IllegalArgumentException("give --text and/or --conll files");
        GlovePretraining.checkTrainingSplit(conll);
        GloveCorpus corpus = new GloveCorpus(text, conll, !keepCase, maxDocuments, numberMask);
        var config = new GloveTrainer.Config(dim, xMax, alpha, learningRate, seed);
        var options = new GlovePretraining.Options(corpus, minCount, maxVocab, window, config, epochs, maxMinutes, work, out, !float32);
        new GlovePretraining(options, System.out).run();
        return 0;
    }
}
