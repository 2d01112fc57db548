package org.bioner.tagger;

import java.util.List;

import org.bioner.tagger.crf.LinearChainCrf;

/**
 * Taggers combined at prediction time (an ensemble): every network computes its emissions for the same embeddings,
 * and one CRF decodes their mean with the mean of the networks' CRF parameters. A path's CRF score is linear in the
 * emissions and in the CRF parameters, so the decoded path is the one with the highest mean score over the models
 * (a product of the models' path distributions), and the confidences are the marginals of that mean CRF. Unlike
 * the parameter average of {@link TaggerAveraging}, this is meaningful for independently trained models (runs with
 * different seeds); it costs one network pass per model, while the embeddings, most of a tagger's time, are computed
 * once.
 *
 * <p>Invariant: the networks have the same tags, embeddings (ignoring the default corpus {@code use=}), dimension and
 * hyperparameters ({@link TaggerAveraging#requireSameArchitecture}), none is itself an ensemble or a converted Flair
 * tagger, or no ensemble is made; an ensemble of one model, or of copies of one model, tags as that model. The
 * ensemble tags by the first model's default corpus, carries its metadata and shares the models' layers (they are
 * not copied: use the models no further).
 */
public final class TaggerEnsemble {

    private TaggerEnsemble() { }

    /** One tagger running all of {@code models} (at least one). */
    public static SequenceTagger of(List<SequenceTagger> models) {
        if (models.isEmpty()) throw new IllegalArgumentException("no models for an ensemble");
        SequenceTagger first = models.get(0);
        for (SequenceTagger m : models) TaggerAveraging.requireSameArchitecture(first, m);
        LinearChainCrf crf = new LinearChainCrf(first.tags().size(), 0);
        SequenceTagger.constrain(crf, first.tags());
        crf.setParameters(TaggerAveraging.meanCrf(models)); // forbidden transitions stay pinned
        SequenceTagger out = new SequenceTagger(first.tags(), first.embeddingsSpec(), first.embeddingDimension(),
                first.hyperParameters(), first.reproject, first.lstmForward, first.lstmBackward, first.upper, first.output, crf, null,
                models.subList(1, models.size()), first.chars);
        out.metadata().putAll(first.metadata());
        return out;
    }
}
