package org.bioner.tagger;

import java.util.List;
import java.util.Random;

import org.bioner.nn.Blas;
import org.bioner.nn.LockedDropout;
import org.bioner.nn.NativeBuffer;
import org.bioner.nn.SequencePacking;
import org.bioner.nn.SideBySide;

/**
 * The training step of a {@link SequenceTagger}: forward with dropouts, the CRF loss, and back through the
 * emission layer, both LSTM directions (side by side, {@link SideBySide}) and the reprojection. It owns the
 * buffers only training needs and uses the tagger's layers and packed-batch buffers; every random draw comes
 * from the caller's {@link Random} in a fixed order (input masks and word dropout while packing, then one
 * output mask per sentence), so a run is reproducible and resumable. Called under the tagger's lock.
 */
final class TaggerTraining {

    private final SequenceTagger t;
    private final LockedDropout lockedDropout;
    private final NativeBuffer xr = new NativeBuffer(1);     // [N, D] reprojected
    private final NativeBuffer dropped = new NativeBuffer(1);// [N, 2H] after locked dropout
    private final NativeBuffer dEm = new NativeBuffer(1);    // [N, K]
    private final NativeBuffer dStates = new NativeBuffer(1);// [N, 2H]
    private final NativeBuffer dXr = new NativeBuffer(1);    // [N, D]
    private final NativeBuffer dXrB = new NativeBuffer(1);   // [N, D] the backward direction's share
    private final SideBySide directions = new SideBySide();  // the two LSTM directions in parallel

    TaggerTraining(SequenceTagger tagger) {
        this.t = tagger;
        this.lockedDropout = new LockedDropout(tagger.hyperParameters().lockedDropout());
    }

    /** Reprojection and BiLSTM over the packed input: leaves the states in {@code states [N, 2H]}. */
    private void encode(SequencePacking p) {
        int n = p.totalTokens(), h = t.hyperParameters().hidden(), dim = t.embeddingDimension();
        NativeBuffer in = t.x;
        if (t.reproject != null) {
            xr.ensure((long) n * dim);
            t.reproject.forward(t.x, n, xr);
            in = xr;
        }
        t.states.ensure((long) n * 2 * h);
        NativeBuffer lstmIn = in;
        directions.run(() -> t.lstmForward.forward(p, false, lstmIn, t.states, 2 * h, 0),
                () -> t.lstmBackward.forward(p, true, lstmIn, t.states, 2 * h, h));
    }

    /** See {@link SequenceTagger#computeGradients}. */
    double computeGradients(List<float[][]> vectors, List<int[]> gold, Random rng) {
        SequencePacking p = t.pack(vectors, rng);
        int n = p.totalTokens(), h2 = 2 * t.hyperParameters().hidden(), k = t.tags().size();
        int dim = t.embeddingDimension();
        encode(p);
        // locked dropout after the BiLSTM: one mask per sentence and feature, over all time steps
        dropped.ensure((long) n * h2);
        float[][] masks = lockedDropout.drawMasks(rng, vectors.size(), h2);
        LockedDropout.apply(p, masks, t.states, dropped, h2);
        t.em.ensure((long) n * k);
        t.output.forward(dropped, n, t.em);
        dEm.ensure((long) n * k);
        t.crf.zeroGradient();
        double loss = 0;
        for (int b = 0; b < vectors.size(); b++) {
            int len = p.length(b);
            if (len == 0) continue;
            float[][] g = new float[len][k];
            loss += t.crf.negLogLikelihood(t.emissions(p, b), gold.get(b), g);
            for (int s = 0; s < len; s++) dEm.put((p.start(b) + s) * k, g[s], k);
        }
        dStates.ensure((long) n * h2);
        t.output.backward(dropped, dEm, n, dStates, false);
        LockedDropout.apply(p, masks, dStates, dStates, h2);
        // the input gradient only feeds the reprojection; each direction writes its own share, then they are summed
        boolean dIn = t.reproject != null;
        if (dIn) {
            dXr.ensure((long) n * dim);
            dXrB.ensure((long) n * dim);
        }
        int h = t.hyperParameters().hidden();
        directions.run(() -> t.lstmForward.backward(dStates, h2, 0, dIn ? dXr : null, false),
                () -> t.lstmBackward.backward(dStates, h2, h, dIn ? dXrB : null, false));
        if (dIn) {
            Blas.axpy(n * dim, 1f, dXrB, dXr);
            t.reproject.backward(t.x, dXr, n, null, false);
        }
        return loss;
    }
}
