package org.bioner.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** The folded inference path gives the states of linear layer -> BiLSTM computed layer by layer. */
class FoldedProjectionTest {

    private static float[] layerByLayer(LinearLayer pre, LstmLayer f, LstmLayer b, SequencePacking p, NativeBuffer x) {
        int n = p.totalTokens(), h = f.hiddenSize();
        NativeBuffer xr = new NativeBuffer(n * pre.out());
        pre.forward(x, n, xr);
        NativeBuffer y = new NativeBuffer(n * 2 * h);
        f.forward(p, false, xr, y, 2 * h, 0);
        b.forward(p, true, xr, y, 2 * h, h);
        return y.toArray(n * 2 * h);
    }

    private static float[] folded(FoldedProjection fp, LstmLayer f, LstmLayer b, SequencePacking p, NativeBuffer x) {
        int n = p.totalTokens(), h = f.hiddenSize();
        NativeBuffer proj = new NativeBuffer(n * fp.width());
        fp.apply(x, n, proj);
        NativeBuffer y = new NativeBuffer(n * 2 * h);
        f.forwardProjected(p, false, proj, fp.width(), fp.offset(0), y, 2 * h, 0);
        b.forwardProjected(p, true, proj, fp.width(), fp.offset(1), y, 2 * h, h);
        return y.toArray(n * 2 * h);
    }

    @Test
    void foldedInferenceEqualsLayerByLayerAndFollowsParameterChanges() {
        Random r = new Random(4);
        int d = 7, h = 4;
        LinearLayer pre = LinearLayer.init("pre", d, d, r);
        LstmLayer f = LstmLayer.init("f", d, h, r);
        LstmLayer b = LstmLayer.init("b", d, h, r);
        SequencePacking p = new SequencePacking(new int[] {3, 5, 1});
        NativeBuffer x = new NativeBuffer(p.totalTokens() * d);
        for (int i = 0; i < p.totalTokens() * d; i++) x.set(i, (float) r.nextGaussian());
        FoldedProjection fp = new FoldedProjection(pre, f, b);
        assertEquals(8 * h, fp.width());
        for (int round = 0; round < 2; round++) {
            float[] want = layerByLayer(pre, f, b, p, x);
            float[] got = folded(fp, f, b, p, x);
            for (int i = 0; i < want.length; i++) assertEquals(want[i], got[i], 1e-5, "round " + round + " state " + i);
            // change every parameter: the folded weights must follow
            for (Param q : new Param[] {pre.weight(), pre.bias(), f.weightIh(), b.bias()}) {
                float[] v = q.values();
                for (int i = 0; i < v.length; i++) v[i] += 0.3f * (float) r.nextGaussian();
                q.setValues(v);
            }
        }
    }
}
