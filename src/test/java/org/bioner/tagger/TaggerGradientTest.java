package org.bioner.tagger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import org.bioner.embeddings.RandomEmbeddings;
import org.bioner.evaluation.Span;
import org.bioner.tagger.SequenceTagger.HyperParameters;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Finite-difference check of the whole tagger's gradients (reprojection, both LSTM directions over
 * per-sentence reversal, emission layer, CRF), on a padded batch of sentences of different lengths, with
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
        List<INDArray[]> pg = t.parametersAndGradients();
        Random pick = new Random(2);
        int checked = 0;
        double eps = 1e-2;
        for (int group = 0; group < pg.size(); group++) {
            INDArray p = pg.get(group)[0];
            float[] analytic = pg.get(group)[1].dup('c').data().asFloat();
            INDArray flat = p.reshape(p.length()); // a view: writes go to the model
            for (int k = 0; k < 12; k++) {
                int i = pick.nextInt((int) p.length());
                double orig = flat.getDouble(i);
                flat.putScalar(i, orig + eps);
                double up = t.computeGradients(v, gold, new Random(1));
                flat.putScalar(i, orig - eps);
                double down = t.computeGradients(v, gold, new Random(1));
                flat.putScalar(i, orig);
                double numeric = (up - down) / (2 * eps);
                double a = analytic[i]; // gradients have their parameters' (c-order) layout
                assertEquals(numeric, a, 2e-3 + 2e-2 * Math.abs(numeric), "group " + group + " index " + i);
                checked++;
            }
        }
        assertTrue(checked >= 48);
    }
}
