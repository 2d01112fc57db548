package org.bioner.tagger;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.bioner.embeddings.EmbeddingsLoader;
import org.bioner.embeddings.TokenEmbeddings;
import org.bioner.evaluation.Span;
import org.bioner.io.ModelArchive;
import org.bioner.nn.FoldedProjection;
import org.bioner.nn.LinearLayer;
import org.bioner.nn.LstmLayer;
import org.bioner.nn.NativeBuffer;
import org.bioner.nn.Param;
import org.bioner.nn.SequencePacking;
import org.bioner.nn.SideBySide;
import org.bioner.nn.Blas;
import org.bioner.tagger.crf.LinearChainCrf;
import org.bioner.tagger.crf.SpanConfidence;

/**
 * Flair's SequenceTagger (BiLSTM-CRF): token embeddings (dim D) -> word dropout -> locked dropout ->
 * optional reprojection Linear(D, D) -> BiLSTM -> locked dropout -> Linear(2H, K) emissions ->
 * linear-chain CRF over BIOES tags.
 *
 * <p>The layers are the hand-written OpenBLAS kernels of {@code org.bioner.nn}: a batch is packed without
 * padding (sentence after sentence), each LSTM direction runs over the sentences sorted by length (the
 * backward one over each sentence reversed within its own length), and the CRF's emission gradients flow
 * back through the emission layer, both LSTM directions and the reprojection. The embeddings are frozen,
 * so the input needs no gradient. All randomness comes from the {@link Random} the caller passes in, so a
 * training run is reproducible and resumable. The model knows its embeddings spec, so it can load and run
 * its own embeddings. Not re-entrant: the public methods are synchronized (the layers own their buffers).
 */
public final class SequenceTagger {

    public static final String KIND = "tagger";
    /** The model's file name inside a training output directory. */
    public static final String FILE_NAME = "tagger.bnm";
    /**
     * Version of the tagger layout inside a {@link ModelArchive}. 2: LSTM weights as PyTorch-layout
     * tensors {@code lstm.{forward,backward}.{weight_ih [D,4H], weight_hh [H,4H], bias [4H]}}, gates i,f,g,o.
     * 1: DL4J LSTM parameter vectors (still read, converted by {@link Dl4jLstmParams}).
     */
    public static final int TAGGER_FORMAT_VERSION = 2;

    /** Architecture choices (Flair defaults: hidden 256, reprojection on, word dropout 0.05, locked dropout 0.5). */
    public record HyperParameters(int hidden, boolean reproject, float wordDropout, float lockedDropout) {
        public static HyperParameters flairDefaults() {
            return new HyperParameters(256, true, 0.05f, 0.5f);
        }
    }

    private final TagDictionary tags;
    private final String embeddingsSpec;
    private final int dim;
    private final HyperParameters hp;
    private final LinearLayer reproject;   // null when off
    private final LstmLayer lstmForward;
    private final LstmLayer lstmBackward;
    private final LinearLayer output;      // [2H -> K]
    private final LinearChainCrf crf;
    private final Map<String, String> metadata = new LinkedHashMap<>();
    private Path baseDir;
    private TokenEmbeddings embeddings;

    // batch buffers, token order (sentence after sentence), grown to the largest batch
    private final NativeBuffer x = new NativeBuffer(1);      // [N, D] input after dropouts
    private final NativeBuffer xr = new NativeBuffer(1);     // [N, D] reprojected
    private final NativeBuffer states = new NativeBuffer(1); // [N, 2H] BiLSTM output
    private final NativeBuffer dropped = new NativeBuffer(1);// [N, 2H] after locked dropout
    private final NativeBuffer em = new NativeBuffer(1);     // [N, K] emissions
    private final NativeBuffer dEm = new NativeBuffer(1);    // [N, K]
    private final NativeBuffer dStates = new NativeBuffer(1);// [N, 2H]
    private final NativeBuffer dXr = new NativeBuffer(1);    // [N, D]
    private final NativeBuffer dXrB = new NativeBuffer(1);   // [N, D] the backward direction's share
    private final SideBySide directions = new SideBySide();  // training: the two LSTM directions in parallel
    private final NativeBuffer proj = new NativeBuffer(1);   // [N, 8H] inference: both directions' input projections
    private final FoldedProjection folded;                   // inference: reprojection folded into the LSTM inputs

    private SequenceTagger(TagDictionary tags, String embeddingsSpec, int dim, HyperParameters hp, LinearLayer reproject,
                           LstmLayer lstmForward, LstmLayer lstmBackward, LinearLayer output, LinearChainCrf crf) {
        this.tags = tags;
        this.embeddingsSpec = embeddingsSpec;
        this.dim = dim;
        this.hp = hp;
        this.reproject = reproject;
        this.lstmForward = lstmForward;
        this.lstmBackward = lstmBackward;
        this.output = output;
        this.crf = crf;
        this.folded = new FoldedProjection(reproject, lstmForward, lstmBackward);
    }

    /** A freshly initialised tagger (weights from {@code seed}, PyTorch's initialisations). */
    public static SequenceTagger create(TagDictionary tags, String embeddingsSpec, int dim, HyperParameters hp, long seed) {
        Random r = new Random(seed ^ 0x5DEECE66DL);
        LinearLayer reproject = hp.reproject() ? LinearLayer.init("reproject", dim, dim, r) : null;
        LinearLayer output = LinearLayer.init("output", 2 * hp.hidden(), tags.size(), r);
        LstmLayer fwd = LstmLayer.init("lstm.forward", dim, hp.hidden(), r);
        LstmLayer bwd = LstmLayer.init("lstm.backward", dim, hp.hidden(), r);
        LinearChainCrf crf = new LinearChainCrf(tags.size(), seed + 7);
        constrain(crf, tags);
        return new SequenceTagger(tags, embeddingsSpec, dim, hp, reproject, fwd, bwd, output, crf);
    }

    /** BIOES constraints: every decoded path is a well-formed span sequence. */
    private static void constrain(LinearChainCrf crf, TagDictionary tags) {
        for (int f = 0; f < tags.size(); f++) {
            if (!tags.allowedStart(f)) crf.forbidStart(f);
            if (!tags.allowedStop(f)) crf.forbidStop(f);
            for (int t = 0; t < tags.size(); t++) {
                if (!tags.allowed(f, t)) crf.forbid(f, t);
            }
        }
    }

    // ------------------------------------------------------------------ accessors

    public TagDictionary tags() {
        return tags;
    }

    public String embeddingsSpec() {
        return embeddingsSpec;
    }

    public int embeddingDimension() {
        return dim;
    }

    public HyperParameters hyperParameters() {
        return hp;
    }

    /** Free metadata saved with the model (training provenance, checkpoint state). */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** The directory the model was loaded from (relative embeddings locations resolve against it), or null. */
    public Path baseDir() {
        return baseDir;
    }

    /** The embeddings this model was trained with, loaded on first use from its spec. */
    public synchronized TokenEmbeddings embeddings() throws IOException {
        if (embeddings == null) {
            TokenEmbeddings e = EmbeddingsLoader.load(embeddingsSpec, baseDir);
            if (e.dimension() != dim) {
                throw new IOException("embeddings '" + embeddingsSpec + "' give dimension " + e.dimension()
                        + " but the tagger expects " + dim);
            }
            embeddings = e;
        }
        return embeddings;
    }

    /** Uses already loaded embeddings (e.g. shared by several taggers); must match the spec's dimension. */
    public synchronized void useEmbeddings(TokenEmbeddings e) {
        if (e.dimension() != dim) {
            throw new IllegalArgumentException("embeddings dimension " + e.dimension() + " != tagger's " + dim);
        }
        embeddings = e;
    }

    /** The network's parameter tensors (not the CRF's), in a fixed order: reprojection, LSTMs, emission layer. */
    List<Param> parameters() {
        List<Param> out = new ArrayList<>();
        if (reproject != null) out.addAll(reproject.params());
        out.addAll(lstmForward.params());
        out.addAll(lstmBackward.params());
        out.addAll(output.params());
        return out;
    }

    /** All trainable parameters (reprojection, both LSTMs, emission layer, CRF) as one vector: for equality checks. */
    public synchronized float[] allParameters() {
        List<float[]> parts = new ArrayList<>();
        for (Param p : parameters()) parts.add(p.values());
        double[] cd = crf.parametersAsDouble();
        float[] c = new float[2 * cd.length]; // the CRF's doubles split into (hi, lo) floats
        for (int i = 0; i < cd.length; i++) {
            c[2 * i] = (float) cd[i];
            c[2 * i + 1] = (float) (cd[i] - c[2 * i]);
        }
        parts.add(c);
        int n = parts.stream().mapToInt(a -> a.length).sum();
        float[] out = new float[n];
        int o = 0;
        for (float[] a : parts) {
            System.arraycopy(a, 0, out, o, a.length);
            o += a.length;
        }
        return out;
    }

    // ------------------------------------------------------------------ batches

    /**
     * Packs sentences into token-order rows {@code x[N, D]}, applying the input dropouts when
     * {@code rng != null}: locked dropout (one feature mask per sentence, rescaled) and word dropout (a
     * whole token vector zeroed, without rescaling, as Flair does).
     */
    private SequencePacking pack(List<float[][]> vectors, Random rng) {
        int n = vectors.size();
        int[] lengths = new int[n];
        for (int b = 0; b < n; b++) lengths[b] = vectors.get(b).length;
        SequencePacking p = new SequencePacking(lengths);
        x.ensure((long) p.totalTokens() * dim);
        float[] feat = new float[dim];
        float[] row = new float[dim];
        float[] zero = new float[dim];
        float lockedScale = 1f / (1f - hp.lockedDropout());
        for (int b = 0; b < n; b++) {
            float[][] v = vectors.get(b);
            if (rng != null) {
                for (int d = 0; d < dim; d++) feat[d] = rng.nextFloat() < hp.lockedDropout() ? 0f : lockedScale;
            }
            for (int t = 0; t < v.length; t++) {
                float[] in = v[t];
                if (in.length != dim) {
                    throw new IllegalArgumentException("token vector of length " + in.length + ", tagger expects " + dim);
                }
                int base = (p.start(b) + t) * dim;
                if (rng == null) {
                    x.put(base, in, dim);
                } else if (rng.nextFloat() < hp.wordDropout()) {
                    x.put(base, zero, dim);
                } else {
                    for (int d = 0; d < dim; d++) row[d] = in[d] * feat[d];
                    x.put(base, row, dim);
                }
            }
        }
        return p;
    }

    /** Reprojection and BiLSTM over the packed input: leaves the states in {@code states [N, 2H]}. */
    private NativeBuffer encode(SequencePacking p) {
        int n = p.totalTokens(), h = hp.hidden();
        NativeBuffer in = x;
        if (reproject != null) {
            xr.ensure((long) n * dim);
            reproject.forward(x, n, xr);
            in = xr;
        }
        states.ensure((long) n * 2 * h);
        NativeBuffer lstmIn = in;
        directions.run(() -> lstmForward.forward(p, false, lstmIn, states, 2 * h, 0),
                () -> lstmBackward.forward(p, true, lstmIn, states, 2 * h, h));
        return in;
    }

    /** Emission rows of sentence {@code s} as {@code [len][K]}. */
    private float[][] emissions(SequencePacking p, int s) {
        int k = tags.size(), len = p.length(s);
        float[][] e = new float[len][k];
        for (int t = 0; t < len; t++) em.get((p.start(s) + t) * k, e[t], k);
        return e;
    }

    // ------------------------------------------------------------------ training

    /**
     * Forward and backward pass over one mini-batch: leaves the gradients of the summed CRF
     * negative log-likelihood in every part of the model. Returns the summed loss.
     */
    public synchronized double computeGradients(List<float[][]> vectors, List<int[]> gold, Random rng) {
        SequencePacking p = pack(vectors, rng);
        int n = p.totalTokens(), h2 = 2 * hp.hidden(), k = tags.size();
        encode(p);
        // locked dropout after the BiLSTM: one mask per sentence and feature, over all time steps
        dropped.ensure((long) n * h2);
        float scale = 1f / (1f - hp.lockedDropout());
        float[][] masks = new float[vectors.size()][h2];
        float[] row = new float[h2];
        for (int b = 0; b < vectors.size(); b++) {
            float[] feat = masks[b];
            for (int f = 0; f < h2; f++) feat[f] = rng.nextFloat() < hp.lockedDropout() ? 0f : scale;
            for (int t = 0; t < p.length(b); t++) {
                int base = (p.start(b) + t) * h2;
                states.get(base, row, h2);
                for (int f = 0; f < h2; f++) row[f] *= feat[f];
                dropped.put(base, row, h2);
            }
        }
        em.ensure((long) n * k);
        output.forward(dropped, n, em);
        dEm.ensure((long) n * k);
        crf.zeroGradient();
        double loss = 0;
        for (int b = 0; b < vectors.size(); b++) {
            int len = p.length(b);
            if (len == 0) continue;
            float[][] g = new float[len][k];
            loss += crf.negLogLikelihood(emissions(p, b), gold.get(b), g);
            for (int t = 0; t < len; t++) dEm.put((p.start(b) + t) * k, g[t], k);
        }
        dStates.ensure((long) n * h2);
        output.backward(dropped, dEm, n, dStates, false);
        for (int b = 0; b < vectors.size(); b++) {
            float[] feat = masks[b];
            for (int t = 0; t < p.length(b); t++) {
                int base = (p.start(b) + t) * h2;
                dStates.get(base, row, h2);
                for (int f = 0; f < h2; f++) row[f] *= feat[f];
                dStates.put(base, row, h2);
            }
        }
        // the input gradient only feeds the reprojection; each direction writes its own share, then they are summed
        boolean dIn = reproject != null;
        if (dIn) {
            dXr.ensure((long) n * dim);
            dXrB.ensure((long) n * dim);
        }
        directions.run(() -> lstmForward.backward(dStates, h2, 0, dIn ? dXr : null, false),
                () -> lstmBackward.backward(dStates, h2, hp.hidden(), dIn ? dXrB : null, false));
        if (dIn) {
            Blas.axpy(n * dim, 1f, dXrB, dXr);
            reproject.backward(x, dXr, n, null, false);
        }
        return loss;
    }

    /** L2 norm of all gradients left by {@link #computeGradients} (reprojection, LSTMs, emission layer, CRF). */
    public synchronized double gradientNorm() {
        double sq = crf.gradientSquaredNorm();
        for (Param p : parameters()) sq += p.gradientSquaredNorm();
        return Math.sqrt(sq);
    }

    /** Plain SGD step: {@code param -= lr * gradScale * grad} for every parameter. */
    public synchronized void applySgd(float lr, float gradScale) {
        float step = lr * gradScale;
        for (Param p : parameters()) p.sgd(step);
        crf.applySgd(lr, gradScale);
    }

    // ------------------------------------------------------------------ inference

    /** Tags of one sentence: the Viterbi path, its spans, and per-span confidence ({@link SpanConfidence}). */
    public record Prediction(int[] path, List<Span> spans, double[] spanConfidence, double[] tokenConfidence) { }

    /** Embeds and tags tokenised sentences (batches of {@code batchSize}, sorted by length). */
    public List<Prediction> tag(List<List<String>> sentences, int batchSize) throws IOException {
        TokenEmbeddings e = embeddings();
        List<Prediction> out = new ArrayList<>(sentences.size());
        for (int s = 0; s < sentences.size(); s += batchSize) {
            out.addAll(predict(e.embed(sentences.subList(s, Math.min(sentences.size(), s + batchSize))), batchSize));
        }
        return out;
    }

    /** Predicts from precomputed embeddings, in input order; runs batches of similar lengths. */
    public List<Prediction> predict(List<float[][]> vectors, int batchSize) {
        Integer[] order = new Integer[vectors.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, Comparator.comparingInt(i -> -vectors.get(i).length));
        Prediction[] out = new Prediction[vectors.size()];
        for (int s = 0; s < order.length; s += batchSize) {
            List<float[][]> chunk = new ArrayList<>();
            int end = Math.min(order.length, s + batchSize);
            for (int k = s; k < end; k++) chunk.add(vectors.get(order[k]));
            List<Prediction> p = predictBatch(chunk);
            for (int k = s; k < end; k++) out[order[k]] = p.get(k - s);
        }
        return Arrays.asList(out);
    }

    private synchronized List<Prediction> predictBatch(List<float[][]> vectors) {
        SequencePacking p = pack(vectors, null);
        int n = vectors.size(), tokens = p.totalTokens(), h = hp.hidden();
        // reprojection and both input projections as one gemm (the weights folded once per model state)
        proj.ensure((long) tokens * folded.width());
        folded.apply(x, tokens, proj);
        states.ensure((long) tokens * 2 * h);
        // one direction after the other: in inference the recurrences are a small share, and side by side
        // measured slower here (BENCHMARKS.md)
        lstmForward.forwardProjected(p, false, proj, folded.width(), folded.offset(0), states, 2 * h, 0);
        lstmBackward.forwardProjected(p, true, proj, folded.width(), folded.offset(1), states, 2 * h, h);
        em.ensure((long) p.totalTokens() * tags.size());
        output.forward(states, p.totalTokens(), em);
        List<Prediction> out = new ArrayList<>(n);
        for (int b = 0; b < n; b++) {
            int len = vectors.get(b).length;
            if (len == 0) {
                out.add(new Prediction(new int[0], List.of(), new double[0], new double[0]));
                continue;
            }
            float[][] e = emissions(p, b);
            int[] path = crf.viterbi(e);
            double[] tokenConf = SpanConfidence.tokenConfidences(crf.marginals(e), path);
            List<Span> spans = tags.decode(path);
            double[] spanConf = new double[spans.size()];
            for (int i = 0; i < spans.size(); i++) {
                spanConf[i] = SpanConfidence.spanConfidence(tokenConf, spans.get(i).start(), spans.get(i).end());
            }
            out.add(new Prediction(path, spans, spanConf, tokenConf));
        }
        return out;
    }

    // ------------------------------------------------------------------ model file

    /** Writes the whole tagger (and {@link #metadata()}) to one model file, weights in float32 (exact: checkpoints). */
    public synchronized void save(Path file) throws IOException {
        save(file, false);
    }

    /**
     * Writes the whole tagger; with {@code half} the network weights are stored as float16 (half the size, for
     * shipped models; the CRF stays exact). A float16 model is read like any other.
     */
    public synchronized void save(Path file, boolean half) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (ModelArchive.Writer w = ModelArchive.writer(tmp, KIND)) {
            w.meta("tagger.format.version", Integer.toString(TAGGER_FORMAT_VERSION));
            w.meta("embeddings.spec", embeddingsSpec);
            w.meta("embeddings.dimension", Integer.toString(dim));
            w.meta("hidden", Integer.toString(hp.hidden()));
            w.meta("reproject", Boolean.toString(hp.reproject()));
            w.meta("word.dropout", Float.toString(hp.wordDropout()));
            w.meta("locked.dropout", Float.toString(hp.lockedDropout()));
            w.meta("entity.types", String.join(",", tags.entityTypes()));
            w.meta("crf.constraints", "bioes");
            for (Map.Entry<String, String> e : metadata.entrySet()) w.meta("x." + e.getKey(), e.getValue());
            w.strings("tags", tags.names());
            w.meta("weights.precision", half ? "float16" : "float32");
            for (Param p : parameters()) w.floats(p.name(), p.values(), p.shape(), half);
            // the CRF computes in double: store the exact bits (two int32 per value, high word first)
            double[] c = crf.parametersAsDouble();
            int[] bits = new int[2 * c.length];
            for (int i = 0; i < c.length; i++) {
                long l = Double.doubleToRawLongBits(c[i]);
                bits[2 * i] = (int) (l >>> 32);
                bits[2 * i + 1] = (int) l;
            }
            w.ints("crf.parameters.f64bits", bits, new int[] {c.length, 2});
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** Loads a tagger model file; relative embeddings locations resolve against its directory. */
    public static SequenceTagger load(Path file) throws IOException {
        SequenceTagger t = read(ModelArchive.open(file, KIND));
        t.baseDir = file.toAbsolutePath().getParent();
        return t;
    }

    /** Loads a tagger from a stream (e.g. a classpath resource named {@code source}). */
    public static SequenceTagger load(InputStream in, String source, Path baseDir) throws IOException {
        SequenceTagger t = read(ModelArchive.open(in, source, KIND));
        t.baseDir = baseDir;
        return t;
    }

    private static SequenceTagger read(ModelArchive a) throws IOException {
        String src = a.source();
        try {
            int version = Integer.parseInt(a.meta("tagger.format.version"));
            if (version > TAGGER_FORMAT_VERSION) {
                throw new IOException(src + ": tagger format version " + version + " is newer than this build reads (" + TAGGER_FORMAT_VERSION + ")");
            }
            if (version < 1) throw new IOException(src + ": unknown tagger format version " + version);
            TagDictionary tags = TagDictionary.fromNames(a.strings("tags"));
            int dim = Integer.parseInt(a.meta("embeddings.dimension"));
            HyperParameters hp = new HyperParameters(Integer.parseInt(a.meta("hidden")),
                    Boolean.parseBoolean(a.meta("reproject")),
                    Float.parseFloat(a.meta("word.dropout")), Float.parseFloat(a.meta("locked.dropout")));
            LinearLayer reproject = hp.reproject() ? new LinearLayer("reproject", dim, dim) : null;
            LstmLayer fwd = new LstmLayer("lstm.forward", dim, hp.hidden());
            LstmLayer bwd = new LstmLayer("lstm.backward", dim, hp.hidden());
            LinearLayer output = new LinearLayer("output", 2 * hp.hidden(), tags.size());
            LinearChainCrf crf = new LinearChainCrf(tags.size(), 0);
            constrain(crf, tags);
            int[] bits = a.ints("crf.parameters.f64bits");
            if (bits.length != 2 * crf.numParameters()) {
                throw new IOException(src + ": CRF has " + bits.length / 2 + " parameters, expected " + crf.numParameters());
            }
            double[] c = new double[bits.length / 2];
            for (int i = 0; i < c.length; i++) {
                c[i] = Double.longBitsToDouble(((long) bits[2 * i] << 32) | (bits[2 * i + 1] & 0xffffffffL));
            }
            crf.setParameters(c);
            SequenceTagger t = new SequenceTagger(tags, a.meta("embeddings.spec"), dim, hp, reproject, fwd, bwd, output, crf);
            for (Param p : t.parameters()) {
                boolean lstm = p.name().startsWith("lstm.");
                if (version == 1 && lstm) continue;
                readInto(a, p);
            }
            if (version == 1) { // DL4J parameter vectors
                for (LstmLayer l : List.of(fwd, bwd)) {
                    String name = l == fwd ? "lstm.forward.params" : "lstm.backward.params";
                    float[] flat = a.floats(name);
                    if (flat.length != Dl4jLstmParams.size(dim, hp.hidden())) {
                        throw new IOException(src + ": '" + name + "' holds " + flat.length + " values, a DL4J LSTM("
                                + dim + ", " + hp.hidden() + ") has " + Dl4jLstmParams.size(dim, hp.hidden()));
                    }
                    float[][] w = Dl4jLstmParams.convert(flat, dim, hp.hidden());
                    l.weightIh().setValues(w[0]);
                    l.weightHh().setValues(w[1]);
                    l.bias().setValues(w[2]);
                }
            }
            for (Map.Entry<String, String> e : a.metadata().entrySet()) {
                if (e.getKey().startsWith("x.")) t.metadata.put(e.getKey().substring(2), e.getValue());
            }
            return t;
        } catch (RuntimeException e) {
            throw new IOException(src + ": corrupt tagger model: " + e, e);
        }
    }

    private static void readInto(ModelArchive a, Param p) throws IOException {
        int[] shape = a.shape(p.name());
        if (!Arrays.equals(shape, p.shape())) {
            throw new IOException(a.source() + ": '" + p.name() + "' has shape " + Arrays.toString(shape)
                    + ", expected " + Arrays.toString(p.shape()));
        }
        p.setValues(a.floats(p.name()));
    }
}
