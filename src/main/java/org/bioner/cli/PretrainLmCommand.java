package org.bioner.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.bioner.embeddings.flair.training.LmTrainer;
import org.bioner.embeddings.flair.training.LmTrainingConfig;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bioner pretrain-lm}: trains a Flair character LM (forward or backward) from plain text. */
@Command(name = "pretrain-lm", mixinStandardHelpOptions = true,
        description = "Pretrain a Flair character language model (truncated BPTT; Flair's recipe: SGD lr 20, clip 0.25, "
                + "anneal x0.25 on a validation plateau; or Adam). Writes OUT/lm.bnm (use as flair:OUT/lm.bnm), "
                + "OUT/best-lm.bnm, OUT/training.tsv and checkpoints in OUT/work.")
public final class PretrainLmCommand implements Callable<Integer> {

    @Option(names = "--corpus", required = true, arity = "1..*",
            description = "text files (.txt or .gz, one document per line) or directories of them")
    List<Path> corpus;

    @Option(names = "--out", required = true, description = "output directory")
    Path out;

    enum Direction { forward, backward }

    enum Optimizer { sgd, adam }

    @Option(names = "--direction", required = true, description = "${COMPLETION-CANDIDATES}")
    Direction direction;

    @Option(names = "--hidden", defaultValue = "512", description = "LSTM hidden size (default: ${DEFAULT-VALUE})")
    int hidden;

    @Option(names = "--embedding-size", defaultValue = "100", description = "character embedding size (default: ${DEFAULT-VALUE})")
    int embeddingSize;

    @Option(names = "--layers", defaultValue = "1", description = "LSTM layers (default: ${DEFAULT-VALUE})")
    int layers;

    @Option(names = "--seq-len", defaultValue = "250", description = "characters per truncated-BPTT update (default: ${DEFAULT-VALUE})")
    int seqLen;

    @Option(names = "--batch", defaultValue = "100", description = "parallel character streams (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--optimizer", defaultValue = "sgd", description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    Optimizer optimizer;

    @Option(names = "--lr", description = "learning rate (default: 20 for sgd, 2e-3 for adam)")
    Float lr;

    @Option(names = "--anneal-factor", defaultValue = "0.25", description = "default: ${DEFAULT-VALUE}")
    float annealFactor;

    @Option(names = "--patience", defaultValue = "10", description = "evaluations without improvement before annealing (default: ${DEFAULT-VALUE})")
    int patience;

    @Option(names = "--clip", defaultValue = "0.25", description = "gradient-norm clipping (default: ${DEFAULT-VALUE})")
    float clip;

    @Option(names = "--dropout", defaultValue = "0.1", description = "default: ${DEFAULT-VALUE}")
    float dropout;

    @Option(names = "--case-flip", defaultValue = "0", description = "probability of flipping the case of a training character (default: ${DEFAULT-VALUE})")
    float caseFlip;

    @Option(names = "--max-chars", defaultValue = "0", description = "stop after training on this many characters")
    long maxChars;

    @Option(names = "--max-hours", defaultValue = "0", description = "stop after this much training time")
    double maxHours;

    @Option(names = "--max-steps", defaultValue = "0", description = "stop after this many updates (no budget at all: one epoch)")
    long maxSteps;

    @Option(names = "--validation-chars", defaultValue = "100000",
            description = "hold out the last N characters of the corpus (at most a tenth) for validation (default: ${DEFAULT-VALUE})")
    long validationChars;

    @Option(names = "--validation-file", description = "held-out text file instead of the corpus tail")
    Path validationFile;

    @Option(names = "--corpus-chars", defaultValue = "0", description = "read only the first N characters of the corpus (0 = all)")
    long corpusChars;

    @Option(names = "--min-char-count", defaultValue = "20", description = "rarer characters map to <unk> (default: ${DEFAULT-VALUE})")
    int minCharCount;

    @Option(names = "--dictionary-from", description = "take the character dictionary from this LM (.bnm or Flair .pt)")
    Path dictionaryFrom;

    @Option(names = "--init-from", description = "continue pretraining this LM (.bnm or Flair .pt): its weights and dictionary; "
            + "--hidden, --embedding-size, --layers and --direction must be its own")
    Path initFrom;

    @Option(names = "--eval-every", defaultValue = "100", description = "evaluate (and anneal) every N updates (default: ${DEFAULT-VALUE})")
    int evalEvery;

    @Option(names = "--log-every-seconds", defaultValue = "30", description = "default: ${DEFAULT-VALUE}")
    double logEverySeconds;

    @Option(names = "--checkpoint-every-seconds", defaultValue = "600", description = "default: ${DEFAULT-VALUE}")
    double checkpointEverySeconds;

    @Option(names = {"--blas-threads", "--threads"}, defaultValue = "1",
            description = "OpenBLAS threads (default ${DEFAULT-VALUE}: the forward and the backward LM are trained as two jobs side by side, one core each)")
    int threads;

    @Option(names = "--resume", description = "continue from work/checkpoint.bnm under OUT (architecture and data settings come from it)")
    boolean resume;

    @Option(names = "--seed", defaultValue = "1", description = "default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--half", description = "store lm.bnm weights as float16")
    boolean half;

    @picocli.CommandLine.Mixin
    DeviceOption device;

    @Override
    public Integer call() throws Exception {
        org.bioner.nn.Backend backend = device.open(); // cuda without a GPU: one line, exit 2 (BioNerCli)
        if (backend.device() != org.bioner.nn.Device.CPU) {
            System.out.println("device: " + backend.describe() + " (the LSTMs and the decoder, forward and backward; "
                    + "corpus, dropout draws, loss and optimizer on the host)");
        }
        float rate = lr != null ? lr : optimizer == Optimizer.adam ? 2e-3f : 20f;
        LmTrainingConfig cfg = new LmTrainingConfig(corpus, validationFile, out, direction == Direction.forward, hidden, embeddingSize,
                layers, seqLen, batch, optimizer.name(), rate, annealFactor, patience, clip, dropout, caseFlip, maxChars, maxHours, maxSteps,
                validationChars, corpusChars, minCharCount, dictionaryFrom, initFrom, evalEvery, logEverySeconds, checkpointEverySeconds,
                threads, resume, seed, half, false);
        // bad input: an IOException naming the file, reported by BioNerCli (exit 1)
        new LmTrainer(cfg, System.out).backend(backend).run();
        return 0;
    }
}
