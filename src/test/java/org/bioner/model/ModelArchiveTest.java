package org.bioner.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.bioner.model.ModelArchive.Half;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelArchiveTest {

    @TempDir
    Path dir;

    @Test
    void roundTripsArraysStringsAndMetadata() throws IOException {
        Path f = dir.resolve("m.bnm");
        float[] w = new float[12];
        Random r = new Random(3);
        for (int i = 0; i < w.length; i++) w[i] = (float) r.nextGaussian();
        try (ModelArchive.Writer out = ModelArchive.writer(f, "test-kind")) {
            out.meta("hidden", "7").floats("w", w, new int[] {3, 4}, false).floats("h", w, new int[] {12}, true)
                    .ints("ids", new int[] {5, -1, 9}, new int[] {3}).strings("vocab", List.of("a", "\n", "ß", "🧬"));
        }
        ModelArchive m = ModelArchive.open(f, "test-kind");
        assertEquals("7", m.meta("hidden"));
        assertArrayEquals(w, m.floats("w"));
        assertArrayEquals(new int[] {3, 4}, m.shape("w"));
        float[] h = m.floats("h");
        for (int i = 0; i < w.length; i++) assertEquals(w[i], h[i], Math.abs(w[i]) * 1e-3 + 1e-4);
        assertArrayEquals(new int[] {5, -1, 9}, m.ints("ids"));
        assertEquals(List.of("a", "\n", "ß", "🧬"), m.strings("vocab"));
    }

    @Test
    void rejectsTruncatedForeignAndWrongKindFiles() throws IOException {
        Path f = dir.resolve("m.bnm");
        try (ModelArchive.Writer out = ModelArchive.writer(f, "tagger")) {
            out.floats("w", new float[1000], new int[] {1000}, false);
        }
        IOException kind = assertThrows(IOException.class, () -> ModelArchive.open(f, "char-lm"));
        assertTrue(kind.getMessage().contains("tagger"), kind.getMessage());

        byte[] all = Files.readAllBytes(f);
        Path cut = dir.resolve("cut.bnm");
        Files.write(cut, java.util.Arrays.copyOf(all, all.length / 2));
        IOException trunc = assertThrows(IOException.class, () -> ModelArchive.open(cut, "tagger"));
        assertTrue(trunc.getMessage().contains("cut.bnm"), trunc.getMessage());

        Path foreign = dir.resolve("foreign.bin");
        Files.writeString(foreign, "not a model at all");
        IOException fo = assertThrows(IOException.class, () -> ModelArchive.open(foreign, "tagger"));
        assertTrue(fo.getMessage().contains("foreign.bin"), fo.getMessage());
    }

    @Test
    void halfPrecisionMatchesIeeeReferenceValues() {
        assertEquals((short) 0x3c00, Half.fromFloat(1f));
        assertEquals((short) 0xc000, Half.fromFloat(-2f));
        assertEquals((short) 0x7bff, Half.fromFloat(65504f));
        assertEquals((short) 0x7c00, Half.fromFloat(1e6f));
        assertEquals((short) 0x0001, Half.fromFloat(5.9604645e-8f)); // smallest subnormal
        assertEquals(5.9604645e-8f, Half.toFloat((short) 0x0001));
        assertEquals(0.333251953125f, Half.toFloat(Half.fromFloat(1f / 3)));
        for (int bits = 0; bits < 0x7c00; bits++) { // every finite half round-trips exactly, either sign
            assertEquals((short) bits, Half.fromFloat(Half.toFloat((short) bits)));
            assertEquals((short) (bits | 0x8000), Half.fromFloat(Half.toFloat((short) (bits | 0x8000))));
        }
        assertEquals(Float.NEGATIVE_INFINITY, Half.toFloat((short) 0xfc00));
        assertEquals(Float.POSITIVE_INFINITY, Half.toFloat((short) 0x7c00));
        assertTrue(Float.isNaN(Half.toFloat((short) 0x7e00)));
        assertEquals(-0.5f, Half.toFloat((short) 0xb800));
    }
}
