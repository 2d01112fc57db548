package org.bioner.tagger;

import java.util.Random;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** A fully connected layer {@code y = x W + b} on rows (ND4J), with its gradients, for the parts of the tagger done by hand. */
final class LinearLayer {

    final INDArray w;   // [in, out]
    final INDArray b;   // [1, out]
    private INDArray gradW;
    private INDArray gradB;

    LinearLayer(INDArray w, INDArray b) {
        if (w.rank() != 2 || b.length() != w.size(1)) {
            throw new IllegalArgumentException("linear layer shapes " + java.util.Arrays.toString(w.shape()) + " / " + b.length());
        }
        this.w = w;
        this.b = b.reshape('c', 1, w.size(1));
    }

    /** PyTorch's nn.Linear initialisation: weights and bias U(-1/sqrt(in), 1/sqrt(in)). */
    static LinearLayer init(int in, int out, Random r) {
        float bound = (float) (1.0 / Math.sqrt(in));
        float[] w = new float[in * out];
        for (int i = 0; i < w.length; i++) w[i] = (r.nextFloat() * 2 - 1) * bound;
        float[] b = new float[out];
        for (int i = 0; i < out; i++) b[i] = (r.nextFloat() * 2 - 1) * bound;
        return new LinearLayer(Nd4j.createFromArray(w).reshape('c', in, out), Nd4j.createFromArray(b).reshape('c', 1, out));
    }

    int in() {
        return (int) w.size(0);
    }

    int out() {
        return (int) w.size(1);
    }

    /** [N, in] -> [N, out]. */
    INDArray forward(INDArray x) {
        return x.mmul(w).addiRowVector(b);
    }

    /** Stores the gradients for input {@code x} and output gradient {@code dy}; returns dL/dx when asked. */
    INDArray backward(INDArray x, INDArray dy, boolean inputGradient) {
        gradW = x.transpose().mmul(dy);
        gradB = dy.sum(true, 0);
        return inputGradient ? dy.mmul(w.transpose()) : null;
    }

    INDArray gradW() {
        return gradW;
    }

    double gradientSquaredNorm() {
        double a = gradW.norm2Number().doubleValue(), c = gradB.norm2Number().doubleValue();
        return a * a + c * c;
    }

    void applySgd(float step) {
        w.subi(gradW.mul(step));
        b.subi(gradB.mul(step));
    }

    float[] weights() {
        return w.dup('c').data().asFloat();
    }

    float[] bias() {
        return b.dup('c').data().asFloat();
    }
}
