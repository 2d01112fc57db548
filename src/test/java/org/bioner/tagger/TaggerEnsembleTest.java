package org.bioner.tagger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.bioner.corpus.Span;
import org.bioner.model.ModelArchive;
import org.bioner.nn.Backends;
import org.bioner.nn.CpuBackend;
import org.bioner.nn.SequencePacking;
import org.bioner.tagger.SequenceTagger.HyperParameters;
import org.bioner.tagger.SequenceTagger.Prediction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaggerEnsembleTest {

    private static final HyperParameters HP = new HyperParameters(6, true, 0.05f, 0.5f);

    /** A tagger of {@link SequenceTaggerTest}'s tags moved from its own seed's initialisation by a few SGD steps. */
    private static SequenceTagger trained(long seed) {
        return trained(seed, "Chemical", "Disease");
    }

    /** As {@link #trained(long)}, taught that "aspirin" is a {@code drug} and "severe headache" a {@code condition}. */
    private static SequenceTagger trained(long seed, String drug, String condition) {
        SequenceTagger t = SequenceTagger.create(SequenceTaggerTest.TAGS, SequenceTaggerTest.EMB.describe(), 20, HP, seed);
        TagDictionary tags = SequenceTaggerTest.TAGS;
        List<float[][]> v = SequenceTaggerTest.EMB.embed(SequenceTaggerTest.sentences());
        List<int[]> gold = List.of(tags.encode(5, List.of(new Span(0, 1, drug), new Span(2, 4, condition))),
                tags.encode(1, List.of()), tags.encode(9, List.of(new Span(3, 4, drug))));
        Random rng = new Random(seed);
        for (int i = 0; i < 20; i++) {
            t.computeGradients(v, gold, rng);
            t.applySgd(0.1f, 1f);
        }
        return t;
    }

    /** The network's weights, one vector (a member's own CRF is not part of an ensemble). */
    private static float[] network(SequenceTagger m) {
        int n = 0;
        for (var p : m.parameters()) n += p.size();
        float[] out = new float[n];
        int at = 0;
        for (var p : m.parameters()) {
            System.arraycopy(p.values(), 0, out, at, p.size());
            at += p.size();
        }
        return out;
    }

    private static List<List<String>> shortSentences() {
        return List.of(List.of("aspirin", "causes", "severe", "headache", "."), List.of("no"),
                List.of("x", "aspirin", "w"), List.of("severe", "aspirin", "headache", "v"));
    }

    /** One model's emissions for every sentence (each sentence alone), read from the network. */
    static List<float[][]> emissionsOf(SequenceTagger m, List<float[][]> vectors) {
        List<float[][]> out = new ArrayList<>();
        for (float[][] v : vectors) {
            SequencePacking p = m.inference.emissions(List.<float[][]>of(v), Backends.cpu());
            out.add(m.emissions(p, 0));
        }
        return out;
    }

    /** The CRF score of a path, from the layout LinearChainCrf documents: trans [K][K], start [K], stop [K]. */
    static double pathScore(double[] crf, int k, float[][] e, int[] y) {
        double s = crf[k * k + y[0]] + crf[k * k + k + y[y.length - 1]];
        for (int t = 0; t < y.length; t++) {
            s += e[t][y[t]];
            if (t > 0) s += crf[y[t - 1] * k + y[t]];
        }
        return s;
    }

    /**
     * Fails when the members' emissions are not averaged, or when the CRF is the first model's instead of the mean
     * (both tried).
     */
    @Test
    void theEnsemblePathHasTheHighestMeanScoreOverItsModelsAndBatchesTagAsSentencesAlone() {
        // models taught contradicting types, so that they disagree and none decides alone
        List<SequenceTagger> models = List.of(trained(11), trained(23, "Disease", "Chemical"), trained(37, "Disease", "Disease"));
        List<float[][]> v = SequenceTaggerTest.EMB.embed(shortSentences());
        List<List<float[][]>> em = new ArrayList<>();
        for (SequenceTagger m : models) em.add(emissionsOf(m, v));
        SequenceTagger ensemble = TaggerEnsemble.of(models);
        assertEquals(3, ensemble.ensembleSize());
        List<Prediction> batch = ensemble.predict(v, 32);
        int k = SequenceTaggerTest.TAGS.size(), disagreeing = 0;
        for (int s = 0; s < v.size(); s++) {
            int len = v.get(s).length;
            // brute force over all K^len paths: the mean of the models' path scores
            int[] best = null;
            double bestScore = Double.NEGATIVE_INFINITY;
            int[] y = new int[len];
            for (long code = 0; code < Math.round(Math.pow(k, len)); code++) {
                long c = code;
                for (int t = 0; t < len; t++) { y[t] = (int) (c % k); c /= k; }
                double mean = 0;
                for (int m = 0; m < models.size(); m++) mean += pathScore(models.get(m).crf().parametersAsDouble(), k, em.get(m).get(s), y);
                mean /= models.size();
                if (mean > bestScore) { bestScore = mean; best = y.clone(); }
            }
            assertArrayEquals(best, batch.get(s).path(), "sentence " + s);
            Prediction alone = ensemble.predict(List.<float[][]>of(v.get(s)), 32).get(0);
            assertArrayEquals(batch.get(s).path(), alone.path());
            assertArrayEquals(batch.get(s).tokenConfidence(), alone.tokenConfidence(), 1e-6);
            if (!Arrays.equals(best, models.get(0).predict(List.<float[][]>of(v.get(s)), 32).get(0).path())) disagreeing++;
        }
        // the test means something only where the ensemble is not its first model (whose network it runs first)
        assertTrue(disagreeing > 0, "the first model tags every sentence as the ensemble does");
    }

    @Test
    void anEnsembleOfCopiesOfOneModelTagsAsThatModel(@TempDir Path dir) throws IOException {
        SequenceTagger a = trained(11);
        Path file = dir.resolve("a.bnm");
        a.save(file);
        SequenceTagger ensemble = TaggerEnsemble.of(List.of(a, SequenceTagger.load(file), SequenceTagger.load(file)));
        List<float[][]> v = SequenceTaggerTest.EMB.embed(SequenceTaggerTest.sentences());
        List<Prediction> pa = a.predict(v, 32), pe = ensemble.predict(v, 32);
        for (int i = 0; i < v.size(); i++) {
            assertArrayEquals(pa.get(i).path(), pe.get(i).path());
            assertArrayEquals(pa.get(i).tokenConfidence(), pe.get(i).tokenConfidence(), 0.0);
            assertArrayEquals(pa.get(i).spanConfidence(), pe.get(i).spanConfidence(), 0.0);
        }
    }

    @Test
    void aSavedEnsembleLoadsAsTheSameEnsembleAndASingleNetworkIsStillWrittenAsVersion2(@TempDir Path dir) throws IOException {
        SequenceTagger ensemble = TaggerEnsemble.of(List.of(trained(11), trained(23)));
        Path file = dir.resolve("e.bnm"), half = dir.resolve("e16.bnm"), single = dir.resolve("s.bnm");
        ensemble.save(file);
        ensemble.save(half, true);
        trained(11).save(single);
        assertEquals("3", ModelArchive.open(file, SequenceTagger.KIND).meta("tagger.format.version"));
        assertEquals("2", ModelArchive.open(single, SequenceTagger.KIND).meta("tagger.format.version"));
        SequenceTagger loaded = SequenceTagger.load(file);
        assertEquals(2, loaded.ensembleSize());
        assertEquals(2, SequenceTagger.load(half).ensembleSize());
        assertArrayEquals(network(ensemble.members().get(0)), network(loaded.members().get(0)));
        assertArrayEquals(ensemble.crf().parametersAsDouble(), loaded.crf().parametersAsDouble(), 0.0);
        List<float[][]> v = SequenceTaggerTest.EMB.embed(SequenceTaggerTest.sentences());
        List<Prediction> pe = ensemble.predict(v, 32), pl = loaded.predict(v, 32);
        for (int i = 0; i < v.size(); i++) {
            assertArrayEquals(pe.get(i).path(), pl.get(i).path());
            assertArrayEquals(pe.get(i).tokenConfidence(), pl.get(i).tokenConfidence(), 0.0);
        }
        // the member's weights are really read from the file: the second network is not the first
        assertNotEquals(network(loaded)[0], network(loaded.members().get(0))[0]);
        // the backend route (the GPU's, here on a second CPU backend) runs every member there too
        loaded.useBackend(new CpuBackend());
        List<Prediction> routed = loaded.predict(v, 32);
        for (int i = 0; i < v.size(); i++) {
            assertArrayEquals(pe.get(i).path(), routed.get(i).path());
            assertArrayEquals(pe.get(i).tokenConfidence(), routed.get(i).tokenConfidence(), 1e-5);
        }
    }

    @Test
    void anEnsembleNeitherTrainsNorJoinsAnAverageNorAnotherEnsemble() {
        SequenceTagger ensemble = TaggerEnsemble.of(List.of(trained(11), trained(23)));
        List<float[][]> v = SequenceTaggerTest.EMB.embed(List.of(List.of("no")));
        IllegalStateException train = assertThrows(IllegalStateException.class,
                () -> ensemble.computeGradients(v, List.of(new int[] {0}), new Random(1)));
        assertTrue(train.getMessage().contains("does not train"), train.getMessage());
        IllegalArgumentException avg = assertThrows(IllegalArgumentException.class,
                () -> TaggerAveraging.average(List.of(trained(11), ensemble)));
        assertTrue(avg.getMessage().contains("an ensemble"), avg.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TaggerEnsemble.of(List.of(ensemble, trained(11))));
        SequenceTagger otherTags = SequenceTagger.create(new TagDictionary(List.of("Gene")), SequenceTaggerTest.EMB.describe(), 20, HP, 1);
        IllegalArgumentException tags = assertThrows(IllegalArgumentException.class, () -> TaggerEnsemble.of(List.of(trained(11), otherTags)));
        assertTrue(tags.getMessage().contains("tags"), tags.getMessage());
    }
}
