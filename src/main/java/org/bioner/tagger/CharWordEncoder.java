package org.bioner.tagger;

import java.util.List;
import java.util.Random;

import org.bioner.embeddings.CharCodeEmbeddings;
import org.bioner.nn.LstmLayer;
import org.bioner.nn.NativeBuffer;
import org.bioner.nn.Param;
import org.bioner.nn.SequencePacking;

/**
 * Character-level word features learnt with the tagger (Flair's {@code CharacterEmbeddings}, Lample et al. 2016): a
 * token's character codes ({@link CharCodeEmbeddings}, the {@code chars:L} inputs of the tagger's embeddings) look up
 * rows of a trainable table {@code [VOCABULARY, E]}, a BiLSTM (hidden {@code C} per direction) reads them, and the
 * token's feature is {@code [forward state after its last character | backward state after its first]} ({@code 2C}
 * values). Flair takes both directions' outputs at the last character, so its backward half has read one character;
 * here each half has read the whole token.
 *
 * <p>Invariant: {@link #backward} follows the {@link #forward} of the same batch and leaves the gradients of the
 * table and both LSTMs (overwriting them) for the features' gradient it is given. A token without characters (an
 * empty string) reads one padding character (code 0), so every token gets a feature. Not thread-safe: the
 * tagger's lock covers it.
 */
final class CharWordEncoder {

    /** Flair's CharacterEmbeddings: 25-dimensional characters, 25 hidden units per direction. */
    static final int FLAIR_EMBEDDING = 25;
    static final int FLAIR_HIDDEN = 25;

    final Param table;           // [VOCABULARY, E]: row c is code c's vector
    final LstmLayer forward;     // E -> C, over each token's characters
    final LstmLayer backward;    // E -> C, over each token's characters reversed
    private final int codes;     // L: character codes per token in the tagger's input rows
    private final int e;
    private final int c;

    // the last forward's batch: token j's characters are sequence j of `packing` (token order, sentence after sentence)
    private SequencePacking packing;
    private int[] ids = new int[0];                              // [M] the code each character row reads
    private final NativeBuffer in = new NativeBuffer(1);         // [M, E] character vectors
    private final NativeBuffer states = new NativeBuffer(1);     // [M, 2C] forward states | backward states
    private final NativeBuffer dStates = new NativeBuffer(1);    // [M, 2C] nonzero only where a feature was read
    private final NativeBuffer dIn = new NativeBuffer(1);        // [M, E]

    /** An encoder with unset weights (a model file fills them). */
    CharWordEncoder(int codes, int embedding, int hidden) {
        this(codes, new Param("chars.embedding", CharCodeEmbeddings.VOCABULARY, embedding),
                new LstmLayer("chars.lstm.forward", embedding, hidden), new LstmLayer("chars.lstm.backward", embedding, hidden));
    }

    private CharWordEncoder(int codes, Param table, LstmLayer forward, LstmLayer backward) {
        this.codes = codes;
        this.e = forward.inputSize();
        this.c = forward.hiddenSize();
        this.table = table;
        this.forward = forward;
        this.backward = backward;
    }

    /** PyTorch's initialisations: the table N(0, 1) (nn.Embedding), each LSTM as {@link LstmLayer#init}. */
    static CharWordEncoder init(int codes, int embedding, int hidden, Random r) {
        Param table = new Param("chars.embedding", CharCodeEmbeddings.VOCABULARY, embedding);
        float[] t = new float[table.size()];
        for (int i = 0; i < t.length; i++) t[i] = (float) r.nextGaussian();
        table.setValues(t);
        LstmLayer f = LstmLayer.init("chars.lstm.forward", embedding, hidden, r);
        LstmLayer b = LstmLayer.init("chars.lstm.backward", embedding, hidden, r);
        return new CharWordEncoder(codes, table, f, b);
    }

    /** A new encoder with this one's shape (its weights unset): for a model file's further networks. */
    CharWordEncoder emptyCopy() {
        return new CharWordEncoder(codes, e, c);
    }

    /** Character codes per token in the input rows ({@code L}). */
    int codes() {
        return codes;
    }

    int embedding() {
        return e;
    }

    int hidden() {
        return c;
    }

    /** Width of a token's feature: {@code 2C}. */
    int width() {
        return 2 * c;
    }

    List<Param> params() {
        return List.of(table, forward.weightIh(), forward.weightHh(), forward.bias(),
                backward.weightIh(), backward.weightHh(), backward.bias());
    }

    /**
     * The features of every token of the batch, token order ({@code [N, 2C]} flat); token {@code t} of sentence
     * {@code s} reads its codes at {@code vectors.get(s)[t][offset ..+L]}.
     */
    float[] forward(List<float[][]> vectors, int offset) {
        int n = 0;
        for (float[][] v : vectors) n += v.length;
        int[] lengths = new int[n];
        int j = 0, m = 0;
        for (float[][] v : vectors) {
            for (float[] tok : v) {
                lengths[j] = Math.max(1, CharCodeEmbeddings.characters(tok, offset, codes));
                m += lengths[j++];
            }
        }
        packing = new SequencePacking(lengths);
        if (n == 0) return new float[0];
        if (ids.length < m) ids = new int[m];
        float[] tv = table.values();
        in.ensure((long) Math.max(1, m) * e);
        int r = 0;
        j = 0;
        for (float[][] v : vectors) {
            for (float[] tok : v) {
                // an empty token's one character is its first code, 0 (padding)
                for (int i = 0; i < lengths[j]; i++) {
                    int code = (int) tok[offset + i];
                    if (code < 0 || code >= CharCodeEmbeddings.VOCABULARY || code != tok[offset + i]) {
                        throw new IllegalArgumentException("input " + (offset + i) + " holds " + tok[offset + i]
                                + ", not a character code (0 to " + CharCodeEmbeddings.OTHER + ") of a chars: part");
                    }
                    ids[r] = code;
                    in.put(r++ * e, row(tv, code), e);
                }
                j++;
            }
        }
        states.ensure((long) Math.max(1, m) * 2 * c);
        forward.forward(packing, false, in, states, 2 * c, 0);
        backward.forward(packing, true, in, states, 2 * c, c);
        float[] out = new float[n * 2 * c];
        float[] h = new float[c];
        for (int t = 0; t < n; t++) {
            int first = packing.start(t), last = first + packing.length(t) - 1;
            states.get(last * 2 * c, h, c);
            System.arraycopy(h, 0, out, t * 2 * c, c);
            states.get(first * 2 * c + c, h, c);
            System.arraycopy(h, 0, out, t * 2 * c + c, c);
        }
        return out;
    }

    private float[] rowBuffer = new float[0];

    private float[] row(float[] tv, int code) {
        if (rowBuffer.length != e) rowBuffer = new float[e];
        System.arraycopy(tv, code * e, rowBuffer, 0, e);
        return rowBuffer;
    }

    /** Backward for the last {@link #forward}: {@code dOut} is the loss gradient of its features ({@code [N, 2C]} flat). */
    void backward(float[] dOut) {
        SequencePacking p = packing;
        if (p == null) throw new IllegalStateException("backward needs a forward() pass first");
        int n = p.sequences(), m = p.totalTokens();
        if (m == 0) {
            for (Param q : params()) q.setGradients(new float[q.size()]);
            return;
        }
        dStates.ensure((long) Math.max(1, m) * 2 * c);
        dStates.zero((long) m * 2 * c);
        float[] h = new float[c];
        for (int t = 0; t < n; t++) {
            int first = p.start(t), last = first + p.length(t) - 1;
            System.arraycopy(dOut, t * 2 * c, h, 0, c);
            dStates.put(last * 2 * c, h, c);
            System.arraycopy(dOut, t * 2 * c + c, h, 0, c);
            dStates.put(first * 2 * c + c, h, c);
        }
        dIn.ensure((long) Math.max(1, m) * e);
        forward.backward(dStates, 2 * c, 0, dIn, false);
        backward.backward(dStates, 2 * c, c, dIn, true);
        float[] g = new float[table.size()];
        float[] d = new float[e];
        for (int r = 0; r < m; r++) {
            dIn.get(r * e, d, e);
            int base = ids[r] * e;
            for (int k = 0; k < e; k++) g[base + k] += d[k];
        }
        table.setGradients(g);
    }
}
