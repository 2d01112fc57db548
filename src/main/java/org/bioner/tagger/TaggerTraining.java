package org.bioner.tagger;

import java.util.List;
import java.util.Random;

import org.bioner.nn.Backend;
import org.bioner.nn.Backends;
import org.bioner.nn.Blas;
import org.bioner.nn.DeviceLstm;
import org.bioner.nn.LockedDropout;
import org.bioner.nn.LstmLayer;
import org.bioner.nn.NativeBuffer;
import org.bioner.nn.SequencePacking;
import org.bioner.nn.SideBySide;

/**
 * The training step of a {@link SequenceTagger}: forward with dropouts, the CRF loss, and back through the
 * emission layer, both LSTM directions (side by side, {@link SideBySide}) and the reprojection. It owns the
 * buffers only training needs and uses the tagger's layers and packed-batch buffers; every random draw comes
 * from the caller's {@link Random} in a fixed order (input masks and word dropout while packing, then one
 * output mask per sentence), so a run is reproducible and resumable. Called under the tagger's lock.
 *
 * <p>On a non-CPU backend ({@link SequenceTagger#useBackend}) the same step runs as backend calls
 * ({@link #computeGradientsOnDevice}): the packed input (dropouts drawn on the host, in the same order) goes to
 * the device, the reprojection, both LSTM directions forward and backward through time, the locked dropout and
 * the emission layer run there; the emissions come back for the CRF (host, the same code), its gradient goes
 * back; the network's gradients land in the host parameters, so the norm, clipping and SGD step are the
 * CPU's (the updated weights are copied to the device once per step).
 */
final class TaggerTraining {

    private final SequenceTagger t;
    private final LockedDropout lockedDropout;
    private final NativeBuffer xr = new NativeBuffer(1);     // [N, D] reprojected
    private final NativeBuffer dropped = new NativeBuffer(1);// [N, 2H] after locked dropout
    private final NativeBuffer dEm = new NativeBuffer(1);    // [N, K]
    private final NativeBuffer dStates = new NativeBuffer(1);// [N, 2H]
    private final NativeBuffer dXr = new NativeBuffer(1);    // [N, D]
    private final NativeBuffer dXrB = new NativeBuffer(1);   // [N, D] the backward direction's share; then [N, 2C] the character features' gradient
    private final SideBySide directions = new SideBySide();  // the two LSTM directions in parallel
    // a stacked BiLSTM (rnnLayers L > 1): per upper layer u (0 .. L-2), the raw states [N, 2H] of the layer below it and
    // their locked-dropout copy (its input, kept for its backward), and the masks between them; then two [N, 2H] buffers
    // for the gradients of a layer's input, alternating down the stack, and one for the backward direction's share
    private final NativeBuffer[] below, belowDropped;
    private float[][][] betweenMasks;
    private final NativeBuffer[] dBelow = {new NativeBuffer(1), new NativeBuffer(1)};
    private final NativeBuffer dBelowB = new NativeBuffer(1);

    // the device route, made on first use
    private Backend devBackend;
    private DeviceLstm devForward, devBackward;
    private List<DeviceLstm> devUpper;               // t.upper's, in its order
    private Backend.Floats dx, dxr, dstates, dmask, ddropped, dem, ddEm, ddStates, ddXr;
    // a stacked BiLSTM on the device, per upper layer u: the raw states below it, their dropped copy (its input), the
    // mask rows between; then two alternating [N, 2H] input-gradient buffers (as below, belowDropped, dBelow on the CPU)
    private final Backend.Floats[] devBelow, devBelowDropped, devBetweenMask;
    private final Backend.Floats[] devDBelow = new Backend.Floats[2];

    TaggerTraining(SequenceTagger tagger) {
        this.t = tagger;
        this.lockedDropout = new LockedDropout(tagger.hyperParameters().lockedDropout());
        int uppers = tagger.upper.size() / 2;
        below = new NativeBuffer[uppers];
        belowDropped = new NativeBuffer[uppers];
        for (int u = 0; u < uppers; u++) {
            below[u] = new NativeBuffer(1);
            belowDropped[u] = new NativeBuffer(1);
        }
        devBelow = new Backend.Floats[uppers];
        devBelowDropped = new Backend.Floats[uppers];
        devBetweenMask = new Backend.Floats[uppers];
    }

    /**
     * Reprojection and BiLSTM over the packed input: leaves the last layer's states in {@code states [N, 2H]}. Between
     * stacked layers it draws one locked-dropout mask per sentence from {@code rng} (layer by layer, after the packing's
     * draws), none for one layer.
     */
    private void encode(SequencePacking p, Random rng) {
        int n = p.totalTokens(), h = t.hyperParameters().hidden(), h2 = 2 * h, dim = t.networkInputDimension();
        NativeBuffer in = t.x;
        if (t.reproject != null) {
            xr.ensure((long) n * dim);
            t.reproject.forward(t.x, n, xr);
            in = xr;
        }
        t.states.ensure((long) n * h2);
        int uppers = below.length;
        betweenMasks = new float[uppers][][];
        NativeBuffer lstmIn = in, first = uppers == 0 ? t.states : below[0].ensure((long) n * h2);
        directions.run(() -> t.lstmForward.forward(p, false, lstmIn, first, h2, 0),
                () -> t.lstmBackward.forward(p, true, lstmIn, first, h2, h));
        for (int u = 0; u < uppers; u++) {
            NativeBuffer x = belowDropped[u].ensure((long) n * h2);
            NativeBuffer y = u + 1 == uppers ? t.states : below[u + 1].ensure((long) n * h2);
            betweenMasks[u] = lockedDropout.drawMasks(rng, p.sequences(), h2);
            LockedDropout.apply(p, betweenMasks[u], below[u], x, h2);
            LstmLayer fwd = t.upper.get(2 * u), bwd = t.upper.get(2 * u + 1);
            directions.run(() -> fwd.forward(p, false, x, y, h2, 0), () -> bwd.forward(p, true, x, y, h2, h));
        }
    }

    /**
     * Backward through the upper layers of a stacked BiLSTM, from {@code dL/dstates} of the last: returns the gradient of
     * the first layer's states ({@code dStates} itself for one layer).
     */
    private NativeBuffer upperBackward(SequencePacking p, NativeBuffer dStates) {
        int n = p.totalTokens(), h = t.hyperParameters().hidden(), h2 = 2 * h;
        NativeBuffer dOut = dStates;
        for (int u = t.upper.size() / 2 - 1; u >= 0; u--) {
            NativeBuffer dy = dOut, dx = dBelow[u % 2].ensure((long) n * h2), dxB = dBelowB.ensure((long) n * h2);
            LstmLayer fwd = t.upper.get(2 * u), bwd = t.upper.get(2 * u + 1);
            directions.run(() -> fwd.backward(dy, h2, 0, dx, false), () -> bwd.backward(dy, h2, h, dxB, false));
            Blas.axpy(n * h2, 1f, dxB, dx);
            LockedDropout.apply(p, betweenMasks[u], dx, dx, h2);
            dOut = dx;
        }
        return dOut;
    }

    /** See {@link SequenceTagger#computeGradients}. */
    double computeGradients(List<float[][]> vectors, List<int[]> gold, Random rng, Backend backend) {
        if (backend != Backends.cpu()) return computeGradientsOnDevice(vectors, gold, rng, backend);
        SequencePacking p = t.pack(vectors, rng);
        int n = p.totalTokens(), h2 = 2 * t.hyperParameters().hidden(), k = t.tags().size();
        int dim = t.networkInputDimension();
        encode(p, rng);
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
        // the input gradient feeds the reprojection (and, without one, the character features); each direction writes
        // its own share, then they are summed
        boolean dIn = t.reproject != null || t.chars != null;
        if (dIn) {
            dXr.ensure((long) n * dim);
            dXrB.ensure((long) n * dim);
        }
        int h = t.hyperParameters().hidden();
        NativeBuffer dFirst = upperBackward(p, dStates);
        directions.run(() -> t.lstmForward.backward(dFirst, h2, 0, dIn ? dXr : null, false),
                () -> t.lstmBackward.backward(dFirst, h2, h, dIn ? dXrB : null, false));
        if (dIn) Blas.axpy(n * dim, 1f, dXrB, dXr);
        if (t.chars == null) {
            if (t.reproject != null) t.reproject.backward(t.x, dXr, n, null, false);
            return loss;
        }
        // dL/dx of the network's input rows at the character features' columns [F, F + 2C) (F: the feature inputs
        // before the codes); the other inputs are frozen embeddings, so no other column is computed
        int features = t.charFeatureOffset(), cw = t.chars.width();
        if (t.reproject != null) {
            NativeBuffer dFeatures = dXrB.ensure((long) n * cw); // the backward share is summed in: reuse it
            t.reproject.backward(t.x, dXr, n, dFeatures, features, cw);
            charBackward(p, dFeatures, 0, cw);
        } else {
            charBackward(p, dXr, features, dim);
        }
        return loss;
    }

    /**
     * The character encoder's backward from the gradient of its features, row {@code r}'s at
     * {@code dX[r * stride + offset ..]}, scaled by the dropouts' factors the packing kept.
     */
    private void charBackward(SequencePacking p, NativeBuffer dX, int offset, int stride) {
        int n = p.totalTokens(), cw = t.chars.width();
        float[] part = new float[cw];
        float[] dOut = new float[n * cw];
        for (int r = 0; r < n; r++) {
            dX.get(r * stride + offset, part, cw);
            for (int c = 0; c < cw; c++) dOut[r * cw + c] = part[c] * t.charMask[r * cw + c];
        }
        t.chars.backward(dOut);
    }

    /** Per-sentence masks as rows of the packed batch ({@code [N, width]}, token order), to upload. */
    private static float[] maskRows(SequencePacking p, float[][] masks, int width) {
        float[] rows = new float[p.totalTokens() * width];
        for (int s = 0; s < p.sequences(); s++) {
            for (int i = 0; i < p.length(s); i++) System.arraycopy(masks[s], 0, rows, (p.start(s) + i) * width, width);
        }
        return rows;
    }

    /** {@link #computeGradients} as backend calls (see the class comment). */
    private double computeGradientsOnDevice(List<float[][]> vectors, List<int[]> gold, Random rng, Backend b) {
        if (t.chars != null) {
            throw new UnsupportedOperationException("a tagger with character features (chars:) trains on the CPU only; it tags on any device");
        }
        SequencePacking p = t.pack(vectors, rng);
        int n = p.totalTokens(), h = t.hyperParameters().hidden(), h2 = 2 * h, k = t.tags().size();
        int dim = t.networkInputDimension(), uppers = t.upper.size() / 2;
        // the same draws in the same order as the CPU step: input dropouts while packing, the masks between stacked
        // layers, then the output masks
        float[][][] between = new float[uppers][][];
        for (int u = 0; u < uppers; u++) between[u] = lockedDropout.drawMasks(rng, vectors.size(), h2);
        float[][] masks = lockedDropout.drawMasks(rng, vectors.size(), h2);
        t.em.ensure((long) Math.max(1, n) * k);
        dEm.ensure((long) Math.max(1, n) * k);
        synchronized (b) {
            if (b != devBackend) {
                devForward = new DeviceLstm(t.lstmForward);
                devBackward = new DeviceLstm(t.lstmBackward);
                devUpper = t.upper.stream().map(DeviceLstm::new).toList();
                dx = dxr = dstates = dmask = ddropped = dem = ddEm = ddStates = ddXr = null;
                java.util.Arrays.fill(devBelow, null);
                java.util.Arrays.fill(devBelowDropped, null);
                java.util.Arrays.fill(devBetweenMask, null);
                devDBelow[0] = devDBelow[1] = null;
                devBackend = b;
            }
            long nn = Math.max(1, n);
            dx = b.grow(dx, nn * dim);
            dstates = b.grow(dstates, nn * h2);
            dmask = b.grow(dmask, nn * h2);
            ddropped = b.grow(ddropped, nn * h2);
            dem = b.grow(dem, nn * k);
            ddEm = b.grow(ddEm, nn * k);
            ddStates = b.grow(ddStates, nn * h2);
            b.upload(t.x, 0, dx, 0, (long) n * dim);
            Backend.Floats in = dx;
            if (t.reproject != null) {
                dxr = b.grow(dxr, nn * dim);
                ddXr = b.grow(ddXr, nn * dim);
                t.reproject.forward(b, dx, n, dxr);
                in = dxr;
            }
            Backend.Ints fwdRows = b.ints(DeviceLstm.tokenRows(p, false));
            Backend.Ints bwdRows = b.ints(DeviceLstm.tokenRows(p, true));
            try {
                for (int u = 0; u < uppers; u++) {
                    devBelow[u] = b.grow(devBelow[u], nn * h2);
                    devBelowDropped[u] = b.grow(devBelowDropped[u], nn * h2);
                    devBetweenMask[u] = b.grow(devBetweenMask[u], nn * h2);
                }
                Backend.Floats first = uppers == 0 ? dstates : devBelow[0];
                devForward.forward(b, p, fwdRows, in, first, h2, 0);
                devBackward.forward(b, p, bwdRows, in, first, h2, h);
                for (int u = 0; u < uppers; u++) { // a stacked BiLSTM: locked dropout, then the next layer
                    b.upload(maskRows(p, between[u], h2), 0, devBetweenMask[u], 0, n * h2);
                    b.multiply(devBelow[u], devBetweenMask[u], devBelowDropped[u], (long) n * h2);
                    Backend.Floats y = u + 1 == uppers ? dstates : devBelow[u + 1];
                    devUpper.get(2 * u).forward(b, p, fwdRows, devBelowDropped[u], y, h2, 0);
                    devUpper.get(2 * u + 1).forward(b, p, bwdRows, devBelowDropped[u], y, h2, h);
                }
                // locked dropout after the BiLSTM: the masks as rows of the packed batch
                b.upload(maskRows(p, masks, h2), 0, dmask, 0, n * h2);
                b.multiply(dstates, dmask, ddropped, (long) n * h2);
                t.output.forward(b, ddropped, n, dem);
                b.download(dem, 0, t.em, 0, (long) n * k);
                t.crf.zeroGradient();
                double loss = 0;
                for (int s = 0; s < vectors.size(); s++) {
                    int len = p.length(s);
                    if (len == 0) continue;
                    float[][] g = new float[len][k];
                    loss += t.crf.negLogLikelihood(t.emissions(p, s), gold.get(s), g);
                    for (int i = 0; i < len; i++) dEm.put((p.start(s) + i) * k, g[i], k);
                }
                b.upload(dEm, 0, ddEm, 0, (long) n * k);
                t.output.backward(b, ddropped, ddEm, n, ddStates);
                b.multiply(ddStates, dmask, ddStates, (long) n * h2);
                Backend.Floats dOut = ddStates;
                for (int u = uppers - 1; u >= 0; u--) { // down the stack: both directions' input gradients, then the mask
                    Backend.Floats d = devDBelow[u % 2] = b.grow(devDBelow[u % 2], nn * h2);
                    devUpper.get(2 * u).backward(b, dOut, h2, 0, d, false);
                    devUpper.get(2 * u + 1).backward(b, dOut, h2, h, d, true);
                    b.multiply(d, devBetweenMask[u], d, (long) n * h2);
                    dOut = d;
                }
                boolean dIn = t.reproject != null;
                devForward.backward(b, dOut, h2, 0, dIn ? ddXr : null, false);
                devBackward.backward(b, dOut, h2, h, dIn ? ddXr : null, true);
                if (dIn) t.reproject.backward(b, dx, ddXr, n, null);
                return loss;
            } finally {
                fwdRows.release();
                bwdRows.release();
            }
        }
    }
}
