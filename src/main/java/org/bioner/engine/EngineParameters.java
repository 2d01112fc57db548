package org.bioner.engine;

import org.bioner.tokenization.SentenceSplitter;

/**
 * The one parameter vocabulary of the BioNER engines: each concept has one name and one default, used by every
 * engine that has it, by {@code BioNerPipeline} and (as {@code --kebab-case}) by the command line. Names are
 * DKPro Core's {@code ComponentParameters} names where DKPro has the concept ({@code maxSentenceLength},
 * {@code numThreads}, {@code readNamedEntity}); the table is in docs/ARCHITECTURE.md.
 *
 * <p>Engines repeat these names as string literals in their own {@code PARAM_*} constants (uimafit-maven-plugin
 * takes a parameter's description from the javadoc of the constant whose literal is the name); EngineParametersTest
 * checks that every engine constant of the same name has the same value.
 */
public final class EngineParameters {

    private EngineParameters() {
    }

    /** Tagger model locations (several values): model files, training output directories or classpath locations. */
    public static final String PARAM_MODEL_LOCATIONS = "modelLocations";

    /** Full name of the sentence annotation type read (and, by the segmenter, written). */
    public static final String PARAM_SENTENCE_TYPE = "sentenceType";
    public static final String DEFAULT_SENTENCE_TYPE = "de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Sentence";

    /** Full name of the token annotation type read (and, by the segmenter, written). */
    public static final String PARAM_TOKEN_TYPE = "tokenType";
    public static final String DEFAULT_TOKEN_TYPE = "de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Token";

    /**
     * Longest sentence in tokens (DKPro's {@code ComponentParameters.PARAM_MAX_SENTENCE_LENGTH}): the segmenter
     * cuts longer sentences at a semicolon or comma, the tagger cuts longer foreign sentences into pieces. One
     * default for both, so the tagger never cuts a sentence the segmenter made.
     */
    public static final String PARAM_MAX_SENTENCE_LENGTH = "maxSentenceLength";
    public static final int DEFAULT_MAX_SENTENCE_LENGTH = SentenceSplitter.DEFAULT_MAX_TOKENS;

    /** Sentences per BiLSTM-CRF network batch (tagging and training). */
    public static final String PARAM_BATCH_SIZE = "batchSize";
    public static final int DEFAULT_BATCH_SIZE = 32;

    /** Sentences embedded together (the character LMs run them side by side; bounds the embeddings held at once). */
    public static final String PARAM_EMBEDDING_BATCH_SIZE = "embeddingBatchSize";
    public static final int DEFAULT_EMBEDDING_BATCH_SIZE = 512;

    /**
     * Worker threads of the character LMs (DKPro's {@code ComponentParameters.PARAM_NUM_THREADS}); 0 = one per
     * processor. BLAS threads per matrix product are OpenBLAS's own ({@code OMP_NUM_THREADS}).
     */
    public static final String PARAM_NUM_THREADS = "numThreads";
    public static final int DEFAULT_NUM_THREADS = 0;

    /** Threads running several taggers' BiLSTM-CRF heads side by side; 0 = one per model, at most one per processor. */
    public static final String PARAM_HEAD_THREADS = "headThreads";
    public static final int DEFAULT_HEAD_THREADS = 0;

    /** Embeddings spec, e.g. {@code flair:FWD+flair:BWD+glove:FILE} (the format model files record). */
    public static final String PARAM_EMBEDDINGS = "embeddings";

    /**
     * Readers: keep the entity annotations of the input as (gold) entities (DKPro's
     * {@code ComponentParameters.PARAM_READ_NAMED_ENTITY}; {@code bioner annotate --read-named-entity}).
     */
    public static final String PARAM_READ_NAMED_ENTITY = "readNamedEntity";

    /**
     * Where the networks run (the character LMs and the BiLSTM-CRF heads): {@code cpu} or {@code cuda} (one NVIDIA
     * GPU; {@code bioner ... --device}). {@code cuda} where no GPU can be used fails initialisation with one line
     * (a {@code DeviceUnavailableException} in the cause chain; the command line exits 2).
     */
    public static final String PARAM_DEVICE = "device";
    public static final String DEFAULT_DEVICE = "cpu";

    /**
     * Mentions not to emit ({@code corpus.MentionStoplist}: a location of a {@code TYPE<TAB>mention} file, or empty for
     * none; {@code bioner annotate/cpe/tag --mention-stoplist}). {@code MentionStoplist.SPECIES_HUMAN_NOUNS} switches
     * the Species model to the S800 convention (no patients, children, women as Homo sapiens).
     */
    public static final String PARAM_MENTION_STOPLIST = "mentionStoplist";

    /**
     * For models trained on several corpora with a corpus one-hot ({@code embeddings.CorpusEmbeddings}): the corpora
     * whose conventions to tag by, e.g. {@code s800} (Species without patients). Each such model uses the first
     * listed corpus it was trained on ({@code all}: the mean of its corpora's one-hots) and keeps its own default where
     * it knows none; a name no model knows fails.
     * {@code bioner annotate/cpe/tag --use-corpus}.
     */
    public static final String PARAM_USE_CORPUS = "useCorpus";

    /**
     * Abbreviations defined in the text: a short form ("GTN" of "glyceryl trinitrate ( GTN )") takes the type of a
     * mention that is exactly its long form, or exactly the short form in its parentheses, over the defining sentence
     * and this many after it, within one document
     * ({@code corpus.AbbreviationPropagation}; in a CAS a {@code CasSentences.CONTEXT_BREAK} ends it, so packed
     * documents stay apart); {@code -1}: off. {@code bioner annotate/cpe/tag --abbreviation-window}; the default, 20,
     * was chosen on the benchmarks' devel splits (docs/RESULTS.md, "Beyond the paper: abbreviations defined in the
     * text").
     */
    public static final String PARAM_ABBREVIATION_WINDOW = "abbreviationWindow";
    public static final int DEFAULT_ABBREVIATION_WINDOW = 20;

    /**
     * A decision threshold of the taggers' decoding: every mention tag scores this much more at each token
     * ({@code SequenceTagger.predict(vectors, batchSize, entityBias)}); negative trades recall for precision, positive
     * precision for recall; 0 (the default) decodes each model's own Viterbi path. On the benchmarks' devel splits
     * the bundled models peak at 0 (docs/RESULTS.md, "Session 34", with the precision and recall each bias gives).
     * {@code bioner annotate/cpe/tag --entity-bias}; a tagger converted from Flair takes only 0.
     */
    public static final String PARAM_ENTITY_BIAS = "entityBias";
    public static final float DEFAULT_ENTITY_BIAS = 0f;

    /** The stoplist at a location ({@code model.ResourceLocation}'s rule); an empty or null location is none. */
    public static org.bioner.corpus.MentionStoplist readStoplist(String location) throws java.io.IOException {
        if (location == null || location.isBlank()) return org.bioner.corpus.MentionStoplist.NONE;
        try (java.io.InputStream in = org.bioner.model.ResourceLocation.resolve(location, null, "mention stoplist").open()) {
            return org.bioner.corpus.MentionStoplist.read(in, location);
        }
    }

    /** The backend a {@code device} value names; an unknown name or an unusable device fails with the parameter named. */
    static org.bioner.nn.Backend openDevice(String value) throws org.apache.uima.resource.ResourceInitializationException {
        try {
            return org.bioner.nn.Backends.open(value);
        } catch (RuntimeException e) { // an unknown name, or no usable GPU (DeviceUnavailableException kept as the cause)
            throw new org.apache.uima.resource.ResourceInitializationException(
                    new IllegalArgumentException(PARAM_DEVICE + "=" + value + ": " + e.getMessage(), e));
        }
    }

    /** Whether a value is at least {@code min}; the message names the parameter. */
    static void requireAtLeast(String name, int value, int min) throws org.apache.uima.resource.ResourceInitializationException {
        if (value < min) {
            throw new org.apache.uima.resource.ResourceInitializationException(
                    new IllegalArgumentException(name + " must be at least " + min + ", was " + value));
        }
    }
}
