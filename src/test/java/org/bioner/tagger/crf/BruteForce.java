package org.bioner.tagger.crf;

/** Reference computations by enumerating all K^T tag paths, independent of the CRF's recursions. */
final class BruteForce {

    final int k;
    final int t;
    final double[] params;
    final double[][] emissions;

    BruteForce(double[] params, double[][] emissions) {
        this.t = emissions.length;
        this.k = emissions[0].length;
        this.params = params;
        this.emissions = emissions;
    }

    double score(int[] y) {
        double s = params[k * k + y[0]] + params[k * k + k + y[t - 1]];
        for (int i = 0; i < t; i++) {
            s += emissions[i][y[i]];
            if (i > 0) s += params[y[i - 1] * k + y[i]];
        }
        return s;
    }

    /** Calls visitor for every path (the array is reused). */
    void forEachPath(java.util.function.Consumer<int[]> visitor) {
        int[] y = new int[t];
        while (true) {
            visitor.accept(y);
            int i = t - 1;
            while (i >= 0 && ++y[i] == k) {
                y[i] = 0;
                i--;
            }
            if (i < 0) return;
        }
    }

    double logPartition() {
        double[] max = {Double.NEGATIVE_INFINITY};
        forEachPath(y -> max[0] = Math.max(max[0], score(y)));
        double[] sum = {0};
        forEachPath(y -> sum[0] += Math.exp(score(y) - max[0]));
        return max[0] + Math.log(sum[0]);
    }

    int[] best() {
        double[] best = {Double.NEGATIVE_INFINITY};
        int[][] arg = {null};
        forEachPath(y -> {
            double s = score(y);
            if (s > best[0]) {
                best[0] = s;
                arg[0] = y.clone();
            }
        });
        return arg[0];
    }

    double[][] marginals() {
        double logZ = logPartition();
        double[][] m = new double[t][k];
        forEachPath(y -> {
            double p = Math.exp(score(y) - logZ);
            for (int i = 0; i < t; i++) m[i][y[i]] += p;
        });
        return m;
    }

    /** True when the path uses no start, transition or stop pinned at {@link LinearChainCrf#FORBIDDEN}. */
    boolean allowed(int[] y) {
        if (params[k * k + y[0]] == LinearChainCrf.FORBIDDEN || params[k * k + k + y[t - 1]] == LinearChainCrf.FORBIDDEN) return false;
        for (int i = 1; i < t; i++) if (params[y[i - 1] * k + y[i]] == LinearChainCrf.FORBIDDEN) return false;
        return true;
    }

    /** The allowed path with the highest sum of marginals. */
    int[] posteriorBest() {
        double[][] m = marginals();
        double[] best = {Double.NEGATIVE_INFINITY};
        int[][] arg = {null};
        forEachPath(y -> {
            if (!allowed(y)) return;
            double s = 0;
            for (int i = 0; i < t; i++) s += m[i][y[i]];
            if (s > best[0]) {
                best[0] = s;
                arg[0] = y.clone();
            }
        });
        return arg[0];
    }
}
