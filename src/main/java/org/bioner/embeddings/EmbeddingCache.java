package org.bioner.embeddings;

import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.IntConsumer;

import org.bioner.corpus.SentenceContext;
import org.bioner.model.ModelArchive.Half;

/**
 * The frozen embeddings of a fixed list of sentences, computed once (training reads every sentence in
 * every epoch) and stored as float16: in memory while they fit the given budget, else in a file read back
 * per sentence. {@link #build} spills to a temporary file; {@link #persistent} keeps the file for the next
 * run over the same sentences (a resumed training run then skips the embedding pass).
 *
 * <p>Persistent file layout (little-endian float16 data after a big-endian header): magic {@code BNEC},
 * version 1, key (UTF), sentence count n, dimension d, n token counts, then each sentence's
 * {@code [tokens * d]} values in order. The key is a SHA-256 of the embeddings' description, d, and every
 * sentence's tokens and context; since a description names a model by its location, not its contents, the
 * first sentences are also embedded afresh and compared with the stored values before the file is used.
 */
public final class EmbeddingCache implements Closeable {

    private static final int MAGIC = 0x424e4543; // "BNEC"
    private static final int VERSION = 1;
    /** Sentences re-embedded to check that a persistent file was made by the same embeddings. */
    static final int PROBE_SENTENCES = 8;

    private final int dimension;
    private final short[][] memory;      // per sentence [tokens * dimension], when in memory
    private final FileChannel file;      // when on disk
    private final Path filePath;
    private final long[] offsets;        // byte offset of each sentence's data in the file
    private final int[] lengths;

    private EmbeddingCache(int dimension, short[][] memory, FileChannel file, Path filePath, long[] offsets, int[] lengths) {
        this.dimension = dimension;
        this.memory = memory;
        this.file = file;
        this.filePath = filePath;
        this.offsets = offsets;
        this.lengths = lengths;
    }

    /**
     * Embeds all sentences in batches of {@code batch}, each with its {@code context} (may be null: none known).
     * Keeps them in memory when {@code 2 * tokens * dimension <= memoryBudgetBytes}, else spills to a temporary
     * file in {@code spillDir}, deleted on {@link #close}. {@code progress} (may be null) receives the number of
     * sentences done.
     */
    public static EmbeddingCache build(TokenEmbeddings embeddings, List<List<String>> sentences,
                                       List<SentenceContext> context, int batch,
                                       long memoryBudgetBytes, Path spillDir, IntConsumer progress) throws IOException {
        int d = embeddings.dimension();
        int n = sentences.size();
        boolean inMemory = 2L * tokenCount(sentences) * d <= memoryBudgetBytes;
        short[][] memory = inMemory ? new short[n][] : null;
        FileChannel ch = null;
        Path path = null;
        if (!inMemory) {
            Files.createDirectories(spillDir);
            path = Files.createTempFile(spillDir, "embeddings-", ".f16");
            ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.DELETE_ON_CLOSE);
        }
        long[] offsets = new long[n];
        int[] lengths = new int[n];
        embedAll(embeddings, sentences, context, batch, progress, (i, h) -> {
            lengths[i] = h.length / d;
            if (memory != null) memory[i] = h;
        }, ch, 0, offsets);
        return new EmbeddingCache(d, memory, ch, path, offsets, lengths);
    }

    /**
     * Like {@link #build}, but the vectors live in {@code file} between runs: when it holds these sentences'
     * vectors under these embeddings (same key, and the first sentences re-embedded give the stored values) they
     * are read from it; otherwise they are computed and written there (through a temporary file that replaces it
     * when complete, so a killed run leaves no partial file). {@code log} (may be null) gets one line on reuse or
     * on a stale file.
     */
    public static EmbeddingCache persistent(TokenEmbeddings embeddings, List<List<String>> sentences,
                                            List<SentenceContext> context, int batch, long memoryBudgetBytes,
                                            Path file, IntConsumer progress, java.io.PrintStream log) throws IOException {
        int d = embeddings.dimension();
        String key = key(embeddings, sentences, context);
        if (Files.exists(file)) {
            EmbeddingCache stored = open(file, key, sentences, d, memoryBudgetBytes);
            if (stored != null && stored.matchesFreshProbe(embeddings, sentences, context)) {
                if (log != null) log.println("embeddings read from " + file);
                return stored;
            }
            if (stored != null) stored.close();
            if (log != null) log.println(file + " was made from other sentences or embeddings: embedding again");
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".partial");
        int n = sentences.size();
        boolean inMemory = 2L * tokenCount(sentences) * d <= memoryBudgetBytes;
        short[][] memory = inMemory ? new short[n][] : null;
        int[] lengths = new int[n];
        long[] offsets = new long[n];
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            byte[] header = header(key, sentences, d);
            ByteBuffer hb = ByteBuffer.wrap(header);
            while (hb.hasRemaining()) ch.write(hb);
            embedAll(embeddings, sentences, context, batch, progress, (i, h) -> {
                lengths[i] = h.length / d;
                if (memory != null) memory[i] = h;
            }, ch, header.length, offsets);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        FileChannel read = inMemory ? null : FileChannel.open(file, StandardOpenOption.READ);
        return new EmbeddingCache(d, memory, read, file, offsets, lengths);
    }

    private interface Sink {
        void accept(int sentence, short[] halfs);
    }

    /** Embeds in batches; every sentence's float16 values go to {@code sink} and, with a channel, to the file from {@code start}. */
    private static void embedAll(TokenEmbeddings embeddings, List<List<String>> sentences, List<SentenceContext> context,
                                 int batch, IntConsumer progress, Sink sink, FileChannel ch, long start, long[] offsets)
            throws IOException {
        int d = embeddings.dimension();
        int n = sentences.size();
        long pos = start;
        for (int from = 0; from < n; from += batch) {
            int to = Math.min(n, from + batch);
            List<float[][]> vectors = embeddings.embed(sentences.subList(from, to), context == null ? null : context.subList(from, to));
            for (int k = 0; k < to - from; k++) {
                short[] h = toHalf(vectors.get(k), d);
                sink.accept(from + k, h);
                if (ch != null) {
                    ByteBuffer b = ByteBuffer.allocate(h.length * 2).order(ByteOrder.LITTLE_ENDIAN);
                    b.asShortBuffer().put(h);
                    offsets[from + k] = pos;
                    while (b.hasRemaining()) pos += ch.write(b, pos);
                }
            }
            if (progress != null) progress.accept(to);
        }
    }

    private static short[] toHalf(float[][] v, int d) {
        short[] h = new short[v.length * d];
        for (int t = 0; t < v.length; t++) {
            for (int j = 0; j < d; j++) h[t * d + j] = Half.fromFloat(v[t][j]);
        }
        return h;
    }

    private static long tokenCount(List<List<String>> sentences) {
        return sentences.stream().mapToLong(List::size).sum();
    }

    static String key(TokenEmbeddings embeddings, List<List<String>> sentences, List<SentenceContext> context) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            update(md, embeddings.describe() + "\u0000" + embeddings.dimension() + "\u0000" + sentences.size());
            for (int i = 0; i < sentences.size(); i++) {
                update(md, "\u0001" + String.join("\u0000", sentences.get(i)));
                SentenceContext c = context == null ? SentenceContext.NONE : context.get(i);
                update(md, "\u0002" + String.join("\u0000", c.previous()) + "\u0003" + String.join("\u0000", c.next()));
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void update(MessageDigest md, String s) {
        md.update(s.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] header(String key, List<List<String>> sentences, int d) throws IOException {
        var bytes = new java.io.ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeUTF(key);
            out.writeInt(sentences.size());
            out.writeInt(d);
            for (List<String> s : sentences) out.writeInt(s.size());
        }
        return bytes.toByteArray();
    }

    /** The cache in {@code file} if its header is this key's, these sentences' and this dimension's; else null. */
    private static EmbeddingCache open(Path file, String key, List<List<String>> sentences, int d, long memoryBudgetBytes)
            throws IOException {
        int n = sentences.size();
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        boolean keep = false;
        try {
            DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Channels.newInputStream(ch.position(0))));
            if (in.readInt() != MAGIC || in.readInt() != VERSION || !in.readUTF().equals(key) || in.readInt() != n || in.readInt() != d) {
                return null;
            }
            int[] lengths = new int[n];
            long headerBytes = 4 + 4 + 2 + key.getBytes(StandardCharsets.UTF_8).length + 4 + 4 + 4L * n;
            long[] offsets = new long[n];
            long pos = headerBytes;
            for (int i = 0; i < n; i++) {
                lengths[i] = in.readInt();
                if (lengths[i] != sentences.get(i).size()) return null;
                offsets[i] = pos;
                pos += 2L * lengths[i] * d;
            }
            if (ch.size() != pos) return null; // truncated or longer: not this cache
            EmbeddingCache disk = new EmbeddingCache(d, null, ch, file, offsets, lengths);
            if (2L * tokenCount(sentences) * d > memoryBudgetBytes) {
                keep = true;
                return disk;
            }
            short[][] memory = new short[n][];
            for (int i = 0; i < n; i++) memory[i] = disk.readHalfs(i);
            return new EmbeddingCache(d, memory, null, file, offsets, lengths);
        } catch (java.io.EOFException e) {
            return null;
        } finally {
            if (!keep) ch.close();
        }
    }

    /** Whether re-embedding the first sentences gives the stored values (float16 rounding aside). */
    private boolean matchesFreshProbe(TokenEmbeddings embeddings, List<List<String>> sentences, List<SentenceContext> context) {
        int k = Math.min(PROBE_SENTENCES, sentences.size());
        List<float[][]> fresh = embeddings.embed(sentences.subList(0, k), context == null ? null : context.subList(0, k));
        for (int i = 0; i < k; i++) {
            float[][] stored = get(i);
            for (int t = 0; t < stored.length; t++) {
                for (int j = 0; j < dimension; j++) {
                    float a = fresh.get(i)[t][j], b = stored[t][j];
                    if (!(Math.abs(a - b) <= 1e-2f * Math.max(1f, Math.abs(a)))) return false;
                }
            }
        }
        return true;
    }

    public int size() {
        return lengths.length;
    }

    public int dimension() {
        return dimension;
    }

    public boolean inMemory() {
        return memory != null;
    }

    /** Token count of sentence {@code i}. */
    public int length(int i) {
        return lengths[i];
    }

    private short[] readHalfs(int i) {
        int count = lengths[i] * dimension;
        ByteBuffer b = ByteBuffer.allocate(count * 2).order(ByteOrder.LITTLE_ENDIAN);
        try {
            long pos = offsets[i];
            while (b.hasRemaining()) {
                int r = file.read(b, pos + b.position());
                if (r < 0) throw new IOException("embedding cache file " + filePath + " is truncated");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        b.flip();
        short[] h = new short[count];
        b.asShortBuffer().get(h);
        return h;
    }

    /** Sentence {@code i} as {@code [tokens][dimension]}, widened from float16. */
    public float[][] get(int i) {
        short[] h = memory != null ? memory[i] : readHalfs(i);
        float[][] out = new float[lengths[i]][dimension];
        for (int t = 0; t < out.length; t++) {
            float[] row = out[t];
            for (int j = 0, k = t * dimension; j < dimension; j++, k++) row[j] = Half.toFloat(h[k]);
        }
        return out;
    }

    @Override
    public void close() throws IOException {
        if (file != null) file.close();
    }
}
