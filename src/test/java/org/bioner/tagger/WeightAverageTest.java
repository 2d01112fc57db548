package org.bioner.tagger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.bioner.tagger.SequenceTagger.HyperParameters;
import org.bioner.tagger.crf.LinearChainCrf;
import org.junit.jupiter.api.Test;

class WeightAverageTest {

    private static final HyperParameters HP = new HyperParameters(6, true, 0.05f, 0.5f);

    private static SequenceTagger tagger(long seed) {
        return SequenceTagger.create(SequenceTaggerTest.TAGS, SequenceTaggerTest.EMB.describe(), 20, HP, seed);
    }

    @Test
    void theFirstHorizonUpdatesAreAveragedEquallyAndEachLaterOneMovesItOneHorizonth() {
        SequenceTagger start = tagger(1), w1 = tagger(2), w2 = tagger(3), w3 = tagger(4), w4 = tagger(5);
        WeightAverage avg = WeightAverage.of(start, 3);
        assertArrayEquals(start.allParameters(), avg.model().allParameters(), "before any update: the start");
        for (SequenceTagger w : List.of(w1, w2, w3)) avg.update(w);
        assertEquals(3, avg.updates());
        // the start's weights are not part of the mean (an average moving by 1/3 from the start would keep 8/27 of it)
        float[] mean = TaggerAveraging.average(List.of(w1, w2, w3)).allParameters();
        assertClose(mean, avg.model().allParameters(), 1e-6f);
        avg.update(w4);
        float[] p4 = w4.allParameters(), expected = new float[mean.length];
        for (int i = 0; i < mean.length; i++) expected[i] = mean[i] + (p4[i] - mean[i]) / 3;
        assertClose(expected, avg.model().allParameters(), 1e-6f);
    }

    @Test
    void aWindowOfOneUpdateIsTheLastWeightsAndForbiddenTransitionsStayForbidden() {
        SequenceTagger a = tagger(1), b = tagger(2);
        WeightAverage avg = WeightAverage.of(a, 1);
        avg.update(b);
        assertArrayEquals(b.allParameters(), avg.model().allParameters());
        double[] crf = avg.model().crf().parametersAsDouble(), gold = b.crf().parametersAsDouble();
        int forbidden = 0;
        for (int i = 0; i < crf.length; i++) {
            if (gold[i] == LinearChainCrf.FORBIDDEN) {
                assertEquals(LinearChainCrf.FORBIDDEN, crf[i]);
                forbidden++;
            }
        }
        assertEquals(true, forbidden > 0, "the tag set has forbidden transitions");
    }

    @Test
    void aResumedAverageContinuesAsTheOneItWasSavedFrom() {
        SequenceTagger w1 = tagger(2), w2 = tagger(3), w3 = tagger(4);
        WeightAverage whole = WeightAverage.of(w1, 2);
        for (SequenceTagger w : List.of(w1, w2, w3)) whole.update(w);
        WeightAverage first = WeightAverage.of(w1, 2);
        first.update(w1);
        first.update(w2);
        WeightAverage resumed = WeightAverage.resume(TaggerAveraging.average(List.of(first.model())), 2, first.updates());
        resumed.update(w3);
        assertArrayEquals(whole.model().allParameters(), resumed.model().allParameters());
    }

    @Test
    void anotherArchitectureIsRefused() {
        WeightAverage avg = WeightAverage.of(tagger(1), 2);
        SequenceTagger other = SequenceTagger.create(SequenceTaggerTest.TAGS, SequenceTaggerTest.EMB.describe(), 20,
                new HyperParameters(6, false, 0.05f, 0.5f), 1);
        assertThrows(IllegalArgumentException.class, () -> avg.update(other));
        assertThrows(IllegalArgumentException.class, () -> WeightAverage.of(tagger(1), 0));
    }

    private static void assertClose(float[] expected, float[] actual, float tolerance) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tolerance * Math.max(1f, Math.abs(expected[i])), "parameter " + i);
        }
    }
}
