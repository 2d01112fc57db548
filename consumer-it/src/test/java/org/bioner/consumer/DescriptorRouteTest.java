package org.bioner.consumer;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;

import org.apache.uima.UIMAFramework;
import org.apache.uima.analysis_engine.AnalysisEngine;
import org.apache.uima.analysis_engine.AnalysisEngineDescription;
import org.apache.uima.cas.CAS;
import org.apache.uima.cas.text.AnnotationFS;
import org.apache.uima.fit.util.CasUtil;
import org.apache.uima.util.CasCreationUtils;
import org.apache.uima.util.XMLInputSource;
import org.junit.jupiter.api.Test;

/** The XML-descriptor route: the descriptors shipped in the jar, produceAnalysisEngine, no parameter set. */
class DescriptorRouteTest {

    static AnalysisEngineDescription descriptor(String resource) throws Exception {
        URL url = DescriptorRouteTest.class.getClassLoader().getResource(resource);
        assertNotNull(url, resource + " in the bioner-uima jar");
        return UIMAFramework.getXMLParser().parseAnalysisEngineDescription(new XMLInputSource(url));
    }

    @Test
    void segmenterAndTaggerFromTheJarsDescriptorsWithDefaults() throws Exception {
        assertNotNull(getClass().getClassLoader().getResource("META-INF/org.apache.uima.fit/components.txt"));
        List<AnalysisEngine> engines = new ArrayList<>();
        for (String d : new String[] {"org/bioner/engine/BioSegmenter.xml", "org/bioner/engine/BioNerTagger.xml"}) {
            engines.add(UIMAFramework.produceAnalysisEngine(descriptor(d)));
        }
        CAS cas = CasCreationUtils.createCas(engines.stream().map(AnalysisEngine::getAnalysisEngineMetaData).toList());
        cas.setDocumentText("Aspirin reduced the risk of colorectal cancer in patients with Lynch syndrome.");
        cas.setDocumentLanguage("en");
        for (AnalysisEngine e : engines) e.process(cas);
        List<String> entities = new ArrayList<>();
        for (AnnotationFS a : CasUtil.select(cas, cas.getTypeSystem().getType("org.bioner.types.BioEntity"))) {
            entities.add(a.getType().getShortName() + ":" + a.getCoveredText());
        }
        System.out.println("descriptor route: " + entities);
        assertTrue(entities.stream().anyMatch(e -> e.startsWith("Disease:")), entities.toString());
        engines.forEach(AnalysisEngine::destroy);
    }
}
