package org.bioner.embeddings;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class CorpusEmbeddingsTest {

    static final List<List<String>> TWO = List.of(List.of("a", "cold"), List.of("flu"));

    @Test
    void specRoundTripsAndAppendsTheOneHotOfUse() throws Exception {
        String spec = "random:5:seed=2+corpus:NCBI-disease,BC5CDR-disease,BioRED:use=BC5CDR-disease";
        TokenEmbeddings e = EmbeddingsLoader.load(spec, null);
        CorpusConditionedEmbeddings c = assertInstanceOf(CorpusConditionedEmbeddings.class, e);
        assertEquals(spec, e.describe());
        assertEquals(8, e.dimension());
        List<float[][]> base = new RandomEmbeddings(5, 2).embed(TWO);
        List<float[][]> v = e.embed(TWO);
        for (int s = 0; s < TWO.size(); s++) {
            for (int t = 0; t < TWO.get(s).size(); t++) {
                float[] expected = new float[8];
                System.arraycopy(base.get(s)[t], 0, expected, 0, 5);
                expected[6] = 1f; // BC5CDR-disease is the second corpus
                assertArrayEquals(expected, v.get(s)[t]);
            }
        }
        // another corpus's conventions: same base, other one-hot
        float[] other = c.using("BioRED").embed(TWO).get(1)[0];
        assertEquals(List.of(0f, 0f, 1f), List.of(other[5], other[6], other[7]));
        assertArrayEquals(c.append(base.get(1), 2)[0], other);
        // use=all: the mean of the one-hots
        float[] all = c.using(CorpusEmbeddings.ALL).embed(TWO).get(0)[1];
        assertEquals(List.of(1f / 3, 1f / 3, 1f / 3), List.of(all[5], all[6], all[7]));
        assertEquals(base.get(0)[1][4], all[4]);
        assertEquals("random:5:seed=2+corpus:NCBI-disease,BC5CDR-disease,BioRED:use=all", c.using("all").describe());
    }

    @Test
    void aSentencesCorpusIsItsFilesFolder() {
        CorpusEmbeddings c = CorpusEmbeddings.parse("BC5CDR-chem,BioRED:use=BC5CDR-chem");
        assertEquals("BioRED", CorpusEmbeddings.corpusOf("../shared/datasets-extra/BioRED/train.tsv"));
        assertEquals(1, c.indexOfSource("../shared/datasets-extra/BioRED/devel.tsv"));
        assertEquals(0, c.indexOfSource("/data/BC5CDR-chem/train.tsv"));
        assertNull(CorpusEmbeddings.corpusOf("train.tsv"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.indexOfSource("x/DDI/train.tsv"));
        assertTrue(e.getMessage().startsWith("x/DDI/train.tsv: its folder 'DDI' is not one of the corpora"), e.getMessage());
    }

    @Test
    void badSpecsSayWhatIsWrong() {
        assertThrows(IllegalArgumentException.class, () -> CorpusEmbeddings.parse("A,B:use=C"), "use not listed");
        assertThrows(IllegalArgumentException.class, () -> CorpusEmbeddings.parse("A,A:use=A"), "repeated name");
        assertThrows(IllegalArgumentException.class, () -> CorpusEmbeddings.parse("A,B"), "no use=");
        assertThrows(IllegalArgumentException.class, () -> CorpusEmbeddings.parse("A,,B:use=A"), "empty name");
        assertThrows(IllegalArgumentException.class, () -> CorpusEmbeddings.parse("A,all:use=A"), "reserved name");
        IllegalArgumentException notLast = assertThrows(IllegalArgumentException.class,
                () -> EmbeddingsLoader.load("corpus:A,B:use=A+random:5", null));
        assertTrue(notLast.getMessage().contains("must come last"), notLast.getMessage());
        assertThrows(IllegalArgumentException.class, () -> EmbeddingsLoader.load("corpus:A,B:use=A", null), "nothing to condition");
    }
}
