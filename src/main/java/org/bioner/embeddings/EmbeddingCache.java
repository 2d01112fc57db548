package org.bioner.embeddings;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.IntConsumer;

import org.bioner.corpus.SentenceContext;
import org.bioner.model.ModelArchive.Half;

/**
 * The frozen embeddings of a fixed list of sentences, computed once (training reads every sentence in
 * every epoch) and stored as float16: in memory while they fit the given budget, else in a temporary
 * file read back per sentence.
 */
public final class EmbeddingCache implements Closeable {

    private final int dimension;
    private final short[][] memory;      // per sentence [tokens * dimension], when in memory
    private final FileChannel file;      // when on disk
    private final Path filePath;
    private final long[] offsets;
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
     * Keeps them in memory when {@code 2 * tokens * dimension <= memoryBudgetBytes}, else spills to a file in
     * {@code spillDir}.
     * {@code progress} (may be null) receives the number of sentences done.
     */
    public static EmbeddingCache build(TokenEmbeddings embeddings, List<List<String>> sentences,
                                       List<SentenceContext> context, int batch,
                                       long memoryBudgetBytes, Path spillDir, IntConsumer progress) throws IOException {
        int d = embeddings.dimension();
        int n = sentences.size();
        long tokens = sentences.stream().mapToLong(List::size).sum();
        boolean inMemory = 2L * tokens * d <= memoryBudgetBytes;
        short[][] memory = inMemory ? new short[n][] : null;
        FileChannel ch = null;
        Path path = null;
        long[] offsets = new long[n];
        int[] lengths = new int[n];
        if (!inMemory) {
            Files.createDirectories(spillDir);
            path = Files.createTempFile(spillDir, "embeddings-", ".f16");
            ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.DELETE_ON_CLOSE);
        }
        long pos = 0;
        for (int start = 0; start < n; start += batch) {
            List<List<String>> chunk = sentences.subList(start, Math.min(n, start + batch));
            List<float[][]> vectors = embeddings.embed(chunk,
                    context == null ? null : context.subList(start, Math.min(n, start + batch)));
            for (int k = 0; k < chunk.size(); k++) {
                float[][] v = vectors.get(k);
                int i = start + k;
                lengths[i] = v.length;
                short[] h = new short[v.length * d];
                for (int t = 0; t < v.length; t++) {
                    for (int j = 0; j < d; j++) h[t * d + j] = Half.fromFloat(v[t][j]);
                }
                if (inMemory) {
                    memory[i] = h;
                } else {
                    ByteBuffer b = ByteBuffer.allocate(h.length * 2).order(ByteOrder.LITTLE_ENDIAN);
                    b.asShortBuffer().put(h);
                    offsets[i] = pos;
                    while (b.hasRemaining()) pos += ch.write(b, pos);
                }
            }
            if (progress != null) progress.accept(Math.min(n, start + batch));
        }
        return new EmbeddingCache(d, memory, ch, path, offsets, lengths);
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

    /** Writes sentence {@code i}'s vectors, widened to float, into {@code out[t*dimension + j]}. */
    public void read(int i, float[] out) {
        int count = lengths[i] * dimension;
        if (memory != null) {
            short[] h = memory[i];
            for (int k = 0; k < count; k++) out[k] = Half.toFloat(h[k]);
            return;
        }
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
        for (int k = 0; k < count; k++) out[k] = Half.toFloat(b.getShort());
    }

    /** Sentence {@code i} as {@code [tokens][dimension]}. */
    public float[][] get(int i) {
        float[] flat = new float[lengths[i] * dimension];
        read(i, flat);
        float[][] out = new float[lengths[i]][dimension];
        for (int t = 0; t < out.length; t++) System.arraycopy(flat, t * dimension, out[t], 0, dimension);
        return out;
    }

    @Override
    public void close() throws IOException {
        if (file != null) file.close();
    }
}
