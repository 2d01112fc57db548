package org.bioner.training;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import org.bioner.corpus.Span;
import org.bioner.corpus.TagScheme;
import org.bioner.corpus.TaggedSentence;
import org.bioner.embeddings.CharCodeEmbeddings;
import org.bioner.embeddings.CorpusConditionedEmbeddings;
import org.bioner.embeddings.CorpusEmbeddings;
import org.bioner.embeddings.EmbeddingCache;
import org.bioner.embeddings.TokenEmbeddings;
import org.bioner.evaluation.EvaluationResult;
import org.bioner.evaluation.SpanCounts;
import org.bioner.evaluation.SpanEvaluator;
import org.bioner.nn.Blas;
import org.bioner.tagger.SequenceTagger;
import org.bioner.tagger.TagDictionary;
import org.bioner.tagger.WeightAverage;

/**
 * Trains a {@link SequenceTagger} with Flair's recipe (see {@link TrainerConfig}), selecting the model on dev F1
 * only; or, replaying a finished run's schedule ({@link #replay}), keeping the last epoch's model. Writes into the
 * output directory: {@code tagger.bnm} (the selected model, saved at each new best dev F1; a replay's, once it has
 * run its last epoch; at the end it also records its test F1), {@code training.tsv} (one line per epoch) and
 * {@code training.png}; where the dev sentences come from several corpora
 * (folders), {@code training-dev.tsv} with each corpus's dev scores per epoch (their counts add up to the line of
 * {@code training.tsv}), and with {@code default-mean} selection also {@code training-dev-default.tsv}, the same as
 * the model tags by default (the selected epoch has the highest mean of its corpora's F1); and
 * {@code work/checkpoint.bnm} after every epoch, from which {@link #train} with {@code resume} continues exactly
 * (every epoch's shuffling and dropout come from a generator seeded by seed and epoch);
 * and the embeddings of train, dev and test in {@code work/embeddings-*.f16}, which a resumed run reads instead of
 * embedding again (delete {@code work/} when the run is finished to get the disk space back). With weight averages
 * ({@link #averageEpochs}) each window {@code H} adds {@code tagger-averaged-H.bnm}, {@code training-averaged-H.tsv}
 * and {@code work/checkpoint-averaged-H.bnm}, and changes nothing else. With
 * corpus-conditioned embeddings ({@link CorpusConditionedEmbeddings}) every train, dev and test sentence is read
 * with its own corpus's one-hot, and the caches hold the base vectors only.
 */
public final class Trainer {

    public static final String MODEL_FILE = SequenceTagger.FILE_NAME;
    public static final String LOG_FILE = "training.tsv";
    public static final String CURVE_FILE = "training.png";
    /** Dev scores per corpus after each epoch, written when the dev sentences come from more than one corpus folder. */
    public static final String DEV_LOG_FILE = "training-dev.tsv";
    /** With {@code --select-on default-mean}: the per-corpus dev log of the dev sentences tagged as the model tags by default. */
    public static final String DEFAULT_DEV_LOG_FILE = "training-dev-default.tsv";
    public static final String CHECKPOINT = "work/checkpoint.bnm";
    /**
     * With {@link #averageEpochs}: the model selected on the weights averaged over a window of {@code H} epochs is
     * {@code tagger-averaged-H.bnm}, its per-epoch dev scores {@code training-averaged-H.tsv}, its state
     * {@code work/checkpoint-averaged-H.bnm} ({@link #averagedFile}).
     */
    public static final String AVERAGED_PREFIX = "averaged-";
    /** Checkpoint metadata: the hashed corpus (folder) of every train and dev sentence of a corpus-conditioned run. */
    static final String CORPORA_KEY = "trainer.corpora";

    private final TrainerConfig config;
    private final PrintStream out;
    /** Test hook: stop (as if killed) after this many epochs of this call; -1 = never. */
    private int stopAfterEpochs = -1;
    private int blasThreads = 0;
    private org.bioner.nn.Backend backend = org.bioner.nn.Backends.cpu();
    private SampleWeights sampleWeights;       // null: every training sentence once per epoch
    private SequenceTagger init;               // null: a new network from the seed
    private SequenceTagger.CharInit charInit = SequenceTagger.CharInit.ZERO; // character features added to init
    private String selection = SELECT_UNION;   // what selects (and anneals): one of the SELECT_* criteria
    private boolean corpusDropout;             // true: the input dropouts drop the corpus one-hot too (runs up to session 9)
    private ReplayedSchedule replay;           // null: anneal on dev, select the best dev epoch; else follow it, keep the last epoch
    private List<Integer> averageEpochs = List.of(); // windows (in epochs) of the weight averages kept beside the run

    /**
     * What a run selects its model on, and anneals by (CLI {@code --select-on}): {@code union}, {@code corpus-mean} or
     * {@code default-mean} ({@link #selectOn}).
     */
    public static final String SELECT_UNION = "union", SELECT_CORPUS_MEAN = "corpus-mean", SELECT_DEFAULT_MEAN = "default-mean";

    public Trainer(TrainerConfig config, PrintStream progress) {
        this.config = config;
        this.out = progress;
    }

    /** Makes {@link #train} return after {@code n} epochs without finishing (simulates a killed run, for tests). */
    public Trainer stopAfterEpochs(int n) {
        this.stopAfterEpochs = n;
        return this;
    }

    /**
     * Where the embeddings, the network's training steps (forward and backward; the CRF and the SGD update
     * stay on the host) and the dev/test evaluations run, e.g. the CUDA backend. Default: the CPU.
     */
    public Trainer backend(org.bioner.nn.Backend b) {
        this.backend = b == null ? org.bioner.nn.Backends.cpu() : b;
        return this;
    }

    /**
     * OpenBLAS threads for the epochs (the network's gemms); 0 leaves the setting alone. Applied only after
     * the embeddings are cached, since the embedders run their own worker threads with single-threaded BLAS.
     */
    public Trainer blasThreads(int n) {
        this.blasThreads = n;
        return this;
    }

    /** Per-corpus sampling weights ({@link SampleWeights}); null or absent: each sentence once per epoch. */
    public Trainer sampleWeights(SampleWeights w) {
        this.sampleWeights = w;
        return this;
    }

    /**
     * Starts the network from a trained model's weights instead of new ones (fine-tuning it, e.g. on more data or
     * with other sampling weights). The model must have the run's tag set, embeddings spec and network shape, or be a
     * model without the character codes and/or the corpus one-hot that the run's spec adds to its own ({@link
     * SequenceTagger#withCharacterFeatures}, {@link SequenceTagger#withExtraInputs}: they start with no effect, or character
     * features with small random weights, {@link #charInit}). The model, or that copy of it, is trained
     * in place. A fresh run then goes through the usual schedule from {@code lr}; a resumed run continues
     * from its checkpoint, which must have been started from the same model (part of the fingerprint).
     */
    public Trainer initFrom(SequenceTagger model) {
        this.init = model;
        return this;
    }

    /**
     * How the weights from the character features that the run's spec adds to {@link #initFrom}'s model start
     * ({@link SequenceTagger.CharInit}; default {@code ZERO}, the copy tags exactly as the model).
     */
    public Trainer charInit(SequenceTagger.CharInit how) {
        this.charInit = how;
        return this;
    }

    /**
     * Selects the model, and anneals the learning rate, on the mean of the dev corpora's F1 (each corpus the folder of
     * its dev file, scored as in {@code training-dev.tsv}) instead of the F1 over all dev mentions, which a corpus with
     * most of the dev mentions decides. The same as the union for a dev set from one corpus.
     *
     * <p>{@code default-mean}: the same mean, but every dev sentence tagged as the model tags where no corpus is named
     * (its {@code use} one-hot, {@link CorpusConditionedEmbeddings#appendUse}: what {@code tag} and the engines give by
     * default) instead of by its own corpus's one-hot. For a model with a corpus one-hot this is what its users get;
     * {@code training-dev.tsv} still scores each corpus by its own one-hot, so dev is tagged twice per epoch, and
     * {@code training-dev-default.tsv} has the counts the criterion averages. Without a
     * one-hot it is {@code corpus-mean}.
     */
    public Trainer selectOn(String criterion) {
        this.selection = checkedCriterion(criterion);
        return this;
    }

    /**
     * For a run with a corpus one-hot: let the input dropouts drop the one-hot too, as every such run did before this
     * was a choice ({@link SequenceTagger#corpusDropout}); by default a sentence's corpus always reaches the network.
     * Part of the resume fingerprint; nothing changes for a run without a one-hot.
     */
    public Trainer corpusDropout(boolean on) {
        this.corpusDropout = on;
        return this;
    }

    /**
     * Follows a finished run's learning rates epoch by epoch for as many epochs as that run's selected model had, and
     * keeps the last epoch's model: for training on train + dev with the schedule chosen on dev ({@link
     * ReplayedSchedule}). The dev set is still scored and logged after every epoch, but selects nothing and anneals
     * nothing; {@code maxEpochs} and {@code minLr} do not apply. Part of the resume fingerprint.
     */
    public Trainer replay(ReplayedSchedule schedule) {
        this.replay = schedule;
        return this;
    }

    /**
     * Keeps, beside the run, running averages of its weights ({@link WeightAverage}), one per window of {@code H}
     * epochs (each converted to SGD steps by the expected sentences per epoch and the batch size), updated after
     * every step. After every epoch each average is scored on dev as the model is, and the average best by the run's
     * selection criterion (or, in a replay, the last) is saved as {@code tagger-averaged-H.bnm}. The run itself (its
     * steps, annealing, selected model and logs) is exactly what it is without averages, so one run compares both.
     * A resumed run continues the averages it was started with (their state is checkpointed with the run's).
     */
    public Trainer averageEpochs(List<Integer> windows) {
        this.averageEpochs = List.copyOf(checkedAverageWindows("the weight averages' windows", windows));
        return this;
    }

    /** {@code windows} if each is at least 1 epoch and none is repeated; else fails, naming the option or parameter {@code name}. */
    public static List<Integer> checkedAverageWindows(String name, List<Integer> windows) {
        for (int h : windows) if (h < 1) throw new IllegalArgumentException(name + ": a weight average over " + h + " epochs; use 1 or more");
        if (new LinkedHashSet<>(windows).size() != windows.size()) throw new IllegalArgumentException(name + ": a window given twice, " + windows);
        return windows;
    }

    /** The run folder's file {@code NAME-averaged-H.EXT} (or under {@code work/}) for {@code base} {@code NAME.EXT}. */
    public static Path averagedFile(Path outDir, String base, int window) {
        int dot = base.lastIndexOf('.');
        return outDir.resolve(base.substring(0, dot) + "-" + AVERAGED_PREFIX + window + base.substring(dot));
    }

    /** {@code criterion} if it names a selection criterion ({@link #selectOn}); else fails, naming them. */
    public static String checkedCriterion(String criterion) {
        if (!List.of(SELECT_UNION, SELECT_CORPUS_MEAN, SELECT_DEFAULT_MEAN).contains(criterion)) {
            throw new IllegalArgumentException("selection criterion '" + criterion + "': use " + SELECT_UNION + ", "
                    + SELECT_CORPUS_MEAN + " or " + SELECT_DEFAULT_MEAN);
        }
        return criterion;
    }

    /** What the run produced ({@code bestDevF1}: the selection criterion's value). */
    public record Result(Path model, int epochs, int bestEpoch, double bestDevF1, double testF1, boolean finished) { }

    /**
     * Trains on {@code train}, selects on {@code dev}, reports {@code test} (may be empty) for the selected model.
     * Sentences carry typed IOB2 tags (as {@code IobCorpusParser} gives them); untyped tags get {@code defaultType}.
     *
     * @param provenance free text recorded in the model (e.g. corpus name and files)
     */
    public Result train(List<TaggedSentence> train, List<TaggedSentence> dev, List<TaggedSentence> test,
                        String defaultType, TokenEmbeddings embeddings, String embeddingsSpec,
                        Path outDir, boolean resume, String provenance) throws IOException {
        if (train.isEmpty() || dev.isEmpty()) throw new IllegalArgumentException("training needs non-empty train and dev sets");
        Files.createDirectories(outDir.resolve("work"));
        List<List<Span>> trainSpans = spans(train, defaultType);
        List<List<Span>> devSpans = spans(dev, defaultType);
        // the dev set's corpora (folders of its files; one rule: CorpusEmbeddings.corpusOf), each scored on its own too
        List<String> devCorpora = dev.stream().map(s -> String.valueOf(CorpusEmbeddings.corpusOf(s.source()))).toList();
        boolean perCorpus = devCorpora.stream().distinct().count() > 1;
        List<List<Span>> testSpans = spans(test, defaultType);
        TagDictionary tags = new TagDictionary(entityTypes(trainSpans, defaultType));
        List<int[]> gold = new ArrayList<>();
        for (int i = 0; i < train.size(); i++) gold.add(tags.encode(train.get(i).size(), trainSpans.get(i)));

        Path checkpoint = outDir.resolve(CHECKPOINT);
        Path modelFile = outDir.resolve(MODEL_FILE);
        Path logFile = outDir.resolve(LOG_FILE);
        if (sampleWeights != null) sampleWeights.requireKnown(train);
        String fingerprint = fingerprint(train, dev, embeddingsSpec, tags)
                + (sampleWeights == null ? "" : "|weights=" + sampleWeights.describe())
                + (init == null ? "" : "|init=" + parameterHash(init))
                + (init == null || charInit == SequenceTagger.CharInit.ZERO ? "" : "|char-init=" + charInit)
                + (SELECT_UNION.equals(selection) ? "" : "|select=" + selection)
                + (replay == null ? "" : "|replay=" + replay.fingerprint());

        // a corpus-conditioned model: each sentence's corpus (the folder of its file) is part of its data; it is checked
        // on resume beside the fingerprint, under its own key, so that checkpoints from before the check still resume
        CorpusConditionedEmbeddings conditioned = embeddings instanceof CorpusConditionedEmbeddings c ? c : null;
        // the one-hot kept whole is the newer way: written down, so that a checkpoint of an older run (which dropped it)
        // resumes only with --corpus-dropout
        if (conditioned != null && !corpusDropout) fingerprint += "|corpus-onehot=kept";
        if (charInit != SequenceTagger.CharInit.ZERO && (init == null || CharCodeEmbeddings.codesIn(init.embeddingsSpec()) > 0
                || CharCodeEmbeddings.codesIn(embeddingsSpec) == 0)) {
            throw new IllegalArgumentException("--init-char-weights " + charInit + " is for a run whose --init-model lacks the chars: part"
                    + " of its --embeddings; here it would change nothing");
        }
        SequenceTagger start = init == null ? null : startModel(init, conditioned, embeddingsSpec);
        if (start != null) requireCompatible(start, tags, embeddingsSpec, embeddings.dimension());
        if (backend != org.bioner.nn.Backends.cpu() && org.bioner.embeddings.CharCodeEmbeddings.codesIn(embeddingsSpec) > 0) {
            throw new IllegalArgumentException("a tagger with character features (" + org.bioner.embeddings.CharCodeEmbeddings.KIND
                    + ": in --embeddings) trains on the CPU only: drop --device, or the chars: part");
        }
        int[] trainCorpus = corpusIndices(conditioned, train), devCorpus = corpusIndices(conditioned, dev); // fail before embedding
        int[] testCorpus = corpusIndices(conditioned, test);
        String corpora = conditioned == null ? null : corpusAssignment(conditioned, trainCorpus, devCorpus);

        SequenceTagger tagger;
        int epoch = 0, bestEpoch = 0, bad = 0;
        float lr = config.lr();
        double bestF1 = -1;
        List<EpochRecord> log = new ArrayList<>();
        CorpusDevLog devLog = new CorpusDevLog(), defaultDevLog = new CorpusDevLog();
        if (resume && Files.exists(checkpoint)) {
            tagger = SequenceTagger.load(checkpoint);
            var m = tagger.metadata();
            if (!fingerprint.equals(m.get("trainer.fingerprint"))) {
                throw new IOException(checkpoint + ": checkpoint was made for other data or settings ("
                        + m.get("trainer.fingerprint") + " vs " + fingerprint + "); remove it or drop --resume");
            }
            String saved = m.get(CORPORA_KEY);
            if (corpora != null && saved != null && !corpora.equals(saved)) {
                throw new IOException(checkpoint + ": checkpoint was made with the sentences in other corpus folders ("
                        + saved + " vs " + corpora + "); remove it or drop --resume");
            }
            if (corpora != null && saved == null) {
                out.println("note: " + checkpoint + " predates the corpus-folder check; the sentences' corpora are not compared");
            }
            epoch = Integer.parseInt(m.get("trainer.epoch"));
            lr = Float.parseFloat(m.get("trainer.lr"));
            bestF1 = Double.parseDouble(m.get("trainer.best.dev.f1"));
            bestEpoch = Integer.parseInt(m.get("trainer.best.epoch"));
            bad = Integer.parseInt(m.get("trainer.bad.epochs"));
            log.addAll(readLog(logFile, epoch));
            devLog = CorpusDevLog.resume(outDir.resolve(DEV_LOG_FILE), epoch);
            defaultDevLog = CorpusDevLog.resume(outDir.resolve(DEFAULT_DEV_LOG_FILE), epoch);
            out.printf(Locale.ROOT, "resuming after epoch %d (lr %.4g, best dev F1 %.4f at epoch %d)%n", epoch, lr, bestF1, bestEpoch);
        } else {
            if (resume) out.println("no checkpoint in " + checkpoint.getParent() + ": a new run");
            if (start != null) {
                tagger = start; // its metadata is replaced at the first save, as every epoch's
                out.println("starting from the given model's weights");
            } else {
                tagger = SequenceTagger.create(tags, embeddingsSpec, embeddings.dimension(), config.network(), config.seed());
            }
        }
        tagger.useEmbeddings(embeddings);
        tagger.useBackend(backend);
        tagger.corpusDropout(corpusDropout);
        embeddings.useBackend(backend);
        List<Averaged> averages = averages(tagger, train, outDir, epoch, checkpoint);

        out.printf(Locale.ROOT, "embedding %d train, %d dev, %d test sentences (%s, D=%d) ...%n",
                train.size(), dev.size(), test.size(), embeddingsSpec, embeddings.dimension());
        long t0 = System.nanoTime();
        // a corpus-conditioned model: the base vectors are cached, each sentence's own corpus one-hot is appended
        TokenEmbeddings cached = conditioned == null ? embeddings : conditioned.base();
        try (EmbeddingCache trainEmb = cache(cached, train, outDir, "train");
             EmbeddingCache devEmb = cache(cached, dev, outDir, "dev")) {
            Vectors trainCache = new Vectors(trainEmb, conditioned, trainCorpus);
            Vectors devCache = new Vectors(devEmb, conditioned, devCorpus);
            // default-mean: dev as the model tags by default (no corpus named; the same as devCache without a one-hot)
            Vectors devAsTagged = SELECT_DEFAULT_MEAN.equals(selection) && conditioned != null ? new Vectors(devEmb, conditioned, null) : null;
            out.printf(Locale.ROOT, "embedded in %.1f s (%s)%n", (System.nanoTime() - t0) / 1e9,
                    trainEmb.inMemory() ? "in memory, float16" : "on disk, float16");
            double trainTokens = sampleWeights != null ? sampleWeights.expectedTokens(train)
                    : train.stream().mapToLong(TaggedSentence::size).sum();
            int epochsThisCall = 0;
            int previousThreads = Blas.threads();
            if (blasThreads > 0) Blas.setThreads(blasThreads);
            try {
                int lastEpoch = replay != null ? replay.epochs() : config.maxEpochs();
                while (epoch < lastEpoch) {
                    if (replay != null) lr = replay.lr(epoch + 1);
                    else if (lr < config.minLr()) {
                        out.printf(Locale.ROOT, "learning rate %.3g < %.3g: stop%n", lr, config.minLr());
                        break;
                    }
                    if (stopAfterEpochs >= 0 && epochsThisCall >= stopAfterEpochs) {
                        return new Result(modelFile, epoch, bestEpoch, bestF1, Double.NaN, false);
                    }
                    epoch++;
                    long e0 = System.nanoTime();
                    double loss = runEpoch(tagger, trainCache, gold, train, epoch, lr, averages);
                    double trainSeconds = (System.nanoTime() - e0) / 1e9;
                    DevScore ds = scoreDev(tagger, devCache, devAsTagged, devSpans, dev, devCorpora, perCorpus);
                    SpanCounts dc = ds.total();
                    Map<String, SpanCounts> corpusCounts = ds.corpusCounts(), selectCounts = ds.selectCounts();
                    boolean mean = ds.mean();
                    double score = ds.score();
                    double seconds = (System.nanoTime() - e0) / 1e9;
                    EpochRecord rec = new EpochRecord(epoch, loss, dc.precision(), dc.recall(), dc.f1(), lr,
                            trainTokens / trainSeconds, seconds);
                    log.add(rec);
                    boolean improved = replay != null || score > bestF1; // a replay keeps every epoch: the last is its model
                    if (improved) {
                        bestF1 = score;
                        bestEpoch = epoch;
                        bad = 0;
                        if (replay == null) { // (a replay's model is the checkpoint's weights, saved once at the end)
                            tagger.metadata().clear();
                            provenance(tagger, provenance, epoch, bestF1, Double.NaN);
                            tagger.save(modelFile);
                        }
                    } else if (++bad > config.patience()) { // (never in a replay)
                        lr *= config.annealFactor();
                        bad = 0;
                        out.printf(Locale.ROOT, "no dev improvement for %d epochs: learning rate -> %.4g%n", config.patience() + 1, lr);
                    }
                    out.printf(Locale.ROOT, "epoch %d  loss %.2f  dev P %.4f R %.4f F1 %.4f%s%s  lr %.4g  %.0f tok/s  %.1f s%n",
                            epoch, loss, dc.precision(), dc.recall(), dc.f1(),
                            mean ? String.format(Locale.ROOT, "  %s F1 %.4f", devAsTagged != null ? SELECT_DEFAULT_MEAN : SELECT_CORPUS_MEAN, score) : "",
                            improved ? (replay != null ? " (replay: kept)" : " (best)") : "", rec.lr(),
                            rec.tokensPerSecond(), seconds);
                    // checkpoint: the current weights and everything the loop needs to continue
                    tagger.metadata().clear();
                    tagger.metadata().put("trainer.fingerprint", fingerprint);
                    if (corpora != null) tagger.metadata().put(CORPORA_KEY, corpora);
                    tagger.metadata().put("trainer.epoch", Integer.toString(epoch));
                    tagger.metadata().put("trainer.lr", Float.toString(lr));
                    tagger.metadata().put("trainer.best.dev.f1", Double.toString(bestF1));
                    tagger.metadata().put("trainer.best.epoch", Integer.toString(bestEpoch));
                    tagger.metadata().put("trainer.bad.epochs", Integer.toString(bad));
                    tagger.save(checkpoint);
                    writeLog(logFile, log);
                    if (perCorpus) {
                        devLog.add(epoch, corpusCounts);
                        devLog.write(outDir.resolve(DEV_LOG_FILE));
                    }
                    if (devAsTagged != null) {
                        defaultDevLog.add(epoch, selectCounts);
                        defaultDevLog.write(outDir.resolve(DEFAULT_DEV_LOG_FILE));
                    }
                    TrainingCurve.write(log, outDir.resolve(CURVE_FILE));
                    for (Averaged a : averages) {
                        long a0 = System.nanoTime();
                        SequenceTagger m = a.average.model();
                        DevScore as = scoreDev(m, devCache, devAsTagged, devSpans, dev, devCorpora, perCorpus);
                        a.log.add(new EpochRecord(epoch, loss, as.total().precision(), as.total().recall(), as.total().f1(), rec.lr(),
                                rec.tokensPerSecond(), (System.nanoTime() - a0) / 1e9));
                        boolean better = replay != null || as.score() > a.bestScore;
                        if (better) {
                            a.bestScore = as.score();
                            a.bestEpoch = epoch;
                            m.metadata().clear();
                            provenance(m, provenance, epoch, a.bestScore, Double.NaN);
                            m.metadata().put(AVERAGE_KEY, Integer.toString(a.window));
                            m.save(averagedFile(outDir, MODEL_FILE, a.window));
                        }
                        out.printf(Locale.ROOT, "  weights averaged over %d epochs: dev P %.4f R %.4f F1 %.4f%s%s%n", a.window,
                                as.total().precision(), as.total().recall(), as.total().f1(),
                                as.mean() ? String.format(Locale.ROOT, "  %s F1 %.4f", devAsTagged != null ? SELECT_DEFAULT_MEAN : SELECT_CORPUS_MEAN, as.score()) : "",
                                better ? (replay != null ? " (replay: kept)" : " (best)") : "");
                        m.metadata().clear(); // the average's state: what a resumed run continues
                        m.metadata().put("trainer.epoch", Integer.toString(epoch));
                        m.metadata().put("trainer.average.updates", Long.toString(a.average.updates()));
                        m.metadata().put("trainer.average.steps", Long.toString(a.average.horizon()));
                        m.metadata().put("trainer.best.dev.f1", Double.toString(a.bestScore));
                        m.metadata().put("trainer.best.epoch", Integer.toString(a.bestEpoch));
                        m.save(averagedFile(outDir, CHECKPOINT, a.window));
                        writeLog(averagedFile(outDir, LOG_FILE, a.window), a.log);
                    }
                    epochsThisCall++;
                }
            } finally {
                Blas.setThreads(previousThreads);
            }
        }
        // the selected (best dev) model, or a replay's last epoch (the weights of the last checkpoint), evaluated once on test
        SequenceTagger best = replay == null ? SequenceTagger.load(modelFile) : tagger;
        if (best == tagger) best.metadata().clear(); // the checkpoint's state, not the model's provenance
        best.useEmbeddings(embeddings);
        best.useBackend(backend);
        double testF1 = scoreTest(best, "model of epoch " + bestEpoch, cached, test, outDir, conditioned, testCorpus, testSpans);
        provenance(best, provenance, bestEpoch, bestF1, testF1);
        best.metadata().put("train.epochs.run", Integer.toString(epoch));
        best.save(modelFile);
        for (Averaged a : averages) {
            Path file = averagedFile(outDir, MODEL_FILE, a.window);
            SequenceTagger m = SequenceTagger.load(file);
            m.useBackend(backend);
            double f1 = scoreTest(m, "weights averaged over " + a.window + " epochs, epoch " + a.bestEpoch, cached, test, outDir,
                    conditioned, testCorpus, testSpans);
            provenance(m, provenance, a.bestEpoch, a.bestScore, f1);
            m.metadata().put(AVERAGE_KEY, Integer.toString(a.window));
            m.metadata().put("train.epochs.run", Integer.toString(epoch));
            m.save(file);
            out.printf(Locale.ROOT, "model (weights averaged over %d epochs): %s (%s %.4f at epoch %d)%n", a.window, file,
                    replay != null ? "the last epoch; dev F1" : "best dev F1", a.bestScore, a.bestEpoch);
        }
        if (replay != null) out.printf(Locale.ROOT, "model: %s (epoch %d, the last of the replayed schedule)%n", modelFile, bestEpoch);
        else out.printf(Locale.ROOT, "model: %s (best dev F1 %.4f at epoch %d)%n", modelFile, bestF1, bestEpoch);
        return new Result(modelFile, epoch, bestEpoch, bestF1, testF1, true);
    }

    /** {@code m}'s F1 on the test sentences (NaN where there are none), printed as {@code test (LABEL): P R F1}. */
    private double scoreTest(SequenceTagger m, String label, TokenEmbeddings cached, List<TaggedSentence> test, Path outDir,
                             CorpusConditionedEmbeddings conditioned, int[] testCorpus, List<List<Span>> testSpans) throws IOException {
        if (test.isEmpty()) return Double.NaN;
        try (EmbeddingCache testEmb = cache(cached, test, outDir, "test")) {
            EvaluationResult r = evaluate(m, new Vectors(testEmb, conditioned, testCorpus), testSpans, test, null, null);
            out.printf(Locale.ROOT, "test (%s): P %.4f R %.4f F1 %.4f%n", label, r.total().precision(), r.total().recall(), r.total().f1());
            return r.total().f1();
        }
    }

    /** Model metadata: the window, in epochs, of a model that is a weight average ({@link #averageEpochs}). */
    public static final String AVERAGE_KEY = "train.average.epochs";

    /** A weight average kept beside the run, and its own selection. */
    private static final class Averaged {
        final int window;
        final WeightAverage average;
        final List<EpochRecord> log;
        double bestScore;
        int bestEpoch;

        Averaged(int window, WeightAverage average, List<EpochRecord> log, double bestScore, int bestEpoch) {
            this.window = window;
            this.average = average;
            this.log = log;
            this.bestScore = bestScore;
            this.bestEpoch = bestEpoch;
        }
    }

    /**
     * The run's weight averages: new ones of {@code tagger} for a run at epoch 0, else each continued from its state in
     * {@code work/}, which must be of the same epoch as the run's checkpoint and of the same window in steps.
     */
    private List<Averaged> averages(SequenceTagger tagger, List<TaggedSentence> train, Path outDir, int epoch, Path checkpoint)
            throws IOException {
        List<Averaged> list = new ArrayList<>();
        double sentencesPerEpoch = sampleWeights == null ? train.size() : train.stream().mapToDouble(sampleWeights::weight).sum();
        for (int h : averageEpochs) {
            long steps = Math.max(1, Math.round(h * sentencesPerEpoch / config.batchSize()));
            if (epoch == 0) {
                list.add(new Averaged(h, WeightAverage.of(tagger, steps), new ArrayList<>(), -1, 0));
                continue;
            }
            Path state = averagedFile(outDir, CHECKPOINT, h);
            if (!Files.exists(state)) {
                throw new IOException(checkpoint + ": the run was started without a weight average over " + h
                        + " epochs (no " + state.getFileName() + " beside it): resume it without that window");
            }
            SequenceTagger saved = SequenceTagger.load(state);
            var m = saved.metadata();
            if (!Integer.toString(epoch).equals(m.get("trainer.epoch")) || !Long.toString(steps).equals(m.get("trainer.average.steps"))) {
                throw new IOException(state + ": a weight average of epoch " + m.get("trainer.epoch") + " over "
                        + m.get("trainer.average.steps") + " steps, for a run at epoch " + epoch + " averaging over " + steps
                        + " (stopped while saving, or other settings): remove it to resume without that window");
            }
            list.add(new Averaged(h, WeightAverage.resume(saved, steps, Long.parseLong(m.get("trainer.average.updates"))),
                    readLog(averagedFile(outDir, LOG_FILE, h), epoch), Double.parseDouble(m.get("trainer.best.dev.f1")),
                    Integer.parseInt(m.get("trainer.best.epoch"))));
        }
        for (Averaged a : list) a.average.model().useBackend(backend);
        return list;
    }

    /**
     * A tagger's dev scores: the counts over all dev sentences, each corpus's ({@code perCorpus}), the counts the
     * selection criterion averages, and the criterion's value ({@code mean}: a mean of corpora, else the union's F1).
     */
    private record DevScore(SpanCounts total, Map<String, SpanCounts> corpusCounts, Map<String, SpanCounts> selectCounts,
                            boolean mean, double score) { }

    private DevScore scoreDev(SequenceTagger tagger, Vectors devCache, Vectors devAsTagged, List<List<Span>> devSpans,
                              List<TaggedSentence> dev, List<String> devCorpora, boolean perCorpus) {
        Map<String, SpanEvaluator> byCorpus = perCorpus ? new TreeMap<>() : null;
        SpanCounts dc = evaluate(tagger, devCache, devSpans, dev, devCorpora, byCorpus).total();
        Map<String, SpanCounts> corpusCounts = perCorpus ? totals(byCorpus) : Map.of(); // each dev corpus's counts
        Map<String, SpanCounts> selectCounts = corpusCounts; // the counts the criterion averages
        if (devAsTagged != null) {
            Map<String, SpanEvaluator> asTagged = new TreeMap<>();
            evaluate(tagger, devAsTagged, devSpans, dev, devCorpora, asTagged);
            selectCounts = totals(asTagged);
        }
        boolean mean = !SELECT_UNION.equals(selection) && (perCorpus || devAsTagged != null);
        double score = mean ? selectCounts.values().stream().mapToDouble(SpanCounts::f1).average().orElseThrow() : dc.f1();
        return new DevScore(dc, corpusCounts, selectCounts, mean, score);
    }

    /** Each corpus's total counts, in corpus order. */
    private static Map<String, SpanCounts> totals(Map<String, SpanEvaluator> byCorpus) {
        Map<String, SpanCounts> totals = new TreeMap<>();
        byCorpus.forEach((corpus, ev) -> totals.put(corpus, ev.result().total()));
        return totals;
    }

    private void provenance(SequenceTagger t, String provenance, int epoch, double devF1, double testF1) {
        var m = t.metadata();
        m.put("train.provenance", provenance == null ? "" : provenance);
        if (sampleWeights != null) m.put("train.sample.weights", sampleWeights.describe());
        m.put("train.epoch", Integer.toString(epoch));
        m.put("train.dev.f1", String.format(Locale.ROOT, "%.6f", devF1));
        if (!SELECT_UNION.equals(selection)) m.put("train.selection", selection);
        if (replay != null) m.put("train.schedule", replay.describe());
        if (CorpusConditionedEmbeddings.corpusPart(t.embeddingsSpec()) != null) {
            m.put("train.corpus.onehot", corpusDropout ? "dropped with the inputs" : "kept");
        }
        if (!Double.isNaN(testF1)) m.put("train.test.f1", String.format(Locale.ROOT, "%.6f", testF1));
        m.put("train.recipe", String.format(Locale.ROOT, "sgd lr=%s batch=%d clip=%s anneal=%s patience=%d min_lr=%s max_epochs=%d seed=%d",
                config.lr(), config.batchSize(), config.clipNorm(), config.annealFactor(), config.patience(),
                config.minLr(), config.maxEpochs(), config.seed()));
    }

    /** One pass over the shuffled training set (repeated by the sampling weights, if any); returns the summed loss. */
    private double runEpoch(SequenceTagger tagger, Vectors cache, List<int[]> gold, List<TaggedSentence> train,
                            int epoch, float lr, List<Averaged> averages) {
        Random rng = new Random(config.seed() * 1_000_003L + epoch);
        List<Integer> order;
        if (sampleWeights == null) {
            order = new ArrayList<>();
            for (int i = 0; i < cache.size(); i++) order.add(i);
        } else {
            order = sampleWeights.epochIndices(train, rng);
        }
        Collections.shuffle(order, rng);
        double total = 0;
        int batches = (order.size() + config.batchSize() - 1) / config.batchSize();
        long last = System.nanoTime();
        for (int b = 0; b < batches; b++) {
            List<float[][]> vectors = new ArrayList<>();
            List<int[]> tags = new ArrayList<>();
            for (int k = b * config.batchSize(); k < Math.min(order.size(), (b + 1) * config.batchSize()); k++) {
                vectors.add(cache.get(order.get(k)));
                tags.add(gold.get(order.get(k)));
            }
            total += tagger.computeGradients(vectors, tags, rng);
            double norm = tagger.gradientNorm();
            // clip_grad_norm_: scale all gradients together when their global norm exceeds the limit
            float scale = norm > config.clipNorm() ? (float) (config.clipNorm() / (norm + 1e-6)) : 1f;
            tagger.applySgd(lr, scale);
            for (Averaged a : averages) a.average.update(tagger);
            if (System.nanoTime() - last > 30e9) {
                out.printf(Locale.ROOT, "  epoch %d: batch %d/%d, loss so far %.1f%n", epoch, b + 1, batches, total);
                last = System.nanoTime();
            }
        }
        return total;
    }

    /**
     * Exact-span scores of a part; where {@code byCorpus} is given, each sentence is also scored into the evaluator of
     * its corpus ({@code corpora}, one name per sentence).
     */
    private EvaluationResult evaluate(SequenceTagger tagger, Vectors cache, List<List<Span>> gold, List<TaggedSentence> sentences,
                                      List<String> corpora, Map<String, SpanEvaluator> byCorpus) {
        List<float[][]> vectors = new ArrayList<>(cache.size());
        SpanEvaluator ev = new SpanEvaluator();
        for (int s = 0; s < cache.size(); s += 256) {
            vectors.clear();
            int end = Math.min(cache.size(), s + 256);
            for (int i = s; i < end; i++) vectors.add(cache.get(i));
            List<SequenceTagger.Prediction> p = tagger.predict(vectors, config.batchSize());
            for (int i = s; i < end; i++) {
                List<Span> predicted = p.get(i - s).spans();
                ev.addSpans(gold.get(i), predicted, sentences.get(i).size());
                if (byCorpus != null) {
                    byCorpus.computeIfAbsent(corpora.get(i), k -> new SpanEvaluator()).addSpans(gold.get(i), predicted, sentences.get(i).size());
                }
            }
        }
        return ev.result();
    }

    /**
     * A part's cached vectors as the network reads them: for a corpus-conditioned model, with each sentence's own
     * corpus one-hot appended ({@link CorpusEmbeddings#indexOfSource}: the folder of its file), or, where {@code corpus}
     * is null, the model's {@code use} vector, as it tags by default.
     */
    private record Vectors(EmbeddingCache cache, CorpusConditionedEmbeddings conditioned, int[] corpus) {
        int size() {
            return cache.size();
        }

        float[][] get(int i) {
            float[][] v = cache.get(i);
            return conditioned == null ? v : corpus == null ? conditioned.appendUse(v) : conditioned.append(v, corpus[i]);
        }
    }

    private static int[] corpusIndices(CorpusConditionedEmbeddings conditioned, List<TaggedSentence> sentences) {
        return conditioned == null ? null : sentences.stream().mapToInt(s -> conditioned.corpus().indexOfSource(s.source())).toArray();
    }

    /**
     * The embeddings of one part of the data, kept in {@code work/embeddings-PART.f16} so that a resumed run
     * reads them instead of embedding again ({@link EmbeddingCache#persistent}).
     */
    private EmbeddingCache cache(TokenEmbeddings e, List<TaggedSentence> sentences, Path outDir, String part) throws IOException {
        List<List<String>> tokens = sentences.stream().map(TaggedSentence::tokens).toList();
        return EmbeddingCache.persistent(e, tokens, TaggedSentence.contexts(sentences), config.batchSize(),
                config.cacheMemoryBytes(), outDir.resolve("work").resolve("embeddings-" + part + ".f16"), null, out);
    }

    static List<List<Span>> spans(List<TaggedSentence> sentences, String defaultType) {
        List<List<Span>> out = new ArrayList<>(sentences.size());
        for (TaggedSentence s : sentences) {
            try {
                out.add(TagScheme.IOB2.decode(s.tags(), defaultType));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(s.source() + ":" + s.firstLine() + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    private static List<String> entityTypes(List<List<Span>> spans, String defaultType) {
        Set<String> types = new LinkedHashSet<>();
        if (defaultType != null) types.add(defaultType);
        for (List<Span> s : spans) for (Span sp : s) types.add(sp.type());
        List<String> sorted = new ArrayList<>(types);
        Collections.sort(sorted);
        return sorted;
    }

    private String fingerprint(List<TaggedSentence> train, List<TaggedSentence> dev, String spec, TagDictionary tags) {
        long h = 1125899906842597L;
        for (List<TaggedSentence> part : List.of(train, dev)) {
            for (TaggedSentence s : part) {
                for (String t : s.tokens()) h = 31 * h + t.hashCode();
                for (String t : s.tags()) h = 31 * h + t.hashCode();
            }
        }
        // the stopping rules (max epochs, min learning rate) and the cache budget may change between a run and its
        // resumption: they decide when the run ends, not what an epoch does. The min rate is written as the default so
        // that checkpoints from before it was an option still match.
        TrainerConfig trajectory = config.withMaxEpochs(0).withCacheMemoryBytes(0).withMinLr(TrainerConfig.flairDefaults().minLr());
        return String.format(Locale.ROOT, "%016x|%s|%s|%s", h, spec, tags.names(), trajectory);
    }

    /**
     * The model a run starts from: {@code init} itself, or a copy of it that reads what the run's spec adds to
     * {@code init}'s and computes what {@code init} does (nearly, with {@link SequenceTagger.CharInit#RANDOM}):
     * character codes where {@code init} has none ({@link SequenceTagger#withCharacterFeatures}, the encoder drawn from
     * the run's seed, the weights from it as {@link #charInit} says), then a corpus one-hot where {@code init} has none
     * on the same base embeddings ({@link SequenceTagger#withExtraInputs}).
     */
    private SequenceTagger startModel(SequenceTagger init, CorpusConditionedEmbeddings conditioned, String spec) {
        SequenceTagger m = init;
        int codes = CharCodeEmbeddings.codesIn(spec);
        if (codes > 0 && CharCodeEmbeddings.codesIn(m.embeddingsSpec()) == 0) {
            String withCodes = CharCodeEmbeddings.withCodes(m.embeddingsSpec(), codes);
            if (withCodes.equals(spec) || withCodes.equals(CorpusConditionedEmbeddings.baseSpec(spec))) {
                m = m.withCharacterFeatures(withCodes, codes, config.seed(), charInit);
            }
        }
        boolean addsOneHot = conditioned != null && CorpusConditionedEmbeddings.corpusPart(m.embeddingsSpec()) == null
                && m.embeddingsSpec().equals(CorpusConditionedEmbeddings.baseSpec(spec))
                && m.embeddingDimension() == conditioned.base().dimension();
        return addsOneHot ? m.withExtraInputs(spec, conditioned.dimension()) : m;
    }

    /** A model to start from must fit the run: same tags, embeddings and network shape (else its weights mean nothing). */
    private void requireCompatible(SequenceTagger m, TagDictionary tags, String spec, int dim) {
        List<String> differences = new ArrayList<>();
        if (!m.tags().names().equals(tags.names())) differences.add("entity types " + m.tags().entityTypes() + " vs the data's " + tags.entityTypes());
        if (!m.embeddingsSpec().equals(spec)) differences.add("embeddings " + m.embeddingsSpec() + " vs " + spec);
        if (m.embeddingDimension() != dim) differences.add("dimension " + m.embeddingDimension() + " vs " + dim);
        if (!m.hyperParameters().equals(config.network())) differences.add("network " + m.hyperParameters() + " vs " + config.network());
        if (m.ensembleSize() > 1) differences.add("an ensemble of " + m.ensembleSize() + " networks, which predicts but does not train");
        if (!differences.isEmpty()) {
            throw new IllegalArgumentException("the model to start from does not fit this run: " + String.join("; ", differences));
        }
    }

    /** Identifies a start model by its weights (a resumed fine-tuning run must start from the same ones). */
    private static String parameterHash(SequenceTagger m) {
        return String.format(Locale.ROOT, "%08x", Arrays.hashCode(m.allParameters()));
    }

    /** The corpus of every train and dev sentence, by name, hashed: what a resumed conditioned run must see again. */
    private static String corpusAssignment(CorpusConditionedEmbeddings conditioned, int[] train, int[] dev) {
        long h = 1125899906842597L;
        for (int[] part : List.of(train, dev)) {
            for (int c : part) h = 31 * h + conditioned.corpus().names().get(c).hashCode();
            h = 31 * h + part.length;
        }
        return String.format(Locale.ROOT, "%016x", h);
    }

    private static List<EpochRecord> readLog(Path file, int epochs) throws IOException {
        List<EpochRecord> out = new ArrayList<>();
        if (!Files.exists(file)) return out;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("epoch")) continue;
            EpochRecord r = EpochRecord.parse(line);
            if (r.epoch() <= epochs) out.add(r);
        }
        return out;
    }

    private static void writeLog(Path file, List<EpochRecord> log) throws IOException {
        StringBuilder sb = new StringBuilder(EpochRecord.HEADER).append('\n');
        for (EpochRecord r : log) sb.append(r.toTsv()).append('\n');
        Files.writeString(file, sb, StandardCharsets.UTF_8);
    }
}
