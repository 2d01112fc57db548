package org.bioner.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.uima.analysis_engine.AnalysisEngineDescription;
import org.apache.uima.fit.factory.AnalysisEngineFactory;
import org.apache.uima.fit.factory.CollectionReaderFactory;
import org.apache.uima.fit.pipeline.SimplePipeline;
import org.apache.uima.resource.ResourceInitializationException;
import org.bioner.corpus.IobCorpusParser;
import org.bioner.corpus.IobWriter;
import org.bioner.corpus.TagScheme;
import org.bioner.corpus.TaggedSentence;
import org.bioner.io.IobCorpusReader;
import org.bioner.tagger.SequenceTagger;
import org.bioner.tagger.TaggerModels;
import org.bioner.training.SyntheticTask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The training engine: it reads its dev and test files in the format the reader is given (here CoNLL columns with BIOES
 * tags), and its network parameters reach the model.
 */
class BioNerTrainerTest {

    @Test
    void devAndTestFilesAreReadWithTheReadersFormatAndScheme(@TempDir Path dir) throws Exception {
        Path train = dir.resolve("train.conll"), dev = dir.resolve("dev.conll"), test = dir.resolve("test.conll");
        writeConllBioes(SyntheticTask.sentences(120, 1), train);
        writeConllBioes(SyntheticTask.sentences(40, 2), dev);
        writeConllBioes(SyntheticTask.sentences(40, 3), test);
        Path model = dir.resolve("model");
        SimplePipeline.runPipeline(
                CollectionReaderFactory.createReaderDescription(IobCorpusReader.class,
                        IobCorpusReader.PARAM_SOURCE_LOCATION, train.toString(),
                        IobCorpusReader.PARAM_FORMAT, "CONLL", IobCorpusReader.PARAM_TAG_SCHEME, "BIOES",
                        IobCorpusReader.PARAM_ENTITY_TYPE, "Disease"),
                AnalysisEngineFactory.createEngineDescription(BioNerTrainer.class,
                        BioNerTrainer.PARAM_OUTPUT_DIRECTORY, model.toString(),
                        BioNerTrainer.PARAM_DEV_FILE, dev.toString(), BioNerTrainer.PARAM_TEST_FILE, test.toString(),
                        BioNerTrainer.PARAM_FORMAT, "CONLL", BioNerTrainer.PARAM_TAG_SCHEME, "BIOES",
                        BioNerTrainer.PARAM_ENTITY_TYPE, "Disease", BioNerTrainer.PARAM_EMBEDDINGS, "random:16:seed=2",
                        BioNerTrainer.PARAM_HIDDEN, 8, BioNerTrainer.PARAM_BATCH_SIZE, 8,
                        BioNerTrainer.PARAM_MAX_EPOCHS, 2));
        SequenceTagger t = TaggerModels.load(model.toString());
        // read as BIOES columns the dev and test files have entities, so the recorded scores are real ones
        double devF1 = Double.parseDouble(t.metadata().get("train.dev.f1"));
        double testF1 = Double.parseDouble(t.metadata().get("train.test.f1"));
        assertTrue(devF1 > 0.5 && testF1 > 0.5, "dev " + devF1 + ", test " + testF1);
        assertEquals(3, Files.readAllLines(model.resolve("training.tsv")).size()); // header + 2 epochs
        assertEquals(new SequenceTagger.HyperParameters(8, true, 0.05f, 0.5f), t.hyperParameters()); // Flair's dropouts by default
    }

    @Test
    void theDropoutParametersReachTheModelAndOneOutOfRangeFailsAtInitialize(@TempDir Path dir) throws Exception {
        Path dev = syntheticTrainAndDev(dir);
        Path model = dir.resolve("model");
        trainOn(dir, trainer(model, dev, 0f, 0.25f));
        assertEquals(new SequenceTagger.HyperParameters(8, true, 0f, 0.25f), TaggerModels.load(model.toString()).hyperParameters());
        ResourceInitializationException e = assertThrows(ResourceInitializationException.class,
                () -> AnalysisEngineFactory.createEngine(trainer(dir.resolve("bad"), dev, -0.1f, 0.5f)));
        assertEquals("wordDropout must be in [0, 1), was -0.1", rootMessage(e));
    }

    @Test
    void theWeightAverageWindowsReachTheTrainerAndAWindowUnderOneEpochFailsAtInitialize(@TempDir Path dir) throws Exception {
        Path dev = syntheticTrainAndDev(dir);
        Path model = dir.resolve("model");
        trainOn(dir, withAverageEpochs(trainer(model, dev, 0.05f, 0.5f), 1, 2));
        for (int h : new int[] {1, 2}) {
            assertEquals(Integer.toString(h), TaggerModels.load(model.resolve("tagger-averaged-" + h + ".bnm").toString())
                    .metadata().get("train.average.epochs"));
        }
        AnalysisEngineDescription bad = withAverageEpochs(trainer(dir.resolve("bad"), dev, 0.05f, 0.5f), 0);
        ResourceInitializationException e = assertThrows(ResourceInitializationException.class, () -> AnalysisEngineFactory.createEngine(bad));
        assertEquals("averageEpochs: a weight average over 0 epochs; use 1 or more", rootMessage(e));
    }

    /** Writes {@code dir/train.tsv} (40 synthetic sentences) and {@code dir/dev.tsv} (20); returns the dev file. */
    private static Path syntheticTrainAndDev(Path dir) throws Exception {
        new IobWriter(false).write(SyntheticTask.sentences(40, 1), dir.resolve("train.tsv"));
        new IobWriter(false).write(SyntheticTask.sentences(20, 2), dir.resolve("dev.tsv"));
        return dir.resolve("dev.tsv");
    }

    /** Runs {@code trainer} over {@code dir/train.tsv}, read by the IOB reader. */
    private static void trainOn(Path dir, AnalysisEngineDescription trainer) throws Exception {
        SimplePipeline.runPipeline(
                CollectionReaderFactory.createReaderDescription(IobCorpusReader.class,
                        IobCorpusReader.PARAM_SOURCE_LOCATION, dir.resolve("train.tsv").toString(), IobCorpusReader.PARAM_ENTITY_TYPE, "Disease"),
                trainer);
    }

    private static AnalysisEngineDescription withAverageEpochs(AnalysisEngineDescription d, Integer... windows) {
        d.getAnalysisEngineMetaData().getConfigurationParameterSettings().setParameterValue(BioNerTrainer.PARAM_AVERAGE_EPOCHS, windows);
        return d;
    }

    /** The message of the innermost cause (uimaFIT wraps the engine's own exception). */
    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) cause = cause.getCause();
        return cause.getMessage();
    }

    private static AnalysisEngineDescription trainer(Path model, Path dev, float wordDropout, float lockedDropout) throws Exception {
        return AnalysisEngineFactory.createEngineDescription(BioNerTrainer.class,
                BioNerTrainer.PARAM_OUTPUT_DIRECTORY, model.toString(), BioNerTrainer.PARAM_DEV_FILE, dev.toString(),
                BioNerTrainer.PARAM_ENTITY_TYPE, "Disease", BioNerTrainer.PARAM_EMBEDDINGS, "random:16:seed=2",
                BioNerTrainer.PARAM_HIDDEN, 8, BioNerTrainer.PARAM_MAX_EPOCHS, 1,
                BioNerTrainer.PARAM_WORD_DROPOUT, wordDropout, BioNerTrainer.PARAM_LOCKED_DROPOUT, lockedDropout);
    }

    /** Writes sentences as CoNLL columns (token, a dummy POS column, BIOES tag). */
    private static void writeConllBioes(List<TaggedSentence> sentences, Path file) throws Exception {
        Path iob = file.resolveSibling(file.getFileName() + ".iob");
        new IobWriter(false).write(sentences, iob);
        List<String> out = new ArrayList<>(List.of(IobCorpusParser.DOCSTART + " X O", ""));
        for (TaggedSentence s : IobCorpusParser.biobert("Disease").parse(iob)) {
            List<String> tags = TagScheme.toBioes(s.tags());
            for (int i = 0; i < s.tokens().size(); i++) out.add(s.tokens().get(i) + " NN " + tags.get(i));
            out.add("");
        }
        Files.write(file, out);
    }
}
