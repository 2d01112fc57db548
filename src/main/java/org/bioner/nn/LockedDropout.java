package org.bioner.nn;

import java.util.Random;

/**
 * Locked (variational) dropout over packed sequences, as Flair's {@code LockedDropout}: one mask per sequence
 * and feature, the same at every time step, each feature kept with probability {@code 1 - p} and then scaled
 * by {@code 1 / (1 - p)}. A mask takes exactly {@code width} draws from the caller's {@link Random}, feature
 * after feature, so a training run stays reproducible; the backward pass multiplies the gradient rows by the
 * same masks ({@link #apply} in place).
 */
public final class LockedDropout {

    private final float p;
    private final float scale;

    public LockedDropout(float p) {
        this.p = p;
        this.scale = 1f / (1f - p);
    }

    /** Draws one sequence's mask into {@code mask} (its length is the width): 0 or {@code 1 / (1 - p)}. */
    public void drawMask(Random rng, float[] mask) {
        for (int f = 0; f < mask.length; f++) mask[f] = rng.nextFloat() < p ? 0f : scale;
    }

    /** One mask per sequence of the packing, drawn sequence after sequence. */
    public float[][] drawMasks(Random rng, int sequences, int width) {
        float[][] masks = new float[sequences][width];
        for (float[] m : masks) drawMask(rng, m);
        return masks;
    }

    /**
     * {@code dst[row] = src[row] * masks[b]} for every token row of every sequence {@code b} of the packing
     * (token-order rows of {@code width} floats); {@code src} may be {@code dst}.
     */
    public static void apply(SequencePacking packing, float[][] masks, NativeBuffer src, NativeBuffer dst, int width) {
        float[] row = new float[width];
        for (int b = 0; b < masks.length; b++) {
            float[] mask = masks[b];
            for (int t = 0; t < packing.length(b); t++) {
                int base = (packing.start(b) + t) * width;
                src.get(base, row, width);
                for (int f = 0; f < width; f++) row[f] *= mask[f];
                dst.put(base, row, width);
            }
        }
    }
}
