package org.bioner.embeddings.glove;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class GloveTrainerTest {

    @Test
    void weightingFunction() {
        assertEquals(Math.pow(0.5, 0.75), GloveTrainer.weight(50, 100, 0.75), 1e-12);
        assertEquals(1.0, GloveTrainer.weight(100, 100, 0.75));
        assertEquals(1.0, GloveTrainer.weight(1000, 100, 0.75));
    }

    /** One AdaGrad step on one cell, against the formulas of glove.c written out by hand. */
    @Test
    void singleUpdateMatchesGloveC() {
        var cfg = new GloveTrainer.Config(2, 100, 0.75, 0.05, 3);
        GloveTrainer t = new GloveTrainer(2, cfg);
        float[] w0 = t.w.clone(), wt0 = t.wt.clone(), b0 = t.b.clone(), bt0 = t.bt.clone();
        float x = 10f;
        Cooccurrences m = new Cooccurrences(new int[] {0}, new int[] {1}, new float[] {x});
        double meanCost = t.epoch(m, null);

        double f = Math.pow(x / 100.0, 0.75);
        // first update: word 0, context 1
        double diff = w0[0] * wt0[2] + w0[1] * wt0[3] + b0[0] + bt0[1] - Math.log(x);
        double step = 0.05 * f * diff;
        double[] w0a = {w0[0] - step * wt0[2], w0[1] - step * wt0[3]}; // gradsq starts at 1
        double[] wt1a = {wt0[2] - step * w0[0], wt0[3] - step * w0[1]};
        double b0a = b0[0] - step, bt1a = bt0[1] - step;
        double cost1 = 0.5 * f * diff * diff;
        // second update: word 1, context 0 (untouched rows so far)
        double diff2 = w0[2] * wt0[0] + w0[3] * wt0[1] + b0[1] + bt0[0] - Math.log(x);
        double step2 = 0.05 * f * diff2;
        double cost2 = 0.5 * f * diff2 * diff2;

        assertEquals(w0a[0], t.w[0], 1e-6);
        assertEquals(w0a[1], t.w[1], 1e-6);
        assertEquals(wt1a[0], t.wt[2], 1e-6);
        assertEquals(wt1a[1], t.wt[3], 1e-6);
        assertEquals(b0a, t.b[0], 1e-6);
        assertEquals(bt1a, t.bt[1], 1e-6);
        assertEquals(1 + step * step, t.gb[0], 1e-6);
        assertEquals(1 + step * wt0[2] * step * wt0[2], t.gw[0], 1e-6);
        assertEquals(w0[2] - step2 * wt0[0], t.w[2], 1e-6);
        assertEquals((cost1 + cost2) / 2, meanCost, 1e-6);
        // W + W~
        assertEquals(t.w[0] + t.wt[0], t.wordVectors()[0], 0f);
    }

    @Test
    void dotAndAdagradKernels() {
        float[] x = new float[13], y = new float[13];
        double want = 0;
        for (int i = 0; i < 13; i++) {
            x[i] = i * 0.5f - 2;
            y[i] = 1 - i * 0.25f;
            want += x[i] * y[i];
        }
        assertEquals(want, GloveTrainer.dot(x, y, new float[13], 13), 1e-5);
    }

    /**
     * Synthetic corpus: "cat" and "dog" appear only among animal context words, "car" and "truck" only among
     * vehicle context words. GloVe must place cat near dog and car near truck, and the groups apart.
     */
    @Test
    void wordsSharingContextsEndUpClose() throws Exception {
        List<List<String>> docs = syntheticCorpus(new Random(5), 400);
        List<String> words = List.of("cat", "dog", "car", "truck", "eats", "sleeps", "fur", "pet", "purrs",
                "drives", "fuel", "wheels", "engine", "road");
        GloveVocabulary vocab = new GloveVocabulary(words, new long[words.size()]);
        Cooccurrences.Counter c = new Cooccurrences.Counter(vocab, 10);
        docs.forEach(c::add);
        Cooccurrences x = c.build();
        x.shuffle(1);
        GloveTrainer t = new GloveTrainer(vocab.size(), new GloveTrainer.Config(10, 100, 0.75, 0.05, 1));
        for (int e = 0; e < 60; e++) t.epoch(x, null);
        NearestNeighbours nn = new NearestNeighbours(new WordVectors(words, t.wordVectors(), 10));
        int cat = 0, dog = 1, car = 2, truck = 3;
        double catDog = nn.cosine(cat, dog), carTruck = nn.cosine(car, truck);
        assertTrue(catDog > nn.cosine(cat, car) + 0.3, "cat~dog " + catDog + " vs cat~car " + nn.cosine(cat, car));
        assertTrue(catDog > nn.cosine(dog, truck) + 0.3);
        assertTrue(carTruck > nn.cosine(car, dog) + 0.3, "car~truck " + carTruck + " vs car~dog " + nn.cosine(car, dog));
        assertTrue(nn.of(cat, 5).stream().noneMatch(n -> n.word().equals("car") || n.word().equals("truck")));
    }

    static List<List<String>> syntheticCorpus(Random r, int n) {
        String[] animalCtx = {"eats", "sleeps", "fur", "pet", "purrs"};
        String[] vehicleCtx = {"drives", "fuel", "wheels", "engine", "road"};
        List<List<String>> docs = new ArrayList<>();
        for (int d = 0; d < n; d++) {
            boolean animal = r.nextBoolean();
            String[] ctx = animal ? animalCtx : vehicleCtx;
            String center = animal ? (r.nextBoolean() ? "cat" : "dog") : (r.nextBoolean() ? "car" : "truck");
            List<String> doc = new ArrayList<>();
            for (int k = 0; k < 4; k++) doc.add(ctx[r.nextInt(ctx.length)]);
            doc.add(center);
            for (int k = 0; k < 4; k++) doc.add(ctx[r.nextInt(ctx.length)]);
            docs.add(doc);
        }
        return docs;
    }

    @Test
    void checkpointResumeGivesTheSameVectorsAsAnUninterruptedRun(@TempDir Path dir) throws Exception {
        List<List<String>> docs = syntheticCorpus(new Random(2), 50);
        List<String> words = List.of("cat", "dog", "car", "truck", "eats", "sleeps", "fur", "pet", "purrs",
                "drives", "fuel", "wheels", "engine", "road");
        Cooccurrences.Counter c = new Cooccurrences.Counter(new GloveVocabulary(words, new long[words.size()]), 10);
        docs.forEach(c::add);
        Cooccurrences x = c.build();
        var cfg = new GloveTrainer.Config(8, 100, 0.75, 0.05, 4);

        GloveTrainer straight = new GloveTrainer(words.size(), cfg);
        for (int e = 0; e < 3; e++) straight.epoch(x, null);

        GloveTrainer first = new GloveTrainer(words.size(), cfg);
        first.epoch(x, null);
        Path ckpt = dir.resolve("ckpt.bnm");
        first.saveCheckpoint(ckpt, Map.of());
        GloveTrainer resumed = GloveTrainer.loadCheckpoint(ckpt, words.size(), cfg);
        assertEquals(1, resumed.epochsDone());
        resumed.epoch(x, null);
        resumed.epoch(x, null);
        assertArrayEquals(straight.wordVectors(), resumed.wordVectors());

        var other = new GloveTrainer.Config(8, 100, 0.75, 0.01, 4);
        var e = assertThrows(java.io.IOException.class, () -> GloveTrainer.loadCheckpoint(ckpt, words.size(), other));
        assertTrue(e.getMessage().contains("learning_rate"), e.getMessage());
    }
}
