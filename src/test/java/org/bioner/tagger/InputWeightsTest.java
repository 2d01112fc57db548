package org.bioner.tagger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import org.bioner.embeddings.RandomEmbeddings;
import org.bioner.nn.LinearLayer;
import org.bioner.nn.LstmLayer;
import org.bioner.tagger.SequenceTagger.HyperParameters;
import org.bioner.tagger.crf.LinearChainCrf;
import org.junit.jupiter.api.Test;

class InputWeightsTest {

    private static final TagDictionary TAGS = new TagDictionary(List.of("Chemical"));
    private static final String SPEC = new RandomEmbeddings(2, 1).describe();

    /** Two inputs, one hidden unit: W_ih rows (1,0,0,0) and (0,3,0,4) forward, (2,0,0,0) and 0 backward. */
    private static SequenceTagger tiny(LinearLayer reproject) {
        LstmLayer fwd = new LstmLayer("lstm.forward", 2, 1), bwd = new LstmLayer("lstm.backward", 2, 1);
        fwd.weightIh().setValues(new float[] {1, 0, 0, 0, 0, 3, 0, 4});
        bwd.weightIh().setValues(new float[] {2, 0, 0, 0, 0, 0, 0, 0});
        LinearLayer out = new LinearLayer("output", 2, TAGS.size());
        LinearChainCrf crf = new LinearChainCrf(TAGS.size(), 0);
        return new SequenceTagger(TAGS, SPEC, 2, new HyperParameters(1, reproject != null, 0f, 0f), reproject, fwd, bwd, out, crf);
    }

    @Test
    void eachInputsNormIsItsRowOfTheReprojectionTimesTheLstmInputWeights() throws IOException {
        LinearLayer rp = new LinearLayer("reproject", 2, 2);
        rp.weight().setValues(new float[] {1, 1, 0, 1}); // [in, out]: input 0 feeds outputs 0 and 1, input 1 output 1
        double[][] n = InputWeights.rowNorms(tiny(rp));
        // input 0: (1,0,0,0) + (0,3,0,4) = (1,3,0,4); input 1: (0,3,0,4)
        assertArrayEquals(new double[] {Math.sqrt(26), 5}, n[0], 1e-12);
        assertArrayEquals(new double[] {2, 0}, n[1], 1e-12);
        assertEquals(List.of(new InputWeights.Part(SPEC, 2, (Math.sqrt(26) + 5) / 2, 1)), InputWeights.byPart(tiny(rp)));
        // without a reprojection: the LSTM input weights' own rows
        double[][] plain = InputWeights.rowNorms(tiny(null));
        assertArrayEquals(new double[] {1, 5}, plain[0], 1e-12);
        assertArrayEquals(new double[] {2, 0}, plain[1], 1e-12);
    }

    @Test
    void aCopyWithCharacterFeaturesReadsThemWithZeroWeightAndItsOtherInputsAsTheModel() throws IOException {
        SequenceTagger t = SequenceTaggerTest.trained().withExtraInputs(SequenceTaggerTest.EMB.describe() + "+corpus:A,B,C:use=B", 23);
        String spec = SequenceTaggerTest.EMB.describe() + "+chars:8+corpus:A,B,C:use=B";
        SequenceTagger wide = t.withCharacterFeatures(spec, 8, 4, SequenceTagger.CharInit.ZERO);
        double[][] before = InputWeights.rowNorms(t), after = InputWeights.rowNorms(wide);
        for (int d = 0; d < 2; d++) {
            assertArrayEquals(Arrays.copyOfRange(before[d], 0, 20), Arrays.copyOfRange(after[d], 0, 20), 1e-9, "features");
            assertArrayEquals(new double[50], Arrays.copyOfRange(after[d], 20, 70), "character features");
            assertArrayEquals(Arrays.copyOfRange(before[d], 20, 23), Arrays.copyOfRange(after[d], 70, 73), 1e-9, "one-hot");
            assertTrue(Arrays.stream(before[d], 0, 20).allMatch(x -> x > 0), "a trained model reads every feature");
        }
        List<InputWeights.Part> parts = InputWeights.byPart(wide);
        assertEquals(List.of(SequenceTaggerTest.EMB.describe(), "chars:8", "corpus:A,B,C:use=B"),
                parts.stream().map(InputWeights.Part::name).toList());
        assertEquals(List.of(20, 50, 3), parts.stream().map(InputWeights.Part::rows).toList());
        assertEquals(0.0, parts.get(1).forward());
        assertEquals(0.0, parts.get(1).backward());
    }
}
