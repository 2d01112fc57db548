package org.bioner.nn;

import java.util.Arrays;
import java.util.Comparator;

/**
 * The layout of a batch of variable-length sequences, as PyTorch packs them. Token rows are stored
 * sequence after sequence in input order ("token order": sequence {@code s} occupies rows
 * {@code start(s) .. start(s) + length(s)}), with no padding. An LSTM runs in "step order": the sequences
 * sorted by descending length, so at step {@code t} the {@code active(t)} still-running ones are a prefix,
 * and their rows {@code stepOffset(t) .. stepOffset(t) + active(t)} are contiguous (one gemm per step).
 * {@link #tokenRow} maps a step-order row to the token row it reads, forwards or with every sequence
 * reversed within its own length (the backward direction of a BiLSTM).
 */
public final class SequencePacking {

    private final int[] lengths;
    private final int[] starts;
    private final int total;
    private final int[] active;
    private final int[] stepOffsets;
    private final int[] forwardRows;
    private final int[] reversedRows;
    private final int[] order;

    public SequencePacking(int[] lengths) {
        this.lengths = lengths.clone();
        int n = lengths.length;
        starts = new int[n];
        int sum = 0;
        for (int s = 0; s < n; s++) {
            if (lengths[s] < 0) throw new IllegalArgumentException("negative length " + lengths[s]);
            starts[s] = sum;
            sum += lengths[s];
        }
        total = sum;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Arrays.sort(order, Comparator.comparingInt((Integer i) -> -lengths[i])); // stable: ties keep input order
        this.order = new int[n];
        for (int i = 0; i < n; i++) this.order[i] = order[i];
        int steps = n == 0 ? 0 : lengths[order[0]];
        active = new int[steps];
        stepOffsets = new int[steps + 1];
        forwardRows = new int[total];
        reversedRows = new int[total];
        int k = 0;
        for (int t = 0; t < steps; t++) {
            stepOffsets[t] = k;
            int a = 0;
            while (a < n && lengths[order[a]] > t) {
                int s = order[a];
                forwardRows[k] = starts[s] + t;
                reversedRows[k] = starts[s] + lengths[s] - 1 - t;
                a++;
                k++;
            }
            active[t] = a;
        }
        stepOffsets[steps] = k;
    }

    public int sequences() {
        return lengths.length;
    }

    public int length(int s) {
        return lengths[s];
    }

    /** First token row of sequence {@code s}. */
    public int start(int s) {
        return starts[s];
    }

    /** All tokens of the batch. */
    public int totalTokens() {
        return total;
    }

    /** Time steps (the longest length). */
    public int steps() {
        return active.length;
    }

    /** Sequences still running at step {@code t}. */
    public int active(int t) {
        return active[t];
    }

    /** First step-order row of step {@code t}. */
    public int stepOffset(int t) {
        return stepOffsets[t];
    }

    /** The token row that step-order row {@code k} reads (and writes). */
    public int tokenRow(int k, boolean reversed) {
        return reversed ? reversedRows[k] : forwardRows[k];
    }

    /**
     * The sequence at rank {@code r} of step order (sorted by descending length): step {@code t}'s
     * row {@code stepOffset(t) + r} belongs to it while {@code r < active(t)}.
     */
    public int sequenceAt(int r) {
        return order[r];
    }

    /** Most sequences active at once. */
    public int maxActive() {
        return active.length == 0 ? 0 : active[0];
    }
}
