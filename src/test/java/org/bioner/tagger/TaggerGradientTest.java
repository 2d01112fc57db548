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
 * per-sentence reversal, emission layer, CRF), on a packed batch of sentences of different lengths, with
 * dropout off. Float32 network, so central differences with a loose tolerance.
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
        t.computeGradients(v, gold, new Random(1));
        List<Param> params = t.parameters();
        // every network tensor is checked (the CRF's gradients have their own check in LinearChainCrfTest)
        assertEquals(List.of("reproject.weight", "reproject.bias", "lstm.forward.weight_ih", "lstm.forward.weight_hh",
                "lstm.forward.bias", "lstm.backward.weight_ih", "lstm.backward.weight_hh", "lstm.backward.bias",
                "output.weight", "output.bias"), params.stream().map(Param::name).toList());
        Random pick = new Random(2);
        double eps = 1e-2;
        for (Param p : params) {
            float[] analytic = p.gradients();
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
