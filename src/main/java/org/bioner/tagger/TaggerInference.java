package org.bioner.tagger;

import java.util.ArrayList;
import java.util.List;

import org.bioner.corpus.Span;
import org.bioner.nn.FoldedProjection;
import org.bioner.nn.NativeBuffer;
import org.bioner.nn.SequencePacking;
import org.bioner.tagger.SequenceTagger.Prediction;
import org.bioner.tagger.crf.FlairCrfDecoder;
import org.bioner.tagger.crf.SpanConfidence;

/**
 * Inference of a {@link SequenceTagger} on one packed batch: the reprojection folded into both LSTM input
 * projections (one gemm, {@link FoldedProjection}), the two directions one after the other, the emissions,
 * then per sentence the CRF's Viterbi path, its spans and their confidence ({@link SpanConfidence}); a tagger
 * converted from Flair decodes, scores and finds spans with its {@link FlairCrfDecoder} instead. No
 * dropout, no randomness: the same input gives the same output, alone or in any batch. Called under the
 * tagger's lock.
 */
final class TaggerInference {

    private final SequenceTagger t;
    private final NativeBuffer proj = new NativeBuffer(1);   // [N, 8H] both directions' input projections
    private final FoldedProjection folded;                   // reprojection folded into the LSTM inputs

    TaggerInference(SequenceTagger tagger) {
        this.t = tagger;
        this.folded = new FoldedProjection(tagger.reproject, tagger.lstmForward, tagger.lstmBackward);
    }

    List<Prediction> predictBatch(List<float[][]> vectors) {
        SequencePacking p = t.pack(vectors, null);
        int n = vectors.size(), tokens = p.totalTokens(), h = t.hyperParameters().hidden();
        // reprojection and both input projections as one gemm (the weights folded once per model state)
        proj.ensure((long) tokens * folded.width());
        folded.apply(t.x, tokens, proj);
        t.states.ensure((long) tokens * 2 * h);
        // one direction after the other: in inference the recurrences are a small share, and side by side
        // measured slower here (BENCHMARKS.md)
        t.lstmForward.forwardProjected(p, false, proj, folded.width(), folded.offset(0), t.states, 2 * h, 0);
        t.lstmBackward.forwardProjected(p, true, proj, folded.width(), folded.offset(1), t.states, 2 * h, h);
        t.em.ensure((long) p.totalTokens() * t.outputs());
        t.output.forward(t.states, p.totalTokens(), t.em);
        List<Prediction> out = new ArrayList<>(n);
        for (int b = 0; b < n; b++) {
            int len = vectors.get(b).length;
            if (len == 0) {
                out.add(new Prediction(new int[0], List.of(), new double[0], new double[0]));
                continue;
            }
            float[][] e = t.emissions(p, b);
            if (t.flairCrf != null) {
                FlairCrfDecoder.Decoded d = t.flairCrf.decode(e);
                out.add(new Prediction(d.path(), d.spans(), d.spanScores(), d.tokenScores()));
                continue;
            }
            int[] path = t.crf.viterbi(e);
            double[] tokenConf = SpanConfidence.tokenConfidences(t.crf.marginals(e), path);
            List<Span> spans = t.tags().decode(path);
            double[] spanConf = new double[spans.size()];
            for (int i = 0; i < spans.size(); i++) {
                spanConf[i] = SpanConfidence.spanConfidence(tokenConf, spans.get(i).start(), spans.get(i).end());
            }
            out.add(new Prediction(path, spans, spanConf, tokenConf));
        }
        return out;
    }
}
