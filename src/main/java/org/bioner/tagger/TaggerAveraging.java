package org.bioner.tagger;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.bioner.embeddings.CorpusConditionedEmbeddings;
import org.bioner.embeddings.CorpusEmbeddings;
import org.bioner.nn.Param;

/**
 * The parameter average of taggers of one architecture (a "model soup", Wortsman et al. 2022): every network
 * tensor and every CRF parameter is the mean of the models' values, so the result tags at the cost of one model.
 * It is meaningful for models that share their start (a run's epochs, or runs warm-started from one model), whose
 * weights stay in one basin; for independently initialised models the mean is noise. (On this project's warm
 * starts the mean mostly landed between its two models on devel: docs/RESULTS.md, "Session 14".)
 *
 * <p>Invariant: the models have the same tags, embeddings (ignoring the default corpus {@code use=}), dimension and
 * hyperparameters, and none is an ensemble ({@link TaggerEnsemble}), or nothing is averaged; the average of one
 * model, or of copies of one model, is that model. The result tags by the first model's default corpus and carries
 * its metadata.
 */
public final class TaggerAveraging {

    private TaggerAveraging() { }

    /** A new tagger whose parameters are the mean of {@code models}' (which are left as they were). */
    public static SequenceTagger average(List<SequenceTagger> models) {
        if (models.isEmpty()) throw new IllegalArgumentException("no models to average");
        SequenceTagger first = models.get(0);
        for (SequenceTagger m : models) requireSameArchitecture(first, m);
        SequenceTagger out = SequenceTagger.create(first.tags(), first.embeddingsSpec(), first.embeddingDimension(), first.hyperParameters(), 0);
        out.metadata().putAll(first.metadata());
        List<Param> target = out.parameters();
        for (int p = 0; p < target.size(); p++) {
            double[] sum = new double[target.get(p).size()];
            for (SequenceTagger m : models) {
                float[] v = m.parameters().get(p).values();
                for (int i = 0; i < v.length; i++) sum[i] += v[i];
            }
            float[] mean = new float[sum.length];
            for (int i = 0; i < sum.length; i++) mean[i] = (float) (sum[i] / models.size());
            target.get(p).setValues(mean);
        }
        out.crf().setParameters(meanCrf(models)); // forbidden transitions stay pinned
        return out;
    }

    /**
     * The mean of the models' CRF parameters (of one tag set; forbidden entries stay forbidden), each the double
     * nearest to the exact mean: the sum is kept exact and divided once, at a precision where a mean that is a
     * double, or halfway between two, comes out exact. So copies of one model average to its own values whatever
     * they are (a double sum {@code 3c / 3} is not always {@code c}), and two models to {@code (a + b) / 2}.
     */
    static double[] meanCrf(List<SequenceTagger> models) {
        int size = models.get(0).crf().numParameters();
        BigDecimal[] sum = new BigDecimal[size];
        Arrays.fill(sum, BigDecimal.ZERO);
        for (SequenceTagger m : models) {
            double[] c = m.crf().parametersAsDouble();
            for (int i = 0; i < size; i++) sum[i] = sum[i].add(new BigDecimal(c[i]));
        }
        BigDecimal count = BigDecimal.valueOf(models.size());
        double[] mean = new double[size];
        for (int i = 0; i < size; i++) {
            // a terminating quotient has at most 64 more digits than the sum (count < 2^64): exact at this precision
            mean[i] = sum[i].divide(count, new MathContext(sum[i].precision() + 64, RoundingMode.HALF_EVEN)).doubleValue();
        }
        return mean;
    }

    /**
     * Fails, naming what differs, unless {@code b} can be averaged with {@code a}, or join it in a {@link TaggerEnsemble}.
     */
    public static void requireSameArchitecture(SequenceTagger a, SequenceTagger b) {
        List<String> diffs = new ArrayList<>();
        if (!a.tags().names().equals(b.tags().names())) diffs.add("tags " + a.tags().names() + " / " + b.tags().names());
        String sa = withoutDefaultCorpus(a.embeddingsSpec());
        String sb = withoutDefaultCorpus(b.embeddingsSpec());
        if (!sa.equals(sb)) diffs.add("embeddings " + sa + " / " + sb);
        if (a.embeddingDimension() != b.embeddingDimension()) diffs.add("dimension " + a.embeddingDimension() + " / " + b.embeddingDimension());
        if (!a.hyperParameters().equals(b.hyperParameters())) diffs.add("hyperparameters " + a.hyperParameters() + " / " + b.hyperParameters());
        if (a.flairCrf() != null || b.flairCrf() != null) diffs.add("a converted Flair tagger");
        if (a.ensembleSize() > 1 || b.ensembleSize() > 1) diffs.add("an ensemble");
        if (!diffs.isEmpty()) {
            throw new IllegalArgumentException("does not fit the first model: " + String.join("; ", diffs));
        }
    }

    /** The spec with a corpus one-hot's default ({@code use=}) left out: which corpus a model tags by is not part of its weights. */
    private static String withoutDefaultCorpus(String spec) {
        CorpusEmbeddings corpus = CorpusConditionedEmbeddings.corpusPart(spec);
        return corpus == null ? spec : CorpusConditionedEmbeddings.baseSpec(spec) + "+corpus:" + corpus.names();
    }
}
