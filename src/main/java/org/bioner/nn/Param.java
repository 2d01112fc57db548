package org.bioner.nn;

import java.util.Arrays;

/** A trainable tensor (row-major, in native memory) and its gradient of the same shape. */
public final class Param {

    private final String name;
    private final int[] shape;
    private final int size;
    final NativeBuffer value;
    final NativeBuffer grad;
    private long version;

    public Param(String name, int... shape) {
        this.name = name;
        this.shape = shape.clone();
        int n = 1;
        for (int d : shape) n = Math.multiplyExact(n, d);
        this.size = n;
        this.value = new NativeBuffer(n);
        this.grad = new NativeBuffer(n);
    }

    public String name() {
        return name;
    }

    public int[] shape() {
        return shape.clone();
    }

    public int size() {
        return size;
    }

    public float get(int i) {
        return value.get(i);
    }

    public void set(int i, float v) {
        version++;
        value.set(i, v);
    }

    /** Counts the writes to the values: lets callers cache things derived from them. */
    public long version() {
        return version;
    }

    public float gradient(int i) {
        return grad.get(i);
    }

    public float[] values() {
        return value.toArray(size);
    }

    public float[] gradients() {
        return grad.toArray(size);
    }

    public void setValues(float[] v) {
        if (v.length != size) {
            throw new IllegalArgumentException(name + ": " + v.length + " values for shape " + Arrays.toString(shape));
        }
        version++;
        value.put(0, v, size);
    }

    /** Sets the gradient (e.g. one accumulated outside a layer, as for an embedding table). */
    public void setGradients(float[] g) {
        if (g.length != size) {
            throw new IllegalArgumentException(name + ": " + g.length + " gradients for shape " + Arrays.toString(shape));
        }
        grad.put(0, g, size);
    }

    /** {@code grad *= s} (gradient-norm clipping). */
    public void scaleGradients(float s) {
        Blas.scal(size, s, grad);
    }

    void touched() {
        version++;
    }

    public double gradientSquaredNorm() {
        return Blas.squaredNorm(size, grad);
    }

    /** {@code value -= step * grad}. */
    public void sgd(float step) {
        version++;
        Blas.axpy(size, -step, grad, value);
    }

    /**
     * {@code value = (1 - weight) value + weight source.value}: moves these values toward another tensor of the same
     * shape (a running average of a training network's weights, {@code tagger.WeightAverage}).
     */
    public void blendFrom(Param source, float weight) {
        if (source.size != size) {
            throw new IllegalArgumentException(name + ": blending " + source.size + " values into " + size);
        }
        version++;
        Blas.scal(size, 1f - weight, value);
        Blas.axpy(size, weight, source.value, value);
    }

    /** Uniform initialisation in {@code [-bound, bound)}. */
    public void initUniform(java.util.Random r, float bound) {
        float[] v = new float[size];
        for (int i = 0; i < size; i++) v[i] = (r.nextFloat() * 2 - 1) * bound;
        setValues(v);
    }
}
