package org.bioner.io;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamException;

import org.apache.uima.fit.descriptor.ConfigurationParameter;
import org.apache.uima.fit.descriptor.ResourceMetaData;
import org.apache.uima.fit.descriptor.TypeCapability;
import org.apache.uima.jcas.JCas;

import com.pengyifan.bioc.BioCDocument;
import org.bioner.corpus.InputFormatException;

/**
 * Reads BioC XML collections (many documents per file) with the BioC Java library, streaming one
 * document at a time ({@link BioCDocumentSplitter}). Passages become {@link org.bioner.types.Passage} annotations at their BioC offsets;
 * with {@link #PARAM_READ_NAMED_ENTITY} the passage annotations become gold entities. A bad document fails
 * alone; malformed XML fails with file, line and column and ends that file (XML cannot be resumed after
 * a syntax error).
 */
@ResourceMetaData(name = "BioC XML Reader")
@TypeCapability(outputs = {"de.tudarmstadt.ukp.dkpro.core.api.metadata.type.DocumentMetaData",
        "org.bioner.types.Passage", "de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity"})
public class BioCReader extends MultiDocumentReaderBase<BioCDocument> {

    // deprecated alias: now PARAM_READ_NAMED_ENTITY (DKPro's name, the same for every BioNER reader).
    @Deprecated
    public static final String PARAM_READ_ANNOTATIONS = "readNamedEntity";

    /** Whether to add the documents' annotations as gold entity annotations (infon "type" names the type). */
    public static final String PARAM_READ_NAMED_ENTITY = "readNamedEntity"; // = EngineParameters.PARAM_READ_NAMED_ENTITY
    @ConfigurationParameter(name = PARAM_READ_NAMED_ENTITY, mandatory = true, defaultValue = "false")
    private boolean readAnnotations;

    @Override
    protected DocumentSource<BioCDocument> open(Resource file) throws IOException {
        Reader in = new InputStreamReader(file.getInputStream(), StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT));
        BioCDocumentSplitter splitter;
        try {
            splitter = new BioCDocumentSplitter(in);
        } catch (XMLStreamException | RuntimeException e) {
            in.close();
            throw xmlError(file, e);
        }
        return new DocumentSource<>() {
            @Override
            public BioCDocument next() throws IOException {
                try {
                    return splitter.next();
                } catch (XMLStreamException | RuntimeException e) {
                    throw xmlError(file, e);
                }
            }

            @Override
            public boolean resumesAfterError() {
                return false; // XML cannot be resumed after a syntax error
            }

            @Override
            public void close() throws IOException {
                splitter.close();
            }
        };
    }

    private static InputFormatException xmlError(Resource file, Exception e) {
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
        return new InputFormatException(file.getLocation(), line,
                "malformed BioC XML" + where + ": " + reason + "; rest of this file skipped", e);
    }

    @Override
    protected String idOf(BioCDocument document) {
        return document.getID() == null ? "document" : document.getID();
    }

    @Override
    protected void fill(JCas jcas, BioCDocument document, Resource file) throws IOException {
        BioCDocuments.fill(jcas, document, readAnnotations, file.getLocation());
    }
}
