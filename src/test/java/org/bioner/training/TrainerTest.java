package org.bioner.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.bioner.corpus.Span;
import org.bioner.corpus.TaggedSentence;
import org.bioner.embeddings.CorpusConditionedEmbeddings;
import org.bioner.embeddings.CorpusEmbeddings;
import org.bioner.embeddings.RandomEmbeddings;
import org.bioner.tagger.SequenceTagger.HyperParameters;
import org.bioner.tagger.InputWeights;
import org.bioner.tagger.SequenceTagger;
import org.bioner.tagger.TaggerEnsemble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TrainerTest {

    static final RandomEmbeddings EMB = new RandomEmbeddings(24, 3);
    static final TrainerConfig SMALL = TrainerConfig.flairDefaults()
            .withNetwork(new HyperParameters(12, true, 0.05f, 0.2f)).withBatchSize(8).withMaxEpochs(8);

    static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream());

    @Test
    void learnsSyntheticTaskToPerfectF1(@TempDir Path dir) throws Exception {
        List<TaggedSentence> train = SyntheticTask.sentences(200, 1);
        List<TaggedSentence> dev = SyntheticTask.sentences(150, 2);
        List<TaggedSentence> test = SyntheticTask.sentences(150, 3);
        Trainer.Result r = new Trainer(SMALL, System.out).train(train, dev, test, "Disease", EMB, EMB.describe(), dir, false, "synthetic");
        assertTrue(r.finished());
        assertEquals(1.0, r.bestDevF1(), 1e-9, "dev F1");
        assertEquals(1.0, r.testF1(), 1e-9, "test F1");
        assertTrue(Files.size(dir.resolve(Trainer.LOG_FILE)) > 0);
        assertTrue(Files.size(dir.resolve(Trainer.CURVE_FILE)) > 0);
        assertFalse(Files.exists(dir.resolve(Trainer.DEV_LOG_FILE)), "one dev corpus: no per-corpus log");
        SequenceTagger model = SequenceTagger.load(r.model());
        assertEquals("1.000000", model.metadata().get("train.test.f1"));
        // the model tags text through its own embeddings spec
        var p = model.tag(List.of(List.of("the", "patient", "has", "a", "cold"), List.of("it", "is", "cold")), null, 32);
        assertEquals(List.of(new Span(4, 5, "Disease")), p.get(0).spans());
        assertTrue(p.get(1).spans().isEmpty());
        double c = p.get(0).spanConfidence()[0];
        assertTrue(c > 0.5 && c <= 1.0, "confidence " + c);
    }

    @Test
    void characterFeaturesTagWordsNeverSeenInTrainingByTheirSuffix(@TempDir Path dir) throws Exception {
        List<TaggedSentence> train = SyntheticTask.suffixes(300, 1), dev = SyntheticTask.suffixes(60, 2), test = SyntheticTask.suffixes(100, 3);
        TrainerConfig cfg = SMALL.withMaxEpochs(10);
        var chars = org.bioner.embeddings.EmbeddingsLoader.load(EMB.describe() + "+chars:12", null);
        Trainer.Result withChars = new Trainer(cfg, QUIET).train(train, dev, test, "Disease", chars, chars.describe(), dir.resolve("c"), false, "");
        Trainer.Result plain = new Trainer(cfg, QUIET).train(train, dev, test, "Disease", EMB, EMB.describe(), dir.resolve("p"), false, "");
        assertTrue(withChars.testF1() > 0.95, "with characters: test F1 " + withChars.testF1());
        assertTrue(plain.testF1() < 0.5, "random word vectors alone: test F1 " + plain.testF1());
        // the model file runs its own character codes: a new "-itis" word is a disease
        SequenceTagger model = SequenceTagger.load(withChars.model());
        var p = model.tag(List.of(List.of("qwzx", "blorpitis", "vmk")), null, 32);
        assertEquals(List.of(new Span(1, 2, "Disease")), p.get(0).spans());
    }

    @Test
    void aModelWithoutCharacterFeaturesStartsARunWithThemAsItselfAndThenLearnsFromThem(@TempDir Path dir) throws Exception {
        List<TaggedSentence> train = SyntheticTask.suffixes(300, 1), dev = SyntheticTask.suffixes(60, 2), test = SyntheticTask.suffixes(100, 3);
        Trainer.Result plain = new Trainer(SMALL.withMaxEpochs(4), QUIET).train(train, dev, test, "Disease", EMB, EMB.describe(),
                dir.resolve("plain"), false, "");
        assertTrue(plain.testF1() < 0.5, "random word vectors alone: test F1 " + plain.testF1());
        var chars = org.bioner.embeddings.EmbeddingsLoader.load(EMB.describe() + "+chars:12", null);
        // at learning rate 0 the run's model is the start model reading the codes: the same dev F1 to the last digit
        Trainer.Result still = new Trainer(SMALL.withMaxEpochs(1).withLr(0f).withMinLr(0f), QUIET)
                .initFrom(SequenceTagger.load(plain.model()))
                .train(train, dev, List.of(), "Disease", chars, chars.describe(), dir.resolve("still"), false, "");
        assertEquals(plain.bestDevF1(), still.bestDevF1(), 1e-12);
        assertEquals(chars.describe(), SequenceTagger.load(still.model()).embeddingsSpec());
        // trained on, it learns the suffixes its word vectors cannot tell
        Trainer.Result tuned = new Trainer(SMALL.withMaxEpochs(10), QUIET).initFrom(SequenceTagger.load(plain.model()))
                .train(train, dev, test, "Disease", chars, chars.describe(), dir.resolve("tuned"), false, "");
        assertTrue(tuned.testF1() > 0.95, "started from the plain model, with characters: test F1 " + tuned.testF1());
    }

    @Test
    void randomCharacterWeightsStartAWarmRunReadingTheFeaturesAndAreRefusedWhereTheyWouldChangeNothing(@TempDir Path dir) throws Exception {
        List<TaggedSentence> train = SyntheticTask.suffixes(48, 1), dev = SyntheticTask.suffixes(16, 2);
        Trainer.Result plain = new Trainer(SMALL.withMaxEpochs(1), QUIET).train(train, dev, List.of(), "Disease", EMB, EMB.describe(),
                dir.resolve("plain"), false, "");
        var chars = org.bioner.embeddings.EmbeddingsLoader.load(EMB.describe() + "+chars:12", null);
        TrainerConfig still = SMALL.withMaxEpochs(1).withLr(0f).withMinLr(0f); // the start model, as saved
        for (SequenceTagger.CharInit how : SequenceTagger.CharInit.values()) {
            Trainer.Result r = new Trainer(still, QUIET).initFrom(SequenceTagger.load(plain.model())).charInit(how)
                    .train(train, dev, List.of(), "Disease", chars, chars.describe(), dir.resolve(how.name()), false, "");
            List<InputWeights.Part> parts = InputWeights.byPart(SequenceTagger.load(r.model()));
            assertEquals("chars:12", parts.get(1).name());
            if (how == SequenceTagger.CharInit.ZERO) assertEquals(0.0, parts.get(1).forward());
            else assertTrue(parts.get(1).forward() > 0.1, "drawn weights: " + parts.get(1).forward());
        }
        // refused before embedding: without a model to start from, and for a spec that adds no chars: part to the model's
        for (Trainer t : List.of(new Trainer(SMALL, QUIET).charInit(SequenceTagger.CharInit.RANDOM),
                new Trainer(SMALL, QUIET).charInit(SequenceTagger.CharInit.RANDOM).initFrom(SequenceTagger.load(plain.model())))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.train(train, dev, List.of(), "Disease",
                    EMB, EMB.describe(), dir.resolve("refused"), false, ""));
            assertTrue(e.getMessage().startsWith("--init-char-weights RANDOM is for a run whose --init-model lacks"), e.getMessage());
        }
        assertFalse(Files.exists(dir.resolve("refused").resolve(Trainer.LOG_FILE)));
    }

    @Test
    void aRunWithCharacterFeaturesResumesAsIfUninterrupted(@TempDir Path dir) throws Exception {
        List<TaggedSentence> train = SyntheticTask.suffixes(48, 4), dev = SyntheticTask.suffixes(16, 5);
        TrainerConfig cfg = SMALL.withMaxEpochs(3);
        var chars = org.bioner.embeddings.EmbeddingsLoader.load(EMB.describe() + "+chars:12", null);
        Path a = dir.resolve("a"), b = dir.resolve("b");
        new Trainer(cfg, QUIET).train(train, dev, List.of(), "Disease", chars, chars.describe(), a, false, "");
        new Trainer(cfg, QUIET).stopAfterEpochs(1).train(train, dev, List.of(), "Disease", chars, chars.describe(), b, false, "");
        new Trainer(cfg, QUIET).train(train, dev, List.of(), "Disease", chars, chars.describe(), b, true, "");
        assertArrayEquals(SequenceTagger.load(a.resolve(Trainer.CHECKPOINT)).allParameters(),
                SequenceTagger.load(b.resolve(Trainer.CHECKPOINT)).allParameters());
    }

    @Test
    void aRunWithCharacterFeaturesOnADeviceIsRefusedBeforeEmbedding(@TempDir Path dir) throws Exception {
        var chars = org.bioner.embeddings.EmbeddingsLoader.load(EMB.describe() + "+chars:12", null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Trainer(SMALL, QUIET)
                .backend(new org.bioner.nn.CpuBackend()) // any backend but the default CPU one takes the device route
                .train(SyntheticTask.suffixes(8, 1), SyntheticTask.suffixes(4, 2), List.of(), "Disease", chars, chars.describe(), dir, false, ""));
        assertTrue(e.getMessage().contains("trains on the CPU only"), e.getMessage());
        assertFalse(Files.exists(dir.resolve(Trainer.LOG_FILE)));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2}) // 2: a stacked BiLSTM, its masks between layers drawn from the same generators
    void resumedRunEqualsUninterruptedRun(int layers, @TempDir Path dir) throws Exception {
        List<TaggedSentence> train = SyntheticTask.sentences(48, 4);
        List<TaggedSentence> dev = SyntheticTask.sentences(16, 5);
        TrainerConfig cfg = SMALL.withMaxEpochs(4).withNetwork(new HyperParameters(12, true, 0.05f, 0.2f, layers));
        Path a = dir.resolve("a"), b = dir.resolve("b");
        new Trainer(cfg, QUIET).train(train, dev, List.of(), "Disease", EMB, EMB.describe(), a, false, "");
        Trainer.Result killed = new Trainer(cfg, QUIET).stopAfterEpochs(2).train(train, dev, List.of(), "Disease", EMB, EMB.describe(), b, false, "");
        assertFalse(killed.finished());
        assertEquals(2, killed.epochs());
        new Trainer(cfg, QUIET).train(train, dev, List.of(), "Disease", EMB, EMB.describe(), b, true, "");
        float[] pa = SequenceTagger.load(a.resolve(Trainer.CHECKPOINT)).allParameters();
        float[] pb = SequenceTagger.load(b.resolve(Trainer.CHECKPOINT)).allParameters();
        assertArrayEquals(pa, pb);
        assertEquals(withoutTimes(a.resolve(Trainer.LOG_FILE)), withoutTimes(b.resolve(Trainer.LOG_FILE)));
        assertEquals(5, withoutTimes(a.resolve(Trainer.LOG_FILE)).size(), "a header and four epochs");
        SequenceTagger model = SequenceTagger.load(a.resolve(Trainer.MODEL_FILE));
        assertEquals(layers, model.hyperParameters().rnnLayers());
        assertArrayEquals(model.allParameters(), SequenceTagger.load(b.resolve(Trainer.MODEL_FILE)).allParameters());
    }

    @Test
    void weightAveragesLeaveTheRunAsItIsAndResumeAsIfUninterrupted(@TempDir Path dir) throws Exception {
        List<TaggedSentence> train = SyntheticTask.sentences(48, 4);
        List<TaggedSentence> dev = SyntheticTask.sentences(16, 5);
        TrainerConfig cfg = SMALL.withMaxEpochs(4);
        Path plain = dir.resolve("plain"), a = dir.resolve("a"), b = dir.resolve("b");
        new Trainer(cfg, QUIET).train(train, dev, List.of(), "Disease", EMB, EMB.describe(), plain, false, "");
        new Trainer(cfg, QUIET).averageEpochs(List.of(1, 3)).train(train, dev, List.of(), "Disease", EMB, EMB.describe(), a, false, "");
        // the run is the run without averages: same steps, same log, same selected model
        assertArrayEquals(SequenceTagger.load(plain.resolve(Trainer.CHECKPOINT)).allParameters(),
                SequenceTagger.load(a.resolve(Trainer.CHECKPOINT)).allParameters());
        assertEquals(withoutTimes(plain.resolve(Trainer.LOG_FILE)), withoutTimes(a.resolve(Trainer.LOG_FILE)));
        assertArrayEquals(SequenceTagger.load(plain.resolve(Trainer.MODEL_FILE)).allParameters(),
                SequenceTagger.load(a.resolve(Trainer.MODEL_FILE)).allParameters());
        for (int h : List.of(1, 3)) {
            SequenceTagger avg = SequenceTagger.load(Trainer.averagedFile(a, Trainer.MODEL_FILE, h));
            assertEquals(Integer.toString(h), avg.metadata().get(Trainer.AVERAGE_KEY));
            assertEquals(4, withoutTimes(Trainer.averagedFile(a, Trainer.LOG_FILE, h)).size() - 1, "a dev line per epoch");
            assertFalse(Arrays.equals(avg.allParameters(), SequenceTagger.load(a.resolve(Trainer.CHECKPOINT)).allParameters()));
        }
        // killed after 2 epochs and resumed: the averages continue as if the run had not stopped
        new Trainer(cfg, QUIET).averageEpochs(List.of(1, 3)).stopAfterEpochs(2)
                .train(train, dev, List.of(), "Disease", EMB, EMB.describe(), b, false, "");
        new Trainer(cfg, QUIET).averageEpochs(List.of(1, 3)).train(train, dev, List.of(), "Disease", EMB, EMB.describe(), b, true, "");
        for (int h : List.of(1, 3)) {
            for (String f : List.of(Trainer.CHECKPOINT, Trainer.MODEL_FILE)) {
                assertArrayEquals(SequenceTagger.load(Trainer.averagedFile(a, f, h)).allParameters(),
                        SequenceTagger.load(Trainer.averagedFile(b, f, h)).allParameters(), f + " over " + h);
            }
            assertEquals(withoutTimes(Trainer.averagedFile(a, Trainer.LOG_FILE, h)), withoutTimes(Trainer.averagedFile(b, Trainer.LOG_FILE, h)));
        }
        // a window the run was not started with cannot be resumed into
        Path c = dir.resolve("c");
        new Trainer(cfg, QUIET).stopAfterEpochs(1).train(train, dev, List.of(), "Disease", EMB, EMB.describe(), c, false, "");
        IOException e = assertThrows(IOException.class, () -> new Trainer(cfg, QUIET).averageEpochs(List.of(2))
                .train(train, dev, List.of(), "Disease", EMB, EMB.describe(), c, true, ""));
        assertTrue(e.getMessage().contains("started without a weight average over 2 epochs"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Trainer(cfg, QUIET).averageEpochs(List.of(0)));
        assertThrows(IllegalArgumentException.class, () -> new Trainer(cfg, QUIET).averageEpochs(List.of(2, 2)));
    }

    /** A training log's lines without the last two columns (speed and seconds). */
    private static List<String> withoutTimes(Path log) throws IOException {
        return Files.readString(log).lines().map(l -> l.replaceAll("\t[^\t]*\t[^\t]*$", "")).toList();
    }

    @Test
    void resumeMayRaiseTheMinimumLearningRateToStopSooner(@TempDir Path dir) throws Exception {
        // min lr is a stopping rule, like max epochs: a run resumed with a higher one continues from its checkpoint
        // and stops at the first anneal that takes the rate below it
        List<TaggedSentence> train = SyntheticTask.sentences(48, 4);
        List<TaggedSentence> dev = SyntheticTask.sentences(16, 5);
        TrainerConfig cfg = SMALL.withMaxEpochs(40);
        new Trainer(cfg, QUIET).stopAfterEpochs(2).train(train, dev, List.of(), "Disease", EMB, EMB.describe(), dir, false, "");
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        Trainer.Result r = new Trainer(cfg.withMinLr(0.03f), new PrintStream(text, true)).train(train, dev, List.of(), "Disease",
                EMB, EMB.describe(), dir, true, "");
        assertTrue(r.finished());
        assertTrue(r.epochs() < 40, "stopped by the min learning rate, not max epochs: " + r.epochs());
        assertTrue(text.toString().contains("learning rate 0.0250 < 0.0300: stop"), text.toString());
        List<Double> lrs = Files.readString(dir.resolve(Trainer.LOG_FILE)).lines().skip(1)
                .map(l -> Double.parseDouble(l.split("\t")[5])).distinct().toList();
        assertEquals(List.of(0.1, 0.05), lrs, "trained at 0.1 and 0.05, stopped before 0.025");
    }

    @Test
    void aHigherMinimumRateRunsTheFirstEpochsOfTheFullRunAndSelectsAmongThem(@TempDir Path dir) throws Exception {
        // what scripts/schedule_cutoff.py reads off a finished run's log: a run stopped at min lr M is the full run's
        // epochs with lr >= M, epoch for epoch, and its model is the best dev epoch among them
        List<TaggedSentence> train = SyntheticTask.sentences(48, 4);
        List<TaggedSentence> dev = SyntheticTask.sentences(16, 5);
        TrainerConfig cfg = SMALL.withMaxEpochs(40);
        Path full = dir.resolve("full"), cut = dir.resolve("cut");
        new Trainer(cfg, QUIET).train(train, dev, List.of(), "Disease", EMB, EMB.describe(), full, false, "");
        Trainer.Result r = new Trainer(cfg.withMinLr(0.03f), QUIET).train(train, dev, List.of(), "Disease", EMB, EMB.describe(), cut, false, "");
        List<String[]> fullLog = Files.readString(full.resolve(Trainer.LOG_FILE)).lines().skip(1).map(l -> l.split("\t")).toList();
        List<String> expected = fullLog.stream().filter(f -> Double.parseDouble(f[5]) >= 0.03)
                .map(f -> String.join("\t", Arrays.copyOf(f, 6))).toList(); // without tokens/s and seconds
        assertTrue(expected.size() < fullLog.size(), "the full run went on below 0.03: " + fullLog.size() + " epochs");
        assertEquals(expected, Files.readString(cut.resolve(Trainer.LOG_FILE)).lines().skip(1)
                .map(l -> String.join("\t", Arrays.copyOf(l.split("\t"), 6))).toList());
        int best = 0;
        for (int i = 1; i < expected.size(); i++) {
            if (Double.parseDouble(expected.get(i).split("\t")[4]) > Double.parseDouble(expected.get(best).split("\t")[4])) best = i;
        }
        assertEquals(best + 1, r.bestEpoch());
        assertEquals(expected.size(), r.epochs());
    }

    @Test
    void aRunStartedFromAModelStartsFromItsWeights(@TempDir Path dir) throws Exception {
        List<TaggedSentence> train = SyntheticTask.sentences(48, 4);
        List<TaggedSentence> dev = SyntheticTask.sentences(16, 5);
        Path a = dir.resolve("a"), b = dir.resolve("b"), c = dir.resolve("c");
        Trainer.Result first = new Trainer(SMALL.withMaxEpochs(2), QUIET).train(train, dev, List.of(), "Disease", EMB, EMB.describe(), a, false, "");
        float[] trained = SequenceTagger.load(first.model()).allParameters();
        // one epoch at learning rate 0 from the model: the weights do not move, so the selected model is the start model
        TrainerConfig still = SMALL.withMaxEpochs(1).withLr(0f).withMinLr(0f);
        Trainer.Result r = new Trainer(still, QUIET).initFrom(SequenceTagger.load(first.model()))
                .train(train, dev, List.of(), "Disease", EMB, EMB.describe(), b, false, "");
        assertArrayEquals(trained, SequenceTagger.load(r.model()).allParameters());
        assertEquals(first.bestDevF1(), r.bestDevF1(), 1e-12, "same weights, same dev F1");
        // without the model, the same run keeps its new random weights
        Trainer.Result fresh = new Trainer(still, QUIET).train(train, dev, List.of(), "Disease", EMB, EMB.describe(), c, false, "");
        assertFalse(java.util.Arrays.equals(trained, SequenceTagger.load(fresh.model()).allParameters()));
    }

    @Test
    void aModelToStartFromMustFitTheRunAndItsCheckpoint(@TempDir Path dir) throws Exception {
        List<TaggedSentence> train = SyntheticTask.sentences(48, 4);
        List<TaggedSentence> dev = SyntheticTask.sentences(16, 5);
        Path a = dir.resolve("a"), b = dir.resolve("b");
        Path model = new Trainer(SMALL.withMaxEpochs(1), QUIET).train(train, dev, List.of(), "Disease", EMB, EMB.describe(), a, false, "").model();
        // other embeddings
        RandomEmbeddings other = new RandomEmbeddings(24, 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Trainer(SMALL, QUIET)
                .initFrom(SequenceTagger.load(model)).train(train, dev, List.of(), "Disease", other, other.describe(), b, false, ""));
        assertTrue(e.getMessage().contains("embeddings " + EMB.describe() + " vs " + other.describe()), e.getMessage());
        // other entity types (the data's untyped tags read as Chemical)
        e = assertThrows(IllegalArgumentException.class, () -> new Trainer(SMALL, QUIET)
                .initFrom(SequenceTagger.load(model)).train(train, dev, List.of(), "Chemical", EMB, EMB.describe(), b, false, ""));
        assertTrue(e.getMessage().contains("entity types [Disease] vs the data's [Chemical, Disease]"), e.getMessage());
        // an ensemble
        e = assertThrows(IllegalArgumentException.class, () -> new Trainer(SMALL, QUIET)
                .initFrom(TaggerEnsemble.of(List.of(SequenceTagger.load(model), SequenceTagger.load(model))))
                .train(train, dev, List.of(), "Disease", EMB, EMB.describe(), b, false, ""));
        assertTrue(e.getMessage().contains("an ensemble of 2 networks, which predicts but does not train"), e.getMessage());
        // a checkpoint started from one model does not resume from another
        new Trainer(SMALL.withMaxEpochs(3), QUIET).initFrom(SequenceTagger.load(model)).stopAfterEpochs(1)
                .train(train, dev, List.of(), "Disease", EMB, EMB.describe(), b, false, "");
        SequenceTagger otherStart = SequenceTagger.load(new Trainer(SMALL.withMaxEpochs(1).withSeed(2), QUIET)
                .train(train, dev, List.of(), "Disease", EMB, EMB.describe(), dir.resolve("c"), false, "").model());
        IOException io = assertThrows(IOException.class, () -> new Trainer(SMALL.withMaxEpochs(3), QUIET).initFrom(otherStart)
                .train(train, dev, List.of(), "Disease", EMB, EMB.describe(), b, true, ""));
        assertTrue(io.getMessage().contains("checkpoint was made for other data or settings"), io.getMessage());
        Trainer.Result resumed = new Trainer(SMALL.withMaxEpochs(3), QUIET).initFrom(SequenceTagger.load(model))
                .train(train, dev, List.of(), "Disease", EMB, EMB.describe(), b, true, "");
        assertEquals(3, resumed.epochs());
    }

    @Test
    void aCorpusConditionedModelLearnsEachCorpusConventionAndTagsByTheOneItUses(@TempDir Path dir) throws Exception {
        List<TaggedSentence> train = SyntheticTask.twoConventions(200, 1), dev = SyntheticTask.twoConventions(150, 2);
        var conditioned = new CorpusConditionedEmbeddings(EMB,
                new CorpusEmbeddings(List.of("A", "B"), "A"));
        Trainer.Result r = new Trainer(SMALL.withMaxEpochs(30), QUIET).train(train, dev, List.of(), "Disease", conditioned,
                conditioned.describe(), dir.resolve("cond"), false, "");
        assertEquals(1.0, r.bestDevF1(), 1e-9, "each dev sentence scored by its own corpus's convention");
        assertDevLogAddsUpToTheTotal(dir.resolve("cond"), dev, List.of("A", "B"));
        SequenceTagger model = SequenceTagger.load(r.model());
        assertEquals("random:24:seed=3+corpus:A,B:use=A", model.embeddingsSpec());
        List<List<String>> text = List.of(List.of("the", "patient", "had", "fever", "and", "flu"));
        assertEquals(List.of(new Span(3, 4, "Disease"), new Span(5, 6, "Disease")),
                model.tag(text, null, 32).get(0).spans(), "use=A: fever is a disease");
        model.useCorpus("B");
        assertEquals(List.of(new Span(5, 6, "Disease")), model.tag(text, null, 32).get(0).spans(),
                "use=B: fever is not");
        // the same data without the corpus one-hot: identical inputs with different gold, so dev F1 cannot reach 1
        Trainer.Result plain = new Trainer(SMALL.withMaxEpochs(30), QUIET).train(train, dev, List.of(), "Disease", EMB, EMB.describe(),
                dir.resolve("plain"), false, "");
        assertTrue(plain.bestDevF1() < 0.99, "without the corpus one-hot: " + plain.bestDevF1());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> SequenceTagger.load(plain.model()).useCorpus("B"));
        assertTrue(none.getMessage().contains("not trained with a corpus one-hot"), none.getMessage());
        assertThrows(IllegalArgumentException.class, () -> model.useCorpus("C"));
    }

    @Test
    void aModelWithoutTheOneHotStartsAConditionedRunAsItselfAndThenLearnsEachConvention(@TempDir Path dir) throws Exception {
        List<TaggedSentence> train = SyntheticTask.twoConventions(200, 1), dev = SyntheticTask.twoConventions(150, 2);
        Trainer.Result plain = new Trainer(SMALL.withMaxEpochs(6), QUIET).train(train, dev, List.of(), "Disease", EMB, EMB.describe(),
                dir.resolve("plain"), false, "");
        assertTrue(plain.bestDevF1() < 0.99, "without the corpus one-hot: " + plain.bestDevF1());
        var conditioned = new CorpusConditionedEmbeddings(EMB, new CorpusEmbeddings(List.of("A", "B"), "A"));
        // at learning rate 0 the run's model is the start model reading the one-hot: the same dev F1 to the last digit
        Trainer.Result still = new Trainer(SMALL.withMaxEpochs(1).withLr(0f).withMinLr(0f), QUIET)
                .initFrom(SequenceTagger.load(plain.model()))
                .train(train, dev, List.of(), "Disease", conditioned, conditioned.describe(), dir.resolve("still"), false, "");
        assertEquals(plain.bestDevF1(), still.bestDevF1(), 1e-12);
        assertEquals(conditioned.describe(), SequenceTagger.load(still.model()).embeddingsSpec());
        // trained on, it learns what the one-hot tells: each dev sentence by its own corpus's convention
        Trainer.Result tuned = new Trainer(SMALL.withMaxEpochs(20), QUIET).initFrom(SequenceTagger.load(plain.model()))
                .train(train, dev, List.of(), "Disease", conditioned, conditioned.describe(), dir.resolve("tuned"), false, "");
        assertEquals(1.0, tuned.bestDevF1(), 1e-9);
    }

    @Test
    void corpusMeanSelectionSelectsOnTheMeanOfEachDevCorpusF1(@TempDir Path dir) throws Exception {
        List<TaggedSentence> train = SyntheticTask.twoConventions(200, 1);
        // corpus B has a fifth of A's dev sentences, so the union F1 is mostly A's; no one-hot, so the conventions clash
        List<TaggedSentence> all = SyntheticTask.twoConventions(300, 2), dev = new java.util.ArrayList<>();
        int b = 0;
        for (TaggedSentence s : all) if (!s.source().contains("/B/") || b++ % 5 == 0) dev.add(s);
        TrainerConfig cfg = SMALL.withMaxEpochs(5);
        Trainer.Result union = new Trainer(cfg, QUIET).train(train, dev, List.of(), "Disease", EMB, EMB.describe(),
                dir.resolve("union"), false, "");
        Trainer.Result mean = new Trainer(cfg, QUIET).selectOn(Trainer.SELECT_CORPUS_MEAN).train(train, dev, List.of(), "Disease",
                EMB, EMB.describe(), dir.resolve("mean"), false, "");
        assertEquals(maxOverEpochs(dir.resolve("union"), false), union.bestDevF1(), 1e-12);
        assertEquals(maxOverEpochs(dir.resolve("mean"), true), mean.bestDevF1(), 1e-12);
        assertTrue(Math.abs(union.bestDevF1() - mean.bestDevF1()) > 1e-3, union.bestDevF1() + " vs " + mean.bestDevF1());
        assertEquals("corpus-mean", SequenceTagger.load(mean.model()).metadata().get("train.selection"));
        // the criterion is part of what a checkpoint resumes
        new Trainer(SMALL.withMaxEpochs(3), QUIET).stopAfterEpochs(1).train(train, dev, List.of(), "Disease", EMB, EMB.describe(),
                dir.resolve("r"), false, "");
        IOException e = assertThrows(IOException.class, () -> new Trainer(SMALL.withMaxEpochs(3), QUIET)
                .selectOn(Trainer.SELECT_CORPUS_MEAN).train(train, dev, List.of(), "Disease", EMB, EMB.describe(), dir.resolve("r"), true, ""));
        assertTrue(e.getMessage().contains("other data or settings"), e.getMessage());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> new Trainer(cfg, QUIET).selectOn("macro"));
        assertTrue(bad.getMessage().contains("use union, corpus-mean or default-mean"), bad.getMessage());
    }

    @Test
    void defaultMeanSelectionScoresEachDevCorpusAsTheModelTagsByDefault(@TempDir Path dir) throws Exception {
        // corpus B does not count "fever" as a disease; the model tags by A's conventions unless told otherwise
        List<TaggedSentence> train = SyntheticTask.twoConventions(200, 1), dev = SyntheticTask.twoConventions(150, 2);
        var conditioned = new CorpusConditionedEmbeddings(EMB, new CorpusEmbeddings(List.of("A", "B"), "A"));
        TrainerConfig cfg = SMALL.withMaxEpochs(8);
        Trainer.Result own = new Trainer(cfg, QUIET).selectOn(Trainer.SELECT_CORPUS_MEAN).train(train, dev, List.of(), "Disease",
                conditioned, conditioned.describe(), dir.resolve("own"), false, "");
        Trainer.Result asTagged = new Trainer(cfg, QUIET).selectOn(Trainer.SELECT_DEFAULT_MEAN).train(train, dev, List.of(),
                "Disease", conditioned, conditioned.describe(), dir.resolve("default"), false, "");
        // the selected model's score: the mean over A and B of its F1 with every dev sentence given A's one-hot, recomputed
        // here from the model file (the trainer's float16 cache of the base vectors, then the use vector: what tag gives)
        SequenceTagger model = SequenceTagger.load(asTagged.model());
        List<List<String>> tokens = dev.stream().map(TaggedSentence::tokens).toList();
        List<List<Span>> gold = Trainer.spans(dev, "Disease");
        java.util.Map<String, org.bioner.evaluation.SpanEvaluator> byCorpus = new java.util.TreeMap<>();
        try (var cache = org.bioner.embeddings.EmbeddingCache.build(EMB, tokens, null, 32, Long.MAX_VALUE, dir, null)) {
            List<float[][]> vectors = new java.util.ArrayList<>();
            for (int i = 0; i < cache.size(); i++) vectors.add(conditioned.appendUse(cache.get(i)));
            List<SequenceTagger.Prediction> p = model.predict(vectors, 32);
            for (int i = 0; i < dev.size(); i++) {
                byCorpus.computeIfAbsent(CorpusEmbeddings.corpusOf(dev.get(i).source()), k -> new org.bioner.evaluation.SpanEvaluator())
                        .addSpans(gold.get(i), p.get(i).spans(), dev.get(i).size());
            }
        }
        double expected = byCorpus.values().stream().mapToDouble(e -> e.result().total().f1()).average().orElseThrow();
        assertEquals(2, byCorpus.size());
        assertEquals(expected, asTagged.bestDevF1(), 1e-12);
        // every epoch's per-corpus counts as tagged by default are logged, and the criterion is their mean
        assertEquals(maxOverEpochs(dir.resolve("default"), Trainer.DEFAULT_DEV_LOG_FILE, true), asTagged.bestDevF1(), 1e-12);
        // by their own one-hots the corpora agree with the model more: the two criteria differ on this task
        assertTrue(own.bestDevF1() > asTagged.bestDevF1() + 0.01, own.bestDevF1() + " vs " + asTagged.bestDevF1());
        assertEquals("default-mean", model.metadata().get("train.selection"));
    }

    /** The best dev F1 over a run's epochs from its per-corpus dev log: over all mentions, or the mean of the corpora's F1. */
    private static double maxOverEpochs(Path run, boolean corpusMean) throws IOException {
        return maxOverEpochs(run, Trainer.DEV_LOG_FILE, corpusMean);
    }

    /** The same from another per-corpus dev log of the run ({@link Trainer#DEFAULT_DEV_LOG_FILE}). */
    private static double maxOverEpochs(Path run, String logFile, boolean corpusMean) throws IOException {
        java.util.Map<String, List<long[]>> byEpoch = new java.util.TreeMap<>();
        List<String> lines = Files.readAllLines(run.resolve(logFile));
        for (String line : lines.subList(1, lines.size())) {
            String[] r = line.split("\t");
            byEpoch.computeIfAbsent(r[0], k -> new java.util.ArrayList<>())
                    .add(new long[] {Long.parseLong(r[5]), Long.parseLong(r[6]), Long.parseLong(r[7])});
        }
        double best = -1;
        for (List<long[]> rows : byEpoch.values()) {
            double f;
            if (corpusMean) {
                f = rows.stream().mapToDouble(c -> new org.bioner.evaluation.SpanCounts(c[0], c[1], c[2]).f1()).average().orElseThrow();
            } else {
                f = new org.bioner.evaluation.SpanCounts(rows.stream().mapToLong(c -> c[0]).sum(), rows.stream().mapToLong(c -> c[1]).sum(),
                        rows.stream().mapToLong(c -> c[2]).sum()).f1();
            }
            best = Math.max(best, f);
        }
        return best;
    }

    @Test
    void aConditionedRunResumesOnlyWithEachSentenceInTheSameCorpus(@TempDir Path dir) throws Exception {
        List<TaggedSentence> train = SyntheticTask.twoConventions(48, 4), dev = SyntheticTask.twoConventions(16, 5);
        var conditioned = new CorpusConditionedEmbeddings(EMB, new CorpusEmbeddings(List.of("A", "B"), "A"));
        TrainerConfig cfg = SMALL.withMaxEpochs(4);
        new Trainer(cfg, QUIET).stopAfterEpochs(2).train(train, dev, List.of(), "Disease", conditioned,
                conditioned.describe(), dir, false, "");
        // the same tokens and tags, with the two folders swapped: the fingerprint alone cannot tell
        List<TaggedSentence> swapped = train.stream().map(s -> new TaggedSentence(s.tokens(), s.tags(),
                s.source().contains("/A/") ? s.source().replace("/A/", "/B/") : s.source().replace("/B/", "/A/"), s.firstLine())).toList();
        IOException e = assertThrows(IOException.class, () -> new Trainer(cfg, QUIET).train(swapped, dev, List.of(),
                "Disease", conditioned, conditioned.describe(), dir, true, ""));
        assertTrue(e.getMessage().contains("other corpus folders"), e.getMessage());
        Trainer.Result r = new Trainer(cfg, QUIET).train(train, dev, List.of(), "Disease", conditioned, conditioned.describe(), dir, true, "");
        assertEquals(4, r.epochs(), "the same folders resume");
        assertDevLogAddsUpToTheTotal(dir, dev, List.of("A", "B")); // the rows of the first two epochs kept on resume
    }

    @Test
    void whetherTheOneHotIsDroppedWithTheInputsIsPartOfWhatAConditionedCheckpointResumes(@TempDir Path dir) throws Exception {
        List<TaggedSentence> train = SyntheticTask.twoConventions(48, 4), dev = SyntheticTask.twoConventions(16, 5);
        var conditioned = new CorpusConditionedEmbeddings(EMB, new CorpusEmbeddings(List.of("A", "B"), "A"));
        TrainerConfig cfg = SMALL.withMaxEpochs(2);
        new Trainer(cfg, QUIET).corpusDropout(true).stopAfterEpochs(1).train(train, dev, List.of(), "Disease", conditioned,
                conditioned.describe(), dir.resolve("old"), false, "");
        IOException e = assertThrows(IOException.class, () -> new Trainer(cfg, QUIET).train(train, dev, List.of(), "Disease",
                conditioned, conditioned.describe(), dir.resolve("old"), true, ""));
        assertTrue(e.getMessage().contains("other data or settings"), e.getMessage());
        Trainer.Result old = new Trainer(cfg, QUIET).corpusDropout(true).train(train, dev, List.of(), "Disease", conditioned,
                conditioned.describe(), dir.resolve("old"), true, "");
        assertEquals(2, old.epochs());
        assertEquals("dropped with the inputs", SequenceTagger.load(old.model()).metadata().get("train.corpus.onehot"));
        Trainer.Result kept = new Trainer(cfg, QUIET).train(train, dev, List.of(), "Disease", conditioned,
                conditioned.describe(), dir.resolve("kept"), false, "");
        assertEquals("kept", SequenceTagger.load(kept.model()).metadata().get("train.corpus.onehot"));
        // the two runs differ only in the one-hot's dropout, and that changes what they learn
        assertFalse(Arrays.equals(SequenceTagger.load(old.model()).allParameters(), SequenceTagger.load(kept.model()).allParameters()));
        // without a one-hot the choice changes nothing, not even the fingerprint
        new Trainer(cfg, QUIET).corpusDropout(true).stopAfterEpochs(1).train(train, dev, List.of(), "Disease", EMB, EMB.describe(),
                dir.resolve("plain"), false, "");
        assertEquals(2, new Trainer(cfg, QUIET).train(train, dev, List.of(), "Disease", EMB, EMB.describe(), dir.resolve("plain"), true, "")
                .epochs());
        assertNull(SequenceTagger.load(dir.resolve("plain").resolve(Trainer.MODEL_FILE)).metadata().get("train.corpus.onehot"));
    }

    /**
     * Each epoch's per-corpus rows of training-dev.tsv: one per corpus, each counting the gold mentions of its own dev
     * sentences (tp + fn), their counts together giving the epoch's dev P and R.
     */
    static void assertDevLogAddsUpToTheTotal(Path run, List<TaggedSentence> dev, List<String> corpora) throws IOException {
        List<String[]> total = Files.readAllLines(run.resolve(Trainer.LOG_FILE)).stream().skip(1).map(l -> l.split("\t")).toList();
        List<String[]> rows = Files.readAllLines(run.resolve(Trainer.DEV_LOG_FILE)).stream().skip(1).map(l -> l.split("\t")).toList();
        assertEquals(total.size() * corpora.size(), rows.size());
        for (String[] t : total) {
            List<String[]> mine = rows.stream().filter(r -> r[0].equals(t[0])).toList();
            assertEquals(corpora, mine.stream().map(r -> r[1]).toList(), "epoch " + t[0]);
            for (String[] r : mine) {
                long gold = Trainer.spans(dev.stream().filter(d -> d.source().contains("/" + r[1] + "/")).toList(), "Disease")
                        .stream().mapToLong(List::size).sum();
                assertEquals(gold, Long.parseLong(r[5]) + Long.parseLong(r[7]), "gold mentions of " + r[1] + ", epoch " + t[0]);
            }
            long tp = 0, fp = 0, fn = 0;
            for (String[] r : mine) {
                tp += Long.parseLong(r[5]);
                fp += Long.parseLong(r[6]);
                fn += Long.parseLong(r[7]);
            }
            assertTrue(tp + fn > 0, "gold mentions in epoch " + t[0]);
            assertEquals(Double.parseDouble(t[2]), tp + fp == 0 ? 0 : (double) tp / (tp + fp), 1e-4, "precision, epoch " + t[0]);
            assertEquals(Double.parseDouble(t[3]), (double) tp / (tp + fn), 1e-4, "recall, epoch " + t[0]);
        }
    }
}
