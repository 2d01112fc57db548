package org.bioner.tagger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.bioner.nn.Param;
import org.bioner.tagger.SequenceTagger.HyperParameters;
import org.bioner.tagger.SequenceTagger.Prediction;
import org.bioner.tagger.crf.LinearChainCrf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaggerAveragingTest {

    private static final HyperParameters HP = new HyperParameters(6, true, 0.05f, 0.5f);

    @Test
    void theAverageOfCopiesOfOneModelIsThatModel(@TempDir Path dir) throws IOException {
        SequenceTagger a = SequenceTaggerTest.trained();
        Path file = dir.resolve("a.bnm");
        a.save(file);
        SequenceTagger avg = TaggerAveraging.average(List.of(a, SequenceTagger.load(file), a));
        assertArrayEquals(a.allParameters(), avg.allParameters());
        List<float[][]> v = SequenceTaggerTest.EMB.embed(SequenceTaggerTest.sentences());
        List<Prediction> pa = a.predict(v, 32), pavg = avg.predict(v, 32);
        for (int i = 0; i < v.size(); i++) assertArrayEquals(pa.get(i).path(), pavg.get(i).path());
    }

    @Test
    void copiesAverageToTheirOwnCrfWhereADoubleSumWouldRound() {
        SequenceTagger a = SequenceTagger.create(SequenceTaggerTest.TAGS, SequenceTaggerTest.EMB.describe(), 20, HP, 1);
        double[] c = a.crf().parametersAsDouble();
        int set = 0;
        for (int i = 0; i < c.length; i++) {
            if (c[i] != LinearChainCrf.FORBIDDEN) {
                c[i] = 0.1;
                set++;
            }
        }
        assertTrue(set > 0);
        a.crf().setParameters(c);
        assertNotEquals(0.1, (0.1 + 0.1 + 0.1) / 3); // what a plain double mean gives back
        assertArrayEquals(c, TaggerAveraging.meanCrf(List.of(a, a, a)));
        assertArrayEquals(c, TaggerAveraging.average(List.of(a, a, a)).crf().parametersAsDouble());
    }

    @Test
    void everyWeightAndCrfParameterIsTheMeanAndForbiddenTransitionsStayForbidden() {
        SequenceTagger a = SequenceTaggerTest.trained();
        SequenceTagger b = SequenceTagger.create(SequenceTaggerTest.TAGS, SequenceTaggerTest.EMB.describe(), 20, HP, 99);
        SequenceTagger avg = TaggerAveraging.average(List.of(a, b));
        List<Param> pa = a.parameters(), pb = b.parameters(), pm = avg.parameters();
        assertEquals(pa.size(), pm.size());
        int differing = 0;
        for (int p = 0; p < pm.size(); p++) {
            for (int i = 0; i < pm.get(p).size(); i++) {
                float x = pa.get(p).get(i), y = pb.get(p).get(i);
                assertEquals((float) (((double) x + y) / 2), pm.get(p).get(i), 0f, pm.get(p).name() + "[" + i + "]");
                if (x != y) differing++;
            }
        }
        assertTrue(differing > 1000, "the two models differ in " + differing + " weights");
        double[] ca = a.crf().parametersAsDouble(), cb = b.crf().parametersAsDouble(), cm = avg.crf().parametersAsDouble();
        int forbidden = 0;
        for (int i = 0; i < cm.length; i++) {
            if (ca[i] == LinearChainCrf.FORBIDDEN) {
                assertEquals(LinearChainCrf.FORBIDDEN, cm[i], 0.0, "pinned CRF entry " + i);
                forbidden++;
            } else {
                assertEquals((ca[i] + cb[i]) / 2, cm[i], 0.0, "CRF entry " + i);
            }
        }
        assertTrue(forbidden > 0);
        // the inputs are left as they were
        assertArrayEquals(SequenceTaggerTest.trained().allParameters(), a.allParameters());
    }

    @Test
    void modelsOfOtherTagsOrEmbeddingsAreRefusedNamingTheDifferenceButTheDefaultCorpusIsNotADifference() {
        SequenceTagger a = SequenceTagger.create(SequenceTaggerTest.TAGS, "random:20:seed=5+corpus:A,B:use=A", 22, HP, 1);
        SequenceTagger otherTags = SequenceTagger.create(new TagDictionary(List.of("Gene")), "random:20:seed=5+corpus:A,B:use=A", 22, HP, 1);
        SequenceTagger otherCorpora = SequenceTagger.create(SequenceTaggerTest.TAGS, "random:20:seed=5+corpus:A,C:use=A", 22, HP, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TaggerAveraging.average(List.of(a, otherTags)));
        assertTrue(e.getMessage().contains("tags"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TaggerAveraging.average(List.of(a, otherCorpora)));
        assertTrue(e.getMessage().contains("embeddings"), e.getMessage());
        SequenceTagger usesB = a.withDefaultCorpus("B");
        assertEquals("random:20:seed=5+corpus:A,B:use=B", TaggerAveraging.average(List.of(usesB, a)).embeddingsSpec());
    }
}
