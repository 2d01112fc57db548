package org.bioner.embeddings.glove;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

class DecimalFloatsTest {

    private static void same(String s) {
        float want = Float.parseFloat(s);
        float got = DecimalFloats.parse("x " + s + " y", 2, 2 + s.length());
        assertEquals(Float.floatToRawIntBits(want), Float.floatToRawIntBits(got), s + ": want " + want + " got " + got);
    }

    @Test
    void agreesWithFloatParseFloatBitForBit() {
        for (String s : List.of("0", "-0", "0.0", "-0.0", "1", "-1", "0.41800", "-0.123456789", "1e-7", "1E+3", "3.4028235e38",
                "3.4028236e38", "1e39", "1.4e-45", "1e-46", "123456789012345678", "1234567890123456789", ".5", "5.",
                "+2.5", "0.000000001234", "NaN", "-Infinity", "1.00000005960464477539062500", "16777217", "0x1p3")) {
            same(s);
        }
        SplittableRandom r = new SplittableRandom(11);
        for (int i = 0; i < 300_000; i++) {
            float f = Float.intBitsToFloat(r.nextInt());
            if (!Float.isFinite(f)) continue;
            same(Float.toString(f));                                   // the shortest round-trip form
            same(String.format(Locale.ROOT, "%.6f", r.nextDouble(-3, 3))); // GloVe's own style
            same(String.format(Locale.ROOT, "%.12e", r.nextDouble(-1, 1) * Math.pow(10, r.nextInt(-30, 30))));
            // decimals halfway between two floats (the double-rounding trap)
            float a = (float) r.nextDouble(-100, 100);
            double mid = ((double) a + (double) Math.nextUp(a)) / 2;
            same(new java.math.BigDecimal(mid).toPlainString());
            // integer midpoints (floats above 2^24) have few digits, so they do reach the fast path
            float big = (float) r.nextDouble(1 << 24, 1L << 50);
            long bigMid = (long) (((double) big + (double) Math.nextUp(big)) / 2);
            same(Long.toString(bigMid));
            same(Long.toString(bigMid + 1));
            same(Long.toString(bigMid) + "e-3");
        }
    }

    @Test
    void rejectsWhatParseFloatRejects() {
        for (String s : List.of("", "-", "x1", "1x", "1e", "1.2.3", "--1", "e5")) {
            assertThrows(NumberFormatException.class, () -> DecimalFloats.parse(s, 0, s.length()), s);
        }
    }
}
