package org.bioner.embeddings.glove;

import org.bioner.model.ModelArchive;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The whole GloVe pretraining job: count the vocabulary and co-occurrences (cached in the work folder),
 * train epoch by epoch with a checkpoint after each (a rerun with the same options resumes), and write
 * the word vectors {@code W + W~}.
 */
public final class GlovePretraining {

    /** Options of one run. */
    public record Options(GloveCorpus corpus, int minCount, int maxVocab, int window,
                          GloveTrainer.Config config, int epochs, double maxMinutes,
                          Path workDir, Path output, boolean half) { }

    private final Options o;
    private final PrintStream log;

    public GlovePretraining(Options options, PrintStream log) {
        this.o = options;
        this.log = log;
    }

    /** Runs (or resumes) the job and writes the vectors; returns them. */
    public WordVectors run() throws IOException {
        Files.createDirectories(o.workDir());
        Path cacheFile = o.workDir().resolve("cooccurrences.bnm");
        Path checkpoint = o.workDir().resolve("checkpoint.bnm");
        Map<String, String> corpusMeta = corpusFingerprint();

        Cooccurrences.Saved saved = loadCacheIfCurrent(cacheFile, corpusMeta);
        if (saved == null) {
            saved = count(cacheFile, corpusMeta);
            if (Files.exists(checkpoint)) {
                log.println("counts were redone, so the old checkpoint is stale: removing " + checkpoint);
                Files.delete(checkpoint);
            }
        }
        Cooccurrences x = saved.matrix();
        x.shuffle(o.config().seed()); // the cache is in key order; training needs a random one (same on resume)
        GloveVocabulary vocab = saved.vocabulary();
        Map<String, String> stats = new LinkedHashMap<>(saved.archive().metadata());

        GloveTrainer trainer;
        double trainedSeconds = 0;
        if (Files.exists(checkpoint)) {
            trainer = GloveTrainer.loadCheckpoint(checkpoint, vocab.size(), o.config());
            trainedSeconds = Double.parseDouble(ModelArchive.open(checkpoint, GloveTrainer.CHECKPOINT_KIND).meta("train.seconds", "0"));
            log.printf("resuming from %s after epoch %d (%.0f s trained)%n", checkpoint, trainer.epochsDone(), trainedSeconds);
        } else {
            trainer = new GloveTrainer(vocab.size(), o.config());
        }

        long budgetEnd = System.nanoTime() + (long) (o.maxMinutes() * 60e9);
        while (trainer.epochsDone() < o.epochs()) {
            if (o.maxMinutes() > 0 && System.nanoTime() > budgetEnd) {
                log.printf("time budget of %.1f min used up after epoch %d of %d%n", o.maxMinutes(), trainer.epochsDone(), o.epochs());
                break;
            }
            long t0 = System.nanoTime();
            double cost = trainer.epoch(x, log);
            double s = (System.nanoTime() - t0) / 1e9;
            trainedSeconds += s;
            log.printf(Locale.ROOT, "epoch %d/%d: cost %.6f, %.1f s (%.2f M updates/s)%n", trainer.epochsDone(), o.epochs(), cost, s,
                    (2.0 * x.size()) / s / 1e6);
            Map<String, String> m = new LinkedHashMap<>();
            m.put("train.seconds", String.format(Locale.ROOT, "%.1f", trainedSeconds));
            m.put("epoch." + trainer.epochsDone() + ".cost", String.format(Locale.ROOT, "%.6f", cost));
            trainer.saveCheckpoint(checkpoint, m);
        }

        WordVectors vectors = new WordVectors(vocab.words(), trainer.wordVectors(), o.config().dimension());
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("trainer", "bioner GloVe (AdaGrad, one thread)");
        stats.forEach((k, v) -> { if (k.startsWith("corpus.") || k.startsWith("count.")) meta.put(k, v); });
        meta.put("epochs", Integer.toString(trainer.epochsDone()));
        meta.put("train.seconds", String.format(Locale.ROOT, "%.1f", trainedSeconds));
        meta.put("x_max", Double.toString(o.config().xMax()));
        meta.put("alpha", Double.toString(o.config().alpha()));
        meta.put("learning_rate", Double.toString(o.config().learningRate()));
        meta.put("vector", "W + W~");
        write(vectors, o.output(), o.half(), meta);
        log.printf("wrote %s: %,d words x %d (%d epochs, %.0f s training)%n", o.output(), vectors.size(), vectors.dimension(),
                trainer.epochsDone(), trainedSeconds);
        return vectors;
    }

    private Map<String, String> corpusFingerprint() throws IOException {
        Map<String, String> m = new LinkedHashMap<>();
        StringBuilder files = new StringBuilder();
        for (Path f : o.corpus().textFiles()) files.append("text:").append(f).append('@').append(Files.size(f)).append(';');
        for (Path f : o.corpus().conllFiles()) files.append("conll:").append(f).append('@').append(Files.size(f)).append(';');
        m.put("corpus.files", files.toString());
        m.put("corpus.lowercase", Boolean.toString(o.corpus().lowercase()));
        if (o.corpus().numberMask() != null) m.put("corpus.number_mask", o.corpus().numberMask());
        m.put("count.min_count", Integer.toString(o.minCount()));
        m.put("count.max_vocab", Integer.toString(o.maxVocab()));
        m.put("count.window", Integer.toString(o.window()));
        m.put("count.weighting", "1/distance, symmetric");
        return m;
    }

    private Cooccurrences.Saved loadCacheIfCurrent(Path cacheFile, Map<String, String> fingerprint) throws IOException {
        if (!Files.exists(cacheFile)) return null;
        ModelArchive a = ModelArchive.open(cacheFile, Cooccurrences.KIND);
        for (var e : fingerprint.entrySet()) {
            if (!e.getValue().equals(a.meta(e.getKey(), null))) {
                log.println("co-occurrence cache " + cacheFile + " was made with other inputs (" + e.getKey() + "); recounting");
                return null;
            }
        }
        log.println("using cached co-occurrences " + cacheFile);
        return Cooccurrences.load(cacheFile);
    }

    private Cooccurrences.Saved count(Path cacheFile, Map<String, String> fingerprint) throws IOException {
        long t0 = System.nanoTime();
        GloveVocabulary.CorpusStats stats = new GloveVocabulary.CorpusStats();
        GloveVocabulary vocab = GloveVocabulary.build(o.corpus(), o.minCount(), o.maxVocab(), stats);
        double vocabSeconds = (System.nanoTime() - t0) / 1e9;
        log.printf(Locale.ROOT, "vocabulary: %,d documents, %,d tokens, %,d types; kept %,d words (min count %d, max %d), %.0f s%n",
                stats.documents, stats.tokens, stats.types, vocab.size(), o.minCount(), o.maxVocab(), vocabSeconds);
        long t1 = System.nanoTime();
        Cooccurrences.Counter counter = new Cooccurrences.Counter(vocab, o.window());
        long[] docs = {0};
        o.corpus().forEachDocument(d -> {
            counter.add(d);
            if (++docs[0] % 20_000 == 0) {
                log.printf(Locale.ROOT, "  counted %,d documents, %,d pairs so far, heap used %,d MB%n", docs[0], counter.pairs(),
                        (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20);
            }
        });
        Cooccurrences x = counter.build();
        double countSeconds = (System.nanoTime() - t1) / 1e9;
        log.printf(Locale.ROOT, "co-occurrences: %,d word pairs (i <= j), %,d in-vocabulary tokens, %.0f s%n", x.size(), counter.tokens, countSeconds);
        Map<String, String> meta = new LinkedHashMap<>(fingerprint);
        meta.put("corpus.documents", Long.toString(stats.documents));
        meta.put("corpus.tokens", Long.toString(stats.tokens));
        meta.put("corpus.types", Long.toString(stats.types));
        meta.put("corpus.in_vocab_tokens", Long.toString(counter.tokens));
        meta.put("count.vocab", Integer.toString(vocab.size()));
        meta.put("count.pairs", Integer.toString(x.size()));
        meta.put("count.seconds", String.format(Locale.ROOT, "%.1f", vocabSeconds + countSeconds));
        x.save(cacheFile, vocab, meta);
        return Cooccurrences.load(cacheFile);
    }

    /** Writes vectors by the output's extension: {@code .txt} GloVe text, {@code .vec} word2vec text, {@code .bin} word2vec binary, else .bnm. */
    public static void write(WordVectors v, Path out, boolean half, Map<String, String> meta) throws IOException {
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        String name = out.getFileName().toString();
        if (name.endsWith(".txt")) {
            WordVectorFiles.writeGloveText(v, out);
        } else if (name.endsWith(".vec")) {
            WordVectorFiles.writeWord2VecText(v, out);
        } else if (name.endsWith(".bin")) {
            WordVectorFiles.writeWord2VecBinary(v, out);
        } else {
            WordVectorFiles.writeArchive(v, out, half, meta);
        }
    }

    /** Rejects evaluation splits: word vectors must never see devel or test text. */
    public static void checkTrainingSplit(List<Path> conllFiles) {
        for (Path f : conllFiles) {
            String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
            if (n.contains("test") || n.contains("devel") || n.startsWith("dev")) {
                throw new IllegalArgumentException(f + ": devel/test splits must not be used for pretraining (give train files only)");
            }
        }
    }
}
