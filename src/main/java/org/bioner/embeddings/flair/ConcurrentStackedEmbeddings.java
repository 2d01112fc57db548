package org.bioner.embeddings.flair;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.bioner.corpus.SentenceContext;
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
    public List<TokenEmbeddings> parts() {
        return stacked.parts();
    }

    @Override
    public List<float[][]> embed(List<List<String>> sentences) {
        return embed(sentences, null);
    }

    @Override
    public List<float[][]> embed(List<List<String>> sentences, List<SentenceContext> context) {
        List<TokenEmbeddings> parts = stacked.parts();
        ExecutorService pool = Executors.newFixedThreadPool(parts.size(), r -> {
            Thread t = new Thread(r, "embeddings-part");
            t.setDaemon(true);
            return t;
        });
        try {
            List<CompletableFuture<List<float[][]>>> futures = new ArrayList<>();
            for (TokenEmbeddings p : parts) futures.add(CompletableFuture.supplyAsync(() -> p.embed(sentences, context), pool));
            List<List<float[][]>> each = new ArrayList<>();
            for (CompletableFuture<List<float[][]>> f : futures) each.add(f.join());
            return stacked.concatenate(sentences, each);
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        } finally {
            pool.shutdownNow();
        }
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
