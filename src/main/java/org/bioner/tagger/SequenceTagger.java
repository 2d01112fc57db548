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
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
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
    private final MultiLayerNetwork net;
    private final INDArray outW;   // [2H, K]
    private final INDArray outB;   // [1, K]
    private INDArray gradW;
    private INDArray gradB;
    private final LinearChainCrf crf;
    private final Map<String, String> metadata = new LinkedHashMap<>();
    private Path baseDir;
    private TokenEmbeddings embeddings;

    private SequenceTagger(TagDictionary tags, String embeddingsSpec, int dim, HyperParameters hp,
                           MultiLayerNetwork net, INDArray outW, INDArray outB, LinearChainCrf crf) {
        this.tags = tags;
        this.embeddingsSpec = embeddingsSpec;
        this.dim = dim;
        this.hp = hp;
        this.net = net;
        this.outW = outW;
        this.outB = outB;
        this.crf = crf;
    }

    /** A freshly initialised tagger (weights from {@code seed}). */
    public static SequenceTagger create(TagDictionary tags, String embeddingsSpec, int dim, HyperParameters hp, long seed) {
        MultiLayerNetwork net = new MultiLayerNetwork(networkConfig(dim, hp, seed));
        net.init();
        int k = tags.size();
        int in = 2 * hp.hidden();
        // PyTorch's nn.Linear initialisation: U(-1/sqrt(in), 1/sqrt(in))
        Random r = new Random(seed ^ 0x5DEECE66DL);
        float bound = (float) (1.0 / Math.sqrt(in));
        float[] w = new float[in * k];
        for (int i = 0; i < w.length; i++) w[i] = (r.nextFloat() * 2 - 1) * bound;
        float[] b = new float[k];
        for (int i = 0; i < k; i++) b[i] = (r.nextFloat() * 2 - 1) * bound;
        LinearChainCrf crf = new LinearChainCrf(k, seed + 7);
        constrain(crf, tags);
        return new SequenceTagger(tags, embeddingsSpec, dim, hp, net,
                Nd4j.createFromArray(w).reshape('c', in, k), Nd4j.createFromArray(b).reshape('c', 1, k), crf);
    }

    private static MultiLayerConfiguration networkConfig(int dim, HyperParameters hp, long seed) {
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(new NoOp()) // SGD, clipping and annealing are applied by the trainer
                .weightInit(WeightInit.XAVIER)
                .trainingWorkspaceMode(WorkspaceMode.NONE)
                .inferenceWorkspaceMode(WorkspaceMode.NONE)
                .list();
        int i = 0;
        if (hp.reproject()) {
            b.layer(i++, new DenseLayer.Builder().nIn(dim).nOut(dim).activation(Activation.IDENTITY).build());
        }
        b.layer(i, new Bidirectional(Bidirectional.Mode.CONCAT, new LSTM.Builder()
                .nIn(dim).nOut(hp.hidden()).activation(Activation.TANH).dataFormat(RNNFormat.NCW).build()));
        b.setInputType(InputType.recurrent(dim, RNNFormat.NCW));
        return b.build();
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

    /** All trainable parameters (network, emission layer, CRF) as one vector: for equality checks. */
    public float[] allParameters() {
        float[] a = net.params().dup().data().asFloat();
        float[] w = outW.dup('c').data().asFloat();
        float[] b = outB.dup('c').data().asFloat();
        double[] cd = crf.parametersAsDouble();
        float[] c = new float[2 * cd.length]; // the CRF's doubles split exactly into (hi, lo) floats
        for (int i = 0; i < cd.length; i++) {
            c[2 * i] = (float) cd[i];
            c[2 * i + 1] = (float) (cd[i] - c[2 * i]);
        }
        float[] out = new float[a.length + w.length + b.length + c.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(w, 0, out, a.length, w.length);
        System.arraycopy(b, 0, out, a.length + w.length, b.length);
        System.arraycopy(c, 0, out, a.length + w.length + b.length, c.length);
        return out;
    }

    // ------------------------------------------------------------------ batches

    /** Packs sentences into a zero-padded [B, D, T] input and a [B, T] mask, applying input dropouts when rng != null. */
    private Batch pack(List<float[][]> vectors, Random rng) {
        int n = vectors.size();
        int maxLen = 0;
        for (float[][] v : vectors) maxLen = Math.max(maxLen, v.length);
        int T = Math.max(1, maxLen);
        float[] x = new float[n * dim * T];
        float[] mask = new float[n * T];
        float[] feat = new float[dim];
        float lockedScale = 1f / (1f - hp.lockedDropout());
        for (int b = 0; b < n; b++) {
            float[][] v = vectors.get(b);
            if (rng != null) { // locked dropout: one feature mask per sentence, shared over time
                for (int d = 0; d < dim; d++) feat[d] = rng.nextFloat() < hp.lockedDropout() ? 0f : lockedScale;
            }
            for (int t = 0; t < v.length; t++) {
                mask[b * T + t] = 1f;
                // word dropout: a whole token vector is zeroed, without rescaling (as Flair does)
                if (rng != null && rng.nextFloat() < hp.wordDropout()) continue;
                float[] row = v[t];
                if (row.length != dim) {
                    throw new IllegalArgumentException("token vector of length " + row.length + ", tagger expects " + dim);
                }
                int base = b * dim * T + t;
                if (rng == null) {
                    for (int d = 0; d < dim; d++) x[base + d * T] = row[d];
                } else {
                    for (int d = 0; d < dim; d++) x[base + d * T] = row[d] * feat[d];
                }
            }
        }
        INDArray xi = Nd4j.createFromArray(x).reshape('c', n, dim, T);
        INDArray mi = Nd4j.createFromArray(mask).reshape('c', n, T);
        return new Batch(xi, mi, n, T);
    }

    private record Batch(INDArray x, INDArray mask, int n, int T) { }

    /** [B*T, 2H] rows of the BiLSTM output (time-major inside each sentence). */
    private static INDArray rows(INDArray h, int n, int T) {
        return h.permute(0, 2, 1).dup('c').reshape('c', (long) n * T, h.size(1));
    }

    // ------------------------------------------------------------------ training

    /**
     * Forward and backward pass over one mini-batch: leaves the gradients of the summed CRF
     * negative log-likelihood in the network, the emission layer and the CRF. Returns the summed loss.
     */
    public synchronized double computeGradients(List<float[][]> vectors, List<int[]> gold, Random rng) {
        Batch batch = pack(vectors, rng);
        int n = batch.n, T = batch.T, H2 = 2 * hp.hidden(), K = tags.size();
        net.setInput(batch.x);
        net.setLayerMaskArrays(batch.mask, null);
        List<INDArray> acts = net.feedForward(true, false);
        INDArray h = acts.get(acts.size() - 1);              // [B, 2H, T]
        // locked dropout after the BiLSTM: one mask per sentence and feature, over all time steps
        float[] m = new float[n * H2 * T];
        float scale = 1f / (1f - hp.lockedDropout());
        for (int b = 0; b < n; b++) {
            for (int f = 0; f < H2; f++) {
                float keep = rng.nextFloat() < hp.lockedDropout() ? 0f : scale;
                if (keep != 0f) Arrays.fill(m, (b * H2 + f) * T, (b * H2 + f + 1) * T, keep);
            }
        }
        INDArray dropMask = Nd4j.createFromArray(m).reshape('c', n, H2, T);
        INDArray hd = h.mul(dropMask);
        INDArray hRows = rows(hd, n, T);                       // [B*T, 2H]
        float[][] em = hRows.mmul(outW).addiRowVector(outB).toFloatMatrix();
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
        INDArray dE = Nd4j.create(dEm);                        // [B*T, K]
        gradW = hRows.transpose().mmul(dE);
        gradB = dE.sum(true, 0);
        INDArray dRows = dE.mmul(outW.transpose());            // [B*T, 2H]
        INDArray eps = dRows.reshape('c', n, T, H2).permute(0, 2, 1).dup('c').muli(dropMask);
        net.backpropGradient(eps, LayerWorkspaceMgr.noWorkspaces());
        net.clearLayerMaskArrays();
        return loss;
    }

    /** L2 norm of all gradients left by {@link #computeGradients} (network, emission layer, CRF). */
    public double gradientNorm() {
        double sq = sq(net.getGradientsViewArray()) + sq(gradW) + sq(gradB);
        sq += crf.gradientSquaredNorm();
        return Math.sqrt(sq);
    }

    private static double sq(INDArray a) {
        double n = a.norm2Number().doubleValue();
        return n * n;
    }

    /** Plain SGD step: {@code param -= lr * gradScale * grad} for every parameter. */
    public synchronized void applySgd(float lr, float gradScale) {
        float step = lr * gradScale;
        INDArray p = net.params();
        net.setParams(p.sub(net.getGradientsViewArray().mul(step)));
        outW.subi(gradW.mul(step));
        outB.subi(gradB.mul(step));
        crf.applySgd(lr, gradScale);
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
        INDArray h = net.output(batch.x, false, batch.mask, null);
        net.clearLayerMaskArrays();
        float[][] em = rows(h, n, T).mmul(outW).addiRowVector(outB).toFloatMatrix();
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
            w.strings("network.config", List.of(net.getLayerWiseConfigurations().toJson()));
            float[] p = net.params().dup().data().asFloat();
            w.floats("network.params", p, new int[] {p.length}, false);
            w.floats("output.weight", outW.dup('c').data().asFloat(), new int[] {(int) outW.size(0), (int) outW.size(1)}, false);
            w.floats("output.bias", outB.dup('c').data().asFloat(), new int[] {(int) outB.size(1)}, false);
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
            MultiLayerConfiguration conf = MultiLayerConfiguration.fromJson(a.strings("network.config").get(0));
            MultiLayerNetwork net = new MultiLayerNetwork(conf);
            float[] p = a.floats("network.params");
            net.init();
            if (net.numParams() != p.length) {
                throw new IOException(src + ": network has " + net.numParams() + " parameters but the file holds " + p.length);
            }
            net.setParams(Nd4j.createFromArray(p).reshape(1, p.length));
            int[] ws = a.shape("output.weight");
            INDArray w = Nd4j.createFromArray(a.floats("output.weight")).reshape('c', ws[0], ws[1]);
            INDArray b = Nd4j.createFromArray(a.floats("output.bias")).reshape('c', 1, ws[1]);
            if (ws[0] != 2 * hp.hidden() || ws[1] != tags.size()) {
                throw new IOException(src + ": emission layer shape " + Arrays.toString(ws) + " does not fit hidden " + hp.hidden() + " and " + tags.size() + " tags");
            }
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
            SequenceTagger t = new SequenceTagger(tags, a.meta("embeddings.spec"), dim, hp, net, w, b, crf);
            for (Map.Entry<String, String> e : a.metadata().entrySet()) {
                if (e.getKey().startsWith("x.")) t.metadata.put(e.getKey().substring(2), e.getValue());
            }
            return t;
        } catch (RuntimeException e) {
            throw new IOException(src + ": corrupt tagger model: " + e, e);
        }
    }
}
