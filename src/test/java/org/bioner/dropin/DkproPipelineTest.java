package org.bioner.dropin;

import static org.apache.uima.fit.factory.AnalysisEngineFactory.createEngineDescription;
import static org.apache.uima.fit.factory.CollectionReaderFactory.createReaderDescription;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.uima.analysis_engine.AnalysisEngineDescription;
import org.apache.uima.fit.factory.JCasFactory;
import org.apache.uima.fit.pipeline.SimplePipeline;
import org.apache.uima.fit.util.JCasUtil;
import org.apache.uima.jcas.JCas;
import org.apache.uima.util.CasIOUtils;
import org.bioner.pipeline.BioNerPipeline;
import org.dkpro.core.io.conll.Conll2002Writer;
import org.dkpro.core.io.text.TextReader;
import org.dkpro.core.io.xmi.XmiWriter;
import org.dkpro.core.tokit.BreakIteratorSegmenter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity;

/**
 * Drop-in proof for DKPro Core: DKPro's TextReader, DKPro's segmenter, our engines, DKPro's writers; the
 * writers see our entities as DKPro NamedEntity. The tagger here is the test stand-in until the BioNER
 * tagger is merged; swapping it is {@code BioNerPipeline.builder().noSegmenter().build()}.
 */
class DkproPipelineTest {

    @TempDir
    Path dir;

    static AnalysisEngineDescription ourEngines() throws Exception {
        // the stand-in pipeline is [BreakIteratorSegmenter, tagger]; here DKPro's segmenter is added by the user
        return BioNerPipeline.builder().noSegmenter().withoutDefaultModels()
                .tagger(createEngineDescription(org.bioner.pipeline.DictionaryDiseaseTaggerAccess.tagger()))
                .build();
    }

    @Test
    void dkproReaderSegmenterAndWritersWorkWithOurEngines() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.writeString(in.resolve("note.txt"), "The patient reported fever. No cough was seen.");
        Path conll = dir.resolve("conll");
        Path xmi = dir.resolve("xmi");
        SimplePipeline.runPipeline(
                createReaderDescription(TextReader.class, TextReader.PARAM_SOURCE_LOCATION, in.toString(),
                        TextReader.PARAM_PATTERNS, "*.txt", TextReader.PARAM_LANGUAGE, "en"),
                createEngineDescription(BreakIteratorSegmenter.class),
                ourEngines(),
                createEngineDescription(Conll2002Writer.class, Conll2002Writer.PARAM_TARGET_LOCATION, conll.toString()),
                createEngineDescription(XmiWriter.class, XmiWriter.PARAM_TARGET_LOCATION, xmi.toString()));

        List<String> lines = Files.readAllLines(conll.resolve("note.txt.conll"));
        assertTrue(lines.contains("fever B-Disease"), lines.toString());
        assertTrue(lines.contains("cough B-Disease"), lines.toString());
        assertTrue(lines.contains("patient O"), lines.toString());

        JCas jcas = JCasFactory.createJCas();
        try (var is = Files.newInputStream(xmi.resolve("note.txt.xmi"))) {
            CasIOUtils.load(is, jcas.getCas());
        }
        assertEquals(List.of("fever", "cough"),
                JCasUtil.select(jcas, NamedEntity.class).stream().map(NamedEntity::getCoveredText).toList());
        assertEquals(List.of("Disease", "Disease"),
                JCasUtil.select(jcas, NamedEntity.class).stream().map(NamedEntity::getValue).toList());
    }
}
