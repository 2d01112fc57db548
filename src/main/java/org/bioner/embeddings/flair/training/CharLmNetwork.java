package org.bioner.embeddings.flair.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.bioner.embeddings.flair.CharLanguageModel;
import org.bioner.nn.Backend;
import org.bioner.nn.Backends;
import org.bioner.nn.DeviceLstm;
import org.bioner.nn.LinearLayer;
import org.bioner.nn.LstmLayer;
import org.bioner.nn.NativeBuffer;
import org.bioner.nn.Param;
import org.bioner.nn.SequencePacking;

/**
 * Flair's {@code LanguageModel} as a trainable network on the {@code nn} layers: character embedding
 * (dropout) -> LSTM layers (dropout after each) -> linear decoder over the dictionary, cross-entropy on the
 * next character. One call runs a chunk of {@code streams x len} characters from the carried state
 * ({@link LmState}, detached: truncated BPTT), and leaves the state after the chunk in it.
 *
 * <p>Rows are in token order, stream after stream: row {@code s * len + t} is stream {@code s}, step
 * {@code t}. Gradients are those of the mean loss over the chunk (PyTorch's {@code cross_entropy}).
 *
 * <p>The LSTM biases are two parameters, {@code bias_ih} and {@code bias_hh}, as in PyTorch: the layer adds
 * them before each pass and both get the layer's bias gradient. That matters for training: with plain SGD
 * or Adam the pair moves twice as fast as one summed bias would, and counts twice in the clipping norm.
 */
public final class CharLmNetwork {

    private final int vocab;
    private final int emb;
    private final int hidden;
    private final float dropout;
    private final Param encoder;      // [V, E]
    private final LstmLayer[] lstm;
    private final Param[] biasIh;     // per layer [4H]
    private final Param[] biasHh;     // per layer [4H]
    private final LinearLayer decoder; // [H, V]

    private final NativeBuffer embBuf = new NativeBuffer(1);  // [N, E]
    private final NativeBuffer[] outs;                        // per layer [N, H] (after dropout)
    private final NativeBuffer logits = new NativeBuffer(1);  // [N, V], then dL/dlogits
    private final NativeBuffer dA = new NativeBuffer(1);
    private final NativeBuffer dB = new NativeBuffer(1);
    private final NativeBuffer dEmb = new NativeBuffer(1);
    private float[] embMask = new float[0];
    private float[][] outMasks;
    private SequencePacking packing;
    private int packStreams = -1;
    private int packLen = -1;
    // the device route (useBackend), made on first use
    private Backend backend = Backends.cpu();
    private Backend devBackend;
    private DeviceLstm[] devLstm;
    private Backend.Floats[] devOuts, devOutMasks;
    private Backend.Floats devEmb, devLogits, devDA, devDB, devDEmb;
    private Backend.Ints devRows;
    private SequencePacking devRowsFor;

    public CharLmNetwork(int vocab, int embeddingSize, int hidden, int layers, float dropout) {
        if (layers < 1) throw new IllegalArgumentException("layers must be >= 1");
        if (dropout < 0 || dropout >= 1) throw new IllegalArgumentException("dropout must be in [0, 1)");
        this.vocab = vocab;
        this.emb = embeddingSize;
        this.hidden = hidden;
        this.dropout = dropout;
        encoder = new Param("encoder.weight", vocab, embeddingSize);
        lstm = new LstmLayer[layers];
        biasIh = new Param[layers];
        biasHh = new Param[layers];
        for (int l = 0; l < layers; l++) {
            lstm[l] = new LstmLayer("rnn.l" + l, l == 0 ? embeddingSize : hidden, hidden);
            biasIh[l] = new Param("rnn.bias_ih_l" + l, 4 * hidden);
            biasHh[l] = new Param("rnn.bias_hh_l" + l, 4 * hidden);
        }
        decoder = new LinearLayer("decoder", hidden, vocab);
        outs = new NativeBuffer[layers];
        for (int l = 0; l < layers; l++) outs[l] = new NativeBuffer(1);
        outMasks = new float[layers][0];
    }

    /**
     * Flair's initialisation: encoder and decoder weights U(-0.1, 0.1), decoder bias 0; the LSTM as
     * PyTorch initialises it (U(-1/sqrt(H), 1/sqrt(H))).
     */
    public static CharLmNetwork init(int vocab, int embeddingSize, int hidden, int layers, float dropout, long seed) {
        CharLmNetwork n = new CharLmNetwork(vocab, embeddingSize, hidden, layers, dropout);
        Random r = new Random(seed);
        n.encoder.initUniform(r, 0.1f);
        float k = (float) (1.0 / Math.sqrt(hidden));
        for (int l = 0; l < layers; l++) {
            n.lstm[l].weightIh().initUniform(r, k);
            n.lstm[l].weightHh().initUniform(r, k);
            n.biasIh[l].initUniform(r, k);
            n.biasHh[l].initUniform(r, k);
        }
        n.decoder.weight().initUniform(r, 0.1f);
        n.decoder.bias().setValues(new float[vocab]);
        return n;
    }

    public int vocabularySize() {
        return vocab;
    }

    public int embeddingSize() {
        return emb;
    }

    public int hiddenSize() {
        return hidden;
    }

    public int layers() {
        return lstm.length;
    }

    public float dropout() {
        return dropout;
    }

    public Param encoder() {
        return encoder;
    }

    public LstmLayer lstm(int layer) {
        return lstm[layer];
    }

    public Param biasIh(int layer) {
        return biasIh[layer];
    }

    public Param biasHh(int layer) {
        return biasHh[layer];
    }

    public LinearLayer decoder() {
        return decoder;
    }

    /** All trainable tensors in a fixed order (encoder; per layer W_ih, W_hh, b_ih, b_hh; decoder). */
    public List<Param> params() {
        List<Param> p = new ArrayList<>();
        p.add(encoder);
        for (int l = 0; l < lstm.length; l++) {
            p.add(lstm[l].weightIh());
            p.add(lstm[l].weightHh());
            p.add(biasIh[l]);
            p.add(biasHh[l]);
        }
        p.addAll(decoder.params());
        return p;
    }

    public LmState newState(int streams) {
        return new LmState(lstm.length, streams, hidden);
    }

    /** Training step's forward and backward pass: returns the summed cross-entropy (nats) and sets the gradients of its mean. */
    public double trainStep(int[] input, int[] target, int streams, int len, LmState state, TrainingRandom rng) {
        double loss = forward(input, target, streams, len, state, rng, true);
        backward(input, streams * len);
        return loss;
    }

    /** Summed cross-entropy (nats) of the chunk without dropout or gradients; the state moves on. */
    public double loss(int[] input, int[] target, int streams, int len, LmState state) {
        return forward(input, target, streams, len, state, null, false);
    }

    /**
     * Where the LSTMs and the decoder run from now on: {@link Backends#cpu()} (the default, the OpenBLAS
     * layers) or another backend (the GPU), where the same step runs as backend calls: the embedding lookup,
     * the dropout draws (same order) and the softmax cross-entropy stay on the host; the LSTMs (with the carried
     * state) and the decoder run forward and backward on the device; the gradients land in the host parameters.
     */
    public void useBackend(Backend b) {
        this.backend = b == null ? Backends.cpu() : b;
    }

    private double forward(int[] input, int[] target, int streams, int len, LmState state, TrainingRandom rng, boolean train) {
        int n = streams * len;
        if (input.length < n || target.length < n) throw new IllegalArgumentException("chunk shorter than streams x len");
        if (state.streams != streams) throw new IllegalArgumentException("state for " + state.streams + " streams, chunk has " + streams);
        if (streams != packStreams || len != packLen) {
            int[] lengths = new int[streams];
            java.util.Arrays.fill(lengths, len);
            packing = new SequencePacking(lengths);
            packStreams = streams;
            packLen = len;
        }
        boolean drop = train && dropout > 0;
        float keep = 1f / (1f - dropout);
        // embedding lookup (and dropout)
        embBuf.ensure((long) n * emb);
        float[] enc = encoder.values();
        if (drop && embMask.length < n * emb) embMask = new float[n * emb];
        float[] row = new float[Math.max(emb, hidden)];
        for (int r = 0; r < n; r++) {
            int id = input[r];
            if (id < 0 || id >= vocab) throw new IllegalArgumentException("character index " + id + " outside the dictionary");
            System.arraycopy(enc, id * emb, row, 0, emb);
            if (drop) {
                for (int j = 0; j < emb; j++) {
                    float m = rng.nextFloat() < dropout ? 0f : keep;
                    embMask[r * emb + j] = m;
                    row[j] *= m;
                }
            }
            embBuf.put(r * emb, row, emb);
        }
        if (backend != Backends.cpu()) return forwardOnDevice(target, n, state, rng, train, drop, keep, row);
        NativeBuffer in = embBuf;
        for (int l = 0; l < lstm.length; l++) {
            float[] bi = biasIh[l].values(), bh = biasHh[l].values();
            for (int j = 0; j < bi.length; j++) bi[j] += bh[j];
            lstm[l].bias().setValues(bi);
            outs[l].ensure((long) n * hidden);
            lstm[l].setInitialState(packing, state.h[l], state.c[l]);
            lstm[l].forward(packing, false, in, outs[l], hidden, 0);
            lstm[l].finalState(state.h[l], state.c[l]);
            if (drop) {
                if (outMasks[l].length < n * hidden) outMasks[l] = new float[n * hidden];
                float[] mask = outMasks[l];
                NativeBuffer o = outs[l];
                for (int r = 0; r < n; r++) {
                    o.get(r * hidden, row, hidden);
                    for (int j = 0; j < hidden; j++) {
                        float m = rng.nextFloat() < dropout ? 0f : keep;
                        mask[r * hidden + j] = m;
                        row[j] *= m;
                    }
                    o.put(r * hidden, row, hidden);
                }
            }
            in = outs[l];
        }
        logits.ensure((long) n * vocab);
        decoder.forward(in, n, logits);
        return crossEntropy(target, n, train);
    }

    /** The forward pass after the embedding lookup, on the device; the logits come back for the loss. */
    private double forwardOnDevice(int[] target, int n, LmState state, TrainingRandom rng, boolean train, boolean drop,
                                   float keep, float[] row) {
        Backend b = backend;
        int layers = lstm.length;
        synchronized (b) {
            if (b != devBackend) {
                devLstm = new DeviceLstm[layers];
                for (int l = 0; l < layers; l++) devLstm[l] = new DeviceLstm(lstm[l]);
                devOuts = new Backend.Floats[layers];
                devOutMasks = new Backend.Floats[layers];
                devEmb = devLogits = devDA = devDB = devDEmb = null;
                devRows = null;
                devBackend = b;
            }
            if (devRowsFor != packing || devRows == null) {
                if (devRows != null) devRows.release();
                devRows = b.ints(DeviceLstm.tokenRows(packing, false));
                devRowsFor = packing;
            }
            devEmb = b.grow(devEmb, (long) n * emb);
            b.upload(embBuf, 0, devEmb, 0, (long) n * emb);
            Backend.Floats in = devEmb;
            for (int l = 0; l < layers; l++) {
                float[] bi = biasIh[l].values(), bh = biasHh[l].values();
                for (int j = 0; j < bi.length; j++) bi[j] += bh[j];
                lstm[l].bias().setValues(bi);
                devOuts[l] = b.grow(devOuts[l], (long) n * hidden);
                devLstm[l].setInitialState(b, packing, state.h[l], state.c[l]);
                devLstm[l].forward(b, packing, devRows, in, devOuts[l], hidden, 0);
                devLstm[l].finalState(b, state.h[l], state.c[l]);
                if (drop) {
                    if (outMasks[l].length < n * hidden) outMasks[l] = new float[n * hidden];
                    float[] mask = outMasks[l];
                    for (int r = 0; r < n; r++) {
                        for (int j = 0; j < hidden; j++) mask[r * hidden + j] = rng.nextFloat() < dropout ? 0f : keep;
                    }
                    devOutMasks[l] = b.grow(devOutMasks[l], (long) n * hidden);
                    b.upload(mask, 0, devOutMasks[l], 0, n * hidden);
                    b.multiply(devOuts[l], devOutMasks[l], devOuts[l], (long) n * hidden);
                }
                in = devOuts[l];
            }
            logits.ensure((long) n * vocab);
            devLogits = b.grow(devLogits, (long) n * vocab);
            decoder.forward(b, in, n, devLogits);
            b.download(devLogits, 0, logits, 0, (long) n * vocab);
        }
        return crossEntropy(target, n, train);
    }

    /** The backward pass on the device, from dL/dlogits in {@code logits}. */
    private void backwardOnDevice(int[] input, int n) {
        Backend b = backend;
        boolean drop = dropout > 0;
        int layers = lstm.length;
        synchronized (b) {
            devDA = b.grow(devDA, (long) n * hidden);
            devDB = b.grow(devDB, (long) n * hidden);
            devDEmb = b.grow(devDEmb, (long) n * emb);
            b.upload(logits, 0, devLogits, 0, (long) n * vocab);
            Backend.Floats dOut = devDA, dBelow = devDB;
            decoder.backward(b, devOuts[layers - 1], devLogits, n, dOut);
            for (int l = layers - 1; l >= 0; l--) {
                if (drop) b.multiply(dOut, devOutMasks[l], dOut, (long) n * hidden);
                Backend.Floats dIn = l == 0 ? devDEmb : dBelow;
                devLstm[l].backward(b, dOut, hidden, 0, dIn, false);
                float[] gb = lstm[l].bias().gradients();
                biasIh[l].setGradients(gb);
                biasHh[l].setGradients(gb);
                Backend.Floats t = dOut;
                dOut = dBelow;
                dBelow = t;
            }
            dEmb.ensure((long) n * emb);
            b.download(devDEmb, 0, dEmb, 0, (long) n * emb);
        }
        embeddingGradients(input, n, drop);
    }

    /** Summed softmax cross-entropy of the logits; in training, the logits become dL/dlogits of the mean loss. */
    private double crossEntropy(int[] target, int n, boolean train) {
        // softmax cross-entropy; in training, logits become dL/dlogits of the mean loss
        double total = 0;
        float[] z = new float[vocab];
        float invN = 1f / n;
        for (int r = 0; r < n; r++) {
            int y = target[r];
            if (y < 0 || y >= vocab) throw new IllegalArgumentException("character index " + y + " outside the dictionary");
            logits.get(r * vocab, z, vocab);
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < vocab; j++) max = Math.max(max, z[j]);
            double sum = 0;
            for (int j = 0; j < vocab; j++) sum += Math.exp(z[j] - max);
            double logSum = Math.log(sum);
            total += logSum - (z[y] - max);
            if (train) {
                for (int j = 0; j < vocab; j++) z[j] = (float) (Math.exp(z[j] - max - logSum)) * invN;
                z[y] -= invN;
                logits.put(r * vocab, z, vocab);
            }
        }
        return total;
    }

    private void backward(int[] input, int n) {
        if (backend != Backends.cpu()) {
            backwardOnDevice(input, n);
            return;
        }
        boolean drop = dropout > 0;
        int layers = lstm.length;
        dA.ensure((long) n * hidden);
        dB.ensure((long) n * hidden);
        NativeBuffer dOut = dA, dBelow = dB;
        decoder.backward(outs[layers - 1], logits, n, dOut, false);
        float[] row = new float[Math.max(emb, hidden)];
        for (int l = layers - 1; l >= 0; l--) {
            if (drop) applyMask(dOut, outMasks[l], n, hidden, row);
            NativeBuffer dIn;
            if (l == 0) {
                dEmb.ensure((long) n * emb);
                dIn = dEmb;
            } else {
                dIn = dBelow;
            }
            lstm[l].backward(dOut, hidden, 0, dIn, false);
            float[] gb = lstm[l].bias().gradients();
            biasIh[l].setGradients(gb);
            biasHh[l].setGradients(gb);
            NativeBuffer t = dOut;
            dOut = dBelow;
            dBelow = t;
        }
        embeddingGradients(input, n, drop);
    }

    /** The encoder's gradient from dL/d(embedding rows) in {@code dEmb} (through the embedding dropout). */
    private void embeddingGradients(int[] input, int n, boolean drop) {
        float[] row = new float[Math.max(emb, hidden)];
        if (drop) applyMask(dEmb, embMask, n, emb, row);
        float[] g = new float[vocab * emb];
        for (int r = 0; r < n; r++) {
            dEmb.get(r * emb, row, emb);
            int base = input[r] * emb;
            for (int j = 0; j < emb; j++) g[base + j] += row[j];
        }
        encoder.setGradients(g);
    }

    private static void applyMask(NativeBuffer b, float[] mask, int rows, int width, float[] row) {
        for (int r = 0; r < rows; r++) {
            b.get(r * width, row, width);
            for (int j = 0; j < width; j++) row[j] *= mask[r * width + j];
            b.put(r * width, row, width);
        }
    }

    /**
     * A network holding the weights of {@code m} (the inverse of {@link #toModel}), to continue its training; {@code m}
     * must have a decoder and no projection (Flair's LMs with {@code nout} set are not trained here).
     */
    public static CharLmNetwork fromModel(CharLanguageModel m, float dropout) {
        if (!m.hasDecoder()) throw new IllegalArgumentException(m.origin() + ": the LM has no decoder, so it cannot be trained further");
        if (m.outputSize() != m.hiddenSize()) throw new IllegalArgumentException(m.origin() + ": LMs with a projection are not trained here");
        int v = m.vocabularySize(), e = m.embeddingSize(), h = m.hiddenSize(), g = 4 * h;
        CharLmNetwork n = new CharLmNetwork(v, e, h, m.layers(), dropout);
        n.encoder.setValues(m.tensor("encoder.weight"));
        for (int l = 0; l < m.layers(); l++) {
            int in = l == 0 ? e : h;
            n.lstm[l].weightIh().setValues(transpose(m.tensor("rnn.weight_ih_l" + l), g, in));
            n.lstm[l].weightHh().setValues(transpose(m.tensor("rnn.weight_hh_l" + l), g, h));
            n.biasIh[l].setValues(m.tensor("rnn.bias_ih_l" + l));
            n.biasHh[l].setValues(m.tensor("rnn.bias_hh_l" + l));
        }
        n.decoder.weight().setValues(transpose(m.tensor("decoder.weight"), v, h));
        n.decoder.bias().setValues(m.tensor("decoder.bias"));
        return n;
    }

    /** The model in the inference format (PyTorch layouts). */
    public CharLanguageModel toModel(boolean forward, List<String> dictionary, String origin) {
        if (dictionary.size() != vocab) throw new IllegalArgumentException("dictionary of " + dictionary.size() + " for " + vocab + " outputs");
        int layers = lstm.length, g = 4 * hidden;
        float[][] wih = new float[layers][], whh = new float[layers][], bih = new float[layers][], bhh = new float[layers][];
        for (int l = 0; l < layers; l++) {
            int in = l == 0 ? emb : hidden;
            wih[l] = transpose(lstm[l].weightIh().values(), in, g);
            whh[l] = transpose(lstm[l].weightHh().values(), hidden, g);
            bih[l] = biasIh[l].values();
            bhh[l] = biasHh[l].values();
        }
        return CharLanguageModel.of(forward, dictionary, emb, hidden, layers, dropout, encoder.values(), wih, whh, bih, bhh,
                transpose(decoder.weight().values(), hidden, vocab), decoder.bias().values(), origin);
    }

    /** {@code [rows, cols] -> [cols, rows]}. */
    static float[] transpose(float[] a, int rows, int cols) {
        float[] t = new float[a.length];
        for (int r = 0; r < rows; r++) for (int c = 0; c < cols; c++) t[c * rows + r] = a[r * cols + c];
        return t;
    }
}
