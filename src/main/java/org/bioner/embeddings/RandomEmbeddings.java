package org.bioner.embeddings;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A fixed pseudo-random N(0,1) vector per token string, seeded by a hash of the string and a global
 * seed: the same token always gets the same vector, in any JVM. It stands in for precomputed embeddings
 * in tests and benchmarks (as the PyTorch reference's random per-type vectors do). Spec:
 * {@code random:DIM} or {@code random:DIM:seed=S}.
 */
public final class RandomEmbeddings implements TokenEmbeddings {

    private final int dimension;
    private final long seed;

    public RandomEmbeddings(int dimension, long seed) {
        if (dimension <= 0) {
            throw new IllegalArgumentException("random embeddings need a positive dimension, got " + dimension);
        }
        this.dimension = dimension;
        this.seed = seed;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    /** The vector of one token (deterministic). */
    public float[] vector(String token) {
        SplittableRandom rnd = new SplittableRandom(hash(token) ^ (seed * 0x9E3779B97F4A7C15L));
        float[] v = new float[dimension];
        for (int i = 0; i < dimension; i += 2) {
            // Box-Muller: two normal deviates per pair of uniforms
            double u1 = 1.0 - rnd.nextDouble();
            double u2 = rnd.nextDouble();
            double r = Math.sqrt(-2.0 * Math.log(u1));
            v[i] = (float) (r * Math.cos(2 * Math.PI * u2));
            if (i + 1 < dimension) v[i + 1] = (float) (r * Math.sin(2 * Math.PI * u2));
        }
        return v;
    }

    @Override
    public List<float[][]> embed(List<List<String>> sentences) {
        List<float[][]> out = new ArrayList<>(sentences.size());
        for (List<String> s : sentences) {
            float[][] m = new float[s.size()][];
            for (int t = 0; t < m.length; t++) m[t] = vector(s.get(t));
            out.add(m);
        }
        return out;
    }

    @Override
    public String describe() {
        return "random:" + dimension + ":seed=" + seed;
    }

    /** FNV-1a over UTF-8 bytes: stable across JVMs (unlike String.hashCode's 32 bits it spreads to 64). */
    static long hash(String token) {
        long h = 0xcbf29ce484222325L;
        for (byte b : token.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }
}
