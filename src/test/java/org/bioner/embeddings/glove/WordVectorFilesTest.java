package org.bioner.embeddings.glove;

import org.bioner.model.ModelArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.*;

class WordVectorFilesTest {

    @TempDir
    Path dir;

    private static WordVectors sample() {
        List<String> words = List.of("the", "Cancer", "p53", "ß-catenin", "##", "0.5");
        float[] data = new float[words.size() * 3];
        for (int i = 0; i < data.length; i++) data[i] = (float) Math.sin(i * 1.7) * (i + 1) / 3f;
        data[4] = 1e-7f;
        data[5] = -123456.78f;
        return new WordVectors(words, data, 3);
    }

    private static void assertSame(WordVectors a, WordVectors b, float tolerance) {
        assertEquals(a.dimension(), b.dimension());
        assertEquals(a.words(), b.words());
        for (int i = 0; i < a.data().length; i++) {
            float want = a.data()[i];
            assertEquals(want, b.data()[i], tolerance * Math.max(1f, Math.abs(want)), "value " + i);
        }
    }

    @Test
    void gloveTextRoundTripIsExact() throws IOException {
        Path f = dir.resolve("v.txt");
        WordVectorFiles.writeGloveText(sample(), f);
        WordVectorFiles.Loaded l = WordVectorFiles.readWithFormat(f);
        assertEquals(WordVectorFiles.Format.GLOVE_TEXT, l.format());
        assertSame(sample(), l.vectors(), 0f);
    }

    @Test
    void word2vecTextRoundTripIsExact() throws IOException {
        Path f = dir.resolve("v.vec");
        WordVectorFiles.writeWord2VecText(sample(), f);
        WordVectorFiles.Loaded l = WordVectorFiles.readWithFormat(f);
        assertEquals(WordVectorFiles.Format.WORD2VEC_TEXT, l.format());
        assertSame(sample(), l.vectors(), 0f);
    }

    @Test
    void word2vecBinaryRoundTripIsExact() throws IOException {
        Path f = dir.resolve("v.bin");
        WordVectorFiles.writeWord2VecBinary(sample(), f);
        WordVectorFiles.Loaded l = WordVectorFiles.readWithFormat(f);
        assertEquals(WordVectorFiles.Format.WORD2VEC_BINARY, l.format());
        assertSame(sample(), l.vectors(), 0f);
    }

    @Test
    void word2vecBinaryWithoutNewlinesAfterVectors() throws IOException {
        // some writers omit the newline after each vector
        WordVectors v = sample();
        Path f = dir.resolve("nonl.bin");
        try (OutputStream os = Files.newOutputStream(f)) {
            os.write((v.size() + " 3\n").getBytes(StandardCharsets.US_ASCII));
            var b = java.nio.ByteBuffer.allocate(12).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            for (int r = 0; r < v.size(); r++) {
                os.write((v.word(r) + " ").getBytes(StandardCharsets.UTF_8));
                b.clear();
                for (int k = 0; k < 3; k++) b.putFloat(v.data()[r * 3 + k]);
                os.write(b.array());
            }
        }
        assertSame(v, WordVectorFiles.read(f), 0f);
    }

    @Test
    void archiveRoundTripFloat32IsExactAndFloat16IsClose() throws IOException {
        Path f32 = dir.resolve("v32.bnm");
        WordVectorFiles.writeArchive(sample(), f32, false, Map.of("corpus", "test"));
        WordVectorFiles.Loaded l = WordVectorFiles.readWithFormat(f32);
        assertEquals(WordVectorFiles.Format.ARCHIVE, l.format());
        assertSame(sample(), l.vectors(), 0f);
        assertEquals("test", ModelArchive.open(f32, WordVectorFiles.KIND).meta("corpus"));

        Path f16 = dir.resolve("v16.bnm");
        assertThrows(IOException.class, () -> WordVectorFiles.writeArchive(sample(), f16, true, Map.of()),
                "-123456.78 overflows float16");
        WordVectors small = new WordVectors(sample().words(), sample().data().clone(), 3);
        small.data()[5] = -1234.5f;
        WordVectorFiles.writeArchive(small, f16, true, Map.of());
        WordVectors half = WordVectorFiles.read(f16);
        assertEquals(sample().words(), half.words());
        for (int i = 0; i < half.data().length; i++) {
            float want = small.data()[i];
            // float16: 11-bit significand (relative error <= 2^-11); tiny values underflow to subnormals
            assertEquals(want, half.data()[i], Math.max(Math.abs(want) * 1e-3f, 1e-7f), "value " + i);
        }
    }

    @Test
    void gzippedTextIsRead() throws IOException {
        Path plain = dir.resolve("v.txt");
        WordVectorFiles.writeGloveText(sample(), plain);
        Path gz = dir.resolve("v.txt.gz");
        try (OutputStream os = new GZIPOutputStream(Files.newOutputStream(gz))) {
            os.write(Files.readAllBytes(plain));
        }
        assertSame(sample(), WordVectorFiles.read(gz), 0f);
    }

    @Test
    void textToleratesTrailingSpacesCrlfAndBlankLines() throws IOException {
        Path f = write("a.txt", "alpha 1 2 \r\n\nbeta 3 4\n");
        WordVectors v = WordVectorFiles.read(f);
        assertEquals(List.of("alpha", "beta"), v.words());
        assertArrayEquals(new float[] {3, 4}, v.vectorFor("beta"));
    }

    @Test
    void repeatedWordKeepsFirstVector() throws IOException {
        WordVectors v = WordVectorFiles.read(write("d.txt", "a 1 2\nb 3 4\na 5 6\n"));
        assertEquals(2, v.size());
        assertArrayEquals(new float[] {1, 2}, v.vectorFor("a"));
    }

    @Test
    void loadImplementsTokenEmbeddings() throws IOException {
        Path f = dir.resolve("v.bin");
        WordVectorFiles.writeWord2VecBinary(sample(), f);
        GloveEmbeddings e = GloveEmbeddings.load(f);
        assertEquals(3, e.dimension());
        List<float[][]> out = e.embed(List.of(List.of("the", "unknownword"), List.of("CANCER")));
        assertArrayEquals(sample().vectorFor("the"), out.get(0)[0]);
        assertArrayEquals(new float[3], out.get(0)[1]);
        // Flair never tries title case: "CANCER" -> "cancer" is not in the table ("Cancer" is), so zeros
        assertArrayEquals(new float[3], out.get(1)[0]);
        assertTrue(e.describe().startsWith("glove:"));
    }

    @Test
    void everyFormatLoadsFromAStream() throws IOException {
        Path txt = dir.resolve("s.txt"), bin = dir.resolve("s.bin"), bnm = dir.resolve("s.bnm");
        WordVectorFiles.writeGloveText(sample(), txt);
        WordVectorFiles.writeWord2VecBinary(sample(), bin);
        WordVectorFiles.writeArchive(sample(), bnm, false, Map.of());
        for (Path f : List.of(txt, bin, bnm)) {
            try (var in = Files.newInputStream(f)) {
                GloveEmbeddings e = GloveEmbeddings.load(in, "classpath:models/x");
                assertSame(sample(), e.vectors(), 0f);
                assertEquals("glove:classpath:models/x", e.describe());
            }
        }
    }

    // ---------------------------------------------------------------- bad files

    private Path write(String name, String content) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, content, StandardCharsets.UTF_8);
        return f;
    }

    private String failure(Path f) {
        IOException e = assertThrows(IOException.class, () -> WordVectorFiles.read(f));
        return e.getMessage();
    }

    @Test
    void wrongNumberOfValuesNamesFileAndLine() throws IOException {
        Path f = write("bad.txt", "a 1 2 3\nb 1 2 3\nc 1 2\n");
        String m = failure(f);
        assertTrue(m.startsWith(f + ":3: "), m);
        assertTrue(m.contains("'c' has 2 values, expected 3"), m);
    }

    @Test
    void wrongNumberOfValuesAfterHeaderNamesLine() throws IOException {
        Path f = write("bad.vec", "2 3\na 1 2 3\nb 1 2 3 4\n");
        String m = failure(f);
        assertTrue(m.startsWith(f + ":3: "), m);
    }

    @Test
    void nonNumericValueNamesFileAndLine() throws IOException {
        Path f = write("nan.txt", "a 1 2\nb 1 x2\n");
        String m = failure(f);
        assertTrue(m.startsWith(f + ":2: "), m);
        assertTrue(m.contains("'x2'"), m);
    }

    @Test
    void badUtf8NamesFileAndLine() throws IOException {
        Path f = dir.resolve("utf.txt");
        byte[] good = "a 1 2\nb 3 4\n".getBytes(StandardCharsets.UTF_8);
        byte[] bad = {'c', (byte) 0xC3, (byte) 0x28, ' ', '1', ' ', '2', '\n'};
        byte[] all = new byte[good.length + bad.length];
        System.arraycopy(good, 0, all, 0, good.length);
        System.arraycopy(bad, 0, all, good.length, bad.length);
        Files.write(f, all);
        String m = failure(f);
        assertTrue(m.startsWith(f + ":3: "), m);
        assertTrue(m.contains("UTF-8"), m);
    }

    @Test
    void truncatedWord2VecTextIsReported() throws IOException {
        Path f = write("short.vec", "3 2\na 1 2\nb 3 4\n");
        String m = failure(f);
        assertTrue(m.contains("announces 3 words but the file holds 2"), m);
    }

    @Test
    void truncatedWord2VecBinaryNamesEntry() throws IOException {
        Path f = dir.resolve("v.bin");
        WordVectorFiles.writeWord2VecBinary(sample(), f);
        byte[] all = Files.readAllBytes(f);
        Path cut = dir.resolve("cut.bin");
        Files.write(cut, java.util.Arrays.copyOf(all, all.length - 8));
        String m = failure(cut);
        assertTrue(m.startsWith(cut + ": entry 6 "), m);
        assertTrue(m.contains("truncated"), m);
    }

    @Test
    void foreignZipIsRejectedWithFileName() throws IOException {
        Path f = dir.resolve("other.zip");
        try (var z = new java.util.zip.ZipOutputStream(Files.newOutputStream(f))) {
            z.putNextEntry(new java.util.zip.ZipEntry("x"));
            z.write(1);
        }
        String m = failure(f);
        assertTrue(m.startsWith(f.toString()), m);
    }
}
