package org.bioner.tagger.crf;

import java.util.Random;

/**
 * Measures CRF throughput on random emissions: NLL + gradients (training) and Viterbi + marginals (tagging),
 * for one "epoch" of a given number of tokens. Usage:
 * {@code java -cp target/classes:target/test-classes org.bioner.tagger.crf.CrfBenchmark [tokens=135000] [numTags=5] [sentenceLength=25]}
 * (a test-scope tool: it is not part of the shipped jar)
 */
public final class CrfBenchmark {

    private CrfBenchmark() {
    }

    public static void main(String[] args) {
        int tokens = args.length > 0 ? Integer.parseInt(args[0]) : 135_000;
        int k = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int len = args.length > 2 ? Integer.parseInt(args[2]) : 25;
        int sentences = Math.max(1, tokens / len);
        Random r = new Random(0);
        float[][][] emissions = new float[64][len][k];
        int[][] golds = new int[64][len];
        for (int s = 0; s < 64; s++) {
            for (int t = 0; t < len; t++) {
                for (int j = 0; j < k; j++) emissions[s][t][j] = (float) r.nextGaussian();
                golds[s][t] = r.nextInt(k);
            }
        }
        LinearChainCrf crf = new LinearChainCrf(k, 1);
        float[][] gradE = new float[len][k];
        for (int round = 0; round < 3; round++) { // round 0 is JIT warm-up
            double sink = 0;
            long t0 = System.nanoTime();
            for (int s = 0; s < sentences; s++) {
                sink += crf.negLogLikelihood(emissions[s & 63], golds[s & 63], gradE);
            }
            long t1 = System.nanoTime();
            for (int s = 0; s < sentences; s++) {
                sink += crf.viterbi(emissions[s & 63])[0] + crf.marginals(emissions[s & 63])[0][0];
            }
            long t2 = System.nanoTime();
            System.out.printf("round %d: %d sentences x %d tokens, K=%d: NLL+grad %.1f ms (%.0f tokens/s), "
                            + "Viterbi+marginals %.1f ms (%.0f tokens/s)  [%s]%n",
                    round, sentences, len, k, (t1 - t0) / 1e6, sentences * (double) len / ((t1 - t0) / 1e9),
                    (t2 - t1) / 1e6, sentences * (double) len / ((t2 - t1) / 1e9), sink != 0 ? "ok" : "?");
        }
    }
}
