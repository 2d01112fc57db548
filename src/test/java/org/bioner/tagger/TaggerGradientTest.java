package org.bioner.tagger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;

import org.bioner.corpus.Span;
import org.bioner.embeddings.RandomEmbeddings;
import org.bioner.nn.Param;
import org.bioner.tagger.SequenceTagger.HyperParameters;
import org.junit.jupiter.api.Test;

/**
 * Finite-difference check of the whole tagger's gradients (reprojection, both LSTM directions over
 * per-sentence reversal, stacked layers, emission layer, CRF), on a packed batch of sentences of different lengths.
 * Float32 network, so central differences with a loose tolerance.
 */
class TaggerGradientTest {

    @Test
    void analyticGradientsMatchFiniteDifferences() {
        RandomEmbeddings emb = new RandomEmbeddings(6, 9);
        TagDictionary tags = new TagDictionary(List.of("Disease"));
        SequenceTagger t = SequenceTagger.create(tags, emb.describe(), 6, new HyperParameters(4, true, 0f, 0f), 5);
        List<List<String>> s = List.of(List.of("a", "b", "c", "d", "e"), List.of("f", "g"), List.of("h", "a", "i"));
        List<float[][]> v = emb.embed(s);
        List<int[]> gold = List.of(tags.encode(5, List.of(new Span(1, 3, "Disease"))), tags.encode(2, List.of()),
                tags.encode(3, List.of(new Span(2, 3, "Disease"))));
        // every network tensor is checked (the CRF's gradients have their own check in LinearChainCrfTest)
        assertEquals(List.of("reproject.weight", "reproject.bias", "lstm.forward.weight_ih", "lstm.forward.weight_hh",
                "lstm.forward.bias", "lstm.backward.weight_ih", "lstm.backward.weight_hh", "lstm.backward.bias",
                "output.weight", "output.bias"), t.parameters().stream().map(Param::name).toList());
        assertGradientsMatch(t, v, gold);
    }

    /**
     * A stacked BiLSTM of three layers, with the dropouts on: every step draws its masks from {@code new Random(1)}, so
     * the loss is one function of the weights and the locked-dropout masks between the layers must be in the backward
     * pass as in the forward one.
     */
    @Test
    void aStackedBiLstmWithDropoutHasTheGradientsOfItsLoss() {
        RandomEmbeddings emb = new RandomEmbeddings(6, 9);
        TagDictionary tags = new TagDictionary(List.of("Disease"));
        SequenceTagger t = SequenceTagger.create(tags, emb.describe(), 6, new HyperParameters(4, true, 0.05f, 0.5f, 3), 5);
        List<List<String>> s = List.of(List.of("a", "b", "c", "d", "e"), List.of("f", "g"), List.of("h", "a", "i"));
        List<float[][]> v = emb.embed(s);
        List<int[]> gold = List.of(tags.encode(5, List.of(new Span(1, 3, "Disease"))), tags.encode(2, List.of()),
                tags.encode(3, List.of(new Span(2, 3, "Disease"))));
        List<String> names = t.parameters().stream().map(Param::name).toList();
        assertEquals(List.of("reproject.weight", "reproject.bias", "lstm.forward.weight_ih", "lstm.forward.weight_hh",
                "lstm.forward.bias", "lstm.backward.weight_ih", "lstm.backward.weight_hh", "lstm.backward.bias",
                "lstm.l1.forward.weight_ih", "lstm.l1.forward.weight_hh", "lstm.l1.forward.bias",
                "lstm.l1.backward.weight_ih", "lstm.l1.backward.weight_hh", "lstm.l1.backward.bias",
                "lstm.l2.forward.weight_ih", "lstm.l2.forward.weight_hh", "lstm.l2.forward.bias",
                "lstm.l2.backward.weight_ih", "lstm.l2.backward.weight_hh", "lstm.l2.backward.bias",
                "output.weight", "output.bias"), names);
        assertGradientsMatch(t, v, gold);
    }

    /** Central differences of the loss (the steps' random draws from {@code new Random(1)}) against the analytic gradients. */
    private static void assertGradientsMatch(SequenceTagger t, List<float[][]> v, List<int[]> gold) {
        List<Param> params = t.parameters();
        Random pick = new Random(2);
        double eps = 1e-2;
        for (Param p : params) {
            t.computeGradients(v, gold, new Random(1)); // at the unperturbed weights (the differences below overwrite them)
            float[] analytic = p.gradients().clone();
            for (int k = 0; k < 12; k++) {
                int i = pick.nextInt(p.size());
                float orig = p.get(i);
                p.set(i, (float) (orig + eps));
                double up = t.computeGradients(v, gold, new Random(1));
                p.set(i, (float) (orig - eps));
                double down = t.computeGradients(v, gold, new Random(1));
                p.set(i, orig);
                double numeric = (up - down) / (2 * eps);
                assertEquals(numeric, analytic[i], 2e-3 + 2e-2 * Math.abs(numeric), p.name() + " index " + i);
            }
        }
    }
}
