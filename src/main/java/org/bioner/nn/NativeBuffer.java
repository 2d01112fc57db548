package org.bioner.nn;

import java.nio.FloatBuffer;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;

/**
 * A growable block of native floats that BLAS reads and writes directly ({@link #at}) and Java loops read
 * and write through bulk copies ({@link #get}, {@link #put}). Growing discards the contents; buffers are
 * sized once per batch shape, so nothing is allocated per time step.
 */
public final class NativeBuffer {

    private FloatPointer pointer;
    private FloatBuffer buffer;
    private int capacity;

    public NativeBuffer(int size) {
        allocate(Math.max(1, size));
    }

    private void allocate(int size) {
        if (pointer != null) pointer.close();
        pointer = new FloatPointer((long) size);
        Pointer.memset(pointer, 0, 4L * size);
        buffer = pointer.asBuffer();
        capacity = size;
    }

    /** Makes room for at least {@code size} floats (growing by half again, contents lost on growth). */
    public NativeBuffer ensure(long size) {
        if (size > Integer.MAX_VALUE) throw new IllegalArgumentException("buffer of " + size + " floats is too large");
        if (size > capacity) allocate((int) Math.min(Integer.MAX_VALUE, Math.max(size, capacity + (long) capacity / 2)));
        return this;
    }

    public int capacity() {
        return capacity;
    }

    /** The native address of element {@code offset}, for BLAS. */
    public FloatPointer at(long offset) {
        return offset == 0 ? pointer : pointer.getPointer(offset);
    }

    public FloatBuffer buffer() {
        return buffer;
    }

    public float get(int i) {
        return buffer.get(i);
    }

    public void set(int i, float v) {
        buffer.put(i, v);
    }

    /** Copies {@code n} floats from {@code offset} into {@code dst[0..n)}. */
    public void get(int offset, float[] dst, int n) {
        buffer.get(offset, dst, 0, n);
    }

    /** Copies {@code src[0..n)} to {@code offset}. */
    public void put(int offset, float[] src, int n) {
        buffer.put(offset, src, 0, n);
    }

    /** Zeroes the first {@code n} floats. */
    public void zero(long n) {
        Pointer.memset(pointer, 0, 4L * n);
    }

    /** Copies {@code n} floats from {@code src[srcOffset..]} to {@code dst[dstOffset..]} (native memcpy). */
    public static void copy(NativeBuffer src, long srcOffset, NativeBuffer dst, long dstOffset, long n) {
        if (n > 0) Pointer.memcpy(dst.at(dstOffset), src.at(srcOffset), 4L * n);
    }

    /** A copy of the first {@code n} floats. */
    public float[] toArray(int n) {
        float[] a = new float[n];
        buffer.get(0, a, 0, n);
        return a;
    }
}
