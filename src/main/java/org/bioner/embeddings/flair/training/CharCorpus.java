package org.bioner.embeddings.flair.training;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

import org.bioner.corpus.StrictUtf8;

/**
 * Plain-text LM corpora: one document per line, {@code .txt} or gzip ({@code .gz}), given as files or
 * directories (their {@code .txt}/{@code .gz} files, sorted by name). The text the LM reads is the
 * non-blank documents joined by Flair's document delimiter {@code "\n"}, with a final {@code "\n"}, as code
 * points; the backward LM reads it reversed ({@link #reversed}), so every document is preceded by the
 * delimiter in both directions, as {@link org.bioner.embeddings.flair.FlairEmbeddings} presents a sentence
 * ({@code "\n" + text + " "}).
 */
public final class CharCorpus {

    public static final String UNK = "<unk>";

    private CharCorpus() {
    }

    /** The text files named by {@code inputs} (directories expanded); a clear error for anything missing or empty. */
    public static List<Path> files(List<Path> inputs) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path p : inputs) {
            if (!Files.exists(p)) throw new NoSuchFileException(p.toString(), null, "no such file or directory");
            if (Files.isDirectory(p)) {
                List<Path> found;
                try (Stream<Path> s = Files.list(p)) {
                    found = s.filter(f -> Files.isRegularFile(f) && isText(f)).sorted().toList();
                }
                if (found.isEmpty()) throw new IOException(p + ": directory holds no .txt or .gz files");
                out.addAll(found);
            } else {
                if (!Files.isReadable(p)) throw new IOException(p + ": not readable");
                out.add(p);
            }
        }
        if (out.isEmpty()) throw new IOException("no corpus files given");
        return out;
    }

    private static boolean isText(Path f) {
        String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".txt") || n.endsWith(".gz");
    }

    /**
     * The code points of the documents of {@code files}, each followed by {@code "\n"}, up to
     * {@code maxChars} (0 = all; the last document is cut there).
     */
    public static int[] readCodePoints(List<Path> files, long maxChars) throws IOException {
        IntArray text = new IntArray();
        long limit = maxChars > 0 ? maxChars : Integer.MAX_VALUE - 16;
        for (Path f : files) {
            long before = text.size;
            try (StrictUtf8.LineReader r = new StrictUtf8.LineReader(open(f), f.toString())) {
                String line;
                while (text.size < limit && (line = r.readLine()) != null) {
                    if (line.isBlank()) continue;
                    for (int i = 0; i < line.length() && text.size < limit; ) {
                        int cp = line.codePointAt(i);
                        text.add(cp);
                        i += Character.charCount(cp);
                    }
                    if (text.size < limit) text.add('\n');
                }
            } catch (ZipException | java.io.EOFException e) {
                throw new IOException(f + ": not a readable gzip file (" + e.getMessage() + ")", e);
            }
            if (text.size == before && text.size < limit) throw new IOException(f + ": no text (every line is blank)");
            if (text.size >= limit) break;
        }
        return Arrays.copyOf(text.data, (int) text.size);
    }

    private static InputStream open(Path f) throws IOException {
        InputStream in = Files.newInputStream(f);
        if (f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz")) {
            try {
                return new GZIPInputStream(in, 1 << 16);
            } catch (ZipException | java.io.EOFException e) {
                in.close();
                throw new IOException(f + ": not a readable gzip file (" + e.getMessage() + ")", e);
            }
        }
        return in;
    }

    /**
     * Flair's character dictionary: {@code <unk>} at index 0, then the characters seen at least
     * {@code minCount} times, most frequent first (ties: lower code point first).
     */
    public static List<String> buildDictionary(int[] codePoints, int from, int to, int minCount) {
        Map<Integer, long[]> counts = new HashMap<>();
        long[] ascii = new long[128];
        for (int i = from; i < to; i++) {
            int cp = codePoints[i];
            if (cp < 128) ascii[cp]++;
            else counts.computeIfAbsent(cp, k -> new long[1])[0]++;
        }
        for (int cp = 0; cp < 128; cp++) if (ascii[cp] > 0) counts.put(cp, new long[] {ascii[cp]});
        List<Map.Entry<Integer, long[]>> entries = new ArrayList<>(counts.entrySet());
        entries.removeIf(e -> e.getValue()[0] < Math.max(1, minCount));
        entries.sort((a, b) -> a.getValue()[0] != b.getValue()[0] ? Long.compare(b.getValue()[0], a.getValue()[0])
                : Integer.compare(a.getKey(), b.getKey()));
        List<String> dict = new ArrayList<>(entries.size() + 1);
        dict.add(UNK);
        for (Map.Entry<Integer, long[]> e : entries) dict.add(new String(Character.toChars(e.getKey())));
        return dict;
    }

    /** Code point -> dictionary index, as {@link org.bioner.embeddings.flair.CharLanguageModel#indexOf} does (unknown -> 0). */
    public static final class Encoder {
        private final int[] ascii = new int[128];
        private final Map<Integer, Integer> other = new HashMap<>();

        public Encoder(List<String> dictionary) {
            for (int i = dictionary.size() - 1; i >= 1; i--) { // first occurrence wins; index 0 is <unk>
                String item = dictionary.get(i);
                if (item.codePointCount(0, item.length()) != 1) continue;
                int cp = item.codePointAt(0);
                if (cp < 128) ascii[cp] = i;
                else other.put(cp, i);
            }
        }

        public int indexOf(int cp) {
            return cp < 128 ? ascii[cp] : other.getOrDefault(cp, 0);
        }

        /** {@code codePoints[from, to)} as indices, reversed when {@code reverse}. */
        public int[] encode(int[] codePoints, int from, int to, boolean reverse) {
            int n = to - from;
            int[] ids = new int[n];
            for (int i = 0; i < n; i++) ids[reverse ? n - 1 - i : i] = indexOf(codePoints[from + i]);
            return ids;
        }
    }

    /** Reversed copy (the backward LM's reading order). */
    public static int[] reversed(int[] a) {
        int[] r = new int[a.length];
        for (int i = 0; i < a.length; i++) r[a.length - 1 - i] = a[i];
        return r;
    }

    private static final class IntArray {
        int[] data = new int[1 << 16];
        long size;

        void add(int v) {
            if (size == data.length) data = Arrays.copyOf(data, (int) Math.min(Integer.MAX_VALUE - 16, data.length * 2L));
            data[(int) size++] = v;
        }
    }
}
