package org.bioner.embeddings.flair.training;

import org.bioner.nn.NativeBuffer;

/** The LSTM state {@code h, c} of {@code streams} parallel character streams, per layer ({@code [streams, H]} each). */
public final class LmState {

    final int streams;
    final int hidden;
    final NativeBuffer[] h;
    final NativeBuffer[] c;

    public LmState(int layers, int streams, int hidden) {
        this.streams = streams;
        this.hidden = hidden;
        h = new NativeBuffer[layers];
        c = new NativeBuffer[layers];
        for (int l = 0; l < layers; l++) {
            h[l] = new NativeBuffer(streams * hidden);
            c[l] = new NativeBuffer(streams * hidden);
        }
    }

    public int layers() {
        return h.length;
    }

    public int streams() {
        return streams;
    }

    /** Back to zeros (the start of an epoch). */
    public void reset() {
        for (int l = 0; l < h.length; l++) {
            h[l].zero((long) streams * hidden);
            c[l].zero((long) streams * hidden);
        }
    }

    public float[] h(int layer) {
        return h[layer].toArray(streams * hidden);
    }

    public float[] c(int layer) {
        return c[layer].toArray(streams * hidden);
    }

    public void set(int layer, float[] hv, float[] cv) {
        if (hv.length != streams * hidden || cv.length != streams * hidden) {
            throw new IllegalArgumentException("state of " + hv.length + " values, expected " + streams * hidden);
        }
        h[layer].put(0, hv, hv.length);
        c[layer].put(0, cv, cv.length);
    }

    public LmState copy() {
        LmState s = new LmState(h.length, streams, hidden);
        for (int l = 0; l < h.length; l++) s.set(l, h(l), c(l));
        return s;
    }
}
