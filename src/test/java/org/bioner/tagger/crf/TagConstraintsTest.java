package org.bioner.tagger.crf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TagConstraintsTest {

    private static final List<String> BIOES_TWO_TYPES = List.of(
            "O", "B-Disease", "I-Disease", "E-Disease", "S-Disease", "B-Chemical", "I-Chemical", "E-Chemical", "S-Chemical");

    /** Independent BIOES well-formedness check: a small state machine over the open entity. */
    static boolean validBioes(List<String> names, int[] path) {
        String open = null;
        for (int id : path) {
            String tag = names.get(id);
            char p = tag.charAt(0);
            String type = tag.length() > 1 ? tag.substring(2) : "";
            switch (p) {
                case 'O', 'S' -> {
                    if (open != null) return false;
                }
                case 'B' -> {
                    if (open != null) return false;
                    open = type;
                }
                case 'I' -> {
                    if (!type.equals(open)) return false;
                }
                case 'E' -> {
                    if (!type.equals(open)) return false;
                    open = null;
                }
                default -> throw new AssertionError(tag);
            }
        }
        return open == null;
    }

    static boolean validIob2(List<String> names, int[] path) {
        for (int i = 0; i < path.length; i++) {
            String tag = names.get(path[i]);
            if (tag.charAt(0) != 'I') continue;
            if (i == 0) return false;
            String prev = names.get(path[i - 1]);
            if (prev.equals("O") || !prev.substring(1).equals(tag.substring(1))) return false;
        }
        return true;
    }

    /** Whether a path uses no forbidden transition/start/stop. */
    static boolean allowedByCrf(LinearChainCrf crf, int[] path) {
        if (crf.isStartForbidden(path[0]) || crf.isStopForbidden(path[path.length - 1])) return false;
        for (int i = 1; i < path.length; i++) if (crf.isForbidden(path[i - 1], path[i])) return false;
        return true;
    }

    @Test
    void bioesConstraintsAreExactlyTheBioesGrammar() {
        LinearChainCrf crf = new LinearChainCrf(BIOES_TWO_TYPES.size(), 1);
        int n = TagConstraints.installBioes(crf, BIOES_TWO_TYPES);
        assertTrue(n > 0);
        assertTrue(crf.isForbidden(0, 2), "O -> I-Disease");
        assertTrue(crf.isForbidden(1, 7), "B-Disease -> E-Chemical");
        assertTrue(crf.isForbidden(1, 0), "B-Disease -> O");
        assertFalse(crf.isForbidden(1, 3), "B-Disease -> E-Disease");
        assertFalse(crf.isForbidden(3, 5), "E-Disease -> B-Chemical");
        assertTrue(crf.isStartForbidden(2));
        assertTrue(crf.isStopForbidden(1));
        assertFalse(crf.isStopForbidden(4));

        // every path of length 1..4 is allowed by the CRF iff the independent grammar check accepts it
        BruteForce bf = null;
        int k = crf.numTags();
        for (int t = 1; t <= 4; t++) {
            bf = new BruteForce(crf.parametersAsDouble(), new double[t][k]);
            int[] counts = new int[2];
            bf.forEachPath(path -> {
                assertEquals(validBioes(BIOES_TWO_TYPES, path), allowedByCrf(crf, path), java.util.Arrays.toString(path));
                counts[validBioes(BIOES_TWO_TYPES, path) ? 1 : 0]++;
            });
            assertTrue(counts[0] > 0 && counts[1] > 0);
        }
    }

    @Test
    void constrainedCrfNeverDecodesIllegalBioes() {
        List<String> names = List.of("O", "B", "I", "E", "S");
        Random r = new Random(9);
        for (int rep = 0; rep < 500; rep++) {
            LinearChainCrf crf = new LinearChainCrf(5, r.nextLong());
            TagConstraints.installBioes(crf, names);
            int t = 1 + r.nextInt(10);
            float[][] e = new float[t][5];
            for (float[] row : e) for (int j = 0; j < 5; j++) row[j] = (float) (r.nextGaussian() * 20);
            int[] path = crf.viterbi(e);
            assertTrue(validBioes(names, path), java.util.Arrays.toString(path));
        }
        // without constraints the same emissions do produce illegal sequences (the test can fail)
        LinearChainCrf free = new LinearChainCrf(5, 0);
        assertFalse(validBioes(names, free.viterbi(new float[][] {{0, 0, 9, 0, 0}, {9, 0, 0, 0, 0}})));
    }

    @Test
    void iob2ConstraintsAreExactlyTheIob2Grammar() {
        List<String> names = List.of("O", "B-Disease", "I-Disease", "B-Chemical", "I-Chemical");
        LinearChainCrf crf = new LinearChainCrf(names.size(), 1);
        TagConstraints.installIob2(crf, names);
        for (int t = 1; t <= 4; t++) {
            new BruteForce(crf.parametersAsDouble(), new double[t][names.size()]).forEachPath(path ->
                    assertEquals(validIob2(names, path), allowedByCrf(crf, path), java.util.Arrays.toString(path)));
        }
        // single-type corpora as in the shipped datasets: tags are bare B / I / O
        LinearChainCrf bare = new LinearChainCrf(3, 1);
        assertEquals(2, TagConstraints.installIob2(bare, List.of("B", "I", "O")));
        assertTrue(bare.isForbidden(2, 1));
        assertTrue(bare.isStartForbidden(1));
        assertFalse(bare.isForbidden(0, 1));
    }

    @Test
    void unknownTagNamesAreRejected() {
        LinearChainCrf crf = new LinearChainCrf(3, 1);
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> TagConstraints.installBioes(crf, List.of("O", "B-X", "<unk>")));
        assertTrue(ex.getMessage().contains("<unk>"));
        assertThrows(IllegalArgumentException.class, () -> TagConstraints.installIob2(crf, List.of("O", "B", "E")));
        assertThrows(IllegalArgumentException.class, () -> TagConstraints.installBioes(crf, List.of("O", "B")));
    }
}
