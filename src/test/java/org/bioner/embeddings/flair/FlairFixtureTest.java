package org.bioner.embeddings.flair;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.bioner.nn.LstmMath;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Equality with PyTorch: src/test/resources/flair/make_fixtures.py saved small random Flair LMs and the
 * per-token Flair embeddings PyTorch computed for sentences.txt (long sentence > 512 chars, characters
 * outside the BMP and outside the dictionary included).
 */
class FlairFixtureTest {

    static Path resource(String name) throws URISyntaxException {
        return Path.of(FlairFixtureTest.class.getResource("/flair/" + name).toURI());
    }

    static List<List<String>> sentences() throws Exception {
        List<List<String>> out = new ArrayList<>();
        for (String line : Files.readAllLines(resource("sentences.txt"), StandardCharsets.UTF_8)) {
            if (!line.isBlank()) out.add(Arrays.asList(line.split(" ")));
        }
        return out;
    }

    static void assertMatchesReference(String name, List<float[][]> got, double tol) throws Exception {
        List<String> lines = Files.readAllLines(resource(name + ".expected.tsv"), StandardCharsets.UTF_8);
        int checked = 0;
        double worst = 0;
        for (String line : lines) {
            String[] f = line.split("\t");
            float[] v = got.get(Integer.parseInt(f[0]))[Integer.parseInt(f[1])];
            assertEquals(f.length - 3, v.length, name + ": dimension");
            for (int d = 0; d < v.length; d++) {
                worst = Math.max(worst, Math.abs(Double.parseDouble(f[3 + d]) - v[d]));
            }
            checked++;
        }
        int tokens = got.stream().mapToInt(a -> a.length).sum();
        assertEquals(tokens, checked, name + ": every token has a reference vector");
        assertTrue(worst <= tol, name + ": max abs difference to PyTorch " + worst);
    }

    @ParameterizedTest
    @ValueSource(strings = {"fwd-1layer-zip", "bwd-1layer-zip", "fwd-2layer-proj-legacy", "bwd-2layer-proj-zip",
            "fwd-1layer-legacy-strided", "fwd-half-zip", "bwd-bf16-legacy"})
    void embeddingsEqualPyTorch(String name) throws Exception {
        CharLanguageModel lm = CharLanguageModel.load(resource(name + ".pt"));
        assertEquals(!name.startsWith("bwd"), lm.isForward());
        // 2 threads, 2 sentences per batch: several batches, workers and a batch of one all get exercised
        FlairEmbeddings emb = new FlairEmbeddings(lm, 2, 2);
        assertMatchesReference(name, emb.embed(sentences()), 1e-5);
    }

    @ParameterizedTest
    @ValueSource(strings = {"fwd-2layer-proj-legacy", "bwd-1layer-zip"})
    void projectFormatRoundTrip(String name, @TempDir Path dir) throws Exception {
        CharLanguageModel lm = CharLanguageModel.load(resource(name + ".pt"));
        Path bnm = dir.resolve("lm.bnm");
        lm.write(bnm, false);
        CharLanguageModel back = CharLanguageModel.load(bnm);
        assertEquals(lm.dictionary(), back.dictionary());
        assertEquals(lm.hasDecoder(), back.hasDecoder());
        assertMatchesReference(name, new FlairEmbeddings(back, 1, 64).embed(sentences()), 1e-5);
        // float16 storage: same model up to half-precision rounding of the weights
        Path half = dir.resolve("half.bnm");
        lm.write(half, true);
        assertTrue(Files.size(half) < Files.size(bnm));
        assertMatchesReference(name, new FlairEmbeddings(CharLanguageModel.load(half), 1, 64).embed(sentences()), 2e-2);
    }

    @Test
    void refusesForeignClasses(@TempDir Path dir) throws Exception {
        // protocol-2 pickle of os.system('ls') inside a torch-style zip
        ByteArrayOutputStream pkl = new ByteArrayOutputStream();
        pkl.write(new byte[] {(byte) 0x80, 2});
        pkl.write("cos\nsystem\nX\u0002\u0000\u0000\u0000ls\u0085R.".getBytes(StandardCharsets.ISO_8859_1));
        Path evil = dir.resolve("evil.pt");
        try (OutputStream o = Files.newOutputStream(evil); ZipOutputStream z = new ZipOutputStream(o)) {
            z.putNextEntry(new ZipEntry("archive/data.pkl"));
            z.write(pkl.toByteArray());
            z.closeEntry();
        }
        IOException e = assertThrows(IOException.class, () -> CharLanguageModel.load(evil));
        assertTrue(e.getMessage().contains("evil.pt") && e.getMessage().contains("os.system"), e.getMessage());
    }

    @Test
    void refusesTruncatedFile(@TempDir Path dir) throws Exception {
        byte[] all = Files.readAllBytes(resource("fwd-2layer-proj-legacy.pt"));
        Path cut = dir.resolve("cut.pt");
        Files.write(cut, Arrays.copyOf(all, all.length - 100));
        IOException e = assertThrows(IOException.class, () -> CharLanguageModel.load(cut));
        assertTrue(e.getMessage().contains("cut.pt"), e.getMessage());
    }

    @Test
    void fastTanhIsAccurate() {
        double worst = 0;
        for (float x = -20f; x <= 20f; x += 0.0007f) {
            worst = Math.max(worst, Math.abs(LstmMath.tanh(x) - Math.tanh(x)));
            worst = Math.max(worst, Math.abs(LstmMath.sigmoid(x) - 1 / (1 + Math.exp(-x))));
        }
        assertTrue(worst < 1e-6, "max error " + worst);
    }
}
