package org.bioner.embeddings.flair.training;

/**
 * SplitMix64: a tiny random generator whose whole state is one {@code long}, so that a checkpoint can
 * save it and a resumed run draws exactly the numbers the uninterrupted run would have drawn
 * ({@link java.util.Random} hides its state).
 */
public final class TrainingRandom {

    private long state;

    public TrainingRandom(long seed) {
        this.state = seed;
    }

    public long state() {
        return state;
    }

    public void setState(long s) {
        this.state = s;
    }

    public long nextLong() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, 1) with 24 random bits. */
    public float nextFloat() {
        return (nextLong() >>> 40) * 0x1.0p-24f;
    }

    /** Uniform in [0, bound). */
    public int nextInt(int bound) {
        if (bound <= 0) throw new IllegalArgumentException("bound must be positive");
        return (int) Long.remainderUnsigned(nextLong(), bound);
    }
}
