package org.bioner.training;

import static org.bioner.training.TrainerTest.EMB;
import static org.bioner.training.TrainerTest.QUIET;
import static org.bioner.training.TrainerTest.SMALL;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bioner.corpus.TaggedSentence;
import org.bioner.tagger.SequenceTagger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training on train + dev by a schedule chosen on dev: {@link ReplayedSchedule} and {@link Trainer#replay}. */
class ReplayedScheduleTest {

    @Test
    void aReplayOfARunOnTheSameDataEndsAtThatRunsSelectedModel(@TempDir Path dir) throws Exception {
        List<TaggedSentence> train = SyntheticTask.sentences(48, 4);
        List<TaggedSentence> dev = SyntheticTask.sentences(16, 5);
        Path a = dir.resolve("a"), b = dir.resolve("b");
        Trainer.Result run = new Trainer(SMALL.withMaxEpochs(14), QUIET).train(train, dev, List.of(), "Disease", EMB, EMB.describe(), a, false, "");
        assertTrue(run.bestEpoch() > 1 && run.bestEpoch() < run.epochs(), "a selected epoch inside the run: " + run);
        ReplayedSchedule schedule = ReplayedSchedule.of(a);
        assertEquals(run.bestEpoch(), schedule.epochs());
        assertEquals(lrColumn(a).subList(0, run.bestEpoch()), asList(schedule.lrs()));
        // the run's training.tsv alone, kept with its results, with the selected epoch they record: the same rates
        Path kept = Files.copy(a.resolve(Trainer.LOG_FILE), Files.createDirectories(dir.resolve("kept")).resolve(Trainer.LOG_FILE));
        assertArrayEquals(schedule.lrs(), ReplayedSchedule.of(kept, run.bestEpoch()).lrs());
        assertEquals(schedule.fingerprint(), ReplayedSchedule.of(kept, run.bestEpoch()).fingerprint(), "a replay resumes across the two");
        assertArrayEquals(lrColumn(a).stream().mapToDouble(Double::doubleValue).toArray(),
                asList(ReplayedSchedule.of(kept, run.epochs()).lrs()).stream().mapToDouble(Double::doubleValue).toArray());

        // the same data, seed and rates: every epoch is the run's own, and the model kept is the last epoch's
        Trainer.Result replayed = new Trainer(SMALL, QUIET).replay(schedule)
                .train(train, dev, List.of(), "Disease", EMB, EMB.describe(), b, false, "");
        assertTrue(replayed.finished());
        assertEquals(schedule.epochs(), replayed.epochs());
        assertEquals(schedule.epochs(), replayed.bestEpoch());
        assertArrayEquals(SequenceTagger.load(run.model()).allParameters(), SequenceTagger.load(replayed.model()).allParameters());
        assertTrue(SequenceTagger.load(replayed.model()).metadata().get("train.schedule").startsWith("replayed " + schedule.epochs() + " epochs of "));
    }

    @Test
    void aReplayFollowsItsRatesEvenWhereDevWouldSelectOrAnnealOtherwiseAndResumesExactly(@TempDir Path dir) throws Exception {
        List<TaggedSentence> train = SyntheticTask.sentences(48, 4);
        List<TaggedSentence> dev = SyntheticTask.sentences(16, 5);
        // annealed after epoch 2 and 3, raised again after epoch 4: no dev-driven run would do this
        ReplayedSchedule schedule = new ReplayedSchedule("given", new float[] {0.1f, 0.1f, 0.05f, 0.025f, 0.1f, 0.1f});
        Path a = dir.resolve("a"), b = dir.resolve("b");
        Trainer.Result r = new Trainer(SMALL.withMaxEpochs(2), QUIET).replay(schedule)
                .train(train, dev, List.of(), "Disease", EMB, EMB.describe(), a, false, "");
        assertEquals(6, r.epochs(), "the schedule decides the length, not max epochs");
        assertEquals(6, r.bestEpoch());
        assertEquals(List.of(0.1, 0.1, 0.05, 0.025, 0.1, 0.1), lrColumn(a));
        assertArrayEquals(SequenceTagger.load(a.resolve(Trainer.CHECKPOINT)).allParameters(),
                SequenceTagger.load(r.model()).allParameters(), "the model is the last epoch's");

        Trainer.Result killed = new Trainer(SMALL, QUIET).replay(schedule).stopAfterEpochs(3)
                .train(train, dev, List.of(), "Disease", EMB, EMB.describe(), b, false, "");
        assertFalse(killed.finished());
        assertFalse(java.nio.file.Files.exists(b.resolve(Trainer.MODEL_FILE)), "an unfinished replay leaves no model to mistake for its own");
        ReplayedSchedule other = new ReplayedSchedule("given", new float[] {0.1f, 0.1f, 0.05f, 0.025f, 0.1f, 0.05f});
        IOException e = assertThrows(IOException.class, () -> new Trainer(SMALL, QUIET).replay(other)
                .train(train, dev, List.of(), "Disease", EMB, EMB.describe(), b, true, ""));
        assertTrue(e.getMessage().contains("checkpoint was made for other data or settings"), e.getMessage());
        new Trainer(SMALL, QUIET).replay(schedule).train(train, dev, List.of(), "Disease", EMB, EMB.describe(), b, true, "");
        assertArrayEquals(SequenceTagger.load(r.model()).allParameters(), SequenceTagger.load(b.resolve(Trainer.MODEL_FILE)).allParameters());
    }

    @Test
    void aScheduleIsReadOnlyFromAFinishedRun(@TempDir Path dir) throws Exception {
        List<TaggedSentence> train = SyntheticTask.sentences(48, 4);
        List<TaggedSentence> dev = SyntheticTask.sentences(16, 5);
        new Trainer(SMALL, QUIET).stopAfterEpochs(2).train(train, dev, List.of(), "Disease", EMB, EMB.describe(), dir, false, "");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReplayedSchedule.of(dir));
        assertEquals(dir.resolve(Trainer.MODEL_FILE) + ": the run has not finished, so its schedule may still change", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ReplayedSchedule.of(dir.resolve("none")));
        assertEquals(dir.resolve("none").resolve(Trainer.MODEL_FILE) + ": not found (a finished training run's folder is needed)", e.getMessage());

        // a training log alone: only with the selected epoch, and only as far as it goes; a folder: without one
        Path log = dir.resolve(Trainer.LOG_FILE);
        e = assertThrows(IllegalArgumentException.class, () -> ReplayedSchedule.of(log, null));
        assertEquals(log + ": a training log is replayed only up to a given epoch, the one its run's model was selected at", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ReplayedSchedule.of(log, 3));
        assertEquals(log + ": 2 epochs logged, but the model was selected at epoch 3", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ReplayedSchedule.of(log, 0));
        assertEquals(log + ": a schedule of 0 epochs", e.getMessage());
        assertEquals(2, ReplayedSchedule.of(log, 2).epochs());
        assertEquals(null, ReplayedSchedule.of(null, null), "no schedule: no replay");
        e = assertThrows(IllegalArgumentException.class, () -> ReplayedSchedule.of(null, 2));
        assertEquals("an epoch to replay up to (2) is given without a schedule to replay", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ReplayedSchedule.of(dir.resolve("none.tsv"), 2));
        assertEquals(dir.resolve("none.tsv") + ": not found (a finished run's training.tsv is needed)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ReplayedSchedule.of(dir, 2));
        assertEquals(dir + ": a run folder's model records its selected epoch; an epoch is given only with a training log (training.tsv)", e.getMessage());
        Files.writeString(log, Files.readString(log).replaceFirst("\n2\t", "\n1\t"));
        e = assertThrows(IllegalArgumentException.class, () -> ReplayedSchedule.of(log, 2));
        assertEquals(log + ":3: epoch 1 where 2 was expected", e.getMessage());
    }

    private static List<Double> lrColumn(Path run) throws IOException {
        return Files.readString(run.resolve(Trainer.LOG_FILE)).lines().skip(1).map(l -> Double.parseDouble(l.split("\t")[5])).toList();
    }

    private static List<Double> asList(float[] lrs) {
        List<Double> out = new ArrayList<>();
        for (float f : lrs) out.add(Double.parseDouble(String.format(java.util.Locale.ROOT, "%.6g", f)));
        return out;
    }
}
