package org.bioner.training;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.bioner.tagger.SequenceTagger;

/**
 * The learning rate of every epoch of a finished run, up to the epoch its model was selected at: the schedule that a
 * run on train + dev follows (the protocol of BioBERT's final models and of Flair's {@code train_with_dev}), so that
 * how long to train and when to anneal are both chosen on dev, by the run replayed, and the replaying run, which
 * has no held-out dev, chooses nothing.
 *
 * <p>Invariant: {@code lrs.length} is the replayed run's selected epoch, and {@code lrs[e - 1]} is the rate that run
 * trained epoch {@code e} with (the {@code lr} column of its {@code training.tsv}, written before annealing).
 */
public record ReplayedSchedule(String source, float[] lrs) {

    public ReplayedSchedule {
        if (lrs.length == 0) throw new IllegalArgumentException(source + ": a schedule of no epochs");
        lrs = lrs.clone();
    }

    /**
     * The schedule named by {@code source}: a finished run's folder ({@link #of(Path)}; {@code selectedEpoch} null), or
     * a training log, {@code training.tsv}, with the epoch its run's model was selected at ({@link #fromLog}); null
     * where neither is given (no replay).
     */
    public static ReplayedSchedule of(Path source, Integer selectedEpoch) throws IOException {
        if (source == null) {
            if (selectedEpoch != null) throw new IllegalArgumentException("an epoch to replay up to (" + selectedEpoch + ") is given without a schedule to replay");
            return null;
        }
        if (selectedEpoch != null && !Files.exists(source)) {
            throw new IllegalArgumentException(source + ": not found (a finished run's training.tsv is needed)");
        }
        if (Files.isRegularFile(source)) {
            if (selectedEpoch == null) {
                throw new IllegalArgumentException(source + ": a training log is replayed only up to a given epoch, the one its run's model was selected at");
            }
            return fromLog(source, selectedEpoch);
        }
        if (selectedEpoch != null) {
            throw new IllegalArgumentException(source + ": a run folder's model records its selected epoch; an epoch is given only with a training log (training.tsv)");
        }
        return of(source);
    }

    /**
     * The schedule of the finished run in {@code runDir}: its {@code tagger.bnm} (the selected epoch, {@code
     * train.epoch}; the run must have finished, {@code train.epochs.run}) and its {@code training.tsv}.
     */
    public static ReplayedSchedule of(Path runDir) throws IOException {
        Path model = runDir.resolve(Trainer.MODEL_FILE), log = runDir.resolve(Trainer.LOG_FILE);
        for (Path p : List.of(model, log)) {
            if (!Files.isRegularFile(p)) throw new IllegalArgumentException(p + ": not found (a finished training run's folder is needed)");
        }
        var meta = SequenceTagger.load(model).metadata();
        if (meta.get("train.epochs.run") == null || meta.get("train.epoch") == null) {
            throw new IllegalArgumentException(model + ": the run has not finished, so its schedule may still change");
        }
        return fromLog(log, Integer.parseInt(meta.get("train.epoch")));
    }

    /**
     * The first {@code selectedEpoch} rates of the training log {@code log}: for a run whose folder is gone but whose
     * {@code training.tsv} was kept with its results, beside the epoch its model was selected at. That the run
     * finished, and at which epoch it selected, the caller vouches for: the log records neither.
     */
    public static ReplayedSchedule fromLog(Path log, int selectedEpoch) throws IOException {
        if (selectedEpoch < 1) throw new IllegalArgumentException(log + ": a schedule of " + selectedEpoch + " epochs");
        float[] lrs = new float[selectedEpoch];
        int line = 0, found = 0;
        for (String text : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            line++;
            if (text.isBlank() || text.startsWith("epoch")) continue;
            EpochRecord r;
            try {
                r = EpochRecord.parse(text);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(log + ":" + line + ": not a training log line (" + e.getMessage() + ")");
            }
            if (r.epoch() > selectedEpoch) break;
            if (r.epoch() != found + 1) throw new IllegalArgumentException(log + ":" + line + ": epoch " + r.epoch() + " where " + (found + 1) + " was expected");
            lrs[found++] = (float) r.lr();
        }
        if (found != selectedEpoch) {
            throw new IllegalArgumentException(log + ": " + found + " epochs logged, but the model was selected at epoch " + selectedEpoch);
        }
        return new ReplayedSchedule(log.toString(), lrs);
    }

    public int epochs() {
        return lrs.length;
    }

    /** The rate of epoch {@code epoch} (1-based). */
    public float lr(int epoch) {
        return lrs[epoch - 1];
    }

    @Override
    public float[] lrs() {
        return lrs.clone();
    }

    /** The rates themselves (what a resumed replay must follow again), not where they came from. */
    public String fingerprint() {
        return String.format(Locale.ROOT, "%d:%08x", lrs.length, Arrays.hashCode(lrs));
    }

    /** For the model's provenance. */
    public String describe() {
        return String.format(Locale.ROOT, "replayed %d epochs of %s (the model is the last epoch's; dev neither selects nor anneals)",
                lrs.length, source);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReplayedSchedule s && source.equals(s.source) && Arrays.equals(lrs, s.lrs);
    }

    @Override
    public int hashCode() {
        return 31 * source.hashCode() + Arrays.hashCode(lrs);
    }

    @Override
    public String toString() {
        return "ReplayedSchedule[" + source + ", " + Arrays.toString(lrs) + "]";
    }
}
