package org.bioner.io;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import javax.xml.stream.XMLStreamException;

import org.apache.uima.analysis_engine.AnalysisEngineProcessException;
import org.apache.uima.fit.descriptor.ConfigurationParameter;
import org.apache.uima.fit.descriptor.ResourceMetaData;
import org.apache.uima.fit.descriptor.TypeCapability;
import org.apache.uima.jcas.JCas;
import org.dkpro.core.api.io.JCasFileWriter_ImplBase;
import org.dkpro.core.api.parameter.ComponentParameters;

import com.pengyifan.bioc.BioCCollection;
import com.pengyifan.bioc.io.BioCDocumentWriter;

/**
 * Writes BioC XML with the BioC Java library: one collection file per document, or with
 * {@link #PARAM_SINGLE_COLLECTION} one collection holding all documents. Passages are kept from the
 * input ({@link org.bioner.types.Passage}); entities carry infons type, identifier, confidence, model.
 */
@ResourceMetaData(name = "BioC XML Writer")
@TypeCapability(inputs = {"de.tudarmstadt.ukp.dkpro.core.api.metadata.type.DocumentMetaData",
        "org.bioner.types.Passage", "de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity"})
public class BioCWriter extends JCasFileWriter_ImplBase {

    /** Extension of the written files. */
    public static final String PARAM_FILENAME_EXTENSION = ComponentParameters.PARAM_FILENAME_EXTENSION;
    @ConfigurationParameter(name = PARAM_FILENAME_EXTENSION, mandatory = true, defaultValue = ".bioc.xml")
    private String filenameExtension;

    /**
     * Whether all documents go into one BioC collection file: {@code targetLocation} is then that file
     * (BioC needs one collection element around all documents, so DKPro's singular target cannot be used).
     */
    public static final String PARAM_SINGLE_COLLECTION = "singleCollection";
    @ConfigurationParameter(name = PARAM_SINGLE_COLLECTION, mandatory = true, defaultValue = "false")
    private boolean singular;

    private BioCDocumentWriter collectionWriter;

    @Override
    public void process(JCas jcas) throws AnalysisEngineProcessException {
        try {
            if (singular) {
                if (collectionWriter == null) {
                    File target = new File(getTargetLocation());
                    if (target.getParentFile() != null) {
                        target.getParentFile().mkdirs();
                    }
                    collectionWriter = new BioCDocumentWriter(target);
                    collectionWriter.writeBeginCollectionInfo(collectionInfo());
                }
                collectionWriter.writeDocument(BioCDocuments.toBioC(jcas));
            } else {
                try (OutputStream os = getOutputStream(jcas, filenameExtension)) {
                    write(jcas, os);
                }
            }
        } catch (IOException | XMLStreamException e) {
            throw new AnalysisEngineProcessException(e);
        }
    }

    /** Writes one CAS as a complete BioC collection holding one document. */
    public static void write(JCas jcas, OutputStream os) throws IOException, XMLStreamException {
        BioCDocumentWriter w = new BioCDocumentWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8));
        w.writeBeginCollectionInfo(collectionInfo());
        w.writeDocument(BioCDocuments.toBioC(jcas));
        w.close();
    }

    /** The collection header written by this project (source, date, key). */
    public static BioCCollection collectionInfo() {
        BioCCollection c = new BioCCollection();
        c.setSource("BioNER for UIMA");
        c.setDate(LocalDate.now().toString());
        c.setKey("bioner.key");
        return c;
    }

    @Override
    public void collectionProcessComplete() throws AnalysisEngineProcessException {
        try {
            if (collectionWriter != null) {
                collectionWriter.close();
                collectionWriter = null;
            }
        } catch (IOException e) {
            throw new AnalysisEngineProcessException(e);
        }
        super.collectionProcessComplete();
    }
}
