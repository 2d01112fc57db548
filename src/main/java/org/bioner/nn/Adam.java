package org.bioner.nn;

import java.nio.FloatBuffer;
import java.util.List;

/**
 * PyTorch's {@code torch.optim.Adam} (no weight decay, no amsgrad), step for step in float32 with the same
 * order of operations: {@code m = b1 m + (1-b1) g; v = b2 v + (1-b2) g^2;
 * p -= lr / (1 - b1^t) * m / (sqrt(v) / sqrt(1 - b2^t) + eps)}. The moments and the step count are its state,
 * exposed for checkpoints.
 */
public final class Adam {

    private final List<Param> params;
    private final float beta1;
    private final float beta2;
    private final float eps;
    private final float[][] m;
    private final float[][] v;
    private long steps;

    public Adam(List<Param> params) {
        this(params, 0.9f, 0.999f, 1e-8f);
    }

    public Adam(List<Param> params, float beta1, float beta2, float eps) {
        this.params = List.copyOf(params);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        m = new float[params.size()][];
        v = new float[params.size()][];
        for (int i = 0; i < params.size(); i++) {
            m[i] = new float[params.get(i).size()];
            v[i] = new float[params.get(i).size()];
        }
    }

    /** One update of every parameter from its current gradient. */
    public void step(float lr) {
        steps++;
        double bc1 = 1 - Math.pow(beta1, steps);
        double bc2 = 1 - Math.pow(beta2, steps);
        float stepSize = (float) (lr / bc1);
        float bc2Sqrt = (float) Math.sqrt(bc2);
        float a1 = 1 - beta1, a2 = 1 - beta2;
        for (int i = 0; i < params.size(); i++) {
            Param p = params.get(i);
            FloatBuffer val = p.value.buffer();
            FloatBuffer gr = p.grad.buffer();
            float[] mi = m[i], vi = v[i];
            for (int j = 0; j < mi.length; j++) {
                float g = gr.get(j);
                mi[j] = mi[j] * beta1 + a1 * g;
                vi[j] = vi[j] * beta2 + a2 * g * g;
                float denom = (float) Math.sqrt(vi[j]) / bc2Sqrt + eps;
                val.put(j, val.get(j) - stepSize * (mi[j] / denom));
            }
            p.touched();
        }
    }

    public long steps() {
        return steps;
    }

    /** First moment of parameter {@code i} (live: checkpoints read and restore it). */
    public float[] firstMoment(int i) {
        return m[i];
    }

    /** Second moment of parameter {@code i} (live). */
    public float[] secondMoment(int i) {
        return v[i];
    }

    /** Restores the state saved from {@link #steps}, {@link #firstMoment}, {@link #secondMoment}. */
    public void restore(long steps, float[][] first, float[][] second) {
        if (first.length != m.length || second.length != v.length) throw new IllegalArgumentException("moments for " + first.length + " parameters, expected " + m.length);
        for (int i = 0; i < m.length; i++) {
            if (first[i].length != m[i].length || second[i].length != v[i].length) {
                throw new IllegalArgumentException("moment size mismatch for " + params.get(i).name());
            }
            System.arraycopy(first[i], 0, m[i], 0, m[i].length);
            System.arraycopy(second[i], 0, v[i], 0, v[i].length);
        }
        this.steps = steps;
    }
}
