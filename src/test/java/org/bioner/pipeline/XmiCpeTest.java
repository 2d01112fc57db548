package org.bioner.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.uima.UIMAFramework;
import org.apache.uima.cas.CAS;
import org.apache.uima.cas.Type;
import org.apache.uima.cas.impl.XmiCasSerializer;
import org.apache.uima.fit.util.CasUtil;
import org.apache.uima.resource.metadata.TypeDescription;
import org.apache.uima.resource.metadata.TypeSystemDescription;
import org.apache.uima.util.CasCreationUtils;
import org.apache.uima.util.XMLInputSource;
import org.bioner.types.Disease;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import de.tudarmstadt.ukp.dkpro.core.api.metadata.type.DocumentMetaData;

class XmiCpeTest {

    static final String FOREIGN = "com.example.clinic.Finding";

    @TempDir
    Path dir;

    /** A collection as another project would leave it: XMI files with a type we do not know, and its TypeSystem.xml. */
    private Path foreignCollection(int documents) throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        TypeSystemDescription tsd = UIMAFramework.getResourceSpecifierFactory().createTypeSystemDescription();
        TypeDescription t = tsd.addType(FOREIGN, "a finding", CAS.TYPE_NAME_ANNOTATION);
        t.addFeature("code", "a code", CAS.TYPE_NAME_STRING);
        TypeSystemDescription full = CasCreationUtils.mergeTypeSystems(List.of(tsd,
                org.apache.uima.fit.factory.TypeSystemDescriptionFactory.createTypeSystemDescription()));
        try (OutputStream os = Files.newOutputStream(in.resolve("TypeSystem.xml"))) {
            full.toXML(os);
        }
        for (int i = 0; i < documents; i++) {
            CAS cas = CasCreationUtils.createCas(full, null, null);
            cas.setDocumentText("Patient " + i + " has fever and cough.");
            DocumentMetaData meta = DocumentMetaData.create(cas);
            meta.setDocumentId("doc" + i);
            meta.setDocumentBaseUri(in.toUri().toString());
            meta.setDocumentUri(in.resolve("doc" + i + ".xmi").toUri().toString());
            Type type = cas.getTypeSystem().getType(FOREIGN);
            var f = cas.createAnnotation(type, 0, 7);
            f.setStringValue(type.getFeatureByBaseName("code"), "C" + i);
            cas.addFsToIndexes(f);
            try (OutputStream os = Files.newOutputStream(in.resolve("doc" + i + ".xmi"))) {
                XmiCasSerializer.serialize(cas, os);
            }
        }
        return in;
    }

    @Test
    void cpeWithTwoThreadsKeepsForeignAnnotationsAndAddsEntities() throws Exception {
        Path in = foreignCollection(6);
        Path out = dir.resolve("out");
        XmiCpe.Result r = XmiCpe.run(in, out, 2, StandIn.pipeline(), null);
        assertEquals(6, r.documents(), r.failures().toString());
        assertEquals(List.of(), r.failures());

        TypeSystemDescription written = UIMAFramework.getXMLParser()
                .parseTypeSystemDescription(new XMLInputSource(out.resolve("TypeSystem.xml").toFile()));
        CAS cas = CasCreationUtils.createCas(written, null, null);
        for (int i = 0; i < 6; i++) {
            cas.reset();
            try (var is = Files.newInputStream(out.resolve("doc" + i + ".xmi"))) {
                org.apache.uima.cas.impl.XmiCasDeserializer.deserialize(is, cas);
            }
            Type type = cas.getTypeSystem().getType(FOREIGN);
            var findings = List.copyOf(CasUtil.select(cas, type));
            assertEquals(1, findings.size());
            assertEquals("C" + i, findings.get(0).getStringValue(type.getFeatureByBaseName("code")));
            assertEquals(List.of("fever", "cough"), CasUtil.select(cas, cas.getTypeSystem().getType(Disease.class.getName()))
                    .stream().map(a -> a.getCoveredText()).toList());
        }
    }

    @Test
    void cpeDescriptorIsWrittenAndRunsFromTheFile() throws Exception {
        Path in = foreignCollection(2);
        Path out = dir.resolve("out");
        Path desc = dir.resolve("desc/BioNerXmiCpe.xml");
        XmiCpe.writeDescriptor(XmiCpe.builder(in, out, 1, StandIn.pipeline(), null), desc);
        String xml = Files.readString(desc);
        assertTrue(xml.contains("BioNerXmiCpe-reader.xml"), xml);
        var cpeDesc = UIMAFramework.getXMLParser().parseCpeDescription(new XMLInputSource(desc.toFile()));
        var cpe = UIMAFramework.produceCollectionProcessingEngine(cpeDesc);
        var done = new java.util.concurrent.CountDownLatch(1);
        cpe.addStatusCallbackListener(new org.apache.uima.collection.StatusCallbackListener() {
            public void entityProcessComplete(CAS c, org.apache.uima.collection.EntityProcessStatus s) { }
            public void aborted() { done.countDown(); }
            public void collectionProcessComplete() { done.countDown(); }
            public void initializationComplete() { }
            public void batchProcessComplete() { }
            public void paused() { }
            public void resumed() { }
        });
        cpe.process();
        done.await();
        assertTrue(Files.exists(out.resolve("doc0.xmi")) && Files.exists(out.resolve("doc1.xmi")));
    }
}
