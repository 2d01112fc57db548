package org.bioner.tagger;

import java.util.ArrayList;
import java.util.List;

import org.bioner.corpus.Span;
import org.bioner.nn.Backend;
import org.bioner.nn.Backends;
import org.bioner.nn.DeviceLstm;
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
 *
 * <p>On the default CPU backend this runs the layers directly (OpenBLAS). On any other backend
 * ({@link SequenceTagger#useBackend}, e.g. CUDA) the same steps are issued as {@link Backend} calls
 * ({@link DeviceLstm}): the packed input goes to the device once, the emissions {@code [N, K]} come back, and
 * the CRF decoding and confidences run on the host as on the CPU path (the same code on the same
 * emissions; for a tagger converted from Flair its {@link FlairCrfDecoder}, on emissions of its own width,
 * {@link SequenceTagger#outputs()}).
 *
 * <p>For an ensemble ({@link TaggerEnsemble}) each member network computes its emissions for the same input, on the
 * same backend, in its own buffers; their mean replaces the first network's emissions before the decoding, which then
 * uses the ensemble's CRF (the mean of the members' CRFs).
 */
final class TaggerInference {

    private final SequenceTagger t;
    private final NativeBuffer proj = new NativeBuffer(1);   // [N, 8H] both directions' input projections
    private final FoldedProjection folded;                   // reprojection folded into the LSTM inputs
    private final NativeBuffer[] between = {new NativeBuffer(1), new NativeBuffer(1)}; // [N, 2H] a stacked BiLSTM's lower states, alternating
    // the device route, made on first use
    private DeviceLstm devForward, devBackward;
    private List<DeviceLstm> devUpper;                        // t.upper's, in its order
    private Backend devBackend;
    private Backend.Floats dx, dproj, dstates, dem;
    private final Backend.Floats[] devBetween = new Backend.Floats[2]; // as between, on the device

    TaggerInference(SequenceTagger tagger) {
        this.t = tagger;
        this.folded = new FoldedProjection(tagger.reproject, tagger.lstmForward, tagger.lstmBackward);
    }

    /** The batch's predictions, each sentence decoded by {@code decoding} with {@code entityBias} added to its mention tags' emissions. */
    List<Prediction> predictBatch(List<float[][]> vectors, Backend backend, float entityBias, Decoding decoding) {
        SequencePacking p = emissions(vectors, backend);
        if (!t.members.isEmpty()) {
            int n = p.totalTokens() * t.outputs();
            double[] sum = new double[n];
            addTo(sum, t.em, n);
            for (SequenceTagger m : t.members) {
                m.inference.emissions(vectors, backend);
                addTo(sum, m.em, n);
            }
            float[] mean = new float[n];
            for (int i = 0; i < n; i++) mean[i] = (float) (sum[i] / t.ensembleSize());
            t.em.put(0, mean, n);
        }
        return decode(p, vectors, entityBias, decoding);
    }

    private static void addTo(double[] sum, NativeBuffer em, int n) {
        float[] e = em.toArray(n);
        for (int i = 0; i < n; i++) sum[i] += e[i];
    }

    /** This network's emissions for the batch, in {@code t.em} (packed token order); returns the packing. */
    SequencePacking emissions(List<float[][]> vectors, Backend backend) {
        if (backend != Backends.cpu()) return emissionsOnDevice(vectors, backend);
        SequencePacking p = t.pack(vectors, null);
        int tokens = p.totalTokens(), h = t.hyperParameters().hidden();
        // reprojection and both input projections as one gemm (the weights folded once per model state)
        proj.ensure((long) tokens * folded.width());
        folded.apply(t.x, tokens, proj);
        t.states.ensure((long) tokens * 2 * h);
        // one direction after the other: in inference the recurrences are a small share, and side by side
        // measured slower here (BENCHMARKS.md)
        int uppers = t.upper.size() / 2;
        NativeBuffer y = uppers == 0 ? t.states : between[0].ensure((long) tokens * 2 * h);
        t.lstmForward.forwardProjected(p, false, proj, folded.width(), folded.offset(0), y, 2 * h, 0);
        t.lstmBackward.forwardProjected(p, true, proj, folded.width(), folded.offset(1), y, 2 * h, h);
        for (int u = 0; u < uppers; u++) { // a stacked BiLSTM: each layer reads the states below it
            NativeBuffer x = y;
            y = u + 1 == uppers ? t.states : between[(u + 1) % 2].ensure((long) tokens * 2 * h);
            t.upper.get(2 * u).forward(p, false, x, y, 2 * h, 0);
            t.upper.get(2 * u + 1).forward(p, true, x, y, 2 * h, h);
        }
        t.em.ensure((long) p.totalTokens() * t.outputs());
        t.output.forward(t.states, p.totalTokens(), t.em);
        return p;
    }

    /** The per-sentence CRF decoding of the emissions in {@code t.em}, {@code bias} added to every mention tag's. */
    private List<Prediction> decode(SequencePacking p, List<float[][]> vectors, float bias, Decoding decoding) {
        int n = vectors.size();
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
            if (bias != 0) {
                for (float[] row : e) for (int k = 1; k < row.length; k++) row[k] += bias; // tag 0 is O
            }
            double[][] marginals = t.crf.marginals(e);
            int[] path = decoding == Decoding.POSTERIOR ? t.crf.posteriorPathOf(marginals) : t.crf.viterbi(e);
            double[] tokenConf = SpanConfidence.tokenConfidences(marginals, path);
            List<Span> spans = t.tags().decode(path);
            double[] spanConf = new double[spans.size()];
            for (int i = 0; i < spans.size(); i++) {
                spanConf[i] = SpanConfidence.spanConfidence(tokenConf, spans.get(i).start(), spans.get(i).end());
            }
            out.add(new Prediction(path, spans, spanConf, tokenConf));
        }
        return out;
    }

    /** The same network as {@link #emissions} on the CPU, as backend calls; the emissions come back to the host. */
    private SequencePacking emissionsOnDevice(List<float[][]> vectors, Backend b) {
        SequencePacking p = t.pack(vectors, null);
        int tokens = p.totalTokens(), h = t.hyperParameters().hidden(), k = t.outputs(); // a Flair CRF's width
        int uppers = t.upper.size() / 2;
        t.em.ensure((long) Math.max(1, tokens) * k);
        if (tokens > 0) {
            synchronized (b) {
                if (b != devBackend) {
                    devForward = new DeviceLstm(t.lstmForward);
                    devBackward = new DeviceLstm(t.lstmBackward);
                    devUpper = t.upper.stream().map(DeviceLstm::new).toList();
                    dx = dproj = dstates = dem = devBetween[0] = devBetween[1] = null;
                    devBackend = b;
                }
                int d = folded.in(), w = folded.width();
                dx = b.grow(dx, (long) tokens * d);
                dproj = b.grow(dproj, (long) tokens * w);
                dstates = b.grow(dstates, (long) tokens * 2 * h);
                dem = b.grow(dem, (long) tokens * k);
                b.upload(t.x, 0, dx, 0, (long) tokens * d);
                folded.apply(b, dx, tokens, dproj);
                Backend.Ints fwdRows = b.ints(DeviceLstm.tokenRows(p, false));
                Backend.Ints bwdRows = b.ints(DeviceLstm.tokenRows(p, true));
                try {
                    Backend.Floats y = dstates;
                    if (uppers > 0) y = devBetween[0] = b.grow(devBetween[0], (long) tokens * 2 * h);
                    devForward.forwardProjected(b, p, fwdRows, dproj, w, folded.offset(0), y, 2 * h, 0);
                    devBackward.forwardProjected(b, p, bwdRows, dproj, w, folded.offset(1), y, 2 * h, h);
                    for (int u = 0; u < uppers; u++) { // a stacked BiLSTM: each layer reads the states below it
                        Backend.Floats x = y;
                        y = u + 1 == uppers ? dstates : (devBetween[(u + 1) % 2] = b.grow(devBetween[(u + 1) % 2], (long) tokens * 2 * h));
                        devUpper.get(2 * u).forward(b, p, fwdRows, x, y, 2 * h, 0);
                        devUpper.get(2 * u + 1).forward(b, p, bwdRows, x, y, 2 * h, h);
                    }
                    t.output.forward(b, dstates, tokens, dem);
                    b.download(dem, 0, t.em, 0, (long) tokens * k);
                } finally {
                    fwdRows.release();
                    bwdRows.release();
                }
            }
        }
        return p;
    }
}
