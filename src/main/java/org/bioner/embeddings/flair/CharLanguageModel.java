package org.bioner.embeddings.flair;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.bioner.model.ModelArchive;

/**
 * A Flair character language model: character embedding -> LSTM (1..n layers, gate order i, f, g, o)
 * -> optional linear projection -> decoder over the character dictionary. Holds the weights in
 * PyTorch's layouts ({@code weight_ih [4H, in]}, {@code weight_hh [4H, H]}, Linear {@code [out, in]})
 * and the dictionary; inference is in {@link CharLmRunner}.
 */
public final class CharLanguageModel {

    public static final String KIND = "char-lm";

    final boolean forward;
    final int hidden;
    final int layers;
    final int embeddingSize;
    /** Projection size, or 0 if the LSTM output is not projected. */
    final int nout;
    final String documentDelimiter;
    final double dropout;
    final List<String> dictionary;
    final float[] encoder;        // [V, E]
    final float[][] weightIh;     // per layer [4H, in]
    final float[][] weightHh;     // per layer [4H, H]
    final float[][] biasIh;       // per layer [4H]
    final float[][] biasHh;       // per layer [4H]
    final float[] projWeight;     // [nout, H] or null
    final float[] projBias;       // [nout] or null
    final float[] decoderWeight;  // [V, out] or null
    final float[] decoderBias;    // [V] or null
    private final String origin;

    private final int[] asciiIndex = new int[128];
    private final Map<Integer, Integer> codePointIndex = new HashMap<>();

    CharLanguageModel(boolean forward, int hidden, int layers, int embeddingSize, int nout, String documentDelimiter,
                      double dropout, List<String> dictionary, float[] encoder, float[][] weightIh, float[][] weightHh,
                      float[][] biasIh, float[][] biasHh, float[] projWeight, float[] projBias,
                      float[] decoderWeight, float[] decoderBias, String origin) {
        this.forward = forward;
        this.hidden = hidden;
        this.layers = layers;
        this.embeddingSize = embeddingSize;
        this.nout = nout;
        this.documentDelimiter = documentDelimiter;
        this.dropout = dropout;
        this.dictionary = List.copyOf(dictionary);
        this.encoder = encoder;
        this.weightIh = weightIh;
        this.weightHh = weightHh;
        this.biasIh = biasIh;
        this.biasHh = biasHh;
        this.projWeight = projWeight;
        this.projBias = projBias;
        this.decoderWeight = decoderWeight;
        this.decoderBias = decoderBias;
        this.origin = origin;
        check();
        for (int i = dictionary.size() - 1; i >= 0; i--) { // first occurrence wins
            String item = dictionary.get(i);
            if (item.codePointCount(0, item.length()) == 1) {
                int cp = item.codePointAt(0);
                if (cp < 128) asciiIndex[cp] = i;
                else codePointIndex.put(cp, i);
            }
        }
        // characters that are not in the dictionary map to 0 (Flair's <unk>); asciiIndex defaults to 0
    }

    private void check() {
        int v = dictionary.size();
        int g = 4 * hidden;
        require(encoder.length == v * embeddingSize, "encoder.weight", v + "x" + embeddingSize);
        for (int l = 0; l < layers; l++) {
            int in = l == 0 ? embeddingSize : hidden;
            require(weightIh[l].length == g * in, "rnn.weight_ih_l" + l, g + "x" + in);
            require(weightHh[l].length == g * hidden, "rnn.weight_hh_l" + l, g + "x" + hidden);
            require(biasIh[l].length == g, "rnn.bias_ih_l" + l, Integer.toString(g));
            require(biasHh[l].length == g, "rnn.bias_hh_l" + l, Integer.toString(g));
        }
        if (nout > 0) {
            require(projWeight != null && projWeight.length == nout * hidden, "proj.weight", nout + "x" + hidden);
            require(projBias != null && projBias.length == nout, "proj.bias", Integer.toString(nout));
        }
        if (decoderWeight != null) {
            require(decoderWeight.length == v * outputSize(), "decoder.weight", v + "x" + outputSize());
            require(decoderBias != null && decoderBias.length == v, "decoder.bias", Integer.toString(v));
        }
    }

    private void require(boolean ok, String name, String expected) {
        if (!ok) throw new IllegalArgumentException(origin + ": tensor " + name + " does not have the expected shape " + expected);
    }

    public boolean isForward() {
        return forward;
    }

    public int hiddenSize() {
        return hidden;
    }

    public int layers() {
        return layers;
    }

    public int embeddingSize() {
        return embeddingSize;
    }

    /** Size of the per-character output (projection size if there is one, else the hidden size). */
    public int outputSize() {
        return nout > 0 ? nout : hidden;
    }

    public int vocabularySize() {
        return dictionary.size();
    }

    public List<String> dictionary() {
        return dictionary;
    }

    public String documentDelimiter() {
        return documentDelimiter;
    }

    public boolean hasDecoder() {
        return decoderWeight != null;
    }

    /** Where the model came from (file name), for descriptions and errors. */
    public String origin() {
        return origin;
    }

    /** Dictionary index of a Unicode code point; 0 ({@code <unk>}) for characters the LM does not know. */
    public int indexOf(int codePoint) {
        if (codePoint < 128) return asciiIndex[codePoint];
        return codePointIndex.getOrDefault(codePoint, 0);
    }

    /** Loads a model from the project's format ({@code .bnm} or any non-{@code .pt} name) or a Flair {@code .pt} file. */
    public static CharLanguageModel load(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".pt") || name.endsWith(".pth")) return FlairLmImporter.read(file);
        return read(ModelArchive.open(file, KIND));
    }

    /**
     * A copy of one weight tensor in PyTorch's layout, by its Flair name ({@code encoder.weight},
     * {@code rnn.weight_ih_l0}, {@code rnn.weight_hh_l0}, {@code rnn.bias_ih_l0}, {@code rnn.bias_hh_l0}, ...,
     * {@code decoder.weight}, {@code decoder.bias}), as {@link #write} stores it; for a trainer that continues the model.
     */
    public float[] tensor(String name) {
        float[] t = switch (name) {
            case "encoder.weight" -> encoder;
            case "decoder.weight" -> decoderWeight;
            case "decoder.bias" -> decoderBias;
            case "proj.weight" -> projWeight;
            case "proj.bias" -> projBias;
            default -> {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("rnn\\.(weight_ih|weight_hh|bias_ih|bias_hh)_l(\\d+)").matcher(name);
                int l = m.matches() ? Integer.parseInt(m.group(2)) : -1;
                if (l < 0 || l >= layers) yield null;
                yield switch (m.group(1)) {
                    case "weight_ih" -> weightIh[l];
                    case "weight_hh" -> weightHh[l];
                    case "bias_ih" -> biasIh[l];
                    default -> biasHh[l];
                };
            }
        };
        if (t == null) throw new IllegalArgumentException(origin + ": no tensor " + name);
        return t.clone();
    }

    /** Reads a model written by {@link #write}. */
    public static CharLanguageModel read(ModelArchive a) throws IOException {
        int layers = Integer.parseInt(a.meta("layers"));
        float[][] wih = new float[layers][], whh = new float[layers][], bih = new float[layers][], bhh = new float[layers][];
        for (int l = 0; l < layers; l++) {
            wih[l] = a.floats("rnn.weight_ih_l" + l);
            whh[l] = a.floats("rnn.weight_hh_l" + l);
            bih[l] = a.floats("rnn.bias_ih_l" + l);
            bhh[l] = a.floats("rnn.bias_hh_l" + l);
        }
        int nout = Integer.parseInt(a.meta("nout"));
        boolean dec = a.has("decoder.weight");
        try {
            return new CharLanguageModel(Boolean.parseBoolean(a.meta("is_forward_lm")), Integer.parseInt(a.meta("hidden_size")),
                    layers, Integer.parseInt(a.meta("embedding_size")), nout, a.meta("document_delimiter"),
                    Double.parseDouble(a.meta("dropout", "0")), a.strings("dictionary"), a.floats("encoder.weight"),
                    wih, whh, bih, bhh, nout > 0 ? a.floats("proj.weight") : null, nout > 0 ? a.floats("proj.bias") : null,
                    dec ? a.floats("decoder.weight") : null, dec ? a.floats("decoder.bias") : null, a.source());
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /**
     * A digest of everything that determines the model's output (direction, sizes, delimiter, dictionary, all
     * weights; not its origin): equal fingerprints mean interchangeable models, e.g. the same LM inside several
     * Flair taggers.
     */
    public String fingerprint() {
        try {
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
            md.update((forward + "|" + hidden + "|" + layers + "|" + embeddingSize + "|" + nout + "|" + documentDelimiter + "|"
                    + String.join("\u0000", dictionary)).getBytes(StandardCharsets.UTF_8));
            List<float[]> all = new ArrayList<>(List.of(encoder));
            for (int l = 0; l < layers; l++) all.addAll(List.of(weightIh[l], weightHh[l], biasIh[l], biasHh[l]));
            for (float[] a : new float[][] {projWeight, projBias, decoderWeight, decoderBias}) all.add(a == null ? new float[0] : a);
            for (float[] a : all) {
                java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4 + 4 * a.length);
                b.putInt(a.length);
                for (float v : a) b.putFloat(v);
                md.update(b.array());
            }
            return java.util.HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the model in the project's format; {@code half} stores the weights as float16. */
    public void write(Path file, boolean half) throws IOException {
        try (ModelArchive.Writer w = ModelArchive.writer(file, KIND)) {
            int g = 4 * hidden;
            w.meta("is_forward_lm", Boolean.toString(forward))
                    .meta("hidden_size", Integer.toString(hidden))
                    .meta("nlayers", Integer.toString(layers))
                    .meta("layers", Integer.toString(layers))
                    .meta("embedding_size", Integer.toString(embeddingSize))
                    .meta("nout", Integer.toString(nout))
                    .meta("document_delimiter", documentDelimiter)
                    .meta("dropout", Double.toString(dropout))
                    .meta("origin", origin);
            w.strings("dictionary", dictionary);
            w.floats("encoder.weight", encoder, new int[] {dictionary.size(), embeddingSize}, half);
            for (int l = 0; l < layers; l++) {
                int in = l == 0 ? embeddingSize : hidden;
                w.floats("rnn.weight_ih_l" + l, weightIh[l], new int[] {g, in}, half);
                w.floats("rnn.weight_hh_l" + l, weightHh[l], new int[] {g, hidden}, half);
                w.floats("rnn.bias_ih_l" + l, biasIh[l], new int[] {g}, half);
                w.floats("rnn.bias_hh_l" + l, biasHh[l], new int[] {g}, half);
            }
            if (nout > 0) {
                w.floats("proj.weight", projWeight, new int[] {nout, hidden}, half);
                w.floats("proj.bias", projBias, new int[] {nout}, half);
            }
            if (decoderWeight != null) {
                w.floats("decoder.weight", decoderWeight, new int[] {dictionary.size(), outputSize()}, half);
                w.floats("decoder.bias", decoderBias, new int[] {dictionary.size()}, half);
            }
        }
    }

    /**
     * A model without projection from weights in PyTorch's layouts (as a trainer produces them):
     * {@code encoder [V, E]}, per layer {@code weight_ih [4H, in]}, {@code weight_hh [4H, H]}, {@code bias_ih},
     * {@code bias_hh [4H]}, {@code decoder [V, H]} and {@code [V]}; Flair's document delimiter {@code "\n"}.
     */
    public static CharLanguageModel of(boolean forward, List<String> dictionary, int embeddingSize, int hidden, int layers,
                                       double dropout, float[] encoder, float[][] weightIh, float[][] weightHh,
                                       float[][] biasIh, float[][] biasHh, float[] decoderWeight, float[] decoderBias,
                                       String origin) {
        return new CharLanguageModel(forward, hidden, layers, embeddingSize, 0, "\n", dropout, dictionary, encoder,
                weightIh, weightHh, biasIh, biasHh, null, null, decoderWeight, decoderBias, origin);
    }

    /** A model with random weights (uniform in +-1/sqrt(H), as PyTorch initialises an LSTM), for benchmarks and training. */
    public static CharLanguageModel random(boolean forward, List<String> dictionary, int embeddingSize, int hidden, int layers,
                                           long seed) {
        java.util.Random r = new java.util.Random(seed);
        float k = (float) (1 / Math.sqrt(hidden));
        int v = dictionary.size(), g = 4 * hidden;
        float[][] wih = new float[layers][], whh = new float[layers][], bih = new float[layers][], bhh = new float[layers][];
        for (int l = 0; l < layers; l++) {
            wih[l] = uniform(r, g * (l == 0 ? embeddingSize : hidden), k);
            whh[l] = uniform(r, g * hidden, k);
            bih[l] = uniform(r, g, k);
            bhh[l] = uniform(r, g, k);
        }
        float[] enc = new float[v * embeddingSize];
        for (int i = 0; i < enc.length; i++) enc[i] = (float) r.nextGaussian();
        return new CharLanguageModel(forward, hidden, layers, embeddingSize, 0, "\n", 0.1, dictionary, enc, wih, whh, bih, bhh,
                null, null, uniform(r, v * hidden, k), uniform(r, v, k), "random:" + seed);
    }

    private static float[] uniform(java.util.Random r, int n, float k) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (r.nextFloat() * 2 - 1) * k;
        return a;
    }

    /** Decodes Flair's dictionary items (UTF-8 bytes) in index order. */
    static List<String> decodeItems(List<?> items) {
        List<String> out = new ArrayList<>(items.size());
        for (Object o : items) {
            out.add(o instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(o));
        }
        return out;
    }
}
