package org.bioner.embeddings.glove;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/** Cosine nearest neighbours over a {@link WordVectors} table (rows are normalised once, up front). */
public final class NearestNeighbours {

    private final WordVectors vectors;
    private final float[] unit;

    public NearestNeighbours(WordVectors vectors) {
        this.vectors = vectors;
        int d = vectors.dimension();
        float[] src = vectors.data();
        unit = new float[src.length];
        for (int r = 0; r < vectors.size(); r++) {
            double norm = 0;
            for (int k = 0; k < d; k++) norm += (double) src[r * d + k] * src[r * d + k];
            float inv = norm > 0 ? (float) (1 / Math.sqrt(norm)) : 0f;
            for (int k = 0; k < d; k++) unit[r * d + k] = src[r * d + k] * inv;
        }
    }

    public record Neighbour(String word, double cosine) { }

    /** The {@code k} rows most similar to {@code row} (itself excluded), best first. */
    public List<Neighbour> of(int row, int k) {
        int d = vectors.dimension();
        PriorityQueue<double[]> best = new PriorityQueue<>((x, y) -> Double.compare(x[0], y[0]));
        for (int r = 0; r < vectors.size(); r++) {
            if (r == row) continue;
            double dot = 0;
            for (int i = 0; i < d; i++) dot += unit[row * d + i] * unit[r * d + i];
            if (best.size() < k) {
                best.add(new double[] {dot, r});
            } else if (dot > best.peek()[0]) {
                best.poll();
                best.add(new double[] {dot, r});
            }
        }
        List<Neighbour> out = new ArrayList<>();
        while (!best.isEmpty()) {
            double[] e = best.poll();
            out.add(0, new Neighbour(vectors.word((int) e[1]), e[0]));
        }
        return out;
    }

    /** Cosine similarity of two rows. */
    public double cosine(int a, int b) {
        int d = vectors.dimension();
        double dot = 0;
        for (int i = 0; i < d; i++) dot += unit[a * d + i] * unit[b * d + i];
        return dot;
    }
}
