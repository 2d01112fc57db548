package org.bioner.embeddings.flair.training;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;

import org.bioner.embeddings.flair.CharLanguageModel;
import org.bioner.model.ModelArchive;
import org.bioner.nn.Adam;
import org.bioner.nn.Blas;
import org.bioner.nn.Param;

/**
 * Pretrains a Flair character LM with Flair's {@code LanguageModelTrainer} recipe: the training text is cut
 * into {@code batch} contiguous streams read side by side, {@code seqLen} characters per update (truncated
 * BPTT, LSTM state carried between updates and reset at each epoch, which starts at a random offset below
 * {@code seqLen}); mean cross-entropy; gradient-norm clipping; SGD (lr annealed by {@code annealFactor} when
 * the validation loss has not improved for {@code patience} evaluations, as PyTorch's ReduceLROnPlateau) or
 * Adam. Writes {@code OUT/lm.bnm} (the last weights), {@code OUT/best-lm.bnm} (best validation loss),
 * {@code OUT/training.tsv}, and checkpoints into {@code OUT/work} from which {@code resume} continues exactly.
 */
public final class LmTrainer {

    private static final double LN2 = Math.log(2);

    /** The mutable progress of a run (all of it is checkpointed). */
    static final class Progress {
        long step;
        long epoch;
        long position = -1;       // in each stream; -1: epoch not started
        long chars;
        double trainSeconds;
        float lr;
        final TrainingRandom rng;
        double bestValidLoss = Double.POSITIVE_INFINITY;
        int badEvaluations;

        Progress(long seed) {
            rng = new TrainingRandom(seed);
        }
    }

    /** What a finished run reports. */
    public record Result(long steps, long chars, double trainSeconds, double lastTrainBpc, double validBpc,
                         double bestValidBpc, float lr, Path model) {
        public double charsPerSecond() {
            return chars / Math.max(trainSeconds, 1e-9);
        }
    }

    private final LmTrainingConfig cfg;
    private final PrintStream log;

    private org.bioner.nn.Backend backend = org.bioner.nn.Backends.cpu();

    public LmTrainer(LmTrainingConfig cfg, PrintStream log) {
        this.cfg = cfg;
        this.log = log;
    }

    /**
     * Where the network's LSTMs and decoder run ({@link CharLmNetwork#useBackend}); the corpus, the embedding
     * lookup, the dropout draws, the loss and the optimizer stay on the host. Default: the CPU.
     */
    public LmTrainer backend(org.bioner.nn.Backend b) {
        this.backend = b == null ? org.bioner.nn.Backends.cpu() : b;
        return this;
    }

    public Result run() throws IOException {
        Session run = open();
        while (true) {
            run.startEpochIfNeeded();
            if (budgetReached(run.c, run.p)) break;
            run.update();
        }
        return run.finish();
    }

    /** Reads the corpus and builds the network, or restores both from the checkpoint when resuming. */
    private Session open() throws IOException {
        Path out = cfg.out();
        Files.createDirectories(out.resolve("work"));
        if (cfg.threads() > 0) Blas.setThreads(cfg.threads());
        Path ckptFile = LmCheckpoint.file(out);
        ModelArchive ckpt = null;
        LmTrainingConfig c = cfg;
        List<String> fixedDictionary = null;
        CharLanguageModel start = null;
        if (cfg.resume()) {
            if (!Files.exists(ckptFile)) throw new IOException(ckptFile + ": no checkpoint to resume from");
            ckpt = ModelArchive.open(ckptFile, LmCheckpoint.KIND);
            c = LmCheckpoint.settings(ckpt, cfg);
            fixedDictionary = ckpt.strings("dictionary");
        } else if (cfg.initFrom() != null) {
            start = CharLanguageModel.load(cfg.initFrom());
            checkSameArchitecture(start, cfg);
            fixedDictionary = start.dictionary();
        } else if (cfg.dictionaryFrom() != null) {
            fixedDictionary = CharLanguageModel.load(cfg.dictionaryFrom()).dictionary();
        }
        long t0 = System.nanoTime();
        PreparedText data = PreparedText.prepare(c, fixedDictionary);
        say(String.format(Locale.ROOT, "corpus: %d training chars, %d validation chars, dictionary %d (incl. <unk>), %s LM, read in %.1fs",
                data.train.length, data.valid.length, data.dictionary.size(), c.forward() ? "forward" : "backward",
                (System.nanoTime() - t0) / 1e9));
        if (data.train.length / c.batch() < 2) {
            throw new IOException("corpus " + c.corpus() + ": " + data.train.length + " training characters are too few for "
                    + c.batch() + " streams (--batch)");
        }
        CharLmNetwork net = start != null ? CharLmNetwork.fromModel(start, c.dropout())
                : CharLmNetwork.init(data.dictionary.size(), c.embeddingSize(), c.hidden(), c.layers(), c.dropout(), c.seed());
        net.useBackend(backend);
        Session run = new Session(c, data, net, c.optimizer().equals("adam") ? new Adam(net.params()) : null);
        if (ckpt != null) {
            long fp = Long.parseLong(ckpt.meta("data_fingerprint"));
            if (fp != data.fingerprint) {
                throw new IOException(ckptFile + ": the corpus differs from the one this run started with (give the same --corpus, "
                        + "--corpus-chars, --validation-chars/--validation-file)");
            }
            LmCheckpoint.restore(ckpt, run.p, net, run.adam, run.state);
            say(String.format(Locale.ROOT, "resumed from %s at update %d (%d chars, lr %.4g)", ckptFile, run.p.step, run.p.chars, run.p.lr));
        }
        say(String.format(Locale.ROOT, "%s LM: hidden %d, layers %d, embedding %d, %d parameters; batch %d x seq %d, %s lr %.4g, clip %.3g, dropout %.2f",
                c.forward() ? "forward" : "backward", c.hidden(), c.layers(), c.embeddingSize(), parameterCount(net), c.batch(),
                c.seqLen(), c.optimizer(), run.p.lr, c.clip(), c.dropout()));
        if (!c.resume() || !Files.exists(run.tsv)) {
            Files.writeString(run.tsv, "step\tepoch\tchars\ttrain_seconds\tchars_per_s\tlr\ttrain_bpc\tvalid_bpc\n", StandardCharsets.UTF_8);
        }
        if (start != null) run.evaluateStart(cfg.initFrom());
        run.startClock();
        return run;
    }

    /** {@code --init-from}: the LM must be what the run's settings describe (a one-line error naming the file otherwise). */
    private static void checkSameArchitecture(CharLanguageModel m, LmTrainingConfig c) throws IOException {
        if (m.isForward() != c.forward() || m.hiddenSize() != c.hidden() || m.embeddingSize() != c.embeddingSize()
                || m.layers() != c.layers() || !m.hasDecoder() || m.outputSize() != m.hiddenSize()) {
            throw new IOException(String.format(Locale.ROOT, "%s: a %s LM with hidden %d, embedding %d, %d layer(s)%s, but the run asks "
                            + "for a %s LM with hidden %d, embedding %d, %d layer(s) (give its --direction, --hidden, --embedding-size, --layers)",
                    c.initFrom(), m.isForward() ? "forward" : "backward", m.hiddenSize(), m.embeddingSize(), m.layers(),
                    !m.hasDecoder() ? " without a decoder" : m.outputSize() != m.hiddenSize() ? " with a projection" : "",
                    c.forward() ? "forward" : "backward", c.hidden(), c.embeddingSize(), c.layers()));
        }
    }

    /** One run of this JVM: the model and its progress, plus what this session measured since it started. */
    private final class Session {
        final LmTrainingConfig c;
        final PreparedText data;
        final CharLmNetwork net;
        final Adam adam;
        final LmState state;
        final Progress p;
        final long streamLen;
        final Path tsv;
        private final int[] flip;
        private final int[] chunk;
        private final int[] x;
        private final int[] y;
        private double runLoss;
        private long runCount;
        private double lastTrainBpc = Double.NaN;
        private double lastValidBpc = Double.NaN;
        private long lastEvalStep = -1;
        private long wallStart;
        private double secondsAtStart;
        private long charsAtStart;
        private double lastLog;
        private double lastCkpt;
        private double evalSeconds;

        Session(LmTrainingConfig c, PreparedText data, CharLmNetwork net, Adam adam) {
            this.c = c;
            this.data = data;
            this.net = net;
            this.adam = adam;
            this.state = net.newState(c.batch());
            this.p = new Progress(c.seed());
            p.lr = c.lr();
            this.streamLen = data.train.length / c.batch();
            this.tsv = c.out().resolve("training.tsv");
            this.flip = caseFlipTable(data.dictionary);
            this.chunk = new int[c.batch() * (c.seqLen() + 1)];
            this.x = new int[c.batch() * c.seqLen()];
            this.y = new int[c.batch() * c.seqLen()];
        }

        /**
         * A run that continues an LM ({@code --init-from}) first measures it: a log row at update 0, and its validation
         * loss is the best so far (best-lm.bnm is the start model until an evaluation beats it), so the run's best model
         * is never worse on the held-out text than the LM it started from.
         */
        void evaluateStart(Path from) throws IOException {
            lastValidBpc = evaluate(net, data.valid, c);
            if (Double.isNaN(lastValidBpc)) return;
            p.bestValidLoss = lastValidBpc * LN2;
            net.toModel(c.forward(), data.dictionary, "bioner pretrain-lm:" + c.out().toAbsolutePath()).write(c.out().resolve("best-lm.bnm"), c.half());
            logRow(tsv, p, Double.NaN, lastValidBpc, p.chars, p.trainSeconds);
            say(String.format(Locale.ROOT, "update 0: validation bpc %.4f of %s, the start model", lastValidBpc, from));
        }

        /** Marks where this session's own speed figures start (after a resume: the restored progress). */
        void startClock() {
            wallStart = System.nanoTime();
            secondsAtStart = p.trainSeconds;
            charsAtStart = p.chars;
        }

        /** At the end of the streams: a new epoch starts at a random offset with zero state. */
        void startEpochIfNeeded() {
            if (p.position < 0 || p.position + 2 > streamLen) {
                if (p.position >= 0) p.epoch++;
                p.position = p.rng.nextInt((int) Math.min(c.seqLen(), streamLen - 1));
                state.reset();
            }
        }

        /** One truncated-BPTT update over the next {@code seqLen} characters of every stream. */
        void update() throws IOException {
            int streams = c.batch();
            int n = (int) Math.min(c.seqLen(), streamLen - 1 - p.position);
            nextBatch(streams, n);
            double loss = net.trainStep(x, y, streams, n, state, p.rng);
            clip(net.params(), c.clip());
            if (adam != null) adam.step(p.lr);
            else for (Param q : net.params()) q.sgd(p.lr);
            p.position += n;
            p.step++;
            p.chars += (long) streams * n;
            runLoss += loss;
            runCount += (long) streams * n;
            if (!Double.isFinite(loss)) throw new IllegalStateException("training diverged at update " + p.step + " (loss " + loss + ")");
            double wall = (System.nanoTime() - wallStart) / 1e9;
            p.trainSeconds = secondsAtStart + wall - evalSeconds;
            if (p.step % c.evalEvery() == 0) scheduledEvaluation();
            if (wall - lastLog >= c.logEverySeconds()) {
                lastLog = wall;
                progressLine(c, p, streamLen, runCount > 0 ? runLoss / runCount / LN2 : lastTrainBpc, charsAtStart, secondsAtStart);
            }
            if (wall - lastCkpt >= c.checkpointEverySeconds()) {
                lastCkpt = wall;
                LmCheckpoint.write(c.out(), p, net, adam, state, data.dictionary, c, data.fingerprint);
            }
        }

        /** Inputs and next-character targets of every stream, with random case flips. */
        private void nextBatch(int streams, int n) {
            for (int s = 0; s < streams; s++) {
                long base = s * streamLen + p.position;
                for (int t = 0; t <= n; t++) chunk[s * (n + 1) + t] = data.train[(int) (base + t)];
            }
            if (c.caseFlip() > 0) {
                for (int i = 0; i < streams * (n + 1); i++) {
                    if (p.rng.nextFloat() < c.caseFlip()) chunk[i] = flip[chunk[i]];
                }
            }
            for (int s = 0; s < streams; s++) {
                System.arraycopy(chunk, s * (n + 1), x, s * n, n);
                System.arraycopy(chunk, s * (n + 1) + 1, y, s * n, n);
            }
        }

        /** Validation, best-model keeping and lr annealing (its time is not counted as training time). */
        private void scheduledEvaluation() throws IOException {
            lastTrainBpc = runLoss / runCount / LN2;
            long te = System.nanoTime();
            lastValidBpc = evaluate(net, data.valid, c);
            anneal(net, c, p, lastValidBpc * LN2, data.dictionary);
            evalSeconds += (System.nanoTime() - te) / 1e9;
            lastEvalStep = p.step;
            logRow(tsv, p, lastTrainBpc, lastValidBpc, charsAtStart, secondsAtStart);
            say(String.format(Locale.ROOT, "update %d: train bpc %.4f, validation bpc %s, lr %.4g", p.step, lastTrainBpc,
                    Double.isNaN(lastValidBpc) ? "-" : String.format(Locale.ROOT, "%.4f", lastValidBpc), p.lr));
            runLoss = 0;
            runCount = 0;
        }

        /** Final evaluation, checkpoint and model file. */
        Result finish() throws IOException {
            if (runCount > 0) lastTrainBpc = runLoss / runCount / LN2;
            if (lastEvalStep != p.step && data.valid.length > 1) {
                lastValidBpc = evaluate(net, data.valid, c); // reported only: the annealing state stays as it was
                logRow(tsv, p, lastTrainBpc, lastValidBpc, charsAtStart, secondsAtStart);
            }
            LmCheckpoint.write(c.out(), p, net, adam, state, data.dictionary, c, data.fingerprint);
            Path model = c.out().resolve("lm.bnm");
            net.toModel(c.forward(), data.dictionary, "bioner pretrain-lm:" + c.out().toAbsolutePath()).write(model, c.half());
            double cps = (p.chars - charsAtStart) / Math.max(1e-9, p.trainSeconds - secondsAtStart);
            double flopPerChar = 3.0 * lstmFlopPerChar(c);
            say(String.format(Locale.ROOT, "done: %d updates, %d chars, %.0f chars/s this session (%.2f GFLOP/s in the LSTM at 3 x 8H(H+E) FLOP/char), "
                            + "train bpc %.4f, validation bpc %s (best %s); wrote %s", p.step, p.chars, cps, cps * flopPerChar / 1e9,
                    lastTrainBpc, fmt(lastValidBpc), fmt(p.bestValidLoss / LN2), model));
            return new Result(p.step, p.chars, p.trainSeconds, lastTrainBpc, lastValidBpc, p.bestValidLoss / LN2, p.lr, model);
        }
    }

    /** Forward FLOPs per character of the LSTM layers: {@code 8 H (in + H)} per layer. */
    static double lstmFlopPerChar(LmTrainingConfig c) {
        double f = 0;
        for (int l = 0; l < c.layers(); l++) f += 8.0 * c.hidden() * ((l == 0 ? c.embeddingSize() : c.hidden()) + c.hidden());
        return f;
    }

    private static String fmt(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : "-";
    }

    private static boolean budgetReached(LmTrainingConfig c, Progress p) {
        if (c.maxSteps() > 0 && p.step >= c.maxSteps()) return true;
        if (c.maxChars() > 0 && p.chars >= c.maxChars()) return true;
        if (c.maxHours() > 0 && p.trainSeconds >= c.maxHours() * 3600) return true;
        if (c.maxSteps() <= 0 && c.maxChars() <= 0 && c.maxHours() <= 0) return p.epoch >= 1; // no budget: one epoch
        return false;
    }

    /** Bits per character over {@code ids}: up to {@code batch} streams with carried state, no dropout. */
    static double evaluate(CharLmNetwork net, int[] ids, LmTrainingConfig c) {
        if (ids.length < 2) return Double.NaN;
        int seq = c.seqLen();
        int streams = (int) Math.max(1, Math.min(c.batch(), (ids.length - 1) / (seq + 1)));
        int len = ids.length / streams;
        LmState st = net.newState(streams);
        int[] x = new int[streams * seq], y = new int[streams * seq];
        double total = 0;
        long count = 0;
        for (int pos = 0; pos < len - 1; pos += seq) {
            int n = Math.min(seq, len - 1 - pos);
            for (int s = 0; s < streams; s++) {
                for (int t = 0; t < n; t++) {
                    x[s * n + t] = ids[s * len + pos + t];
                    y[s * n + t] = ids[s * len + pos + t + 1];
                }
            }
            total += net.loss(x, y, streams, n, st);
            count += (long) streams * n;
        }
        return total / count / LN2;
    }

    /** After a scheduled evaluation: keeps the best model, anneals the lr on a plateau. */
    private void anneal(CharLmNetwork net, LmTrainingConfig c, Progress p, double mean, List<String> dictionary) throws IOException {
        if (Double.isNaN(mean)) return;
        // ReduceLROnPlateau (mode min, relative threshold 1e-4, cooldown 0), as Flair's LM trainer uses it
        if (mean < p.bestValidLoss * (1 - 1e-4)) {
            p.bestValidLoss = mean;
            p.badEvaluations = 0;
            net.toModel(c.forward(), dictionary, "bioner pretrain-lm:" + c.out().toAbsolutePath()).write(c.out().resolve("best-lm.bnm"), c.half());
        } else if (++p.badEvaluations > c.patience()) {
            p.lr *= c.annealFactor();
            p.badEvaluations = 0;
            say(String.format(Locale.ROOT, "validation loss has not improved for %d evaluations: lr -> %.4g", c.patience() + 1, p.lr));
        }
    }

    /** {@code clip_grad_norm_}: scales all gradients by {@code maxNorm / (norm + 1e-6)} when that is below 1. */
    static double clip(List<Param> params, float maxNorm) {
        double sq = 0;
        for (Param q : params) sq += q.gradientSquaredNorm();
        double norm = Math.sqrt(sq);
        float coef = (float) (maxNorm / (norm + 1e-6));
        if (maxNorm > 0 && coef < 1f) for (Param q : params) q.scaleGradients(coef);
        return norm;
    }

    /** Dictionary index -> index of the same character with its case flipped (itself when there is none). */
    static int[] caseFlipTable(List<String> dictionary) {
        CharCorpus.Encoder enc = new CharCorpus.Encoder(dictionary);
        int[] t = new int[dictionary.size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = i;
            String s = dictionary.get(i);
            if (i == 0 || s.codePointCount(0, s.length()) != 1) continue;
            int cp = s.codePointAt(0);
            int f = Character.isUpperCase(cp) ? Character.toLowerCase(cp) : Character.isLowerCase(cp) ? Character.toUpperCase(cp) : cp;
            int j = enc.indexOf(f);
            if (f != cp && j != 0) t[i] = j;
        }
        return t;
    }

    private void progressLine(LmTrainingConfig c, Progress p, long streamLen, double trainBpc, long chars0, double secs0) {
        double cps = (p.chars - chars0) / Math.max(1e-9, p.trainSeconds - secs0);
        String eta = "";
        double left = Double.NaN;
        if (c.maxChars() > 0) left = (c.maxChars() - p.chars) / Math.max(cps, 1e-9);
        if (c.maxHours() > 0) left = Math.min(Double.isNaN(left) ? Double.MAX_VALUE : left, c.maxHours() * 3600 - p.trainSeconds);
        if (!Double.isNaN(left)) eta = String.format(Locale.ROOT, ", ETA %dm%02ds", (long) Math.max(0, left) / 60, (long) Math.max(0, left) % 60);
        say(String.format(Locale.ROOT, "update %d epoch %d.%02d: %d chars, %.0f chars/s, lr %.4g, train bpc %s%s", p.step, p.epoch,
                100 * p.position / streamLen, p.chars, cps, p.lr, fmt(trainBpc), eta));
    }

    private static void logRow(Path tsv, Progress p, double trainBpc, double validBpc, long chars0, double secs0) throws IOException {
        double cps = (p.chars - chars0) / Math.max(1e-9, p.trainSeconds - secs0);
        try (Writer w = Files.newBufferedWriter(tsv, StandardCharsets.UTF_8, StandardOpenOption.APPEND)) {
            w.write(String.format(Locale.ROOT, "%d\t%d\t%d\t%.1f\t%.0f\t%.6g\t%s\t%s%n", p.step, p.epoch, p.chars, p.trainSeconds, cps,
                    p.lr, Double.isNaN(trainBpc) ? "" : String.format(Locale.ROOT, "%.5f", trainBpc), Double.isNaN(validBpc) ? "" : String.format(Locale.ROOT, "%.5f", validBpc)));
        }
    }

    private static long parameterCount(CharLmNetwork net) {
        long n = 0;
        for (Param q : net.params()) n += q.size();
        return n;
    }

    private void say(String s) {
        if (!cfg.quiet() && log != null) log.println(s);
    }
}
