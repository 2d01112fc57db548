package org.bioner.embeddings.flair.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import org.bioner.model.ModelArchive;
import org.bioner.nn.Adam;
import org.bioner.nn.Param;

/**
 * Everything a pretraining run needs to continue exactly where it stopped, in one {@link ModelArchive}
 * ({@code work/checkpoint.bnm under OUT}, written to a temporary file and moved into place): architecture and
 * data settings, dictionary, weights, Adam moments, learning rate, RNG state, stream position, carried LSTM
 * state, annealing state (best validation loss, evaluations without improvement) and counters. Floats are
 * stored as float32 and doubles as their bit patterns, so a resumed run is bitwise the uninterrupted one.
 */
final class LmCheckpoint {

    static final String KIND = "char-lm-training-state";

    private LmCheckpoint() {
    }

    static Path file(Path out) {
        return out.resolve("work").resolve("checkpoint.bnm");
    }

    static void write(Path out, LmTrainer.Progress p, CharLmNetwork net, Adam adam, LmState state, List<String> dictionary,
                      LmTrainingConfig cfg, long dataFingerprint) throws IOException {
        Path target = file(out);
        Path tmp = target.resolveSibling("checkpoint.bnm.tmp");
        try (ModelArchive.Writer w = ModelArchive.writer(tmp, KIND)) {
            w.meta("forward", Boolean.toString(cfg.forward()))
                    .meta("hidden", Integer.toString(net.hiddenSize()))
                    .meta("embedding_size", Integer.toString(net.embeddingSize()))
                    .meta("layers", Integer.toString(net.layers()))
                    .meta("dropout", Integer.toString(Float.floatToIntBits(net.dropout())))
                    .meta("seq_len", Integer.toString(cfg.seqLen()))
                    .meta("batch", Integer.toString(cfg.batch()))
                    .meta("optimizer", cfg.optimizer())
                    .meta("clip", Integer.toString(Float.floatToIntBits(cfg.clip())))
                    .meta("anneal_factor", Integer.toString(Float.floatToIntBits(cfg.annealFactor())))
                    .meta("patience", Integer.toString(cfg.patience()))
                    .meta("case_flip", Integer.toString(Float.floatToIntBits(cfg.caseFlip())))
                    .meta("eval_every", Integer.toString(cfg.evalEvery()))
                    .meta("seed", Long.toString(cfg.seed()))
                    .meta("data_fingerprint", Long.toString(dataFingerprint))
                    .meta("step", Long.toString(p.step))
                    .meta("epoch", Long.toString(p.epoch))
                    .meta("position", Long.toString(p.position))
                    .meta("chars", Long.toString(p.chars))
                    .meta("train_seconds", Long.toString(Double.doubleToLongBits(p.trainSeconds)))
                    .meta("lr", Integer.toString(Float.floatToIntBits(p.lr)))
                    .meta("rng", Long.toString(p.rng.state()))
                    .meta("best_valid_loss", Long.toString(Double.doubleToLongBits(p.bestValidLoss)))
                    .meta("bad_evaluations", Integer.toString(p.badEvaluations))
                    .meta("adam_steps", Long.toString(adam == null ? 0 : adam.steps()));
            w.strings("dictionary", dictionary);
            List<Param> params = net.params();
            for (int i = 0; i < params.size(); i++) {
                Param q = params.get(i);
                w.floats("param." + i, q.values(), new int[] {q.size()}, false);
                if (adam != null) {
                    w.floats("adam.m." + i, adam.firstMoment(i), new int[] {q.size()}, false);
                    w.floats("adam.v." + i, adam.secondMoment(i), new int[] {q.size()}, false);
                }
            }
            for (int l = 0; l < state.layers(); l++) {
                w.floats("state.h." + l, state.h(l), new int[] {state.streams(), net.hiddenSize()}, false);
                w.floats("state.c." + l, state.c(l), new int[] {state.streams(), net.hiddenSize()}, false);
            }
        }
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The run's fixed settings from a checkpoint, with the budget and output settings of {@code given}. */
    static LmTrainingConfig settings(ModelArchive a, LmTrainingConfig given) throws IOException {
        return new LmTrainingConfig(given.corpus(), given.validationFile(), given.out(),
                Boolean.parseBoolean(a.meta("forward")), Integer.parseInt(a.meta("hidden")),
                Integer.parseInt(a.meta("embedding_size")), Integer.parseInt(a.meta("layers")),
                Integer.parseInt(a.meta("seq_len")), Integer.parseInt(a.meta("batch")), a.meta("optimizer"), given.lr(),
                Float.intBitsToFloat(Integer.parseInt(a.meta("anneal_factor"))), Integer.parseInt(a.meta("patience")),
                Float.intBitsToFloat(Integer.parseInt(a.meta("clip"))),
                Float.intBitsToFloat(Integer.parseInt(a.meta("dropout"))),
                Float.intBitsToFloat(Integer.parseInt(a.meta("case_flip"))), given.maxChars(), given.maxHours(),
                given.maxSteps(), given.validationChars(), given.corpusChars(), given.minCharCount(), null, null,
                Integer.parseInt(a.meta("eval_every")), given.logEverySeconds(), given.checkpointEverySeconds(),
                given.threads(), true, Long.parseLong(a.meta("seed")), given.half(), given.quiet());
    }

    /** Restores weights, optimizer, state and progress saved by {@link #write}. */
    static void restore(ModelArchive a, LmTrainer.Progress p, CharLmNetwork net, Adam adam, LmState state) throws IOException {
        List<Param> params = net.params();
        float[][] m = new float[params.size()][], v = new float[params.size()][];
        for (int i = 0; i < params.size(); i++) {
            params.get(i).setValues(a.floats("param." + i));
            if (adam != null) {
                m[i] = a.floats("adam.m." + i);
                v[i] = a.floats("adam.v." + i);
            }
        }
        if (adam != null) adam.restore(Long.parseLong(a.meta("adam_steps")), m, v);
        for (int l = 0; l < state.layers(); l++) state.set(l, a.floats("state.h." + l), a.floats("state.c." + l));
        p.step = Long.parseLong(a.meta("step"));
        p.epoch = Long.parseLong(a.meta("epoch"));
        p.position = Long.parseLong(a.meta("position"));
        p.chars = Long.parseLong(a.meta("chars"));
        p.trainSeconds = Double.longBitsToDouble(Long.parseLong(a.meta("train_seconds")));
        p.lr = Float.intBitsToFloat(Integer.parseInt(a.meta("lr")));
        p.rng.setState(Long.parseLong(a.meta("rng")));
        p.bestValidLoss = Double.longBitsToDouble(Long.parseLong(a.meta("best_valid_loss")));
        p.badEvaluations = Integer.parseInt(a.meta("bad_evaluations"));
    }
}
