package org.bioner.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;

import org.bioner.corpus.IobCorpusParser;
import org.bioner.corpus.Span;
import org.bioner.corpus.TagScheme;
import org.bioner.corpus.TaggedSentence;
import org.bioner.embeddings.EmbeddingCache;
import org.bioner.embeddings.RandomEmbeddings;
import org.bioner.nn.Blas;
import org.bioner.nn.NativeBuffer;
import org.bioner.tagger.SequenceTagger.HyperParameters;
import org.bioner.tagger.SequenceTagger;
import org.bioner.tagger.TagDictionary;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bioner bench}: training and tagging throughput of the tagger network, measured the way
 * {@code shared/bench/torch_reference.py train|tag} measures PyTorch (fixed random vector per token
 * type, D = 1124, batch 32, first batch a warm-up, one pass over the file). Prints one JSON line.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure tagger training and tagging tokens/s (random D-dim vectors; compare with torch_reference.py).")
public final class BenchCommand implements Callable<Integer> {

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "IOB file, e.g. ../shared/datasets/NCBI-disease/test.tsv")
    Path data;

    @Option(names = "--input-dim", defaultValue = "1124")
    int dim;

    @Option(names = "--hidden", defaultValue = "256")
    int hidden;

    @Option(names = "--batch", defaultValue = "32")
    int batch;

    @Option(names = "--no-reproject")
    boolean noReproject;

    @Option(names = "--max-batches", description = "time only this many batches after the warm-up")
    Integer maxBatches;

    @Option(names = "--seed", defaultValue = "1")
    long seed;

    @Option(names = {"--blas-threads", "--threads"}, description = "OpenBLAS threads (default: as the environment sets them)")
    Integer threads;

    @Option(names = "--gemm", description = "only time Blas.gemm at the tagger's main shapes (batch of --gemm-rows tokens)")
    boolean gemmOnly;

    @Option(names = "--gemm-rows", defaultValue = "820", description = "tokens per batch for --gemm (default: ${DEFAULT-VALUE})")
    int gemmRows;

    @Override
    public Integer call() throws Exception {
        if (threads != null) Blas.setThreads(threads);
        if (gemmOnly) {
            benchGemm();
            return 0;
        }
        List<TaggedSentence> sents = new IobCorpusParser(IobCorpusParser.Format.BIOBERT, TagScheme.IOB2, "Entity", false).parse(data);
        RandomEmbeddings emb = new RandomEmbeddings(dim, seed);
        TagDictionary tags = new TagDictionary(List.of("Entity"));
        HyperParameters hp = new HyperParameters(hidden, !noReproject, HyperParameters.FLAIR_WORD_DROPOUT, HyperParameters.FLAIR_LOCKED_DROPOUT);
        SequenceTagger tagger = SequenceTagger.create(tags, emb.describe(), dim, hp, seed);
        EmbeddingCache cache = EmbeddingCache.build(emb, sents.stream().map(TaggedSentence::tokens).toList(), null, batch,
                Long.MAX_VALUE, null, null);

        // training: shuffled batches, one SGD step each (forward, CRF, backward, clip, update)
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < sents.size(); i++) order.add(i);
        Random rng = new Random(seed);
        java.util.Collections.shuffle(order, rng);
        List<List<Integer>> batches = new ArrayList<>();
        for (int i = 0; i < order.size(); i += batch) batches.add(order.subList(i, Math.min(order.size(), i + batch)));
        long trainTokens = 0;
        int trainSents = 0;
        double trainSeconds = 0, loss = 0;
        int timed = 0;
        for (int b = 0; b < batches.size(); b++) {
            if (b > 0 && maxBatches != null && timed >= maxBatches) break;
            List<float[][]> v = new ArrayList<>();
            List<int[]> g = new ArrayList<>();
            int tok = 0;
            for (int i : batches.get(b)) {
                v.add(cache.get(i));
                List<Span> spans = TagScheme.IOB2.decode(sents.get(i).tags(), "Entity");
                g.add(tags.encode(sents.get(i).size(), spans));
                tok += sents.get(i).size();
            }
            long t0 = System.nanoTime();
            double l = tagger.computeGradients(v, g, rng);
            double norm = tagger.gradientNorm();
            tagger.applySgd(0.1f, norm > 5 ? (float) (5 / (norm + 1e-6)) : 1f);
            double dt = (System.nanoTime() - t0) / 1e9;
            if (b > 0) { // first batch: warm-up
                trainSeconds += dt;
                trainTokens += tok;
                trainSents += batches.get(b).size();
                loss += l;
                timed++;
            }
        }

        // tagging: batches of 32 in file order (as torch_reference.py tag), Viterbi + marginal confidences
        List<Integer> byLen = new ArrayList<>();
        for (int i = 0; i < sents.size(); i++) byLen.add(i);
        long tagTokens = 0;
        int tagSents = 0, tagTimed = 0;
        double tagSeconds = 0;
        for (int s = 0; s < byLen.size(); s += batch) {
            if (s > 0 && maxBatches != null && tagTimed >= maxBatches) break;
            List<float[][]> v = new ArrayList<>();
            int tok = 0;
            for (int i : byLen.subList(s, Math.min(byLen.size(), s + batch))) {
                v.add(cache.get(i));
                tok += sents.get(i).size();
            }
            long t0 = System.nanoTime();
            tagger.predict(v, batch);
            double dt = (System.nanoTime() - t0) / 1e9;
            if (s > 0) {
                tagSeconds += dt;
                tagTokens += tok;
                tagSents += v.size();
                tagTimed++;
            }
        }
        Map<String, Object> res = new LinkedHashMap<>();
        res.put("engine", "openblas-java");
        res.put("blas_threads", Blas.threads());
        res.put("openblas_coretype", System.getenv().getOrDefault("OPENBLAS_CORETYPE", ""));
        res.put("omp_num_threads", System.getenv().getOrDefault("OMP_NUM_THREADS", ""));
        res.put("data", data.toString());
        res.put("input_dim", dim);
        res.put("tagger_hidden", hidden);
        res.put("reproject", !noReproject);
        res.put("batch", batch);
        res.put("train_sentences", trainSents);
        res.put("train_tokens", trainTokens);
        res.put("train_seconds", round(trainSeconds));
        res.put("train_tokens_per_s", round(trainTokens / trainSeconds));
        res.put("train_mean_loss_per_sentence", round(loss / trainSents));
        res.put("tag_sentences", tagSents);
        res.put("tag_tokens", tagTokens);
        res.put("tag_seconds", round(tagSeconds));
        res.put("tag_tokens_per_s", round(tagTokens / tagSeconds));
        StringBuilder sb = new StringBuilder("{");
        res.forEach((k, val) -> sb.append(sb.length() > 1 ? ", " : "").append('"').append(k).append("\": ")
                .append(val instanceof String ? "\"" + val + "\"" : val));
        System.out.println(sb.append('}'));
        return 0;
    }

    /** GFLOP/s of the reprojection, input projection and recurrent-step products, as JSON. */
    private void benchGemm() {
        int n = gemmRows, g = 4 * hidden;
        int[][] shapes = {{n, dim, dim}, {n, dim, 2 * g}, {batch, hidden, g}};
        StringBuilder sb = new StringBuilder("{\"mode\": \"gemm\", \"blas_threads\": " + Blas.threads()
                + ", \"openblas_coretype\": \"" + System.getenv().getOrDefault("OPENBLAS_CORETYPE", "") + "\"");
        for (int[] s : shapes) {
            int m = s[0], k = s[1], cols = s[2];
            NativeBuffer a = new NativeBuffer(m * k), b = new NativeBuffer(k * cols), c = new NativeBuffer(m * cols);
            double flop = 2.0 * m * k * cols;
            int reps = (int) Math.max(5, 1e10 / flop);
            for (int i = 0; i < 3; i++) Blas.gemm(false, false, m, cols, k, 1f, a, 0, k, b, 0, cols, 0f, c, 0, cols);
            long t0 = System.nanoTime();
            for (int i = 0; i < reps; i++) Blas.gemm(false, false, m, cols, k, 1f, a, 0, k, b, 0, cols, 0f, c, 0, cols);
            double gflops = flop * reps / ((System.nanoTime() - t0) / 1e9) / 1e9;
            sb.append(String.format(java.util.Locale.ROOT, ", \"[%d,%d]x[%d,%d]\": %.1f", m, k, k, cols, gflops));
        }
        System.out.println(sb.append('}'));
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
