package org.bioner.training;

import org.bioner.tagger.SequenceTagger.HyperParameters;

/**
 * Flair's training recipe: SGD with learning rate {@code lr}, mini-batches of {@code batchSize} (loss
 * summed over the batch), global gradient-norm clipping at {@code clipNorm}, learning rate times
 * {@code annealFactor} when dev F1 has not improved for more than {@code patience} epochs, stop when
 * the rate falls below {@code minLr} or after {@code maxEpochs}.
 */
public record TrainerConfig(float lr, int batchSize, int maxEpochs, int patience, float annealFactor, float minLr,
                            float clipNorm, long seed, HyperParameters network, long cacheMemoryBytes) {

    public static TrainerConfig flairDefaults() {
        return new TrainerConfig(0.1f, 32, 100, 3, 0.5f, 1e-4f, 5.0f, 1, HyperParameters.flairDefaults(),
                Runtime.getRuntime().maxMemory() / 3);
    }

    public TrainerConfig withMaxEpochs(int n) {
        return new TrainerConfig(lr, batchSize, n, patience, annealFactor, minLr, clipNorm, seed, network, cacheMemoryBytes);
    }

    public TrainerConfig withSeed(long s) {
        return new TrainerConfig(lr, batchSize, maxEpochs, patience, annealFactor, minLr, clipNorm, s, network, cacheMemoryBytes);
    }

    public TrainerConfig withNetwork(HyperParameters hp) {
        return new TrainerConfig(lr, batchSize, maxEpochs, patience, annealFactor, minLr, clipNorm, seed, hp, cacheMemoryBytes);
    }

    public TrainerConfig withLr(float l) {
        return new TrainerConfig(l, batchSize, maxEpochs, patience, annealFactor, minLr, clipNorm, seed, network, cacheMemoryBytes);
    }

    public TrainerConfig withBatchSize(int b) {
        return new TrainerConfig(lr, b, maxEpochs, patience, annealFactor, minLr, clipNorm, seed, network, cacheMemoryBytes);
    }

    public TrainerConfig withMinLr(float m) {
        return new TrainerConfig(lr, batchSize, maxEpochs, patience, annealFactor, m, clipNorm, seed, network, cacheMemoryBytes);
    }

    public TrainerConfig withCacheMemoryBytes(long bytes) {
        return new TrainerConfig(lr, batchSize, maxEpochs, patience, annealFactor, minLr, clipNorm, seed, network, bytes);
    }
}
