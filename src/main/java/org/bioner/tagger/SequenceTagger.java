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
import org.bioner.tagger.crf.LinearChainCrf;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.NoOp;

/**
 * Flair's SequenceTagger (BiLSTM-CRF) on DL4J/ND4J: token embeddings (dim D) -> word dropout ->
 * locked dropout -> optional reprojection Linear(D, D) -> BiLSTM -> locked dropout -> Linear(2H, K)
 * emissions -> linear-chain CRF over BIOES tags.
 *
 * <p>The reprojection and BiLSTM are a DL4J {@link MultiLayerNetwork}; the input dropouts, the second
 * locked dropout and the emission layer are done here (the embeddings are frozen, so the input needs
 * no gradient), and the CRF's emission gradients are fed back through DL4J as external errors. All
 * randomness comes from the {@link Random} the caller passes in, so a training run is reproducible and
 * resumable. The model knows its embeddings spec, so it can load and run its own embeddings.
 */
public final class SequenceTagger {

    public static final String KIND = "tagger";
    /** The model's file name inside a training output directory. */
    public static final String FILE_NAME = "tagger.bnm";
    /** Version of the tagger layout inside a {@link ModelArchive}. */
    public static final int TAGGER_FORMAT_VERSION = 1;

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
    private final MultiLayerNetwork lstmForward;
    private final MultiLayerNetwork lstmBackward;
    private final LinearLayer output;      // [2H -> K]
    private final LinearChainCrf crf;
    private final Map<String, String> metadata = new LinkedHashMap<>();
    private Path baseDir;
    private TokenEmbeddings embeddings;

    private SequenceTagger(TagDictionary tags, String embeddingsSpec, int dim, HyperParameters hp, LinearLayer reproject,
                           MultiLayerNetwork lstmForward, MultiLayerNetwork lstmBackward, LinearLayer output, LinearChainCrf crf) {
        this.tags = tags;
        this.embeddingsSpec = embeddingsSpec;
        this.dim = dim;
        this.hp = hp;
        this.reproject = reproject;
        this.lstmForward = lstmForward;
        this.lstmBackward = lstmBackward;
        this.output = output;
        this.crf = crf;
    }

    /** A freshly initialised tagger (weights from {@code seed}). */
    public static SequenceTagger create(TagDictionary tags, String embeddingsSpec, int dim, HyperParameters hp, long seed) {
        Random r = new Random(seed ^ 0x5DEECE66DL);
        LinearLayer reproject = hp.reproject() ? LinearLayer.init(dim, dim, r) : null;
        MultiLayerNetwork fwd = new MultiLayerNetwork(lstmConfig(dim, hp, seed));
        fwd.init();
        MultiLayerNetwork bwd = new MultiLayerNetwork(lstmConfig(dim, hp, seed + 1));
        bwd.init();
        LinearLayer output = LinearLayer.init(2 * hp.hidden(), tags.size(), r);
        LinearChainCrf crf = new LinearChainCrf(tags.size(), seed + 7);
        constrain(crf, tags);
        return new SequenceTagger(tags, embeddingsSpec, dim, hp, reproject, fwd, bwd, output, crf);
    }

    /**
     * One direction of the BiLSTM as a DL4J network ([batch, time, features]). The backward direction runs
     * the same network type over each sentence reversed within its own length, so padding always comes
     * after the real tokens and never reaches them (DL4J's Bidirectional reverses the padded batch and
     * leaks state from the padding into the backward direction).
     */
    private static MultiLayerConfiguration lstmConfig(int dim, HyperParameters hp, long seed) {
        return new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(new NoOp()) // SGD, clipping and annealing are applied by the trainer
                .weightInit(WeightInit.XAVIER)
                .trainingWorkspaceMode(WorkspaceMode.NONE)
                .inferenceWorkspaceMode(WorkspaceMode.NONE)
                .list()
                .layer(0, new LSTM.Builder().nIn(dim).nOut(hp.hidden()).activation(Activation.TANH)
                        .dataFormat(RNNFormat.NWC).build())
                .setInputType(InputType.recurrent(dim, RNNFormat.NWC))
                .build();
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

    /** All trainable parameters (reprojection, both LSTMs, emission layer, CRF) as one vector: for equality checks. */
    public float[] allParameters() {
        List<float[]> parts = new ArrayList<>();
        if (reproject != null) {
            parts.add(reproject.weights());
            parts.add(reproject.bias());
        }
        parts.add(lstmForward.params().dup().data().asFloat());
        parts.add(lstmBackward.params().dup().data().asFloat());
        parts.add(output.weights());
        parts.add(output.bias());
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
     * Packs sentences into rows {@code [B*T, D]} (row {@code b*T + t}), zero at padding, applying the input
     * dropouts when {@code rng != null}; plus the row mask and the per-sentence reversal of row indices.
     */
    private Batch pack(List<float[][]> vectors, Random rng) {
        int n = vectors.size();
        int maxLen = 1;
        for (float[][] v : vectors) maxLen = Math.max(maxLen, v.length);
        int T = maxLen;
        float[] x = new float[n * T * dim];
        float[] mask = new float[n * T];
        int[] reverse = new int[n * T];
        float[] feat = new float[dim];
        float lockedScale = 1f / (1f - hp.lockedDropout());
        for (int b = 0; b < n; b++) {
            float[][] v = vectors.get(b);
            if (rng != null) { // locked dropout: one feature mask per sentence, shared over time
                for (int d = 0; d < dim; d++) feat[d] = rng.nextFloat() < hp.lockedDropout() ? 0f : lockedScale;
            }
            for (int t = 0; t < T; t++) reverse[b * T + t] = t < v.length ? b * T + v.length - 1 - t : b * T + t;
            for (int t = 0; t < v.length; t++) {
                mask[b * T + t] = 1f;
                // word dropout: a whole token vector is zeroed, without rescaling (as Flair does)
                if (rng != null && rng.nextFloat() < hp.wordDropout()) continue;
                float[] row = v[t];
                if (row.length != dim) {
                    throw new IllegalArgumentException("token vector of length " + row.length + ", tagger expects " + dim);
                }
                int base = (b * T + t) * dim;
                if (rng == null) {
                    System.arraycopy(row, 0, x, base, dim);
                } else {
                    for (int d = 0; d < dim; d++) x[base + d] = row[d] * feat[d];
                }
            }
        }
        INDArray xi = Nd4j.createFromArray(x).reshape('c', (long) n * T, dim);
        INDArray mi = Nd4j.createFromArray(mask).reshape('c', (long) n * T, 1);
        return new Batch(xi, mi, reverse, n, T);
    }

    private record Batch(INDArray x, INDArray mask, int[] reverse, int n, int T) { }

    /** Rows reordered so that each sentence runs backwards within its length (an involution). */
    private static INDArray reverseRows(INDArray rows, int[] reverse) {
        return Nd4j.pullRows(rows, 1, reverse);
    }

    /** The BiLSTM over packed rows: returns [B*T, 2H] (forward states, then backward states). */
    private INDArray bilstm(Batch batch, INDArray xr, boolean train) {
        int n = batch.n, T = batch.T;
        INDArray xf = xr.reshape('c', n, T, dim);
        INDArray xb = reverseRows(xr, batch.reverse).reshape('c', n, T, dim);
        INDArray hf, hb;
        if (train) {
            lstmForward.setInput(xf);
            hf = last(lstmForward.feedForward(true, false));
            lstmBackward.setInput(xb);
            hb = last(lstmBackward.feedForward(true, false));
        } else {
            hf = lstmForward.output(xf, false);
            hb = lstmBackward.output(xb, false);
        }
        int h = hp.hidden();
        INDArray hfRows = hf.dup('c').reshape('c', (long) n * T, h);
        INDArray hbRows = reverseRows(hb.dup('c').reshape('c', (long) n * T, h), batch.reverse);
        return Nd4j.hstack(hfRows, hbRows).muliColumnVector(batch.mask);
    }

    private static INDArray last(List<INDArray> activations) {
        return activations.get(activations.size() - 1);
    }

    // ------------------------------------------------------------------ training

    /**
     * Forward and backward pass over one mini-batch: leaves the gradients of the summed CRF
     * negative log-likelihood in every part of the model. Returns the summed loss.
     */
    public synchronized double computeGradients(List<float[][]> vectors, List<int[]> gold, Random rng) {
        Batch batch = pack(vectors, rng);
        int n = batch.n, T = batch.T, H = hp.hidden(), K = tags.size();
        INDArray xr = reproject == null ? batch.x : reproject.forward(batch.x).muliColumnVector(batch.mask);
        INDArray hRows = bilstm(batch, xr, true);                 // [B*T, 2H]
        // locked dropout after the BiLSTM: one mask per sentence and feature, over all time steps
        float[] m = new float[n * T * 2 * H];
        float scale = 1f / (1f - hp.lockedDropout());
        float[] feat = new float[2 * H];
        for (int b = 0; b < n; b++) {
            for (int f = 0; f < 2 * H; f++) feat[f] = rng.nextFloat() < hp.lockedDropout() ? 0f : scale;
            for (int t = 0; t < T; t++) System.arraycopy(feat, 0, m, (b * T + t) * 2 * H, 2 * H);
        }
        INDArray dropMask = Nd4j.createFromArray(m).reshape('c', (long) n * T, 2 * H);
        INDArray hd = hRows.mul(dropMask);
        float[][] em = output.forward(hd).toFloatMatrix();
        float[][] dEm = new float[n * T][K];
        crf.zeroGradient();
        double loss = 0;
        for (int b = 0; b < n; b++) {
            int len = vectors.get(b).length;
            if (len == 0) continue;
            float[][] e = Arrays.copyOfRange(em, b * T, b * T + len);
            float[][] g = new float[len][K];
            loss += crf.negLogLikelihood(e, gold.get(b), g);
            System.arraycopy(g, 0, dEm, b * T, len);
        }
        INDArray dH = output.backward(hd, Nd4j.create(dEm), true).muli(dropMask);   // [B*T, 2H]
        INDArray dHf = dH.get(NDArrayIndex.all(), NDArrayIndex.interval(0, H)).dup('c').reshape('c', n, T, H);
        INDArray dHb = reverseRows(dH.get(NDArrayIndex.all(), NDArrayIndex.interval(H, 2 * H)).dup('c'), batch.reverse)
                .reshape('c', n, T, H);
        INDArray epsF = lstmForward.backpropGradient(dHf, LayerWorkspaceMgr.noWorkspaces()).getSecond();
        INDArray epsB = lstmBackward.backpropGradient(dHb, LayerWorkspaceMgr.noWorkspaces()).getSecond();
        if (reproject != null) {
            INDArray dXr = epsF.dup('c').reshape('c', (long) n * T, dim)
                    .addi(reverseRows(epsB.dup('c').reshape('c', (long) n * T, dim), batch.reverse))
                    .muliColumnVector(batch.mask);
            reproject.backward(batch.x, dXr, false);
        }
        return loss;
    }

    /** L2 norm of all gradients left by {@link #computeGradients} (reprojection, LSTMs, emission layer, CRF). */
    public double gradientNorm() {
        double sq = sq(lstmForward.getGradientsViewArray()) + sq(lstmBackward.getGradientsViewArray())
                + output.gradientSquaredNorm() + crf.gradientSquaredNorm();
        if (reproject != null) sq += reproject.gradientSquaredNorm();
        return Math.sqrt(sq);
    }

    private static double sq(INDArray a) {
        double n = a.norm2Number().doubleValue();
        return n * n;
    }

    /** Plain SGD step: {@code param -= lr * gradScale * grad} for every parameter. */
    public synchronized void applySgd(float lr, float gradScale) {
        float step = lr * gradScale;
        for (MultiLayerNetwork net : List.of(lstmForward, lstmBackward)) {
            net.setParams(net.params().sub(net.getGradientsViewArray().mul(step)));
        }
        if (reproject != null) reproject.applySgd(step);
        output.applySgd(step);
        crf.applySgd(lr, gradScale);
    }

    /**
     * For gradient checks: the parameter arrays (modifiable in place) and their gradients after
     * {@link #computeGradients}, in the same order: reprojection weight (if any), forward LSTM, backward LSTM,
     * emission weight.
     */
    List<INDArray[]> parametersAndGradients() {
        List<INDArray[]> out = new ArrayList<>();
        if (reproject != null) out.add(new INDArray[] {reproject.w, reproject.gradW()});
        out.add(new INDArray[] {lstmForward.params(), lstmForward.getGradientsViewArray()});
        out.add(new INDArray[] {lstmBackward.params(), lstmBackward.getGradientsViewArray()});
        out.add(new INDArray[] {output.w, output.gradW()});
        return out;
    }

    // ------------------------------------------------------------------ inference

    /** Tags of one sentence: the Viterbi path, its spans, and per-span confidence (product of token marginals). */
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
        Batch batch = pack(vectors, null);
        int n = batch.n, T = batch.T;
        INDArray xr = reproject == null ? batch.x : reproject.forward(batch.x).muliColumnVector(batch.mask);
        float[][] em = output.forward(bilstm(batch, xr, false)).toFloatMatrix();
        List<Prediction> out = new ArrayList<>(n);
        for (int b = 0; b < n; b++) {
            int len = vectors.get(b).length;
            if (len == 0) {
                out.add(new Prediction(new int[0], List.of(), new double[0], new double[0]));
                continue;
            }
            float[][] e = Arrays.copyOfRange(em, b * T, b * T + len);
            int[] path = crf.viterbi(e);
            double[][] marg = crf.marginals(e);
            double[] tokenConf = new double[len];
            for (int t = 0; t < len; t++) tokenConf[t] = marg[t][path[t]];
            List<Span> spans = tags.decode(path);
            double[] spanConf = new double[spans.size()];
            for (int i = 0; i < spans.size(); i++) {
                double c = 1;
                for (int t = spans.get(i).start(); t < spans.get(i).end(); t++) c *= tokenConf[t];
                spanConf[i] = c;
            }
            out.add(new Prediction(path, spans, spanConf, tokenConf));
        }
        return out;
    }

    // ------------------------------------------------------------------ model file

    /** Writes the whole tagger (and {@link #metadata()}) to one model file. */
    public synchronized void save(Path file) throws IOException {
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
            w.strings("lstm.config", List.of(lstmForward.getLayerWiseConfigurations().toJson()));
            float[] pf = lstmForward.params().dup().data().asFloat();
            w.floats("lstm.forward.params", pf, new int[] {pf.length}, false);
            float[] pb = lstmBackward.params().dup().data().asFloat();
            w.floats("lstm.backward.params", pb, new int[] {pb.length}, false);
            if (reproject != null) {
                w.floats("reproject.weight", reproject.weights(), new int[] {dim, dim}, false);
                w.floats("reproject.bias", reproject.bias(), new int[] {dim}, false);
            }
            w.floats("output.weight", output.weights(), new int[] {output.in(), output.out()}, false);
            w.floats("output.bias", output.bias(), new int[] {output.out()}, false);
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
            TagDictionary tags = TagDictionary.fromNames(a.strings("tags"));
            int dim = Integer.parseInt(a.meta("embeddings.dimension"));
            HyperParameters hp = new HyperParameters(Integer.parseInt(a.meta("hidden")),
                    Boolean.parseBoolean(a.meta("reproject")),
                    Float.parseFloat(a.meta("word.dropout")), Float.parseFloat(a.meta("locked.dropout")));
            MultiLayerConfiguration conf = MultiLayerConfiguration.fromJson(a.strings("lstm.config").get(0));
            MultiLayerNetwork fwd = lstm(conf, a, "lstm.forward.params");
            MultiLayerNetwork bwd = lstm(conf, a, "lstm.backward.params");
            LinearLayer reproject = null;
            if (hp.reproject()) {
                reproject = linear(a, "reproject", dim, dim);
            }
            LinearLayer output = linear(a, "output", 2 * hp.hidden(), tags.size());
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
            for (Map.Entry<String, String> e : a.metadata().entrySet()) {
                if (e.getKey().startsWith("x.")) t.metadata.put(e.getKey().substring(2), e.getValue());
            }
            return t;
        } catch (RuntimeException e) {
            throw new IOException(src + ": corrupt tagger model: " + e, e);
        }
    }

    private static MultiLayerNetwork lstm(MultiLayerConfiguration conf, ModelArchive a, String name) throws IOException {
        MultiLayerNetwork net = new MultiLayerNetwork(conf.clone());
        net.init();
        float[] p = a.floats(name);
        if (net.numParams() != p.length) {
            throw new IOException(a.source() + ": '" + name + "' holds " + p.length + " values, the LSTM has " + net.numParams());
        }
        net.setParams(Nd4j.createFromArray(p).reshape(1, p.length));
        return net;
    }

    private static LinearLayer linear(ModelArchive a, String name, int in, int out) throws IOException {
        int[] ws = a.shape(name + ".weight");
        if (ws.length != 2 || ws[0] != in || ws[1] != out) {
            throw new IOException(a.source() + ": '" + name + ".weight' has shape " + Arrays.toString(ws) + ", expected [" + in + ", " + out + "]");
        }
        float[] b = a.floats(name + ".bias");
        if (b.length != out) throw new IOException(a.source() + ": '" + name + ".bias' has " + b.length + " values, expected " + out);
        return new LinearLayer(Nd4j.createFromArray(a.floats(name + ".weight")).reshape('c', in, out), Nd4j.createFromArray(b).reshape('c', 1, out));
    }
}
