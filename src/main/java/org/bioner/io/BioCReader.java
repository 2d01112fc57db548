package org.bioner.io;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;

import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamException;

import org.apache.uima.UimaContext;
import org.apache.uima.collection.CollectionException;
import org.apache.uima.fit.descriptor.ConfigurationParameter;
import org.apache.uima.fit.descriptor.ResourceMetaData;
import org.apache.uima.fit.descriptor.TypeCapability;
import org.apache.uima.jcas.JCas;
import org.apache.uima.resource.ResourceInitializationException;
import org.dkpro.core.api.io.JCasResourceCollectionReader_ImplBase;

import com.pengyifan.bioc.BioCDocument;

import de.tudarmstadt.ukp.dkpro.core.api.metadata.type.DocumentMetaData;

/**
 * Reads BioC XML collections (many documents per file) with the BioC Java library, streaming one
 * document at a time ({@link BioCDocumentSplitter}). Passages become {@link org.bioner.types.Passage} annotations at their BioC offsets;
 * with {@link #PARAM_READ_ANNOTATIONS} the passage annotations become gold entities. A bad document fails
 * alone; malformed XML fails with file, line and column and ends that file (XML cannot be resumed after
 * a syntax error).
 */
@ResourceMetaData(name = "BioC XML Reader")
@TypeCapability(outputs = {"de.tudarmstadt.ukp.dkpro.core.api.metadata.type.DocumentMetaData",
        "org.bioner.types.Passage", "de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity"})
public class BioCReader extends JCasResourceCollectionReader_ImplBase {

    /** Whether to add the documents' annotations as gold entity annotations (infon "type" names the type). */
    public static final String PARAM_READ_ANNOTATIONS = "readAnnotations";
    @ConfigurationParameter(name = PARAM_READ_ANNOTATIONS, mandatory = true, defaultValue = "false")
    private boolean readAnnotations;

    private Iterator<Resource> files;
    private Resource current;
    private BioCDocumentSplitter reader;
    private BioCDocument next;
    private IOException nextError;

    @Override
    public void initialize(UimaContext context) throws ResourceInitializationException {
        super.initialize(context);
        files = getResourceIterator();
    }

    @Override
    public boolean hasNext() throws IOException, CollectionException {
        while (next == null && nextError == null) {
            if (reader == null) {
                if (!files.hasNext()) {
                    return false;
                }
                current = nextFile();
                Reader in = new InputStreamReader(current.getInputStream(), StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT));
                try {
                    reader = new BioCDocumentSplitter(in);
                } catch (XMLStreamException | RuntimeException e) {
                    nextError = xmlError(e);
                    closeFile();
                    continue;
                }
            }
            try {
                next = reader.next();
                if (next == null) {
                    closeFile();
                }
            } catch (XMLStreamException | RuntimeException e) {
                nextError = xmlError(e);
                closeFile();
            }
        }
        return true;
    }

    private InputFormatException xmlError(Exception e) {
        long line = 0;
        String where = "";
        if (e instanceof XMLStreamException xe && xe.getLocation() != null) {
            Location loc = xe.getLocation();
            line = loc.getLineNumber();
            where = " (column " + loc.getColumnNumber() + ")";
        }
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
        if (e.getCause() instanceof java.nio.charset.CharacterCodingException) {
            reason = "invalid UTF-8: " + reason;
        }
        return new InputFormatException(current.getLocation(), line,
                "malformed BioC XML" + where + ": " + reason + "; rest of this file skipped", e);
    }

    private void closeFile() throws IOException {
        if (reader != null) {
            try {
                reader.close();
            } finally {
                reader = null;
            }
        }
    }

    @Override
    public void getNext(JCas jcas) throws IOException, CollectionException {
        if (!hasNext()) {
            throw new CollectionException(new IllegalStateException("no more documents"));
        }
        if (nextError != null) {
            IOException e = nextError;
            nextError = null;
            throw e;
        }
        BioCDocument doc = next;
        next = null;
        String id = doc.getID() == null ? "document" : doc.getID();
        initCas(jcas, current, "/" + id);
        DocumentMetaData meta = DocumentMetaData.get(jcas);
        meta.setDocumentId(id);
        meta.setDocumentTitle(id);
        BioCDocuments.fill(jcas, doc, readAnnotations, current.getLocation());
    }

    @Override
    public void close() throws IOException {
        closeFile();
        super.close();
    }
}
