package org.bioner.dropin;

import static org.apache.uima.fit.factory.AnalysisEngineFactory.createEngineDescription;
import static org.apache.uima.fit.factory.CollectionReaderFactory.createReaderDescription;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.apache.ctakes.core.ae.SentenceDetector;
import org.apache.ctakes.core.ae.SimpleSegmentAnnotator;
import org.apache.ctakes.core.ae.TokenizerAnnotatorPTB;
import org.apache.ctakes.typesystem.type.syntax.BaseToken;
import org.apache.ctakes.typesystem.type.textsem.DiseaseDisorderMention;
import org.apache.uima.fit.factory.AnalysisEngineFactory;
import org.apache.uima.fit.factory.JCasFactory;
import org.apache.uima.fit.pipeline.SimplePipeline;
import org.apache.uima.fit.util.JCasUtil;
import org.apache.uima.jcas.JCas;
import org.apache.uima.resource.ResourceInitializationException;
import org.bioner.corpus.IobWriter;
import org.bioner.engine.BioNerTrainer;
import org.bioner.io.IobCorpusReader;
import org.bioner.pipeline.BatchAnnotator;
import org.bioner.pipeline.BioNerPipeline;
import org.bioner.pipeline.OutputFormat;
import org.bioner.pipeline.RunSummary;
import org.bioner.tagger.SequenceTagger;
import org.bioner.training.SyntheticTask;
import org.bioner.types.Disease;
import org.dkpro.core.io.conll.Conll2002Writer;
import org.dkpro.core.io.text.TextReader;
import org.dkpro.core.tokit.BreakIteratorSegmenter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline with the project's real engines (BioSegmenter, BioNerTagger) and a tiny model trained
 * here on the synthetic task ("flu", "fever", "heart attack", "a cold" are diseases): the batch runner
 * on bad input, DKPro's reader/segmenter/writer around our tagger, and cTAKES segmentation with our
 * tagger reading cTAKES types.
 */
class RealEnginesPipelineTest {

    @TempDir
    static Path dir;
    static Path model;

    @BeforeAll
    static void trainTinyModel() throws Exception {
        Path train = dir.resolve("train.tsv");
        Path dev = dir.resolve("dev.tsv");
        new IobWriter(false).write(SyntheticTask.sentences(200, 1), train);
        new IobWriter(false).write(SyntheticTask.sentences(100, 2), dev);
        model = dir.resolve("model");
        SimplePipeline.runPipeline(
                createReaderDescription(IobCorpusReader.class,
                        IobCorpusReader.PARAM_SOURCE_LOCATION, train.toAbsolutePath().normalize().toString(),
                        IobCorpusReader.PARAM_ENTITY_TYPE, "Disease", IobCorpusReader.PARAM_SENTENCES_PER_CAS, 50),
                createEngineDescription(BioNerTrainer.class, BioNerTrainer.PARAM_OUTPUT_DIRECTORY, model.toString(),
                        BioNerTrainer.PARAM_DEV_FILE, dev.toString(), BioNerTrainer.PARAM_ENTITY_TYPE, "Disease",
                        BioNerTrainer.PARAM_EMBEDDINGS, "random:24:seed=3", BioNerTrainer.PARAM_HIDDEN, 16,
                        BioNerTrainer.PARAM_BATCH_SIZE, 8, BioNerTrainer.PARAM_MAX_EPOCHS, 10));
        assertTrue(Files.exists(model.resolve(SequenceTagger.FILE_NAME)));
    }

    /** The trainer engine fine-tunes a given model (PARAM_INIT_MODEL) and refuses one that does not fit the run. */
    @Test
    void trainerEngineStartsFromAGivenModel() throws Exception {
        List<String> base = Files.readAllLines(model.resolve("training.tsv"));
        assertEquals(1.0, base.stream().skip(1).mapToDouble(RealEnginesPipelineTest::devF1).max().orElse(0), 1e-9,
                "precondition: the tiny model tags the dev file perfectly");
        assertTrue(devF1(base.get(1)) < 1.0, "a new network after one epoch does not: " + base.get(1));
        // one epoch from the trained model: still perfect
        List<String> log = Files.readAllLines(fineTune("Disease").resolve("training.tsv"));
        assertEquals(1.0, devF1(log.get(1)), 1e-9, log.toString());
        // a model of another entity type does not fit: the run fails, naming why
        Throwable t = assertThrows(Exception.class, () -> fineTune("Chemical"));
        while (t.getCause() != null && !String.valueOf(t.getMessage()).contains("does not fit")) t = t.getCause();
        assertTrue(String.valueOf(t.getMessage()).contains("does not fit this run: entity types [Disease] vs the data's [Chemical]"),
                String.valueOf(t.getMessage()));
    }

    /**
     * The trainer engine replays a finished run's schedule (PARAM_REPLAY_SCHEDULE): on the same documents it ends at
     * exactly that run's selected model, after as many epochs.
     */
    @Test
    void trainerEngineReplaysAFinishedRunsSchedule() throws Exception {
        Path out = dir.resolve("replayed");
        SimplePipeline.runPipeline(
                createReaderDescription(IobCorpusReader.class,
                        IobCorpusReader.PARAM_SOURCE_LOCATION, dir.resolve("train.tsv").toAbsolutePath().normalize().toString(),
                        IobCorpusReader.PARAM_ENTITY_TYPE, "Disease", IobCorpusReader.PARAM_SENTENCES_PER_CAS, 50),
                createEngineDescription(BioNerTrainer.class, BioNerTrainer.PARAM_OUTPUT_DIRECTORY, out.toString(),
                        BioNerTrainer.PARAM_DEV_FILE, dir.resolve("dev.tsv").toString(), BioNerTrainer.PARAM_ENTITY_TYPE, "Disease",
                        BioNerTrainer.PARAM_EMBEDDINGS, "random:24:seed=3", BioNerTrainer.PARAM_HIDDEN, 16,
                        BioNerTrainer.PARAM_BATCH_SIZE, 8, BioNerTrainer.PARAM_MAX_EPOCHS, 1,
                        BioNerTrainer.PARAM_REPLAY_SCHEDULE, model.toString()));
        SequenceTagger original = SequenceTagger.load(model.resolve(SequenceTagger.FILE_NAME));
        SequenceTagger replayed = SequenceTagger.load(out.resolve(SequenceTagger.FILE_NAME));
        int selected = Integer.parseInt(original.metadata().get("train.epoch"));
        assertEquals(selected + 1, Files.readAllLines(out.resolve("training.tsv")).size(), "one log line per replayed epoch");
        org.junit.jupiter.api.Assertions.assertArrayEquals(original.allParameters(), replayed.allParameters());
    }

    /**
     * A replay from a run's training.tsv alone needs the epoch its model was selected at (PARAM_REPLAY_EPOCHS); without
     * it the engine fails when it is created, before it reads a document, naming the file.
     */
    @Test
    void trainerEngineChecksItsReplayedScheduleBeforeReadingAnyDocument() throws Exception {
        String log = model.resolve("training.tsv").toString();
        Object[] common = {BioNerTrainer.PARAM_OUTPUT_DIRECTORY, dir.resolve("replayed-log").toString(),
                BioNerTrainer.PARAM_DEV_FILE, dir.resolve("dev.tsv").toString(), BioNerTrainer.PARAM_ENTITY_TYPE, "Disease",
                BioNerTrainer.PARAM_EMBEDDINGS, "random:24:seed=3", BioNerTrainer.PARAM_REPLAY_SCHEDULE, log};
        var e = assertThrows(ResourceInitializationException.class,
                () -> AnalysisEngineFactory.createEngine(BioNerTrainer.class, common));
        Throwable t = e;
        while (t.getCause() != null && !String.valueOf(t.getMessage()).startsWith(log)) t = t.getCause();
        assertEquals(log + ": a training log is replayed only up to a given epoch, the one its run's model was selected at", t.getMessage());
        int selected = Integer.parseInt(SequenceTagger.load(model.resolve(SequenceTagger.FILE_NAME)).metadata().get("train.epoch"));
        Object[] withEpochs = Arrays.copyOf(common, common.length + 2);
        withEpochs[common.length] = BioNerTrainer.PARAM_REPLAY_EPOCHS;
        withEpochs[common.length + 1] = selected;
        AnalysisEngineFactory.createEngine(BioNerTrainer.class, withEpochs).destroy();
    }

    /** One epoch of the trainer engine on the tiny training file, read as {@code type}, from the tiny model. */
    private static Path fineTune(String type) throws Exception {
        Path out = dir.resolve("fine-tuned-" + type);
        SimplePipeline.runPipeline(
                createReaderDescription(IobCorpusReader.class,
                        IobCorpusReader.PARAM_SOURCE_LOCATION, dir.resolve("train.tsv").toAbsolutePath().normalize().toString(),
                        IobCorpusReader.PARAM_ENTITY_TYPE, type, IobCorpusReader.PARAM_SENTENCES_PER_CAS, 50),
                createEngineDescription(BioNerTrainer.class, BioNerTrainer.PARAM_OUTPUT_DIRECTORY, out.toString(),
                        BioNerTrainer.PARAM_DEV_FILE, dir.resolve("dev.tsv").toString(), BioNerTrainer.PARAM_ENTITY_TYPE, type,
                        BioNerTrainer.PARAM_EMBEDDINGS, "random:24:seed=3", BioNerTrainer.PARAM_HIDDEN, 16,
                        BioNerTrainer.PARAM_BATCH_SIZE, 8, BioNerTrainer.PARAM_MAX_EPOCHS, 1,
                        BioNerTrainer.PARAM_INIT_MODEL, model.toString()));
        return out;
    }

    /** The dev F1 column of a training.tsv row. */
    private static double devF1(String row) {
        return Double.parseDouble(row.split("\t")[4]);
    }

    @Test
    void batchRunWithRealEnginesSurvivesBadInput() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.writeString(in.resolve("a.txt"), "The patient has a cold and flu.\nIt is cold now.");
        Files.writeString(in.resolve("b-empty.txt"), "");
        Files.write(in.resolve("c-latin1.txt"), "Caf\u00e9 flu".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        StringBuilder longSentence = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            longSentence.append(i % 500 == 0 ? "flu " : "the ");
        }
        Files.writeString(in.resolve("d-long.txt"), longSentence.toString().strip());
        Files.writeString(in.resolve("e-exotic.txt"), "Ӂ𝛂 发烧 😷 the patient had flu 🦠 ﬁ e\u0301.");
        Path out = dir.resolve("out");
        var pipeline = BioNerPipeline.builder().withoutDefaultModels().model("Disease", model.toString()).build();
        RunSummary s = new BatchAnnotator(pipeline, new BatchAnnotator.Options(in, out)
                .outputFormat(OutputFormat.JSONL).progress(null, 1000)).run();
        assertEquals(4, s.documents(), s.failures().toString());
        assertEquals(1, s.failures().size());
        assertTrue(s.failures().get(0).reason().contains("c-latin1.txt:1: invalid UTF-8"));
        List<String> lines = Files.readAllLines(out.resolve("annotations.jsonl"));
        assertEquals(4, lines.size());
        assertTrue(lines.get(0).contains("\"text\":\"cold\"") && lines.get(0).contains("\"text\":\"flu\""), lines.get(0));
        assertEquals(20, lines.get(2).split("\"text\":\"flu\"", -1).length - 1, "flu in the 10,000-token sentence");
        assertTrue(lines.get(3).contains("\"text\":\"flu\""), lines.get(3));
        assertTrue(s.sentences() >= 4 && s.tokens() >= 10_000 + 14, s.sentences() + " / " + s.tokens());
    }

    @Test
    void packedDocumentsAndParallelHeadsGiveTheSameEntitiesAsOneDocumentAtATime() throws Exception {
        String[] words = {"flu", "fever", "a cold", "heart attack", "the weather", "tea"};
        java.util.Random random = new java.util.Random(7);
        List<String> texts = new java.util.ArrayList<>();
        for (int d = 0; d < 40; d++) {
            StringBuilder sb = new StringBuilder();
            for (int s = random.nextInt(6); s > 0; s--) {
                sb.append("The patient had ").append(words[random.nextInt(words.length)]).append(" and ")
                        .append(words[random.nextInt(words.length)]).append(random.nextBoolean() ? ". " : "\n");
            }
            texts.add(sb.toString());
        }
        // the model twice under two names: two heads, run side by side when there are head threads
        Path copy = Files.copy(model.resolve(SequenceTagger.FILE_NAME), dir.resolve("copy.bnm"));
        List<List<String>> results = new java.util.ArrayList<>();
        List<double[]> confidences = new java.util.ArrayList<>();
        for (int packChars : new int[] {0, 600}) {
            for (int headThreads : new int[] {1, 2}) {
                var pipeline = BioNerPipeline.builder().withoutDefaultModels().model("Disease", model.toString())
                        .model("Other", copy.toString())
                        .taggerParameters(org.bioner.engine.BioNerTagger.PARAM_HEAD_THREADS, headThreads).build();
                List<org.apache.uima.cas.CAS> docs = new java.util.ArrayList<>();
                for (String t : texts) docs.add(JCasFactory.createText(t, "en").getCas());
                try (var annotator = new org.bioner.pipeline.DocumentAnnotator(pipeline).packing(packChars)) {
                    assertTrue(annotator.annotateAll(docs).stream().allMatch(java.util.Objects::isNull));
                }
                List<String> found = new java.util.ArrayList<>();
                List<Double> conf = new java.util.ArrayList<>();
                for (int d = 0; d < docs.size(); d++) {
                    for (Disease e : JCasUtil.select(docs.get(d).getJCas(), Disease.class)) {
                        found.add(d + " " + e.getBegin() + " " + e.getEnd() + " " + e.getModel());
                        conf.add(e.getConfidence());
                    }
                }
                results.add(found);
                confidences.add(conf.stream().mapToDouble(Double::doubleValue).toArray());
            }
        }
        assertTrue(results.get(0).size() > 20, results.get(0).toString());
        for (int r = 1; r < results.size(); r++) {
            assertEquals(results.get(0), results.get(r));
            // other batch compositions change float rounding in the network, not the result
            org.junit.jupiter.api.Assertions.assertArrayEquals(confidences.get(0), confidences.get(r), 1e-6);
        }
    }

    @Test
    void dkproReaderSegmenterAndConllWriterAroundOurTagger() throws Exception {
        Path in = Files.createDirectories(dir.resolve("dkpro"));
        Files.writeString(in.resolve("n.txt"), "The patient has a cold and flu. It is cold now.");
        Path conll = dir.resolve("conll");
        SimplePipeline.runPipeline(
                createReaderDescription(TextReader.class, TextReader.PARAM_SOURCE_LOCATION, in.toString(),
                        TextReader.PARAM_PATTERNS, "*.txt", TextReader.PARAM_LANGUAGE, "en"),
                createEngineDescription(BreakIteratorSegmenter.class),
                BioNerPipeline.builder().noSegmenter().withoutDefaultModels().model("Disease", model.toString()).build(),
                createEngineDescription(Conll2002Writer.class, Conll2002Writer.PARAM_TARGET_LOCATION, conll.toString()));
        List<String> lines = Files.readAllLines(conll.resolve("n.txt.conll"));
        assertTrue(lines.contains("cold B-Disease") && lines.contains("flu B-Disease"), lines.toString());
        assertTrue(lines.contains("patient O"), lines.toString());
    }

    @Test
    void ctakesSegmentationThenOurTaggerOnCtakesTypes() throws Exception {
        // lower case: the tiny model has random vectors and never saw capitals
        JCas jcas = JCasFactory.createText("the patient has a cold and flu. it is cold now.", "en");
        SimplePipeline.runPipeline(jcas,
                SimpleSegmentAnnotator.createAnnotatorDescription(),
                SentenceDetector.createAnnotatorDescription(),
                TokenizerAnnotatorPTB.createAnnotatorDescription(),
                BioNerPipeline.builder().noSegmenter().withoutDefaultModels().model("Disease", model.toString())
                        .types(BaseToken.class.getName(),
                                org.apache.ctakes.typesystem.type.textspan.Sentence.class.getName())
                        .ctakesDiseaseMentions().build());
        assertEquals(List.of("cold", "flu"),
                JCasUtil.select(jcas, Disease.class).stream().map(Disease::getCoveredText).toList());
        List<DiseaseDisorderMention> mentions = List.copyOf(JCasUtil.select(jcas, DiseaseDisorderMention.class));
        assertEquals(List.of("cold", "flu"), mentions.stream().map(DiseaseDisorderMention::getCoveredText).toList());
        mentions.forEach(m -> assertEquals(2, m.getTypeID()));
    }
}
