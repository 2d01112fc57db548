package org.bioner.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.uima.fit.factory.AnalysisEngineFactory;
import org.apache.uima.fit.factory.CollectionReaderFactory;
import org.apache.uima.fit.factory.JCasFactory;
import org.apache.uima.fit.pipeline.SimplePipeline;
import org.apache.uima.fit.util.JCasUtil;
import org.apache.uima.jcas.JCas;
import org.apache.uima.resource.ResourceInitializationException;
import org.bioner.corpus.IobWriter;
import org.bioner.embeddings.CorpusConditionedEmbeddings;
import org.bioner.embeddings.CorpusEmbeddings;
import org.bioner.embeddings.EmbeddingsLoader;
import org.bioner.embeddings.RandomEmbeddings;
import org.bioner.embeddings.TokenEmbeddings;
import org.bioner.io.IobCorpusReader;
import org.bioner.tagger.SequenceTagger;
import org.bioner.tagger.TaggerModels;
import org.bioner.training.SyntheticTask;
import org.bioner.training.Trainer;
import org.bioner.training.TrainerConfig;
import org.bioner.types.BioEntity;
import org.bioner.types.Disease;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Sentence;
import de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Token;

/** Trains through the UIMA trainer (IobCorpusReader -> BioNerTrainer), then tags CASes with BioNerTagger. */
class BioNerEnginesTest {

    @TempDir
    static Path dir;
    static Path model;

    @BeforeAll
    static void trainThroughUima() throws Exception {
        Path train = dir.resolve("train.tsv"), dev = dir.resolve("dev.tsv");
        new IobWriter(false).write(SyntheticTask.sentences(200, 1), train);
        new IobWriter(false).write(SyntheticTask.sentences(100, 2), dev);
        model = dir.resolve("model");
        SimplePipeline.runPipeline(
                CollectionReaderFactory.createReaderDescription(IobCorpusReader.class,
                        IobCorpusReader.PARAM_SOURCE_LOCATION, train.toAbsolutePath().normalize().toString(),
                        IobCorpusReader.PARAM_ENTITY_TYPE, "Disease",
                        IobCorpusReader.PARAM_SENTENCES_PER_CAS, 50),
                AnalysisEngineFactory.createEngineDescription(BioNerTrainer.class,
                        BioNerTrainer.PARAM_OUTPUT_DIRECTORY, model.toString(),
                        BioNerTrainer.PARAM_DEV_FILE, dev.toString(),
                        BioNerTrainer.PARAM_ENTITY_TYPE, "Disease",
                        BioNerTrainer.PARAM_EMBEDDINGS, "random:24:seed=3",
                        BioNerTrainer.PARAM_HIDDEN, 16,
                        BioNerTrainer.PARAM_BATCH_SIZE, 8,
                        BioNerTrainer.PARAM_MAX_EPOCHS, 10));
        assertTrue(Files.exists(model.resolve(SequenceTagger.FILE_NAME)));
    }

    /** Adds tokens (split on spaces) and one sentence per '.'-terminated run to a DKPro JCas. */
    /** A CAS of these sentences (tokens joined by one space, sentences too), with DKPro Token and Sentence annotations. */
    static JCas dkproCas(List<List<String>> sentences) throws Exception {
        JCas jcas = JCasFactory.createJCas();
        jcas.setDocumentText(String.join(" ", sentences.stream().map(s -> String.join(" ", s)).toList()));
        int pos = 0;
        for (List<String> sentence : sentences) {
            int start = pos;
            for (String tok : sentence) {
                new Token(jcas, pos, pos + tok.length()).addToIndexes();
                pos += tok.length() + 1;
            }
            new Sentence(jcas, start, pos - 1).addToIndexes();
        }
        return jcas;
    }

    static JCas dkproCas(String text) throws Exception {
        JCas jcas = JCasFactory.createJCas();
        jcas.setDocumentText(text);
        int sentenceStart = 0, pos = 0;
        for (String tok : text.split(" ")) {
            new Token(jcas, pos, pos + tok.length()).addToIndexes();
            if (tok.equals(".")) {
                new Sentence(jcas, sentenceStart, pos + 1).addToIndexes();
                sentenceStart = pos + 2;
            }
            pos += tok.length() + 1;
        }
        return jcas;
    }

    @Test
    void tagsDkproCasWithTypedEntitiesAndConfidence() throws Exception {
        JCas jcas = dkproCas("the patient has a cold and flu . it is cold now .");
        SimplePipeline.runPipeline(jcas, AnalysisEngineFactory.createEngineDescription(BioNerTagger.class,
                BioNerTagger.PARAM_MODEL_LOCATIONS, model.toString()));
        List<String> found = new ArrayList<>();
        for (Disease d : JCasUtil.select(jcas, Disease.class)) {
            found.add(d.getCoveredText() + "@" + d.getBegin());
            assertTrue(d.getConfidence() >= 0 && d.getConfidence() <= 1, "confidence " + d.getConfidence());
            assertEquals(model.toString(), d.getModel());
            assertEquals("Disease", d.getValue());
        }
        assertEquals(List.of("cold@18", "flu@27"), found);
        assertEquals(2, JCasUtil.select(jcas, BioEntity.class).size());
    }

    @Test
    void aMentionStoplistDropsItsMentionsOnly() throws Exception {
        Path list = dir.resolve("stoplist.tsv");
        Files.writeString(list, "Disease\tFLU\nSpecies\tcold\n");
        JCas jcas = dkproCas("the patient has a cold and flu . it is cold now .");
        SimplePipeline.runPipeline(jcas, AnalysisEngineFactory.createEngineDescription(BioNerTagger.class,
                BioNerTagger.PARAM_MODEL_LOCATIONS, model.toString(), BioNerTagger.PARAM_MENTION_STOPLIST, list.toString()));
        List<String> found = new ArrayList<>();
        for (Disease d : JCasUtil.select(jcas, Disease.class)) found.add(d.getCoveredText() + "@" + d.getBegin());
        assertEquals(List.of("cold@18"), found, "flu is listed for Disease; cold only for Species");
        var bad = assertThrows(ResourceInitializationException.class, () -> AnalysisEngineFactory.createEngine(BioNerTagger.class,
                BioNerTagger.PARAM_MODEL_LOCATIONS, model.toString(), BioNerTagger.PARAM_MENTION_STOPLIST, dir.resolve("none.tsv").toString()));
        StringBuilder chain = new StringBuilder();
        for (Throwable t = bad; t != null; t = t.getCause()) chain.append(t.getMessage()).append(" | ");
        assertTrue(chain.toString().contains("mentionStoplist: ") && chain.toString().contains("none.tsv"), chain.toString());
    }

    /** A DKPro CAS of sentences (tokens split on spaces) joined by {@code separator}. */
    static JCas dkproCas(String separator, String... sentences) throws Exception {
        JCas jcas = JCasFactory.createJCas();
        jcas.setDocumentText(String.join(separator, sentences));
        int start = 0;
        for (String sentence : sentences) {
            int pos = start;
            for (String tok : sentence.split(" ")) {
                new Token(jcas, pos, pos + tok.length()).addToIndexes();
                pos += tok.length() + 1;
            }
            new Sentence(jcas, start, start + sentence.length()).addToIndexes();
            start += sentence.length() + separator.length();
        }
        return jcas;
    }

    /** The Disease mentions the tagger finds with these extra parameters, as text@begin (confidence when asked). */
    static List<String> diseases(JCas jcas, Object... parameters) throws Exception {
        List<Object> p = new ArrayList<>(List.of(BioNerTagger.PARAM_MODEL_LOCATIONS, model.toString()));
        p.addAll(List.of(parameters));
        SimplePipeline.runPipeline(jcas, AnalysisEngineFactory.createEngineDescription(BioNerTagger.class, p.toArray()));
        List<String> found = new ArrayList<>();
        for (Disease d : JCasUtil.select(jcas, Disease.class)) found.add(d.getCoveredText() + "@" + d.getBegin());
        return found;
    }

    @Test
    void aDefinedShortFormTakesItsLongFormsTypeWithinItsDocumentOnly() throws Exception {
        // in the synthetic task's words (unseen words get arbitrary tags from the random embeddings; "HTA" gets O)
        String first = "the patient has heart attack ( HTA ) today", second = "HTA was very now";
        int inParens = first.indexOf("HTA"), next = first.length() + 1;
        // alone (-1: off) the model tags the long form only
        assertEquals(List.of("heart attack@16"), diseases(dkproCas(" ", first, second), BioNerTagger.PARAM_ABBREVIATION_WINDOW, -1));
        assertEquals(List.of("heart attack@16", "HTA@" + inParens, "HTA@" + next),
                diseases(dkproCas(" ", first, second), BioNerTagger.PARAM_ABBREVIATION_WINDOW, 1));
        assertEquals(List.of("heart attack@16", "HTA@" + inParens, "HTA@" + next), diseases(dkproCas(" ", first, second)),
                "on by default (" + EngineParameters.DEFAULT_ABBREVIATION_WINDOW + " sentences)");
        assertEquals(List.of("heart attack@16", "HTA@" + inParens),
                diseases(dkproCas(" ", first, second), BioNerTagger.PARAM_ABBREVIATION_WINDOW, 0), "window 0: own sentence");
        // packed documents (DocumentPack's separator) stay apart: the second sentence is another document
        String separator = "\n" + CasSentences.CONTEXT_BREAK + "\n";
        assertEquals(List.of("heart attack@16", "HTA@" + inParens),
                diseases(dkproCas(separator, first, second), BioNerTagger.PARAM_ABBREVIATION_WINDOW, 1));
        // an added mention carries the confidence of the long-form mention that typed it
        JCas jcas = dkproCas(" ", first, second);
        diseases(jcas, BioNerTagger.PARAM_ABBREVIATION_WINDOW, 1);
        List<Disease> found = new ArrayList<>(JCasUtil.select(jcas, Disease.class));
        assertEquals(3, found.size());
        assertEquals(found.get(0).getConfidence(), found.get(1).getConfidence(), 0.0);
        assertEquals(found.get(0).getConfidence(), found.get(2).getConfidence(), 0.0);
        assertThrows(ResourceInitializationException.class, () -> AnalysisEngineFactory.createEngine(BioNerTagger.class,
                BioNerTagger.PARAM_MODEL_LOCATIONS, model.toString(), BioNerTagger.PARAM_ABBREVIATION_WINDOW, -2));
    }

    @Test
    void theEntityBiasReachesTheDecodingAndABadOneFailsNamingIt() throws Exception {
        String sentence = "the patient has heart attack ( HTA ) today";
        Object off = BioNerTagger.PARAM_ABBREVIATION_WINDOW, bias = BioNerTagger.PARAM_ENTITY_BIAS;
        assertEquals(List.of("heart attack@16"), diseases(dkproCas(" ", sentence), off, -1), "0 by default");
        assertEquals(List.of("heart attack@16"), diseases(dkproCas(" ", sentence), off, -1, bias, 0f));
        assertEquals(List.of(), diseases(dkproCas(" ", sentence), off, -1, bias, -50f), "-50: no mention");
        int tokens = 0;
        for (String m : diseases(dkproCas(" ", sentence), off, -1, bias, 50f)) tokens += m.substring(0, m.indexOf('@')).split(" ").length;
        assertEquals(sentence.split(" ").length, tokens, "+50: every token in a mention");
        ResourceInitializationException e = assertThrows(ResourceInitializationException.class,
                () -> AnalysisEngineFactory.createEngine(BioNerTagger.class, BioNerTagger.PARAM_MODEL_LOCATIONS, model.toString(),
                        bias, Float.NaN));
        Throwable c = e;
        while (c.getCause() != null && !String.valueOf(c.getMessage()).contains(BioNerTagger.PARAM_ENTITY_BIAS)) c = c.getCause();
        assertEquals(BioNerTagger.PARAM_ENTITY_BIAS + " must be a finite number, was NaN", c.getMessage());
    }

    /** Model {@code m}'s mentions in the CAS, as "text@begin". */
    static List<String> inPipeline(JCas jcas, Path m) {
        List<String> found = new ArrayList<>();
        for (Disease d : JCasUtil.select(jcas, Disease.class)) {
            if (d.getModel().equals(m.toString())) found.add(d.getCoveredText() + "@" + d.getBegin());
        }
        return found;
    }

    /** Model {@code m} alone on the sentences of {@link #dkproCas(List)}: its mentions as "text@begin". */
    static List<String> alone(Path m, List<List<String>> sentences) throws Exception {
        List<String> alone = new ArrayList<>();
        SequenceTagger t = SequenceTagger.load(m.resolve(SequenceTagger.FILE_NAME));
        var p = t.tag(sentences, null, 8);
        int sentenceStart = 0;
        for (int s = 0; s < sentences.size(); s++) {
            List<String> tok = sentences.get(s);
            for (var span : p.get(s).spans()) {
                int begin = sentenceStart;
                for (int k = 0; k < span.start(); k++) begin += tok.get(k).length() + 1;
                alone.add(String.join(" ", tok.subList(span.start(), span.end())) + "@" + begin);
            }
            sentenceStart += String.join(" ", tok).length() + 1;
        }
        return alone;
    }

    /** A small model trained on {@link SyntheticTask#twoConventions} (corpora A and B) with {@code e}, in folder {@code name}. */
    static Path trainTwoConventions(TokenEmbeddings e, String name, int epochs, int devSentences) throws Exception {
        Path out = dir.resolve(name);
        new Trainer(TrainerConfig.flairDefaults().withMaxEpochs(epochs).withBatchSize(8)
                .withNetwork(new SequenceTagger.HyperParameters(12, true, 0.05f, 0.2f)), new PrintStream(OutputStream.nullOutputStream()))
                .train(SyntheticTask.twoConventions(200, 1), SyntheticTask.twoConventions(devSentences, 2), List.of(), "Disease",
                        e, e.describe(), out, false, "");
        return out;
    }

    @Test
    void aModelWithCharacterFeaturesSharesThePassOfItsBaseAndTagsAsAlone() throws Exception {
        // the base of `model`, then character codes, then a corpus one-hot: the pipeline appends both in that order
        TokenEmbeddings spec = EmbeddingsLoader.load("random:24:seed=3+chars:12+corpus:A,B:use=B", null);
        Path out = trainTwoConventions(spec, "chars", 12, 100);
        List<List<String>> sentences = List.of(List.of("the", "patient", "has", "a", "cold", "and", "fever"),
                List.of("it", "is", "cold", "now"), List.of("heart", "attack", "today"));
        JCas jcas = dkproCas(sentences);
        SimplePipeline.runPipeline(jcas, AnalysisEngineFactory.createEngineDescription(BioNerTagger.class,
                BioNerTagger.PARAM_MODEL_LOCATIONS, new String[] {model.toString(), out.toString()}));
        for (Path m : List.of(model, out)) assertEquals(alone(m, sentences), inPipeline(jcas, m), m.toString());
        assertEquals(List.of("cold", "heart attack"), inPipeline(jcas, out).stream().map(x -> x.substring(0, x.indexOf('@'))).toList(),
                "use=B: fever is not a disease");
    }

    @Test
    void aCorpusConditionedModelSharesThePassOfItsBaseAndTagsAsAlone() throws Exception {
        // trained on two corpora that disagree on "fever" (B: not a disease), with the same base embeddings as `model`
        var conditioned = new CorpusConditionedEmbeddings(new RandomEmbeddings(24, 3),
                new CorpusEmbeddings(List.of("A", "B"), "A"));
        Path out = trainTwoConventions(conditioned, "conditioned", 30, 150);
        // only words of the training task: a token it never saw (such as ".") has a random vector, and what a small
        // model makes of that is not what this test is about
        List<List<String>> sentences = List.of(List.of("the", "patient", "has", "a", "cold", "and", "fever"),
                List.of("it", "is", "cold", "now"));
        JCas jcas = dkproCas(sentences);
        SimplePipeline.runPipeline(jcas, AnalysisEngineFactory.createEngineDescription(BioNerTagger.class,
                BioNerTagger.PARAM_MODEL_LOCATIONS, new String[] {model.toString(), out.toString()}));
        for (Path m : List.of(model, out)) assertEquals(alone(m, sentences), inPipeline(jcas, m), m.toString());
        List<String> conditionedFound = new ArrayList<>();
        for (Disease d : JCasUtil.select(jcas, Disease.class)) if (d.getModel().equals(out.toString())) conditionedFound.add(d.getCoveredText());
        assertEquals(List.of("cold", "fever"), conditionedFound, "use=A: fever is a disease");

        // useCorpus=B: the conditioned model tags by B's conventions, the other model is unaffected
        JCas b = dkproCas(sentences);
        SimplePipeline.runPipeline(b, AnalysisEngineFactory.createEngineDescription(BioNerTagger.class,
                BioNerTagger.PARAM_MODEL_LOCATIONS, new String[] {model.toString(), out.toString()},
                BioNerTagger.PARAM_USE_CORPUS, new String[] {"B"}));
        List<String> byB = new ArrayList<>(), plain = new ArrayList<>(), plainBefore = new ArrayList<>();
        for (Disease d : JCasUtil.select(b, Disease.class)) (d.getModel().equals(out.toString()) ? byB : plain).add(d.getCoveredText());
        for (Disease d : JCasUtil.select(jcas, Disease.class)) if (d.getModel().equals(model.toString())) plainBefore.add(d.getCoveredText());
        assertEquals(List.of("cold"), byB, "useCorpus=B: fever is not a disease");
        assertEquals(plainBefore, plain);
        var unknown = assertThrows(ResourceInitializationException.class, () -> AnalysisEngineFactory.createEngine(BioNerTagger.class,
                BioNerTagger.PARAM_MODEL_LOCATIONS, new String[] {model.toString(), out.toString()},
                BioNerTagger.PARAM_USE_CORPUS, new String[] {"Z"}));
        StringBuilder chain = new StringBuilder();
        for (Throwable t = unknown; t != null; t = t.getCause()) chain.append(t.getMessage()).append(" | ");
        assertTrue(chain.toString().contains("useCorpus: no model was trained on a corpus 'Z' (their corpora: [A, B], or all)"), chain.toString());
    }

    @Test
    void tagsForeignTokenAndSentenceTypes() throws Exception {
        String text = "patient had flu and heart attack";
        JCas jcas = ForeignTypes.createJCas(text);
        int pos = 0;
        for (String tok : text.split(" ")) {
            ForeignTypes.add(jcas, ForeignTypes.BASE_TOKEN, pos, pos + tok.length());
            pos += tok.length() + 1;
        }
        ForeignTypes.add(jcas, ForeignTypes.SENTENCE, 0, text.length());
        SimplePipeline.runPipeline(jcas, AnalysisEngineFactory.createEngineDescription(BioNerTagger.class,
                BioNerTagger.PARAM_MODEL_LOCATIONS, model.resolve(SequenceTagger.FILE_NAME).toString(),
                BioNerTagger.PARAM_SENTENCE_TYPE, ForeignTypes.SENTENCE,
                BioNerTagger.PARAM_TOKEN_TYPE, ForeignTypes.BASE_TOKEN));
        List<String> found = JCasUtil.select(jcas, Disease.class).stream().map(Disease::getCoveredText).toList();
        assertEquals(List.of("flu", "heart attack"), found);
    }

    /** An engine created after the first has loaded a location reads nothing again: it tags with the shared copy. */
    @Test
    void modelIsLoadedOncePerLocation() throws Exception {
        Path copy = Files.createDirectories(dir.resolve("loaded-once")).resolve(SequenceTagger.FILE_NAME);
        Files.copy(model.resolve(SequenceTagger.FILE_NAME), copy);
        var description = AnalysisEngineFactory.createEngineDescription(BioNerTagger.class,
                BioNerTagger.PARAM_MODEL_LOCATION, copy.toString());
        AnalysisEngineFactory.createEngine(description).destroy();
        Files.delete(copy);
        assertThrows(IOException.class, () -> TaggerModels.load(copy.toString()));
        JCas jcas = dkproCas("the patient has a cold and flu . it is cold now .");
        SimplePipeline.runPipeline(jcas, description);
        assertEquals(List.of("cold", "flu"), JCasUtil.select(jcas, Disease.class).stream().map(Disease::getCoveredText).toList());
        assertSame(TaggerModels.shared(copy.toString()), TaggerModels.shared(copy.toString()));
        assertNotSame(TaggerModels.shared(model.toString()), TaggerModels.load(model.toString()));
    }

    @Test
    void parametersAreValidatedInsteadOfLoopingForever() {
        for (String param : new String[] {BioNerTagger.PARAM_BATCH_SIZE, BioNerTagger.PARAM_EMBEDDING_BATCH_SIZE,
                BioNerTagger.PARAM_MAX_SENTENCE_LENGTH}) {
            org.apache.uima.resource.ResourceInitializationException e = org.junit.jupiter.api.Assertions.assertThrows(
                    org.apache.uima.resource.ResourceInitializationException.class,
                    () -> AnalysisEngineFactory.createEngine(BioNerTagger.class,
                            BioNerTagger.PARAM_MODEL_LOCATIONS, model.toString(), param, 0));
            Throwable root = e;
            while (root.getCause() != null) root = root.getCause();
            assertEquals(param + " must be at least 1, was 0", root.getMessage());
        }
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> TaggerModels.shared(model.toString()).predict(List.<float[][]>of(new float[1][1]), 0));
    }

    @Test
    void theSegmenterAndTheTaggerShareOneMaxSentenceLength() throws Exception {
        var seg = AnalysisEngineFactory.createEngineDescription(BioSegmenter.class);
        var tag = AnalysisEngineFactory.createEngineDescription(BioNerTagger.class, BioNerTagger.PARAM_MODEL_LOCATIONS, model.toString());
        Object a = seg.getAnalysisEngineMetaData().getConfigurationParameterSettings().getParameterValue(EngineParameters.PARAM_MAX_SENTENCE_LENGTH);
        Object b = tag.getAnalysisEngineMetaData().getConfigurationParameterSettings().getParameterValue(EngineParameters.PARAM_MAX_SENTENCE_LENGTH);
        assertEquals(EngineParameters.DEFAULT_MAX_SENTENCE_LENGTH, a);
        assertEquals(a, b);
    }

    @Test
    void theTaggersModelLocationsDefaultToTheBundledModels() throws Exception {
        var tag = AnalysisEngineFactory.createEngineDescription(BioNerTagger.class);
        assertEquals(List.of(BundledModels.DISEASE, BundledModels.CHEMICAL, BundledModels.GENE, BundledModels.SPECIES),
                List.of((String[]) tag.getAnalysisEngineMetaData().getConfigurationParameterSettings()
                        .getParameterValue(BioNerTagger.PARAM_MODEL_LOCATIONS)));
    }

    @Test
    void aNonEmptyDocumentWithoutTheConfiguredTypesIsNotSilentlyEmpty() throws Exception {
        String text = "patient had flu";
        JCas jcas = ForeignTypes.createJCas(text);
        ForeignTypes.add(jcas, ForeignTypes.BASE_TOKEN, 0, 7);
        ForeignTypes.add(jcas, ForeignTypes.SENTENCE, 0, text.length());
        var strict = AnalysisEngineFactory.createEngineDescription(BioNerTagger.class,
                BioNerTagger.PARAM_MODEL_LOCATIONS, model.toString(), BioNerTagger.PARAM_REQUIRE_SEGMENTATION, true);
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(org.apache.uima.analysis_engine.AnalysisEngineProcessException.class,
                () -> SimplePipeline.runPipeline(jcas, strict)); // looks for DKPro tokens: there are none
        Throwable root = e;
        while (root.getCause() != null) root = root.getCause();
        assertTrue(root.getMessage().contains("nothing was tagged") && root.getMessage().contains("1 " + ForeignTypes.BASE_TOKEN),
                root.getMessage());
        JCas empty = ForeignTypes.createJCas("");
        SimplePipeline.runPipeline(empty, strict); // an empty document is fine
    }
}
