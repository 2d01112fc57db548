package org.bioner.embeddings.glove;

import org.bioner.model.ModelArchive;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * Reads and writes word vectors in the common exchange formats, choosing the reader by content:
 * <ul>
 *   <li>the project's model archive ({@code .bnm}, kind {@value #KIND}; fastest to load),</li>
 *   <li>GloVe text: {@code word v1 ... vd} per line, no header,</li>
 *   <li>word2vec text: a {@code count dimension} header line, then GloVe-style lines,</li>
 *   <li>word2vec binary: the same header, then per word its UTF-8 bytes, a space and {@code d}
 *       little-endian float32 values (optionally followed by a newline).</li>
 * </ul>
 * Text and binary files may be gzipped. Errors name the file and the line (binary: the entry and byte offset).
 * A word that occurs twice keeps its first vector (as gensim does), with a warning on stderr.
 */
public final class WordVectorFiles {

    /** Model kind of word vectors in a {@link ModelArchive}. */
    public static final String KIND = "word-vectors";

    public enum Format { ARCHIVE, GLOVE_TEXT, WORD2VEC_TEXT, WORD2VEC_BINARY }

    private static final Pattern HEADER = Pattern.compile("\\s*(\\d+)[ \\t]+(\\d+)\\s*");
    private static final int MAX_LINE_BYTES = 1 << 24;

    private WordVectorFiles() { }

    // ------------------------------------------------------------------ reading

    /** Reads a word-vector file of any supported format (sniffed from its content). */
    public static WordVectors read(Path file) throws IOException {
        return readWithFormat(file).vectors();
    }

    /** The vectors and the format they were read from. */
    public record Loaded(WordVectors vectors, Format format) { }

    public static Loaded readWithFormat(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new IOException("Word vector file not found: " + file);
        try (InputStream in = Files.newInputStream(file)) {
            return readWithFormat(in, file.toString());
        }
    }

    /** Reads word vectors of any supported format from a stream ({@code source} names it in errors, e.g. a classpath location). */
    public static Loaded readWithFormat(InputStream stream, String source) throws IOException {
        BufferedInputStream in = new BufferedInputStream(stream, 1 << 16);
        in.mark(4);
        byte[] magic = in.readNBytes(4);
        in.reset();
        if (magic.length == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4) {
            return new Loaded(readArchive(ModelArchive.open(in, source, KIND)), Format.ARCHIVE);
        }
        InputStream raw = in;
        if (magic.length >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
            raw = new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
        }
        ByteLines lines = new ByteLines(raw, source);
        byte[] first = lines.nextLine();
        if (first == null) throw new IOException(source + ": empty word vector file");
        String firstText = lines.decode(first);
        var m = HEADER.matcher(firstText);
        if (m.matches()) {
            long count = Long.parseLong(m.group(1));
            int dim = parseDimension(m.group(2), lines);
            if (count > Integer.MAX_VALUE / Math.max(1, dim)) {
                throw new IOException(source + ":1: header announces " + count + " x " + dim + " values, too many for one table");
            }
            if (looksBinary(lines, dim)) {
                return new Loaded(readWord2VecBinary(lines, (int) count, dim), Format.WORD2VEC_BINARY);
            }
            return new Loaded(readText(lines, null, (int) count, dim), Format.WORD2VEC_TEXT);
        }
        return new Loaded(readText(lines, firstText, -1, -1), Format.GLOVE_TEXT);
    }

    /** Reads vectors stored by {@link #writeArchive}. */
    public static WordVectors readArchive(ModelArchive archive) throws IOException {
        List<String> words = archive.strings("words");
        int[] shape = archive.shape("vectors");
        if (shape.length != 2 || shape[0] != words.size()) {
            throw new IOException(archive.source() + ": vectors of shape " + java.util.Arrays.toString(shape)
                    + " do not match " + words.size() + " words");
        }
        try {
            return new WordVectors(words, archive.floats("vectors"), shape[1]);
        } catch (IllegalArgumentException e) {
            throw new IOException(archive.source() + ": " + e.getMessage(), e);
        }
    }

    private static int parseDimension(String s, ByteLines in) throws IOException {
        int dim;
        try {
            dim = Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw in.error("dimension '" + s + "' is not a number");
        }
        if (dim <= 0) throw in.error("dimension must be positive, header says " + dim);
        return dim;
    }

    /** GloVe text (firstLine = already read data line) or word2vec text (count/dim from the header). */
    private static WordVectors readText(ByteLines in, String firstLine, int count, int dim) throws IOException {
        Table table = new Table(in.source, count > 0 ? count : 1024, dim);
        String line = firstLine;
        if (line == null) {
            byte[] b = in.nextLine();
            line = b == null ? null : in.decode(b);
        }
        while (line != null) {
            if (!line.isBlank()) {
                parseTextLine(line, table, in);
            }
            byte[] b = in.nextLine();
            line = b == null ? null : in.decode(b);
        }
        if (table.rows == 0) throw new IOException(in.source + ": no word vectors found");
        if (count >= 0 && table.entries != count) {
            throw new IOException(in.source + ": header announces " + count + " words but the file holds " + table.entries
                    + (table.entries < count ? " (truncated file?)" : ""));
        }
        return table.build();
    }

    private static void parseTextLine(String line, Table table, ByteLines in) throws IOException {
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == ' ' || line.charAt(end - 1) == '\t' || line.charAt(end - 1) == '\r')) end--;
        int sep = indexOfSeparator(line, 0, end);
        if (sep <= 0) {
            throw in.error(sep == 0 ? "line starts with a separator (empty word)" : "word without values");
        }
        String word = line.substring(0, sep);
        // count values first, so the dimension of a header-less file is known from its first line
        int values = 0;
        for (int i = sep; i < end; ) {
            while (i < end && isSeparator(line.charAt(i))) i++;
            if (i >= end) break;
            values++;
            while (i < end && !isSeparator(line.charAt(i))) i++;
        }
        if (table.dim < 0) table.setDimension(values);
        if (values != table.dim) {
            throw in.error("word '" + abbreviate(word) + "' has " + values + " values, expected " + table.dim);
        }
        float[] v = table.scratch;
        int k = 0;
        for (int i = sep; i < end; ) {
            while (i < end && isSeparator(line.charAt(i))) i++;
            if (i >= end) break;
            int start = i;
            while (i < end && !isSeparator(line.charAt(i))) i++;
            try {
                v[k++] = DecimalFloats.parse(line, start, i);
            } catch (NumberFormatException e) {
                throw in.error("value " + k + " of word '" + abbreviate(word) + "' is not a number: '"
                        + abbreviate(line.substring(start, i)) + "'");
            }
        }
        table.add(word, v);
    }

    private static WordVectors readWord2VecBinary(ByteLines in, int count, int dim) throws IOException {
        Table table = new Table(in.source, count, dim);
        byte[] raw = new byte[4 * dim];
        ByteBuffer buf = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        for (int entry = 1; entry <= count; entry++) {
            long offset = in.offset;
            byte[] wordBytes = in.readWord();
            if (wordBytes == null) {
                throw new IOException(in.source + ": header announces " + count + " words but the file ends after "
                        + (entry - 1) + " (truncated file?)");
            }
            String word = in.decodeBinary(wordBytes, entry, offset);
            if (word.isEmpty()) throw new IOException(in.source + ": entry " + entry + " (byte offset " + offset + "): empty word");
            if (!in.readFully(raw)) {
                throw new IOException(in.source + ": entry " + entry + " (byte offset " + offset + "): word '"
                        + abbreviate(word) + "' is followed by fewer than " + dim + " float32 values (truncated file?)");
            }
            buf.rewind();
            for (int i = 0; i < dim; i++) table.scratch[i] = buf.getFloat();
            table.add(word, table.scratch);
        }
        return table.build();
    }

    /**
     * After the header: in word2vec text the rest of the first entry's line is exactly {@code dim} numbers;
     * in binary it is raw float bytes, which practically never read as that.
     */
    private static boolean looksBinary(ByteLines in, int dim) throws IOException {
        byte[] peek = in.peek(MAX_PEEK);
        int i = 0;
        while (i < peek.length && (peek[i] == '\n' || peek[i] == '\r')) i++;
        while (i < peek.length && peek[i] != ' ' && peek[i] != '\t' && peek[i] != '\n') i++;
        if (i >= peek.length || peek[i] == '\n') return false; // a word alone on its line: let the text reader report it
        int end = i;
        while (end < peek.length && peek[end] != '\n') end++;
        String rest = new String(peek, i, end - i, StandardCharsets.ISO_8859_1).trim();
        if (rest.isEmpty()) return true;
        String[] fields = rest.split("[ \t]+");
        if (fields.length != dim) return true;
        for (String f : fields) {
            try {
                Float.parseFloat(f);
            } catch (NumberFormatException e) {
                return true;
            }
        }
        return false;
    }

    private static final int MAX_PEEK = 1 << 16;

    private static boolean isSeparator(char c) {
        return c == ' ' || c == '\t';
    }

    private static int indexOfSeparator(String s, int from, int end) {
        for (int i = from; i < end; i++) if (isSeparator(s.charAt(i))) return i;
        return -1;
    }

    static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }

    /** Growing row-major table; drops repeated words (keeping the first). */
    private static final class Table {
        final String source;
        final List<String> words;
        final Set<String> seen;
        float[] data;
        float[] scratch;
        int dim;
        int rows;
        int entries;
        int duplicates;
        String firstDuplicate;

        Table(String source, int expectedRows, int dim) {
            this.source = source;
            this.words = new ArrayList<>(Math.max(16, expectedRows));
            this.seen = new HashSet<>(Math.max(16, expectedRows * 2));
            this.dim = dim;
            if (dim > 0) setDimension(dim);
            this.data = new float[Math.max(1, expectedRows) * Math.max(1, dim)];
        }

        void setDimension(int d) {
            this.dim = d;
            this.scratch = new float[d];
            if (data != null && data.length < d) data = new float[1024 * d];
        }

        void add(String word, float[] v) {
            entries++;
            if (!seen.add(word)) {
                if (duplicates++ == 0) firstDuplicate = word;
                return;
            }
            long need = (long) (rows + 1) * dim;
            if (need > data.length) {
                long grown = Math.max(need, Math.min((long) data.length * 2, Integer.MAX_VALUE - 8));
                if (grown < need) throw new IllegalStateException(source + ": more vectors than fit in one Java array");
                data = java.util.Arrays.copyOf(data, (int) grown);
            }
            System.arraycopy(v, 0, data, rows * dim, dim);
            words.add(word);
            rows++;
        }

        WordVectors build() {
            if (duplicates > 0) {
                System.err.println("warning: " + source + ": " + duplicates + " repeated word(s) ignored (first: '"
                        + abbreviate(firstDuplicate) + "'); the first vector of each word is kept");
            }
            float[] exact = data.length == rows * dim ? data : java.util.Arrays.copyOf(data, rows * dim);
            return new WordVectors(words, exact, dim);
        }
    }

    /**
     * Byte-level reader with its own buffer: decodes each line on its own (so a bad UTF-8 sequence is reported
     * at its line) and scans for newlines in bulk rather than a stream call per byte.
     */
    private static final class ByteLines {
        final InputStream in;
        final String source;
        final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        byte[] buf = new byte[1 << 16];
        int pos, limit;
        boolean eof;
        long line;   // number of the line last returned (1-based)
        long offset; // bytes consumed

        ByteLines(InputStream in, String source) {
            this.in = in;
            this.source = source;
        }

        /** Makes at least {@code n} unread bytes available unless the input ends first; returns how many are. */
        private int fill(int n) throws IOException {
            if (limit - pos >= n || eof) return limit - pos;
            if (pos > 0) {
                System.arraycopy(buf, pos, buf, 0, limit - pos);
                limit -= pos;
                pos = 0;
            }
            if (n > buf.length) buf = java.util.Arrays.copyOf(buf, Math.max(n, buf.length * 2));
            while (limit < n) {
                int r = in.read(buf, limit, buf.length - limit);
                if (r < 0) {
                    eof = true;
                    break;
                }
                limit += r;
            }
            return limit - pos;
        }

        /** Next line without its terminator, or null at the end. */
        byte[] nextLine() throws IOException {
            int scanned = 0;
            while (true) {
                for (int i = pos + scanned; i < limit; i++) {
                    if (buf[i] == '\n') return take(i - pos, 1);
                }
                scanned = limit - pos;
                if (scanned >= MAX_LINE_BYTES) {
                    throw new IOException(source + ":" + (line + 1) + ": line longer than " + MAX_LINE_BYTES + " bytes (binary file?)");
                }
                if (fill(scanned + (1 << 16)) == scanned) { // end of input
                    return scanned == 0 ? null : take(scanned, 0);
                }
            }
        }

        private byte[] take(int len, int terminator) {
            int n = len;
            if (n > 0 && buf[pos + n - 1] == '\r') n--;
            byte[] out = java.util.Arrays.copyOfRange(buf, pos, pos + n);
            pos += len + terminator;
            offset += len + terminator;
            line++;
            return out;
        }

        private int read() throws IOException {
            if (pos >= limit && fill(1) == 0) return -1;
            offset++;
            return buf[pos++] & 0xff;
        }

        String decode(byte[] bytes) throws IOException {
            try {
                CharBuffer cb = decoder.decode(ByteBuffer.wrap(bytes));
                String s = cb.toString();
                return line == 1 && s.startsWith("\uFEFF") ? s.substring(1) : s;
            } catch (CharacterCodingException e) {
                throw error("invalid UTF-8 (" + e.getMessage() + ")");
            }
        }

        String decodeBinary(byte[] bytes, int entry, long at) throws IOException {
            try {
                return decoder.decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                throw new IOException(source + ": entry " + entry + " (byte offset " + at + "): word is not valid UTF-8", e);
            }
        }

        /** word2vec binary: skips newlines, then reads up to the space; null at a clean end of file. */
        byte[] readWord() throws IOException {
            int c;
            do {
                c = read();
            } while (c == '\n' || c == '\r');
            if (c < 0) return null;
            java.io.ByteArrayOutputStream w = new java.io.ByteArrayOutputStream(32);
            while (c >= 0 && c != ' ') {
                if (w.size() >= MAX_LINE_BYTES) throw new IOException(source + ": byte offset " + offset + ": word longer than " + MAX_LINE_BYTES + " bytes");
                w.write(c);
                c = read();
            }
            if (c < 0) throw new IOException(source + ": byte offset " + offset + ": file ends inside a word (truncated file?)");
            return w.toByteArray();
        }

        boolean readFully(byte[] into) throws IOException {
            int n = Math.min(fill(into.length), into.length);
            System.arraycopy(buf, pos, into, 0, n);
            pos += n;
            offset += n;
            return n == into.length;
        }

        /** The next bytes (up to {@code max}) without consuming them. */
        byte[] peek(int max) throws IOException {
            int n = Math.min(fill(max), max);
            return java.util.Arrays.copyOfRange(buf, pos, pos + n);
        }

        IOException error(String message) {
            return new IOException(source + ":" + line + ": " + message);
        }
    }

    // ------------------------------------------------------------------ writing

    /** GloVe text: one {@code word v1 ... vd} line per word, values in Java's shortest round-trip form. */
    public static void writeGloveText(WordVectors v, Path file) throws IOException {
        writeText(v, file, false);
    }

    /** word2vec text: a {@code count dimension} header, then GloVe-style lines. */
    public static void writeWord2VecText(WordVectors v, Path file) throws IOException {
        writeText(v, file, true);
    }

    private static void writeText(WordVectors v, Path file, boolean header) throws IOException {
        try (var w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            if (header) w.write(v.size() + " " + v.dimension() + "\n");
            float[] d = v.data();
            StringBuilder b = new StringBuilder();
            for (int r = 0; r < v.size(); r++) {
                b.setLength(0);
                b.append(v.word(r));
                for (int k = 0; k < v.dimension(); k++) b.append(' ').append(d[r * v.dimension() + k]);
                b.append('\n');
                w.append(b);
            }
        }
    }

    /** word2vec binary (the C tool's and gensim's layout: float32 little-endian, newline after each vector). */
    public static void writeWord2VecBinary(WordVectors v, Path file) throws IOException {
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            os.write((v.size() + " " + v.dimension() + "\n").getBytes(StandardCharsets.US_ASCII));
            ByteBuffer b = ByteBuffer.allocate(4 * v.dimension()).order(ByteOrder.LITTLE_ENDIAN);
            float[] d = v.data();
            for (int r = 0; r < v.size(); r++) {
                String w = v.word(r);
                if (w.indexOf(' ') >= 0 || w.indexOf('\n') >= 0) {
                    throw new IOException("word '" + abbreviate(w) + "' contains a space or newline; word2vec binary cannot store it");
                }
                os.write(w.getBytes(StandardCharsets.UTF_8));
                os.write(' ');
                b.clear();
                for (int k = 0; k < v.dimension(); k++) b.putFloat(d[r * v.dimension() + k]);
                os.write(b.array());
                os.write('\n');
            }
        }
    }

    /** The project's model archive; {@code half} stores float16 (half the size, ~3 significant digits). */
    public static void writeArchive(WordVectors v, Path file, boolean half, Map<String, String> metadata) throws IOException {
        if (half) {
            for (float x : v.data()) {
                if (Math.abs(x) > 65504f && Float.isFinite(x)) {
                    throw new IOException(file + ": value " + x + " does not fit float16; store float32 instead");
                }
            }
        }
        try (ModelArchive.Writer w = ModelArchive.writer(file, KIND)) {
            w.meta("dimension", Integer.toString(v.dimension()));
            w.meta("words", Integer.toString(v.size()));
            w.meta("storage", half ? "float16" : "float32");
            metadata.forEach(w::meta);
            w.strings("words", v.words());
            w.floats("vectors", v.data(), new int[] {v.size(), v.dimension()}, half);
        }
    }
}
