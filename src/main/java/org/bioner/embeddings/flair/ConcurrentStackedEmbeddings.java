package org.bioner.embeddings.flair;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.bioner.embeddings.StackedEmbeddings;
import org.bioner.embeddings.TokenEmbeddings;

/**
 * Like {@link StackedEmbeddings} (same order, same vectors) but computes the parts at the same time, one
 * thread each. For a forward and a backward LM on two cores this gives each LM the whole batch of sentences
 * on its own core, instead of halving the batch (and the matrix sizes) between two workers per LM, which
 * matters most for small documents.
 */
public final class ConcurrentStackedEmbeddings implements TokenEmbeddings {

    private final StackedEmbeddings stacked;

    public ConcurrentStackedEmbeddings(List<? extends TokenEmbeddings> parts) {
        this.stacked = new StackedEmbeddings(parts);
    }

    /** Forward/backward Flair LMs sharing {@code threads} cores: each gets {@code max(1, threads / lms)} workers. */
    public static TokenEmbeddings ofLanguageModels(List<CharLanguageModel> lms, int threads, int batch) {
        int each = Math.max(1, threads / Math.max(1, lms.size()));
        List<TokenEmbeddings> parts = new ArrayList<>();
        for (CharLanguageModel lm : lms) parts.add(new FlairEmbeddings(lm, each, batch));
        return parts.size() == 1 ? parts.get(0) : new ConcurrentStackedEmbeddings(parts);
    }

    @Override
    public int dimension() {
        return stacked.dimension();
    }

    @Override
    public List<float[][]> embed(List<List<String>> sentences) {
        List<TokenEmbeddings> parts = stacked.parts();
        ExecutorService pool = Executors.newFixedThreadPool(parts.size(), r -> {
            Thread t = new Thread(r, "embeddings-part");
            t.setDaemon(true);
            return t;
        });
        try {
            List<CompletableFuture<List<float[][]>>> futures = new ArrayList<>();
            for (TokenEmbeddings p : parts) futures.add(CompletableFuture.supplyAsync(() -> p.embed(sentences), pool));
            List<List<float[][]>> each = new ArrayList<>();
            for (CompletableFuture<List<float[][]>> f : futures) each.add(f.join());
            return concatenate(sentences, parts, each);
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        } finally {
            pool.shutdownNow();
        }
    }

    private List<float[][]> concatenate(List<List<String>> sentences, List<TokenEmbeddings> parts, List<List<float[][]>> each) {
        int dim = dimension();
        List<float[][]> out = new ArrayList<>(sentences.size());
        for (int s = 0; s < sentences.size(); s++) {
            int n = sentences.get(s).size();
            float[][] v = new float[n][dim];
            int offset = 0;
            for (int p = 0; p < parts.size(); p++) {
                int d = parts.get(p).dimension();
                float[][] part = each.get(p).get(s);
                for (int t = 0; t < n; t++) System.arraycopy(part[t], 0, v[t], offset, d);
                offset += d;
            }
            out.add(v);
        }
        return out;
    }

    @Override
    public String describe() {
        return stacked.describe();
    }

    @Override
    public void useBackend(org.bioner.nn.Backend backend) {
        stacked.useBackend(backend);
    }
}
