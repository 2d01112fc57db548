package org.bioner.tagger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bioner.embeddings.StackedEmbeddings;
import org.bioner.embeddings.TokenEmbeddings;
import org.bioner.embeddings.flair.CharLanguageModel;
import org.bioner.embeddings.flair.ConcurrentStackedEmbeddings;
import org.bioner.embeddings.flair.FlairEmbeddings;
import org.bioner.embeddings.flair.FlairLmImporter;
import org.bioner.embeddings.flair.PickledObject;
import org.bioner.embeddings.flair.TorchCheckpoint;
import org.bioner.embeddings.glove.GloveEmbeddings;
import org.bioner.embeddings.glove.WordVectorFiles;
import org.bioner.embeddings.glove.WordVectors;
import org.bioner.nn.LinearLayer;
import org.bioner.nn.LstmLayer;
import org.bioner.nn.Param;
import org.bioner.tagger.crf.FlairCrfDecoder;

/**
 * Converts a Flair {@code SequenceTagger} checkpoint ({@code .pt}, PyTorch zip or legacy format, read through the
 * restricted unpickler) into a {@link SequenceTagger} on our layers and embeddings, with Flair's own tag
 * dictionary and CRF ({@link FlairCrfDecoder}). Supported: the BiLSTM-CRF (bidirectional LSTM layers, optional
 * {@code embedding2nn} reprojection) over Flair character LMs and word embeddings, in both checkpoint
 * generations:
 * <ul>
 * <li>Flair 0.5.1-0.12 (HunFlair v1): {@code embeddings} a pickled {@code StackedEmbeddings} module whose
 * {@code WordEmbeddings} hold a gensim 3.x {@code Word2VecKeyedVectors} (or, 0.12, a {@code vocab} and an
 * {@code embedding} parameter) and whose {@code FlairEmbeddings} hold a {@code LanguageModel} module; CRF key
 * {@code transitions};</li>
 * <li>Flair 0.13+: {@code embeddings} dicts with {@code __cls__} names, word vectors in
 * {@code embeddings.list_embedding_N.embedding.weight} (last row: unknown words), CRF key
 * {@code crf.transitions}.</li>
 * </ul>
 * The stacked vector concatenates the parts in sorted order of their names, as Flair's
 * {@code Token.get_each_embedding} does. Word vectors use Flair's lookup order ({@link WordVectors#lookup}).
 * Stacked bidirectional LSTMs ({@code rnn_layers} > 1) become a tagger of as many BiLSTM layers. Anything else
 * (transformer embeddings such as HunFlair2's, taggers without CRF or RNN, GRUs, trained initial states, lower-casing
 * LMs) is refused with a one-line message naming the file.
 */
public final class FlairTaggerImporter {

    private static final String SUPPORTED_EMBEDDINGS = "only taggers on WordEmbeddings and FlairEmbeddings are supported "
            + "(taggers on transformer embeddings, such as HunFlair2, are out of scope)";

    private FlairTaggerImporter() { }

    /** One embedding of the stack, in Flair's concatenation order. */
    public record Part(String name, TokenEmbeddings embeddings) { }

    /** A read checkpoint: its embeddings parts and a builder of taggers over them. */
    public static final class Conversion {
        private final Path file;
        private final List<Part> parts;
        private final TagDictionary types;
        private final FlairCrfDecoder crf;
        private final int dim;
        private final int hidden;
        private final int layers;
        private final Map<String, float[]> weights; // our parameter name -> values in our layout
        private final String description;

        private Conversion(Path file, List<Part> parts, TagDictionary types, FlairCrfDecoder crf, int dim, int hidden, int layers,
                           Map<String, float[]> weights, String description) {
            this.file = file;
            this.parts = parts;
            this.types = types;
            this.crf = crf;
            this.dim = dim;
            this.hidden = hidden;
            this.layers = layers;
            this.weights = weights;
            this.description = description;
        }

        public List<Part> parts() {
            return parts;
        }

        /** One line: generation, layers, tags. */
        public String description() {
            return description;
        }

        /** The stacked embeddings (forward and backward LMs side by side when there are several). */
        public TokenEmbeddings embeddings() {
            List<TokenEmbeddings> es = parts.stream().map(Part::embeddings).toList();
            if (es.size() == 1) return es.get(0);
            long flair = es.stream().filter(e -> e instanceof FlairEmbeddings).count();
            return flair > 1 ? new ConcurrentStackedEmbeddings(es) : new StackedEmbeddings(es);
        }

        /** A tagger with the checkpoint's weights that records {@code spec} as its embeddings. */
        public SequenceTagger tagger(String spec) {
            boolean reproject = weights.containsKey("reproject.weight");
            SequenceTagger.HyperParameters hp = new SequenceTagger.HyperParameters(hidden, reproject,
                    SequenceTagger.HyperParameters.FLAIR_WORD_DROPOUT, SequenceTagger.HyperParameters.FLAIR_LOCKED_DROPOUT, layers);
            LinearLayer rep = null;
            if (reproject) {
                rep = new LinearLayer("reproject", dim, dim);
                rep.weight().setValues(weights.get("reproject.weight"));
                rep.bias().setValues(weights.get("reproject.bias"));
            }
            LstmLayer fwd = new LstmLayer("lstm.forward", dim, hidden);
            LstmLayer bwd = new LstmLayer("lstm.backward", dim, hidden);
            List<LstmLayer> upper = SequenceTagger.upperLayers(hp, null);
            List<LstmLayer> all = new ArrayList<>(List.of(fwd, bwd));
            all.addAll(upper);
            for (LstmLayer l : all) {
                for (Param p : l.params()) p.setValues(weights.get(p.name()));
            }
            LinearLayer out = new LinearLayer("output", 2 * hidden, crf.size());
            out.weight().setValues(weights.get("output.weight"));
            out.bias().setValues(weights.get("output.bias"));
            SequenceTagger t = SequenceTagger.ofFlair(types, spec, dim, hp, rep, fwd, bwd, upper, out, crf);
            t.metadata().put("flair.source", file.getFileName().toString());
            return t;
        }

        /**
         * Writes the tagger to {@code out} and its embeddings next to it, the tagger's spec naming them relative to its
         * folder: word vectors as {@code words-<digest>.bnm}, character LMs as {@code flair-lm-<digest>.bnm}, the
         * digest covering the content. So taggers imported into one folder that share embeddings (HunFlair's models
         * all use the same PubMed vectors and LMs) share the files and the spec, and {@code BioNerTagger} embeds
         * each sentence once for all of them.
         */
        public SequenceTagger write(Path out, boolean half) throws IOException {
            Path dir = out.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            List<String> spec = new ArrayList<>();
            for (Part p : parts) {
                TokenEmbeddings e = p.embeddings();
                String precision = half ? "-f16" : "";
                if (e instanceof GloveEmbeddings g) {
                    String name = "words-" + digest(g.vectors()) + precision + ".bnm";
                    if (!Files.isRegularFile(dir.resolve(name))) writeAtomically(dir.resolve(name), f -> WordVectorFiles.writeArchive(g.vectors(), f, half, Map.of()));
                    spec.add("glove:" + name);
                } else {
                    CharLanguageModel lm = ((FlairEmbeddings) e).model();
                    String name = "flair-lm-" + lm.fingerprint().substring(0, 16) + precision + ".bnm";
                    if (!Files.isRegularFile(dir.resolve(name))) writeAtomically(dir.resolve(name), f -> lm.write(f, half));
                    spec.add("flair:" + name);
                }
            }
            SequenceTagger t = tagger(String.join("+", spec));
            t.save(out, half);
            return t;
        }
    }

    private interface FileWriter {
        void write(Path file) throws IOException;
    }

    private static void writeAtomically(Path target, FileWriter w) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        w.write(tmp);
        Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** A digest of word vectors (words and values), 16 hex digits. */
    private static String digest(WordVectors v) {
        try {
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
            for (String w : v.words()) {
                md.update(w.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                md.update((byte) 0);
            }
            md.update(java.nio.ByteBuffer.allocate(4).putInt(v.dimension()).array());
            float[] data = v.data();
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4 * 65536);
            for (int i = 0; i < data.length; i += 65536) { // in chunks: the vectors may be close to a GB
                b.clear();
                for (int j = i; j < Math.min(data.length, i + 65536); j++) b.putFloat(data[j]);
                md.update(b.array(), 0, b.position());
            }
            return java.util.HexFormat.of().formatHex(md.digest()).substring(0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads a checkpoint into a ready tagger (embeddings attached; converted on every load: the .bnm is faster). */
    public static SequenceTagger load(Path file) throws IOException {
        Conversion c = read(file);
        SequenceTagger t = c.tagger("flair-tagger:" + file.toAbsolutePath());
        t.useEmbeddings(c.embeddings());
        return t;
    }

    /** Whether a file name looks like a PyTorch checkpoint ({@code .pt}, {@code .pth}, {@code .bin}). */
    public static boolean isCheckpointName(Path file) {
        String n = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return n.endsWith(".pt") || n.endsWith(".pth") || n.endsWith(".bin");
    }

    /** Reads a checkpoint; every failure is an {@link IOException} with a one-line message naming the file. */
    public static Conversion read(Path file) throws IOException {
        try {
            return convert(file);
        } catch (RuntimeException e) { // an unexpected structure (a wrong type where Flair stores another)
            throw new IOException(file + ": not a supported Flair SequenceTagger checkpoint (" + e + ")", e);
        }
    }

    private static Conversion convert(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new IOException("Flair tagger file not found: " + file);
        Object top;
        try {
            top = TorchCheckpoint.load(file);
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().contains("refusing to load class or function 'flair.embeddings")) {
                throw new IOException(e.getMessage() + "; " + SUPPORTED_EMBEDDINGS, e);
            }
            throw e;
        }
        if (!(top instanceof Map<?, ?> m) || !(m.get("state_dict") instanceof Map<?, ?> sd)) {
            throw new IOException(file + ": not a Flair SequenceTagger checkpoint (no 'state_dict' dict)");
        }
        if (m.containsKey("is_forward_lm")) throw new IOException(file + ": a Flair language model, not a tagger (use import-flair-lm)");
        if (!m.containsKey("tag_dictionary") || !m.containsKey("embeddings")) {
            throw new IOException(file + ": not a Flair SequenceTagger checkpoint (no 'tag_dictionary' or 'embeddings')");
        }
        Object cls = m.get("__cls__");
        if (cls != null && !"SequenceTagger".equals(cls)) throw new IOException(file + ": a Flair " + cls + ", not a SequenceTagger");
        if (!Boolean.TRUE.equals(m.get("use_crf"))) throw new IOException(file + ": taggers without a CRF (use_crf=False) are not supported");
        if (Boolean.FALSE.equals(m.get("use_rnn"))) throw new IOException(file + ": taggers without an RNN (use_rnn=False) are not supported");
        int layers = m.get("rnn_layers") instanceof Number n ? n.intValue() : 1;
        if (layers < 1) throw new IOException(file + ": rnn_layers " + layers);
        if (m.get("rnn_type") != null && !"LSTM".equals(m.get("rnn_type"))) {
            throw new IOException(file + ": rnn_type " + m.get("rnn_type") + " is not supported (only LSTM)");
        }
        if (Boolean.TRUE.equals(m.get("train_initial_hidden_state"))) {
            throw new IOException(file + ": trained initial LSTM states (train_initial_hidden_state=True) are not supported");
        }
        boolean generation13 = m.get("embeddings") instanceof Map<?, ?>;
        List<Part> parts = embeddings(file, m.get("embeddings"), sd);
        int dim = parts.stream().mapToInt(p -> p.embeddings().dimension()).sum();

        if (!(m.get("tag_dictionary") instanceof TorchCheckpoint.PickledDictionary dict)) {
            throw new IOException(file + ": 'tag_dictionary' is not a flair.data.Dictionary");
        }
        List<String> tagNames = FlairLmImporter.dictionaryItems(file, dict.state());
        float[] transitions = tensor(file, sd, sd.containsKey("crf.transitions") ? "crf.transitions" : "transitions",
                tagNames.size(), tagNames.size()).data();
        FlairCrfDecoder crf;
        try {
            crf = new FlairCrfDecoder(tagNames, transitions);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
        List<String> typeNames = new ArrayList<>();
        for (String t : tagNames) {
            if (t.length() > 2 && t.charAt(1) == '-' && "BIESbies".indexOf(t.charAt(0)) >= 0) {
                String ty = t.substring(2);
                if (!typeNames.contains(ty)) typeNames.add(ty);
            }
        }
        if (typeNames.isEmpty()) throw new IOException(file + ": the tag dictionary names no entity type (no B-/I-/E-/S- tags): " + tagNames);

        if (!(m.get("hidden_size") instanceof Number hs)) throw new IOException(file + ": no 'hidden_size'");
        int hidden = hs.intValue();
        int k = tagNames.size();
        Map<String, float[]> w = new LinkedHashMap<>();
        if (sd.containsKey("embedding2nn.weight")) {
            w.put("reproject.weight", transpose(tensor(file, sd, "embedding2nn.weight", dim, dim)));
            w.put("reproject.bias", tensor(file, sd, "embedding2nn.bias", dim).data());
        }
        for (int layer = 0; layer < layers; layer++) { // PyTorch's rnn.*_lI and *_lI_reverse: our lstm.[lI.]forward/backward
            int in = layer == 0 ? dim : 2 * hidden;
            for (String dir : List.of("forward", "backward")) {
                String suf = "_l" + layer + (dir.equals("forward") ? "" : "_reverse");
                String ours = "lstm." + (layer == 0 ? "" : "l" + layer + ".") + dir;
                if (!sd.containsKey("rnn.weight_ih" + suf)) throw new IOException(file + ": state_dict lacks 'rnn.weight_ih" + suf + "' (only bidirectional LSTMs are supported)");
                w.put(ours + ".weight_ih", transpose(tensor(file, sd, "rnn.weight_ih" + suf, 4 * hidden, in)));
                w.put(ours + ".weight_hh", transpose(tensor(file, sd, "rnn.weight_hh" + suf, 4 * hidden, hidden)));
                float[] b = tensor(file, sd, "rnn.bias_ih" + suf, 4 * hidden).data().clone();
                float[] bh = tensor(file, sd, "rnn.bias_hh" + suf, 4 * hidden).data();
                for (int i = 0; i < b.length; i++) b[i] += bh[i];
                w.put(ours + ".bias", b);
            }
        }
        w.put("output.weight", transpose(tensor(file, sd, "linear.weight", k, 2 * hidden)));
        w.put("output.bias", tensor(file, sd, "linear.bias", k).data());
        String description = String.format(java.util.Locale.ROOT,
                "Flair %s tagger: embeddings %s (%d), reprojection %s, BiLSTM %d%s, CRF over %d tags %s",
                generation13 ? "0.13+" : "0.5-0.12", parts.stream().map(p -> p.embeddings().describe() + "=" + p.embeddings().dimension()).toList(),
                dim, w.containsKey("reproject.weight") ? "yes" : "no", hidden, layers > 1 ? " x " + layers + " layers" : "", k, tagNames);
        return new Conversion(file, parts, new TagDictionary(typeNames), crf, dim, hidden, layers, w, description);
    }

    // ------------------------------------------------------------------ embeddings

    private static List<Part> embeddings(Path file, Object e, Map<?, ?> sd) throws IOException {
        List<Part> parts = new ArrayList<>();
        List<?> children;
        boolean stacked;
        if (e instanceof PickledObject p) {
            stacked = p.simpleName().equals("StackedEmbeddings");
            children = stacked ? listOf(file, p.dict().get("embeddings")) : List.of(p);
        } else if (e instanceof Map<?, ?> m) {
            stacked = "StackedEmbeddings".equals(m.get("__cls__"));
            children = stacked ? listOf(file, m.get("embeddings")) : List.of(m);
        } else {
            throw new IOException(file + ": 'embeddings' is neither a pickled embeddings object nor a dict");
        }
        for (int i = 0; i < children.size(); i++) {
            String prefix = stacked ? "embeddings.list_embedding_" + i + "." : "embeddings.";
            parts.add(part(file, children.get(i), sd, prefix, i));
        }
        // Flair concatenates a token's embeddings in sorted order of their names
        List<Part> sorted = new ArrayList<>(parts);
        sorted.sort(Comparator.comparing(Part::name));
        return sorted;
    }

    private static Part part(Path file, Object child, Map<?, ?> sd, String prefix, int index) throws IOException {
        String cls;
        Map<?, ?> d;
        if (child instanceof PickledObject p) {
            cls = p.simpleName();
            d = p.dict();
        } else if (child instanceof Map<?, ?> m) {
            cls = String.valueOf(m.get("__cls__"));
            d = m;
        } else {
            throw new IOException(file + ": unexpected embeddings entry " + child);
        }
        String name = d.get("name") != null ? String.valueOf(d.get("name")) : Integer.toString(index);
        switch (cls) {
            case "WordEmbeddings" -> {
                return new Part(name, new GloveEmbeddings(wordVectors(file, d, sd, prefix), file.getFileName() + "#" + name));
            }
            case "FlairEmbeddings" -> {
                if (Boolean.TRUE.equals(d.get("is_lower"))) throw new IOException(file + ": FlairEmbeddings with is_lower=True are not supported");
                if (Boolean.FALSE.equals(d.get("with_whitespace"))) {
                    throw new IOException(file + ": FlairEmbeddings with with_whitespace=False are not supported");
                }
                Map<?, ?> params;
                if (d.get("model_params") instanceof Map<?, ?> mp) {
                    params = mp;
                } else if (child instanceof PickledObject p && p.attribute("lm") instanceof PickledObject lm) {
                    params = lm.dict();
                } else {
                    throw new IOException(file + ": FlairEmbeddings '" + name + "' holds no language model");
                }
                CharLanguageModel lm = FlairLmImporter.fromParams(file, params, sd, prefix + "lm.");
                return new Part(name, new FlairEmbeddings(lm, 1, FlairEmbeddings.DEFAULT_BATCH));
            }
            default -> throw new IOException(file + ": embeddings of class " + cls + " are not supported; " + SUPPORTED_EMBEDDINGS);
        }
    }

    private static WordVectors wordVectors(Path file, Map<?, ?> d, Map<?, ?> sd, String prefix) throws IOException {
        if (d.get("field") != null) throw new IOException(file + ": WordEmbeddings on field '" + d.get("field") + "' are not supported");
        if (Boolean.TRUE.equals(d.get("stable"))) throw new IOException(file + ": stable WordEmbeddings (layer norm) are not supported");
        List<String> words;
        float[] data;
        int dimension;
        if (sd.containsKey(prefix + "embedding.weight")) { // 0.12+: vocab + nn.Embedding with the unknown row last
            if (!(d.get("vocab") instanceof Map<?, ?> vocab)) throw new IOException(file + ": WordEmbeddings without a 'vocab'");
            TorchCheckpoint.Tensor t = (TorchCheckpoint.Tensor) sd.get(prefix + "embedding.weight");
            if (t.shape().length != 2) throw new IOException(file + ": '" + prefix + "embedding.weight' is not a matrix");
            int v = vocab.size();
            dimension = t.size(1);
            if (t.size(0) != v + 1 && t.size(0) != v) {
                throw new IOException(file + ": '" + prefix + "embedding.weight' has " + t.size(0) + " rows for " + v + " words");
            }
            for (int i = v * dimension; i < t.size(0) * dimension; i++) {
                if (t.data()[i] != 0f) throw new IOException(file + ": the unknown-word row of '" + prefix + "embedding.weight' is not zero (not supported)");
            }
            words = byIndex(file, vocab, v, Number.class::cast);
            data = Arrays.copyOf(t.data(), v * dimension);
        } else if (d.get("precomputed_word_embeddings") instanceof PickledObject kv) { // gensim KeyedVectors (3.x; 4.x)
            Map<?, ?> g = kv.dict();
            if (!(g.get("vectors") instanceof TorchCheckpoint.Tensor t) || t.shape().length != 2) {
                throw new IOException(file + ": gensim vectors missing or not a float matrix");
            }
            dimension = t.size(1);
            Object keys = g.containsKey("index2word") ? g.get("index2word") : g.get("index_to_key"); // gensim 3 / 4
            if (keys instanceof List<?> l) {
                words = new ArrayList<>();
                for (Object o : l) words.add(String.valueOf(o));
            } else if (g.get("vocab") instanceof Map<?, ?> vocab) {
                words = byIndex(file, vocab, vocab.size(), o -> (Number) ((PickledObject) o).dict().get("index"));
            } else {
                throw new IOException(file + ": gensim vectors without index2word or vocab");
            }
            if (words.size() != t.size(0)) throw new IOException(file + ": " + words.size() + " words for " + t.size(0) + " vectors");
            data = t.data();
        } else {
            throw new IOException(file + ": WordEmbeddings hold neither gensim vectors nor an embedding matrix");
        }
        try {
            return new WordVectors(words, data, dimension);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    private static List<String> byIndex(Path file, Map<?, ?> vocab, int n, java.util.function.Function<Object, Number> index) throws IOException {
        String[] out = new String[n];
        for (Map.Entry<?, ?> e : vocab.entrySet()) {
            int i = index.apply(e.getValue()).intValue();
            if (i < 0 || i >= n || out[i] != null) throw new IOException(file + ": word vector indices are not 0..n-1");
            out[i] = String.valueOf(e.getKey());
        }
        return Arrays.asList(out);
    }

    private static List<?> listOf(Path file, Object o) throws IOException {
        if (o instanceof List<?> l) return l;
        if (o instanceof Object[] a) return Arrays.asList(a);
        throw new IOException(file + ": StackedEmbeddings without an 'embeddings' list");
    }

    // ------------------------------------------------------------------ tensors

    private static TorchCheckpoint.Tensor tensor(Path file, Map<?, ?> sd, String name, int... shape) throws IOException {
        Object t = sd.get(name);
        if (t == null) throw new IOException(file + ": state_dict lacks tensor '" + name + "'");
        if (!(t instanceof TorchCheckpoint.Tensor tensor)) throw new IOException(file + ": '" + name + "' is not a tensor");
        if (!Arrays.equals(tensor.shape(), shape)) {
            throw new IOException(file + ": '" + name + "' has shape " + Arrays.toString(tensor.shape()) + ", expected " + Arrays.toString(shape));
        }
        return tensor;
    }

    /** PyTorch's {@code [out, in]} weight as our {@code [in, out]}. */
    private static float[] transpose(TorchCheckpoint.Tensor t) {
        int r = t.size(0), c = t.size(1);
        float[] out = new float[r * c];
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) out[j * r + i] = t.data()[i * c + j];
        }
        return out;
    }
}
