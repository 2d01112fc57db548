package org.bioner.engine;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.uima.UimaContext;
import org.apache.uima.analysis_engine.AnalysisEngineProcessException;
import org.apache.uima.fit.component.JCasConsumer_ImplBase;
import org.apache.uima.fit.descriptor.ConfigurationParameter;
import org.apache.uima.fit.descriptor.ResourceMetaData;
import org.apache.uima.fit.descriptor.TypeCapability;
import org.apache.uima.jcas.JCas;
import org.apache.uima.resource.ResourceInitializationException;
import org.apache.uima.util.Logger;
import org.bioner.corpus.IobCorpusParser;
import org.bioner.corpus.TagScheme;
import org.bioner.corpus.TaggedSentence;
import org.bioner.embeddings.EmbeddingsLoader;
import org.bioner.embeddings.TokenEmbeddings;
import org.bioner.io.CasToIob;
import org.bioner.io.IobCorpusReader;
import org.bioner.tagger.SequenceTagger;
import org.bioner.tagger.SequenceTagger.HyperParameters;
import org.bioner.tagger.TaggerModels;
import org.bioner.training.ReplayedSchedule;
import org.bioner.training.Trainer;
import org.bioner.training.TrainerConfig;

/**
 * ClearTK-style training consumer: collects the gold-annotated sentences of every CAS (e.g. from
 * {@code IobCorpusReader}, via {@link CasToIob}) without changing the CAS and, at the end of the collection,
 * trains a BiLSTM-CRF tagger with Flair's recipe, selecting on the dev file, and writes it to the output
 * directory ({@code tagger.bnm}, {@code training.tsv}, {@code training.png}). The dev and test files are read
 * as {@code IobCorpusReader} reads the training corpus, with the same {@code format} and {@code tagScheme}
 * parameters (repaired, not rejected, where a tag breaks the scheme); progress goes to the UIMA logger, one
 * line per message.
 */
@ResourceMetaData(name = "BioNER BiLSTM-CRF Trainer")
@TypeCapability(inputs = {"de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Sentence",
        "de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Token", "org.bioner.types.BioEntity"})
public class BioNerTrainer extends JCasConsumer_ImplBase {

    /** Directory the model, log and curve are written to (checkpoints under its {@code work/}). */
    public static final String PARAM_OUTPUT_DIRECTORY = "outputDirectory";
    @ConfigurationParameter(name = PARAM_OUTPUT_DIRECTORY, mandatory = true)
    private File outputDirectory;

    /** Development file (token TAB tag, IOB2): selects the model and drives annealing. */
    public static final String PARAM_DEV_FILE = "devFile";
    @ConfigurationParameter(name = PARAM_DEV_FILE, mandatory = true)
    private File devFile;

    /** Optional test file, evaluated once with the selected model. */
    public static final String PARAM_TEST_FILE = "testFile";
    @ConfigurationParameter(name = PARAM_TEST_FILE, mandatory = false)
    private File testFile;

    /** Layout of the dev/test files, as {@link IobCorpusReader#PARAM_FORMAT}: {@code BIOBERT} or {@code CONLL}. */
    public static final String PARAM_FORMAT = IobCorpusReader.PARAM_FORMAT;
    @ConfigurationParameter(name = PARAM_FORMAT, mandatory = true, defaultValue = "BIOBERT")
    private IobCorpusParser.Format format;

    /** Tag scheme of the dev/test files, as {@link IobCorpusReader#PARAM_TAG_SCHEME}. */
    public static final String PARAM_TAG_SCHEME = IobCorpusReader.PARAM_TAG_SCHEME;
    @ConfigurationParameter(name = PARAM_TAG_SCHEME, mandatory = true, defaultValue = "IOB2")
    private TagScheme tagScheme;

    /** Entity type of untyped tags in the dev/test files, e.g. {@code Disease}. */
    public static final String PARAM_ENTITY_TYPE = "entityType";
    @ConfigurationParameter(name = PARAM_ENTITY_TYPE, mandatory = true)
    private String entityType;

    /**
     * Embeddings spec, e.g. {@code random:100}, {@code glove:FILE}, {@code flair:FWD+flair:BWD+glove:FILE}. With a
     * corpus one-hot ({@code SPEC+corpus:A,B:use=A}) a training sentence's corpus is the folder named in its CAS's
     * DKPro document id ({@code IobCorpusReader} gives {@code .../A/train.tsv#0}: corpus {@code A}), and the dev and
     * test files' corpora are their folders; a document whose folder is not one of the spec's corpora fails training
     * with an error naming it.
     */
    public static final String PARAM_EMBEDDINGS = "embeddings"; // = EngineParameters.PARAM_EMBEDDINGS
    @ConfigurationParameter(name = PARAM_EMBEDDINGS, mandatory = true)
    private String embeddingsSpec;

    /** Maximum number of epochs. */
    public static final String PARAM_MAX_EPOCHS = "maxEpochs";
    @ConfigurationParameter(name = PARAM_MAX_EPOCHS, mandatory = true, defaultValue = "100")
    private int maxEpochs;

    /** Stop when annealing takes the learning rate below this (Flair's {@code min_learning_rate}). */
    public static final String PARAM_MIN_LR = "minLr";
    @ConfigurationParameter(name = PARAM_MIN_LR, mandatory = true, defaultValue = "0.0001")
    private float minLr;

    /** LSTM hidden size per direction. */
    public static final String PARAM_HIDDEN = "hidden";
    @ConfigurationParameter(name = PARAM_HIDDEN, mandatory = true, defaultValue = "256")
    private int hidden;

    /** Stacked BiLSTM layers (Flair's {@code rnn_layers}), locked dropout between them in training. */
    public static final String PARAM_RNN_LAYERS = "rnnLayers";
    @ConfigurationParameter(name = PARAM_RNN_LAYERS, mandatory = true, defaultValue = "" + HyperParameters.FLAIR_RNN_LAYERS)
    private int rnnLayers;

    /** Reproject the embeddings with a Linear(D, D) layer before the LSTM (Flair's default). */
    public static final String PARAM_REPROJECT = "reproject";
    @ConfigurationParameter(name = PARAM_REPROJECT, mandatory = true, defaultValue = "true")
    private boolean reproject;

    /** Probability of zeroing a token's whole input vector in training, in [0, 1) (Flair's {@code word_dropout}). */
    public static final String PARAM_WORD_DROPOUT = "wordDropout";
    @ConfigurationParameter(name = PARAM_WORD_DROPOUT, mandatory = true, defaultValue = "" + HyperParameters.FLAIR_WORD_DROPOUT)
    private float wordDropout;

    /**
     * Probability of zeroing an input or LSTM-output feature for a whole sentence in training, in [0, 1) (Flair's
     * {@code locked_dropout}).
     */
    public static final String PARAM_LOCKED_DROPOUT = "lockedDropout";
    @ConfigurationParameter(name = PARAM_LOCKED_DROPOUT, mandatory = true, defaultValue = "" + HyperParameters.FLAIR_LOCKED_DROPOUT)
    private float lockedDropout;

    /** Sentences per network mini-batch (at least 1). */
    public static final String PARAM_BATCH_SIZE = "batchSize"; // = EngineParameters.PARAM_BATCH_SIZE
    @ConfigurationParameter(name = PARAM_BATCH_SIZE, mandatory = true, defaultValue = "" + EngineParameters.DEFAULT_BATCH_SIZE)
    private int batchSize;

    /** Random seed (initialisation, shuffling, dropout). */
    public static final String PARAM_SEED = "seed";
    @ConfigurationParameter(name = PARAM_SEED, mandatory = true, defaultValue = "1")
    private long seed;

    /** Continue from the checkpoint in the output directory if there is one. */
    public static final String PARAM_RESUME = "resume";
    @ConfigurationParameter(name = PARAM_RESUME, mandatory = true, defaultValue = "false")
    private boolean resume;

    /**
     * A model to start from instead of new weights, to fine-tune it on this collection (as {@code train --init-model}:
     * a file, a training output directory, a {@code classpath:} resource such as {@code classpath:/models/disease.bnm},
     * or a Flair checkpoint); it must have the run's tags, embeddings spec and network shape, or be a model without the
     * {@code chars:} part and/or the corpus one-hot that the run's spec adds to its own (they then start with no effect).
     * Default: none.
     */
    public static final String PARAM_INIT_MODEL = "initModel";
    @ConfigurationParameter(name = PARAM_INIT_MODEL, mandatory = false)
    private String initModel;

    /**
     * With {@link #PARAM_INIT_MODEL} and a {@code chars:} part the model lacks: how the LSTMs' weights from the new
     * character features start (as {@code train --init-char-weights}): {@code ZERO}, the copy tags exactly as the model
     * but its character encoder learns only once those weights have grown; {@code RANDOM}, drawn as a new network's.
     * Default: {@code ZERO}.
     */
    public static final String PARAM_INIT_CHAR_WEIGHTS = "initCharWeights";
    @ConfigurationParameter(name = PARAM_INIT_CHAR_WEIGHTS, mandatory = true, defaultValue = "ZERO")
    private SequenceTagger.CharInit initCharWeights;

    /**
     * A finished training run's output directory whose learning rates this run follows, epoch by epoch up to that run's
     * selected epoch, keeping the last epoch's model (as {@code train --replay-schedule}): to train on a collection of
     * train + dev documents with the schedule chosen on dev. The dev file is then only logged; {@link #PARAM_MAX_EPOCHS}
     * and {@link #PARAM_MIN_LR} do not apply. Default: none (select and anneal on the dev file).
     */
    public static final String PARAM_REPLAY_SCHEDULE = "replaySchedule";
    @ConfigurationParameter(name = PARAM_REPLAY_SCHEDULE, mandatory = false)
    private File replaySchedule;

    /**
     * With a run's {@code training.tsv} as {@link #PARAM_REPLAY_SCHEDULE} (its folder gone, its log kept with its
     * results): the epoch that run's model was selected at (as {@code train --replay-epochs}). Default: none (a run
     * folder's model records it).
     */
    public static final String PARAM_REPLAY_EPOCHS = "replayEpochs";
    @ConfigurationParameter(name = PARAM_REPLAY_EPOCHS, mandatory = false)
    private Integer replayEpochs;

    /**
     * Windows, in epochs, of running averages of the weights kept beside the run (as {@code train --average-epochs}):
     * each is scored on the dev file after every epoch and the best (in a replay, the last) saved as
     * {@code tagger-averaged-H.bnm} in the output directory; the run itself is unchanged. Default: none.
     */
    public static final String PARAM_AVERAGE_EPOCHS = "averageEpochs";
    @ConfigurationParameter(name = PARAM_AVERAGE_EPOCHS, mandatory = false)
    private Integer[] averageEpochs;

    private HyperParameters network;                 // made at initialize: a bad dropout fails before the collection is read
    private ReplayedSchedule replay;                 // read at initialize: a bad schedule fails before the collection is read
    private final List<TaggedSentence> train = new ArrayList<>();
    private PrintStream log;

    @Override
    public void initialize(UimaContext context) throws ResourceInitializationException {
        super.initialize(context);
        EngineParameters.requireAtLeast(PARAM_BATCH_SIZE, batchSize, 1);
        EngineParameters.requireAtLeast(PARAM_MAX_EPOCHS, maxEpochs, 1);
        EngineParameters.requireAtLeast(PARAM_HIDDEN, hidden, 1);
        EngineParameters.requireAtLeast(PARAM_RNN_LAYERS, rnnLayers, 1);
        try {
            network = new HyperParameters(hidden, reproject, HyperParameters.requireProbability(PARAM_WORD_DROPOUT, wordDropout),
                    HyperParameters.requireProbability(PARAM_LOCKED_DROPOUT, lockedDropout), rnnLayers);
        } catch (IllegalArgumentException e) {
            throw new ResourceInitializationException(e);
        }
        try {
            Trainer.checkedAverageWindows(PARAM_AVERAGE_EPOCHS, averageWindows());
        } catch (IllegalArgumentException e) {
            throw new ResourceInitializationException(e);
        }
        try {
            replay = ReplayedSchedule.of(replaySchedule == null ? null : replaySchedule.toPath(), replayEpochs);
        } catch (IOException | IllegalArgumentException e) {
            throw new ResourceInitializationException(e);
        }
        train.clear();
        log = new PrintStream(new LoggerLines(getLogger()), false, StandardCharsets.UTF_8);
    }

    @Override
    public void process(JCas jcas) {
        train.addAll(TaggedSentence.inDocumentOrder(CasToIob.toTaggedSentences(jcas))); // one document
    }

    @Override
    public void collectionProcessComplete() throws AnalysisEngineProcessException {
        try {
            IobCorpusParser parser = new IobCorpusParser(format, tagScheme, entityType, false);
            List<TaggedSentence> dev = TaggedSentence.inDocumentOrder(parser.parse(devFile.toPath()));
            List<TaggedSentence> test = testFile == null ? List.of() : TaggedSentence.inDocumentOrder(parser.parse(testFile.toPath()));
            TokenEmbeddings emb = EmbeddingsLoader.load(embeddingsSpec, null);
            TrainerConfig cfg = TrainerConfig.flairDefaults().withMaxEpochs(maxEpochs).withMinLr(minLr).withSeed(seed).withBatchSize(batchSize)
                    .withNetwork(network);
            new Trainer(cfg, log).initFrom(initModel == null ? null : TaggerModels.load(initModel))
                    .charInit(initCharWeights)
                    .replay(replay)
                    .averageEpochs(averageWindows())
                    .train(train, dev, test, entityType, emb, embeddingsSpec,
                    outputDirectory.toPath(), resume, "uima-trainer dev=" + devFile + (testFile != null ? " test=" + testFile : ""));
        } catch (IOException | RuntimeException e) {
            throw new AnalysisEngineProcessException(e);
        }
    }

    private List<Integer> averageWindows() {
        return averageEpochs == null ? List.of() : List.of(averageEpochs);
    }

    /** Lines printed to it go to the UIMA logger at INFO, one message per complete line. */
    private static final class LoggerLines extends OutputStream {
        private final Logger logger;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        LoggerLines(Logger logger) {
            this.logger = logger;
        }

        @Override
        public void write(int b) {
            if (b == '\n') {
                logger.info(line.toString(StandardCharsets.UTF_8));
                line.reset();
            } else if (b != '\r') {
                line.write(b);
            }
        }
    }
}
