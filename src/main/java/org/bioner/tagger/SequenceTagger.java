package org.bioner.tagger;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.bioner.corpus.SentenceContext;
import org.bioner.corpus.Span;
import org.bioner.embeddings.CharCodeEmbeddings;
import org.bioner.embeddings.CorpusConditionedEmbeddings;
import org.bioner.embeddings.CorpusEmbeddings;
import org.bioner.embeddings.EmbeddingsLoader;
import org.bioner.embeddings.TokenEmbeddings;
import org.bioner.model.ModelArchive;
import org.bioner.nn.Backend;
import org.bioner.nn.Backends;
import org.bioner.nn.LinearLayer;
import org.bioner.nn.LockedDropout;
import org.bioner.nn.LstmLayer;
import org.bioner.nn.NativeBuffer;
import org.bioner.nn.Param;
import org.bioner.nn.SequencePacking;
import org.bioner.tagger.crf.FlairCrfDecoder;
import org.bioner.tagger.crf.LinearChainCrf;
import org.bioner.tagger.crf.SpanConfidence;

/**
 * Flair's SequenceTagger (BiLSTM-CRF): token embeddings (dim D) -> word dropout -> locked dropout ->
 * optional reprojection Linear(D, D) -> BiLSTM (one layer, or {@code rnnLayers} with locked dropout between) -> locked
 * dropout -> Linear(2H, K) emissions ->
 * linear-chain CRF over BIOES tags. A corpus one-hot at the end of the embeddings passes the input dropouts
 * whole ({@link #corpusDropout}).
 *
 * <p>The layers are the hand-written OpenBLAS kernels of {@code org.bioner.nn}: a batch is packed without
 * padding (sentence after sentence), each LSTM direction runs over the sentences sorted by length (the
 * backward one over each sentence reversed within its own length), and the CRF's emission gradients flow
 * back through the emission layer, both LSTM directions and the reprojection. The embeddings are frozen,
 * so the input needs no gradient. All randomness comes from the {@link Random} the caller passes in, so a
 * training run is reproducible and resumable. The model knows its embeddings spec, so it can load and run
 * its own embeddings. Not re-entrant: the public methods are synchronized (the layers own their buffers).
 *
 * <p>This class is the network: its layers, hyperparameters, tags and the packing of a batch into the input
 * rows (with the input dropouts). The work on it lives beside it, each part on the network's layers and
 * buffers: the training step in {@link TaggerTraining}, inference in {@link TaggerInference}, the model file
 * (with the reader of the legacy DL4J format) in {@link TaggerModelFile}.
 *
 * <p>A tagger converted from a Flair checkpoint ({@link FlairTaggerImporter}) keeps Flair's own tag dictionary
 * and CRF: its emission layer has one output per Flair tag ({@link #rawTagNames()}, START/STOP and odd tags such
 * as {@code <unk>} included) and it decodes, scores and finds spans with {@link FlairCrfDecoder}; {@link #tags()}
 * then holds only its entity types. Such a tagger predicts but does not train.
 *
 * <p>With a {@code chars:L} part in its embeddings spec ({@link CharCodeEmbeddings}) the tagger learns character-level
 * word features ({@link CharWordEncoder}, Flair's CharacterEmbeddings): the {@code L} character codes of each input
 * row are replaced by the token's {@code 2C} features before the dropouts, so the network reads rows of
 * {@link #networkInputDimension()} {@code = D - L + 2C} values (features, character features, corpus one-hot), and
 * the training step carries the reprojection's input gradient back into the character BiLSTM and its table.
 *
 * <p>An ensemble ({@link TaggerEnsemble}) is a tagger with {@link #members()}: further networks of the same
 * architecture that read the same embeddings; inference averages their emissions with this network's and decodes the
 * mean with {@link #crf}, which then holds the mean of all their CRFs. An ensemble predicts but does not train.
 */
public final class SequenceTagger {

    public static final String KIND = "tagger";
    /** The model's file name inside a training output directory. */
    public static final String FILE_NAME = "tagger.bnm";
    /**
     * Version of the tagger layout inside a {@link ModelArchive}. 2: LSTM weights as PyTorch-layout
     * tensors {@code lstm.{forward,backward}.{weight_ih [D,4H], weight_hh [H,4H], bias [4H]}}, gates i,f,g,o.
     * 3: as 2, plus an ensemble's members (written only for an ensemble, so older builds refuse it rather than tag
     * with its first network alone; a single network is still written as version 2).
     * 4: as 2 or 3, plus a character encoder ({@code chars.*} tensors, {@link CharWordEncoder}; written only for a
     * tagger with one, so older builds refuse it rather than read its LSTMs with the wrong width).
     * 5: as 2 to 4, plus the upper layers of a stacked BiLSTM ({@code rnn.layers}, {@code lstm.lI.*} tensors; written only
     * for a tagger of more than one layer).
     * 1: DL4J LSTM parameter vectors (still read, converted by {@link Dl4jLstmParams}).
     */
    public static final int TAGGER_FORMAT_VERSION = 5;

    /**
     * Architecture choices (Flair defaults: hidden 256, reprojection on, word dropout 0.05, locked dropout 0.5, one
     * BiLSTM layer). Both dropouts are probabilities in [0, 1): word dropout zeroes a whole token's input vector, locked
     * dropout one feature over a whole sentence (one mask per sentence, before the first BiLSTM layer, between layers and
     * after the last). {@code rnnLayers} is Flair's {@code rnn_layers}: stacked BiLSTM layers, each after the first
     * reading the one below's {@code 2H} states (Flair's {@code nn.LSTM} drops 0.5 of them elementwise between layers in
     * training; here the locked dropout does it, so a mask holds over a sentence as it does around the stack).
     */
    public record HyperParameters(int hidden, boolean reproject, float wordDropout, float lockedDropout, int rnnLayers) {
        /** Flair's {@code SequenceTagger} defaults, the CLI's and the training engine's. */
        public static final float FLAIR_WORD_DROPOUT = 0.05f, FLAIR_LOCKED_DROPOUT = 0.5f;
        /** Flair's default number of BiLSTM layers. */
        public static final int FLAIR_RNN_LAYERS = 1;

        public HyperParameters {
            if (hidden < 1) throw new IllegalArgumentException("hidden size must be at least 1, was " + hidden);
            if (rnnLayers < 1) throw new IllegalArgumentException("the number of BiLSTM layers must be at least 1, was " + rnnLayers);
            requireProbability("word dropout", wordDropout);
            requireProbability("locked dropout", lockedDropout);
        }

        /** One BiLSTM layer (Flair's default). */
        public HyperParameters(int hidden, boolean reproject, float wordDropout, float lockedDropout) {
            this(hidden, reproject, wordDropout, lockedDropout, FLAIR_RNN_LAYERS);
        }

        public static HyperParameters flairDefaults() {
            return new HyperParameters(256, true, FLAIR_WORD_DROPOUT, FLAIR_LOCKED_DROPOUT);
        }

        /** A dropout probability must be in [0, 1); the message names it as the caller does (an option, a parameter). */
        public static float requireProbability(String name, float p) {
            if (!(p >= 0f && p < 1f)) throw new IllegalArgumentException(name + " must be in [0, 1), was " + p);
            return p;
        }
    }

    private final TagDictionary tags;
    private final String embeddingsSpec;
    private final int dim;
    private final HyperParameters hp;
    final LinearLayer reproject;   // null when off
    final LstmLayer lstmForward;
    final LstmLayer lstmBackward;
    // BiLSTM layers 2..L (HyperParameters.rnnLayers): forward, backward of each in turn, reading the states [N, 2H] of the
    // layer below; empty for Flair's one layer
    final List<LstmLayer> upper;
    final LinearLayer output;      // [2H -> K]
    final LinearChainCrf crf;
    final FlairCrfDecoder flairCrf;  // null unless converted from Flair
    final List<SequenceTagger> members; // an ensemble's other networks (their own CRFs unused); empty for one network
    final CharWordEncoder chars;     // null unless the spec has a chars: part
    private final Map<String, String> metadata = new LinkedHashMap<>();
    private Path baseDir;
    private TokenEmbeddings embeddings;
    private Backend backend = Backends.cpu();
    private boolean ownEmbeddings;   // loaded by embeddings(), so they follow useBackend
    // the trailing inputs that say which corpus's conventions to tag by (a spec's +corpus: part; 0 without one): a
    // condition, not a feature, so the input dropouts leave them alone unless corpusDropout (runs before session 10)
    private final int corpusDims;
    private boolean corpusDropout;
    // the chars: part's codes per token (0 without one) and the width of the rows the network reads
    private final int charCodes;
    private final int netDim;
    // training's last pack: per token and character feature, the input dropouts' factor ([N, 2C] flat); null otherwise
    float[] charMask;

    // packed-batch buffers, token order (sentence after sentence), grown to the largest batch
    final NativeBuffer x = new NativeBuffer(1);      // [N, D'] network input after dropouts (D' = networkInputDimension())
    final NativeBuffer states = new NativeBuffer(1); // [N, 2H] BiLSTM output
    final NativeBuffer em = new NativeBuffer(1);     // [N, K] emissions
    private final TaggerTraining training;
    final TaggerInference inference;

    SequenceTagger(TagDictionary tags, String embeddingsSpec, int dim, HyperParameters hp, LinearLayer reproject,
                           LstmLayer lstmForward, LstmLayer lstmBackward, LinearLayer output, LinearChainCrf crf) {
        this(tags, embeddingsSpec, dim, hp, reproject, lstmForward, lstmBackward, output, crf, null);
    }

    SequenceTagger(TagDictionary tags, String embeddingsSpec, int dim, HyperParameters hp, LinearLayer reproject,
                   LstmLayer lstmForward, LstmLayer lstmBackward, LinearLayer output, LinearChainCrf crf,
                   FlairCrfDecoder flairCrf) {
        this(tags, embeddingsSpec, dim, hp, reproject, lstmForward, lstmBackward, output, crf, flairCrf, List.of());
    }

    SequenceTagger(TagDictionary tags, String embeddingsSpec, int dim, HyperParameters hp, LinearLayer reproject,
                   LstmLayer lstmForward, LstmLayer lstmBackward, LinearLayer output, LinearChainCrf crf,
                   FlairCrfDecoder flairCrf, List<SequenceTagger> members) {
        this(tags, embeddingsSpec, dim, hp, reproject, lstmForward, lstmBackward, List.of(), output, crf, flairCrf, members, null);
    }

    SequenceTagger(TagDictionary tags, String embeddingsSpec, int dim, HyperParameters hp, LinearLayer reproject,
                   LstmLayer lstmForward, LstmLayer lstmBackward, List<LstmLayer> upper, LinearLayer output, LinearChainCrf crf,
                   FlairCrfDecoder flairCrf, List<SequenceTagger> members, CharWordEncoder chars) {
        if (flairCrf != null && !members.isEmpty()) throw new IllegalArgumentException("a converted Flair tagger in an ensemble");
        if (upper.size() != 2 * (hp.rnnLayers() - 1)) {
            throw new IllegalArgumentException(hp.rnnLayers() + " BiLSTM layers need " + 2 * (hp.rnnLayers() - 1) + " upper LSTMs, not " + upper.size());
        }
        for (LstmLayer l : upper) {
            if (l.inputSize() != 2 * hp.hidden() || l.hiddenSize() != hp.hidden()) {
                throw new IllegalArgumentException("an upper BiLSTM layer reads " + l.inputSize() + " inputs into " + l.hiddenSize()
                        + " states, not " + 2 * hp.hidden() + " into " + hp.hidden());
            }
        }
        this.upper = List.copyOf(upper);
        this.flairCrf = flairCrf;
        this.members = List.copyOf(members);
        this.tags = tags;
        this.embeddingsSpec = embeddingsSpec;
        this.dim = dim;
        this.hp = hp;
        this.reproject = reproject;
        this.lstmForward = lstmForward;
        this.lstmBackward = lstmBackward;
        this.output = output;
        this.crf = crf;
        this.chars = chars;
        this.charCodes = CharCodeEmbeddings.codesIn(embeddingsSpec);
        if ((charCodes > 0) != (chars != null) || (chars != null && chars.codes() != charCodes)) {
            throw new IllegalArgumentException("embeddings '" + embeddingsSpec + "' have " + charCodes + " character codes, the tagger's"
                    + " character encoder reads " + (chars == null ? "none" : chars.codes()));
        }
        this.netDim = networkInputs(dim, charCodes, chars == null ? 0 : chars.width());
        if (lstmForward.inputSize() != netDim) {
            throw new IllegalArgumentException("the LSTMs read " + lstmForward.inputSize() + " inputs, the embeddings give " + netDim);
        }
        this.training = new TaggerTraining(this);
        this.inference = new TaggerInference(this);
        CorpusEmbeddings corpus = CorpusConditionedEmbeddings.corpusPart(embeddingsSpec);
        this.corpusDims = corpus == null ? 0 : corpus.dimension();
        if (corpusDims + charCodes >= dim) throw new IllegalArgumentException("a corpus one-hot of " + corpusDims + " in " + dim + " dimensions");
    }

    /** A freshly initialised tagger (weights from {@code seed}, PyTorch's initialisations). */
    public static SequenceTagger create(TagDictionary tags, String embeddingsSpec, int dim, HyperParameters hp, long seed) {
        Random r = initRandom(seed);
        int codes = CharCodeEmbeddings.codesIn(embeddingsSpec);
        int nd = networkInputs(dim, codes, codes == 0 ? 0 : 2 * CharWordEncoder.FLAIR_HIDDEN);
        LinearLayer reproject = hp.reproject() ? LinearLayer.init("reproject", nd, nd, r) : null;
        LinearLayer output = LinearLayer.init("output", 2 * hp.hidden(), tags.size(), r);
        LstmLayer fwd = LstmLayer.init("lstm.forward", nd, hp.hidden(), r);
        LstmLayer bwd = LstmLayer.init("lstm.backward", nd, hp.hidden(), r);
        LinearChainCrf crf = new LinearChainCrf(tags.size(), seed + 7);
        constrain(crf, tags);
        CharWordEncoder chars = codes == 0 ? null : CharWordEncoder.init(codes, CharWordEncoder.FLAIR_EMBEDDING, CharWordEncoder.FLAIR_HIDDEN, r);
        // drawn last, so a one-layer network draws what it drew before there were more layers
        List<LstmLayer> upper = upperLayers(hp, r);
        return new SequenceTagger(tags, embeddingsSpec, dim, hp, reproject, fwd, bwd, upper, output, crf, null, List.of(), chars);
    }

    /**
     * The LSTMs of BiLSTM layers 2..L for {@code hp} (forward, backward of each; PyTorch's names with the layer index
     * from 0, {@code lstm.lI.forward}), drawn from {@code r} as {@link LstmLayer#init} draws them, or zero when {@code r}
     * is null (to be read from a file).
     */
    static List<LstmLayer> upperLayers(HyperParameters hp, Random r) {
        List<LstmLayer> out = new ArrayList<>();
        int h = hp.hidden();
        for (int layer = 1; layer < hp.rnnLayers(); layer++) {
            for (String dir : new String[] {"forward", "backward"}) {
                String name = "lstm.l" + layer + "." + dir;
                out.add(r == null ? new LstmLayer(name, 2 * h, h) : LstmLayer.init(name, 2 * h, h, r));
            }
        }
        return out;
    }

    /**
     * A tagger with a Flair checkpoint's layers and CRF ({@link FlairTaggerImporter}): the emission layer has
     * {@code flairCrf.size()} outputs; {@code types} lists the entity types of its tags.
     */
    static SequenceTagger ofFlair(TagDictionary types, String embeddingsSpec, int dim, HyperParameters hp, LinearLayer reproject,
                                  LstmLayer lstmForward, LstmLayer lstmBackward, List<LstmLayer> upper, LinearLayer output,
                                  FlairCrfDecoder flairCrf) {
        if (output.out() != flairCrf.size()) {
            throw new IllegalArgumentException("emission layer has " + output.out() + " outputs, the CRF " + flairCrf.size() + " tags");
        }
        LinearChainCrf unused = new LinearChainCrf(types.size(), 0); // kept so the model file layout stays one
        constrain(unused, types);
        return new SequenceTagger(types, embeddingsSpec, dim, hp, reproject, lstmForward, lstmBackward, upper, output, unused, flairCrf,
                List.of(), null);
    }

    /** Flair's decoder of a converted Flair tagger, or null. */
    public FlairCrfDecoder flairCrf() {
        return flairCrf;
    }

    /** The names of the tags a {@link Prediction#path()} indexes: the model's own (Flair's) tags, or {@link #tags()}. */
    public List<String> rawTagNames() {
        return flairCrf != null ? flairCrf.tags() : tags.names();
    }

    /** An ensemble's networks after this one ({@link TaggerEnsemble}); empty for a single network. */
    List<SequenceTagger> members() {
        return members;
    }

    /** How many networks tag together: 1, or an ensemble's size. */
    public int ensembleSize() {
        return 1 + members.size();
    }

    /** Number of emission scores per token: Flair's tags for a converted Flair tagger, else {@link #tags()}. */
    int outputs() {
        return flairCrf != null ? flairCrf.size() : tags.size();
    }

    /** BIOES constraints: every decoded path is a well-formed span sequence. */
    static void constrain(LinearChainCrf crf, TagDictionary tags) {
        for (int f = 0; f < tags.size(); f++) {
            if (!tags.allowedStart(f)) crf.forbidStart(f);
            if (!tags.allowedStop(f)) crf.forbidStop(f);
            for (int t = 0; t < tags.size(); t++) {
                if (!tags.allowed(f, t)) crf.forbid(f, t);
            }
        }
    }

    // ------------------------------------------------------------------ accessors

    LinearChainCrf crf() {
        return crf;
    }

    public TagDictionary tags() {
        return tags;
    }

    public String embeddingsSpec() {
        return embeddingsSpec;
    }

    public int embeddingDimension() {
        return dim;
    }

    /** The network's input width for {@code dim} embedding inputs of which {@code codes} are character codes read into {@code charWidth} features. */
    static int networkInputs(int dim, int codes, int charWidth) {
        return dim - codes + charWidth;
    }

    /** Width of the rows the network reads: {@link #embeddingDimension()}, or with character features {@code D - L + 2C}. */
    public int networkInputDimension() {
        return netDim;
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
            if (backend != Backends.cpu()) e.useBackend(backend);
            embeddings = e;
            ownEmbeddings = true;
        }
        return embeddings;
    }

    /**
     * Where the network runs from now on (inference, {@link #predict} and {@link #tag}, and the training
     * step's forward and backward, {@link #computeGradients}; the CRF and the SGD update stay on the host):
     * {@code Backends.open(Device.CUDA)} for the GPU, {@link Backends#cpu()} (the default) for the
     * OpenBLAS layers. Any other backend instance, a second {@code CpuBackend} included, takes the backend
     * route ({@code nn.DeviceLstm}), which is how the CPU tests check the route the GPU runs. The embeddings
     * this model loads itself ({@link #embeddings()}) run there too; ones given by {@link #useEmbeddings} are
     * the caller's to place.
     */
    public synchronized void useBackend(Backend b) {
        Backend before = this.backend;
        this.backend = b == null ? Backends.cpu() : b;
        if (embeddings != null && ownEmbeddings && before != this.backend) embeddings.useBackend(this.backend);
    }

    public synchronized Backend backend() {
        return backend;
    }

    /**
     * For a model trained on several corpora with a corpus one-hot ({@code ...+corpus:NAMES:use=NAME},
     * {@link org.bioner.embeddings.CorpusEmbeddings}): tag by the conventions of training corpus {@code name} from now
     * on instead of the spec's {@code use}. Fails, naming the corpora, for any other model or name.
     */
    public synchronized void useCorpus(String name) throws IOException {
        trainedCorpora().using(name); // fails, naming the corpora, for a name the model does not know
        if (!(embeddings() instanceof CorpusConditionedEmbeddings c)) {
            throw new IllegalStateException("embeddings " + embeddings.describe() + " were given for a model with a corpus one-hot");
        }
        embeddings = c.using(name);
    }

    /**
     * This model (the same weights, shared) with {@code name} as the corpus it tags by by default: its embeddings
     * spec's {@code use=} (a corpus-conditioned model's default is a tagging choice, not part of what it learnt).
     */
    public synchronized SequenceTagger withDefaultCorpus(String name) {
        String spec = CorpusConditionedEmbeddings.baseSpec(embeddingsSpec) + "+" + trainedCorpora().using(name).describe();
        SequenceTagger t = new SequenceTagger(tags, spec, dim, hp, reproject, lstmForward, lstmBackward, upper, output, crf, flairCrf, members, chars);
        t.metadata.putAll(metadata);
        t.baseDir = baseDir;
        return t;
    }

    /**
     * A copy of this model that reads {@code newDim} embedding dimensions under {@code spec}: its own {@code D} first,
     * then new ones (a model trained without a corpus one-hot, as the start of a run with one: {@code train
     * --init-model}). Whatever the new dimensions hold, the copy computes what this model computes ({@link #widened}).
     * This model is left as it was.
     */
    public synchronized SequenceTagger withExtraInputs(String spec, int newDim) {
        if (newDim <= dim) throw new IllegalArgumentException("a copy with extra inputs needs more than " + dim + " dimensions, not " + newDim);
        // the new inputs come last in the network's rows too (after any character features)
        return widened(spec, newDim, netDim, newDim - dim, chars == null ? null : copyOf(chars));
    }

    /**
     * How the LSTMs' weights from the character features of {@link #withCharacterFeatures} start. {@link #ZERO}: the
     * copy tags exactly as its start model, but at zero weights no gradient reaches the character encoder either (the
     * gradient a feature gets is the weights from it times the gates' gradient), so only those weights learn at first,
     * from a random encoder's output; a warm start at a low rate then reads the features weakly (docs/RESULTS.md "Session
     * 25", {@link InputWeights}). {@link #RANDOM}: drawn as a fresh network draws them (PyTorch's U(-1/sqrt(H),
     * 1/sqrt(H))), so the encoder learns from the first step and the copy tags almost, not exactly, as its start model.
     */
    public enum CharInit { ZERO, RANDOM }

    /**
     * A copy of this model (trained without a {@code chars:} part) that reads the {@code codes} character codes of
     * {@code spec}'s {@code chars:codes} part, placed as that part places them (after the features, before a corpus
     * one-hot), through a new character encoder drawn from {@code seed} (as {@link #create} draws one): the start of a
     * run with character features from a model without them ({@code train --init-model}). With {@link CharInit#ZERO},
     * whatever the encoder gives, the copy computes what this model computes ({@link #widened}); with {@link
     * CharInit#RANDOM} the LSTMs' weights from the features are drawn after the encoder, from the same seed. Training
     * learns what the character features add. This model is left as it was.
     */
    public synchronized SequenceTagger withCharacterFeatures(String spec, int codes, long seed, CharInit init) {
        if (chars != null) throw new IllegalArgumentException("the model already reads character codes (" + chars.codes() + ")");
        if (CharCodeEmbeddings.codesIn(spec) != codes) throw new IllegalArgumentException("the spec " + spec + " has no chars:" + codes + " part");
        Random r = initRandom(seed);
        CharWordEncoder ch = CharWordEncoder.init(codes, CharWordEncoder.FLAIR_EMBEDDING, CharWordEncoder.FLAIR_HIDDEN, r);
        int at = netDim - corpusDims;
        SequenceTagger t = widened(spec, dim + codes, at, ch.width(), ch);
        if (init == CharInit.RANDOM) {
            for (LstmLayer l : new LstmLayer[] {t.lstmForward, t.lstmBackward}) drawRows(l, at, ch.width(), r);
        }
        return t;
    }

    /** Input rows {@code [at, at + count)} of {@code l}'s W_ih drawn as {@link LstmLayer#init} draws them. */
    private static void drawRows(LstmLayer l, int at, int count, Random r) {
        int gates = 4 * l.hiddenSize();
        Param rows = new Param("drawn", count, gates);
        rows.initUniform(r, (float) (1.0 / Math.sqrt(l.hiddenSize())));
        float[] ih = l.weightIh().values();
        System.arraycopy(rows.values(), 0, ih, at * gates, count * gates);
        l.weightIh().setValues(ih);
    }

    /**
     * The copy of {@link #withExtraInputs} and {@link #withCharacterFeatures}: {@code count} new network inputs at row
     * {@code at} (the rows from {@code at} on move up by {@code count}). The reprojection passes each new input through
     * to a new output of its own (identity, and zero weights from the new inputs to the old outputs and back), and the
     * LSTMs read the new outputs (without a reprojection: the new inputs) with zero weights, so the copy computes what
     * this model computes; their gradients are not zero, so training learns what the new inputs add.
     */
    private SequenceTagger widened(String spec, int newDim, int at, int count, CharWordEncoder ch) {
        if (flairCrf != null) throw new IllegalArgumentException("a tagger converted from Flair predicts but does not train");
        if (!members.isEmpty()) throw new IllegalArgumentException("an ensemble predicts but does not train");
        int nd = netDim, newNd = netDim + count;
        LinearLayer rp = null;
        if (reproject != null) {
            rp = new LinearLayer("reproject", newNd, newNd);
            float[] w = reproject.weight().values(), b = reproject.bias().values(); // weight [in, out]
            float[] nw = new float[newNd * newNd], nb = new float[newNd];
            for (int i = 0; i < nd; i++) {
                for (int j = 0; j < nd; j++) nw[moved(i, at, count) * newNd + moved(j, at, count)] = w[i * nd + j];
            }
            for (int i = at; i < at + count; i++) nw[i * newNd + i] = 1f;
            for (int j = 0; j < nd; j++) nb[moved(j, at, count)] = b[j];
            rp.weight().setValues(nw);
            rp.bias().setValues(nb);
        }
        LstmLayer fwd = widenedLstm(lstmForward, "lstm.forward", at, count), bwd = widenedLstm(lstmBackward, "lstm.backward", at, count);
        LinearLayer out = new LinearLayer("output", output.in(), output.out());
        out.weight().setValues(output.weight().values());
        out.bias().setValues(output.bias().values());
        LinearChainCrf c = new LinearChainCrf(tags.size(), 0);
        constrain(c, tags);
        c.setParameters(crf.parametersAsDouble());
        List<LstmLayer> up = upperLayers(hp, null); // they read the states, which keep their width
        for (int i = 0; i < up.size(); i++) {
            List<Param> to = up.get(i).params(), from = upper.get(i).params();
            for (int j = 0; j < to.size(); j++) to.get(j).setValues(from.get(j).values());
        }
        SequenceTagger t = new SequenceTagger(tags, spec, newDim, hp, rp, fwd, bwd, up, out, c, null, List.of(), ch);
        t.metadata.putAll(metadata);
        t.baseDir = baseDir;
        return t;
    }

    /** The random numbers a new network's weights are drawn from, for a seed. */
    private static Random initRandom(long seed) {
        return new Random(seed ^ 0x5DEECE66DL);
    }

    /** Row {@code i} of a network with {@code count} new rows inserted at {@code at}. */
    private static int moved(int i, int at, int count) {
        return i < at ? i : i + count;
    }

    private static CharWordEncoder copyOf(CharWordEncoder chars) {
        CharWordEncoder ch = chars.emptyCopy();
        for (int i = 0; i < ch.params().size(); i++) ch.params().get(i).setValues(chars.params().get(i).values());
        return ch;
    }

    /** {@code l} reading {@code count} more inputs, inserted at {@code at}: its weights for its own, zero weights for the new ones. */
    private static LstmLayer widenedLstm(LstmLayer l, String name, int at, int count) {
        int gates = 4 * l.hiddenSize(), in = l.inputSize(); // W_ih [in, 4H]
        LstmLayer w = new LstmLayer(name, in + count, l.hiddenSize());
        float[] old = l.weightIh().values(), ih = new float[(in + count) * gates];
        System.arraycopy(old, 0, ih, 0, at * gates);
        System.arraycopy(old, at * gates, ih, (at + count) * gates, (in - at) * gates);
        w.weightIh().setValues(ih);
        w.weightHh().setValues(l.weightHh().values());
        w.bias().setValues(l.bias().values());
        return w;
    }

    /** The corpora of a model trained with a corpus one-hot (its spec's {@code corpus:} part); fails for any other model. */
    private CorpusEmbeddings trainedCorpora() {
        CorpusEmbeddings corpus = CorpusConditionedEmbeddings.corpusPart(embeddingsSpec);
        if (corpus == null) {
            throw new IllegalArgumentException("the model was not trained with a corpus one-hot (its embeddings are "
                    + embeddingsSpec + "), so it has no corpus conventions to choose from");
        }
        return corpus;
    }

    /** Uses already loaded embeddings (e.g. shared by several taggers); must match the spec's dimension. */
    public synchronized void useEmbeddings(TokenEmbeddings e) {
        if (e.dimension() != dim) {
            throw new IllegalArgumentException("embeddings dimension " + e.dimension() + " != tagger's " + dim);
        }
        embeddings = e;
        ownEmbeddings = false;
    }

    /**
     * The network's parameter tensors (not the CRF's, nor an ensemble's members'), in a fixed order: reprojection,
     * LSTMs (the first layer's, then the upper layers'), emission layer, character encoder.
     */
    List<Param> parameters() {
        List<Param> out = new ArrayList<>();
        if (reproject != null) out.addAll(reproject.params());
        out.addAll(lstmForward.params());
        out.addAll(lstmBackward.params());
        for (LstmLayer l : upper) out.addAll(l.params());
        out.addAll(output.params());
        if (chars != null) out.addAll(chars.params());
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
     * Whether training's input dropouts also drop the corpus one-hot of a model trained with one (the last
     * {@code corpus.dimension()} inputs): false by default, the one-hot reaching the network whole, as when tagging.
     * True reproduces the runs made before it was a choice (up to session 9), whose models saw a sentence's corpus
     * on half of its training passes (locked dropout 0.5), at twice its tagging-time value on the others.
     */
    public synchronized void corpusDropout(boolean on) {
        this.corpusDropout = on;
    }

    /**
     * Packs sentences into token-order rows {@code x[N, D']}, applying the input dropouts when
     * {@code rng != null}: locked dropout (one feature mask per sentence, rescaled) and word dropout (a
     * whole token vector zeroed, without rescaling, as Flair does). The corpus one-hot is copied as it is
     * unless {@link #corpusDropout}; the random draws are the same either way. With character features the
     * encoder runs first and its features take the place of the codes in each row (they pass the dropouts as the
     * other features do; {@link #charMask} keeps the factors the training step's gradient needs).
     */
    SequencePacking pack(List<float[][]> vectors, Random rng) {
        int n = vectors.size();
        int[] lengths = new int[n];
        for (int b = 0; b < n; b++) lengths[b] = vectors.get(b).length;
        SequencePacking p = new SequencePacking(lengths);
        int nd = netDim;
        x.ensure((long) p.totalTokens() * nd);
        float[] feat = new float[nd];
        float[] row = new float[nd];
        float[] dropped = new float[nd]; // a word-dropped token: zeros, then its one-hot where that is kept
        LockedDropout locked = new LockedDropout(hp.lockedDropout());
        int kept = corpusDropout ? nd : nd - corpusDims; // inputs [kept, nd) pass the dropouts untouched
        int features = charFeatureOffset();
        int cw = chars == null ? 0 : chars.width();
        float[] charOut = chars == null ? null : chars.forward(vectors, features);
        charMask = chars != null && rng != null ? new float[p.totalTokens() * cw] : null;
        float[] assembled = chars == null ? null : new float[nd];
        for (int b = 0; b < n; b++) {
            float[][] v = vectors.get(b);
            if (rng != null) {
                locked.drawMask(rng, feat);
                Arrays.fill(feat, kept, nd, 1f);
            }
            for (int t = 0; t < v.length; t++) {
                float[] in = v[t];
                if (in.length != dim) {
                    throw new IllegalArgumentException("token vector of length " + in.length + ", tagger expects " + dim);
                }
                int token = p.start(b) + t;
                if (chars != null) {
                    System.arraycopy(in, 0, assembled, 0, features);
                    System.arraycopy(charOut, token * cw, assembled, features, cw);
                    System.arraycopy(in, features + charCodes, assembled, features + cw, corpusDims);
                    in = assembled;
                }
                int base = token * nd;
                if (rng == null) {
                    x.put(base, in, nd);
                } else if (rng.nextFloat() < hp.wordDropout()) {
                    System.arraycopy(in, kept, dropped, kept, nd - kept);
                    x.put(base, dropped, nd); // its character features' factor stays 0
                } else {
                    for (int d = 0; d < nd; d++) row[d] = in[d] * feat[d];
                    x.put(base, row, nd);
                    if (charMask != null) System.arraycopy(feat, features, charMask, token * cw, cw);
                }
            }
        }
        return p;
    }

    /** With character features: the input where a row's codes start, and where its features start in the network's row. */
    int charFeatureOffset() {
        return dim - charCodes - corpusDims;
    }

    /** Emission rows of sentence {@code s} as {@code [len][K]}. */
    float[][] emissions(SequencePacking p, int s) {
        int k = outputs(), len = p.length(s);
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
        if (flairCrf != null) throw new IllegalStateException("a tagger converted from Flair predicts but does not train");
        if (!members.isEmpty()) throw new IllegalStateException("an ensemble predicts but does not train");
        return training.computeGradients(vectors, gold, rng, backend);
    }

    /** Every network parameter's gradient (not the CRF's), concatenated in {@link #parameters()} order. */
    public synchronized float[] allGradients() {
        List<Param> ps = parameters();
        int n = 0;
        for (Param p : ps) n += p.size();
        float[] out = new float[n];
        int o = 0;
        for (Param p : ps) {
            float[] g = p.gradients();
            System.arraycopy(g, 0, out, o, g.length);
            o += g.length;
        }
        return out;
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

    private static void requireBatchSize(int batchSize) {
        if (batchSize < 1) throw new IllegalArgumentException("batchSize must be at least 1, was " + batchSize);
    }

    /**
     * Embeds and tags tokenised sentences (batches of {@code batchSize}, sorted by length), each with its
     * {@code context} in the document (may be null: none known).
     */
    public List<Prediction> tag(List<List<String>> sentences, List<SentenceContext> context, int batchSize) throws IOException {
        return tag(sentences, context, batchSize, 0f);
    }

    /** {@link #tag(List, List, int)} decoded with an entity bias ({@link #predict(List, int, float)}). */
    public List<Prediction> tag(List<List<String>> sentences, List<SentenceContext> context, int batchSize, float entityBias)
            throws IOException {
        return tag(sentences, context, batchSize, entityBias, Decoding.VITERBI);
    }

    /** {@link #tag(List, List, int)} decoded with an entity bias and a decoding ({@link #predict(List, int, float, Decoding)}). */
    public List<Prediction> tag(List<List<String>> sentences, List<SentenceContext> context, int batchSize, float entityBias,
            Decoding decoding) throws IOException {
        requireBatchSize(batchSize);
        requireDecoding(entityBias, decoding);
        TokenEmbeddings e = embeddings();
        List<Prediction> out = new ArrayList<>(sentences.size());
        for (int s = 0; s < sentences.size(); s += batchSize) {
            int end = Math.min(sentences.size(), s + batchSize);
            out.addAll(predict(e.embed(sentences.subList(s, end), context == null ? null : context.subList(s, end)), batchSize, entityBias,
                    decoding));
        }
        return out;
    }

    /** Predicts from precomputed embeddings, in input order; runs batches of similar lengths. */
    public List<Prediction> predict(List<float[][]> vectors, int batchSize) {
        return predict(vectors, batchSize, 0f);
    }

    /**
     * Fails unless {@code entityBias} is a finite number, and, for a tagger converted from Flair (which decodes with
     * Flair's own decoder), 0.
     */
    public void requireEntityBias(float entityBias) {
        requireFiniteEntityBias("entity bias", entityBias);
        if (flairCrf != null && entityBias != 0) {
            throw new IllegalArgumentException("an entity bias needs a model trained here; a tagger converted from Flair "
                    + "decodes with Flair's own decoder");
        }
    }

    /** {@link #requireEntityBias}, and for a tagger converted from Flair, {@link Decoding#VITERBI} only. */
    public void requireDecoding(float entityBias, Decoding decoding) {
        requireEntityBias(entityBias);
        if (decoding == null) throw new IllegalArgumentException("no decoding given");
        if (flairCrf != null && decoding != Decoding.VITERBI) {
            throw new IllegalArgumentException("decoding " + decoding.name().toLowerCase(java.util.Locale.ROOT) + " needs a model "
                    + "trained here; a tagger converted from Flair decodes with Flair's own decoder");
        }
    }

    /** Fails unless {@code entityBias} is a finite number, the message naming it as {@code name} (an option, a parameter). */
    public static void requireFiniteEntityBias(String name, float entityBias) {
        if (!Float.isFinite(entityBias)) {
            throw new IllegalArgumentException(name + " must be a finite number, was " + entityBias);
        }
    }

    /**
     * {@link #predict(List, int)}, decoded as if every tag but {@code O} had {@code entityBias} more emission score at
     * every token: a decision threshold of the decoding, not part of what the model learnt. The decoded path has the
     * highest CRF score plus {@code entityBias} times its number of mention tokens, so a larger bias never decodes
     * fewer mention tokens (positive: more recall, negative: more precision); 0 is the model's own Viterbi path.
     * Confidences are the marginals of the same biased scores. {@link #requireEntityBias} says which biases fail.
     */
    public List<Prediction> predict(List<float[][]> vectors, int batchSize, float entityBias) {
        return predict(vectors, batchSize, entityBias, Decoding.VITERBI);
    }

    /**
     * {@link #predict(List, int, float)} with the path chosen by {@code decoding} from the same (biased) scores;
     * confidences are still the marginals of the decoded tags. {@link #requireDecoding} says which fail.
     */
    public List<Prediction> predict(List<float[][]> vectors, int batchSize, float entityBias, Decoding decoding) {
        requireBatchSize(batchSize);
        requireDecoding(entityBias, decoding);
        Integer[] order = new Integer[vectors.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, Comparator.comparingInt(i -> -vectors.get(i).length));
        Prediction[] out = new Prediction[vectors.size()];
        for (int s = 0; s < order.length; s += batchSize) {
            List<float[][]> chunk = new ArrayList<>();
            int end = Math.min(order.length, s + batchSize);
            for (int k = s; k < end; k++) chunk.add(vectors.get(order[k]));
            List<Prediction> p = predictBatch(chunk, entityBias, decoding);
            for (int k = s; k < end; k++) out[order[k]] = p.get(k - s);
        }
        return Arrays.asList(out);
    }

    private synchronized List<Prediction> predictBatch(List<float[][]> vectors, float entityBias, Decoding decoding) {
        return inference.predictBatch(vectors, backend, entityBias, decoding);
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
        TaggerModelFile.write(this, file, half);
    }

    /** Loads a tagger model file; relative embeddings locations resolve against its directory. */
    public static SequenceTagger load(Path file) throws IOException {
        SequenceTagger t = TaggerModelFile.read(ModelArchive.open(file, KIND));
        t.baseDir = file.toAbsolutePath().getParent();
        return t;
    }

    /** Loads a tagger from a stream (e.g. a classpath resource named {@code source}). */
    public static SequenceTagger load(InputStream in, String source, Path baseDir) throws IOException {
        SequenceTagger t = TaggerModelFile.read(ModelArchive.open(in, source, KIND));
        t.baseDir = baseDir;
        return t;
    }
}
