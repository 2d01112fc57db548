package org.bioner.consumer;

import static org.apache.uima.fit.factory.AnalysisEngineFactory.createEngineDescription;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.uima.fit.factory.JCasFactory;
import org.apache.uima.fit.pipeline.SimplePipeline;
import org.apache.uima.fit.util.JCasUtil;
import org.apache.uima.jcas.JCas;
import org.bioner.pipeline.BioNerPipeline;
import org.bioner.types.Disease;
import org.dkpro.core.io.xmi.XmiWriter;
import org.dkpro.core.tokit.BreakIteratorSegmenter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import de.tudarmstadt.ukp.dkpro.core.api.metadata.type.DocumentMetaData;

/** The DKPro Core user: BreakIteratorSegmenter -> BioNerPipeline.builder().segmenter(...) -> XmiWriter. */
class DkproConsumerTest {

    @Test
    void dkproSegmenterThenBioNerThenXmiWriter(@TempDir Path out) throws Exception {
        JCas jcas = JCasFactory.createText("Mutations in BRCA1 raise the risk of breast cancer in women.", "en");
        DocumentMetaData meta = DocumentMetaData.create(jcas);
        meta.setDocumentId("doc1");
        meta.setDocumentBaseUri(out.toUri().toString());
        meta.setDocumentUri(out.resolve("doc1.txt").toUri().toString());
        SimplePipeline.runPipeline(jcas,
                BioNerPipeline.builder().segmenter(createEngineDescription(BreakIteratorSegmenter.class)).build(),
                createEngineDescription(XmiWriter.class, XmiWriter.PARAM_TARGET_LOCATION, out.resolve("xmi").toString(),
                        XmiWriter.PARAM_OVERWRITE, true));
        List<String> diseases = JCasUtil.select(jcas, Disease.class).stream().map(Disease::getCoveredText).toList();
        System.out.println("DKPro consumer: " + diseases);
        assertTrue(diseases.contains("breast cancer"), diseases.toString());
        Path xmi;
        try (var files = Files.list(out.resolve("xmi"))) {
            xmi = files.filter(f -> f.toString().endsWith(".xmi")).findFirst().orElseThrow();
        }
        assertTrue(Files.readString(xmi).contains("types:Disease"), "the XMI holds the Disease entity");
    }
}
