package org.bioner.pipeline;

import static org.apache.uima.fit.factory.AnalysisEngineFactory.createEngineDescription;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import javax.xml.stream.XMLStreamException;

import org.apache.uima.analysis_engine.AnalysisEngineDescription;
import org.apache.uima.jcas.JCas;
import org.apache.uima.resource.ResourceInitializationException;
import org.bioner.io.BioCWriter;
import org.bioner.io.JsonLinesWriter;
import org.bioner.io.PubTatorWriter;
import org.dkpro.core.io.conll.Conll2002Writer;
import org.dkpro.core.io.xmi.XmiWriter;

/**
 * The formats {@code bioner annotate} writes. XMI and CoNLL are one file per document, written by DKPro's
 * writers; PubTator, BioC and JSON lines are collections, rendered per document and assembled in order.
 */
public enum OutputFormat {
    XMI(".xmi", false),
    CONLL(".conll", false),
    PUBTATOR(".pubtator", true),
    BIOC(".bioc.xml", true),
    JSONL(".jsonl", true);

    private final String extension;
    private final boolean collection;

    OutputFormat(String extension, boolean collection) {
        this.extension = extension;
        this.collection = collection;
    }

    public String extension() {
        return extension;
    }

    /** Whether documents are gathered into collection files. */
    public boolean isCollection() {
        return collection;
    }

    /** The DKPro writer of a per-document format, writing into {@code dir}. */
    public AnalysisEngineDescription writer(Path dir) throws ResourceInitializationException {
        String target = dir.toAbsolutePath().toString();
        return switch (this) {
            case XMI -> createEngineDescription(XmiWriter.class, XmiWriter.PARAM_TARGET_LOCATION, target,
                    XmiWriter.PARAM_OVERWRITE, true, XmiWriter.PARAM_USE_DOCUMENT_ID, true,
                    XmiWriter.PARAM_ESCAPE_FILENAME, true,
                    // characters XML cannot hold (e.g. U+FFFF) are replaced one for one, keeping offsets
                    XmiWriter.PARAM_SANITIZE_ILLEGAL_CHARACTERS, true);
            case CONLL -> createEngineDescription(Conll2002Writer.class, Conll2002Writer.PARAM_TARGET_LOCATION,
                    target, Conll2002Writer.PARAM_OVERWRITE, true, Conll2002Writer.PARAM_USE_DOCUMENT_ID, true,
                    Conll2002Writer.PARAM_ESCAPE_FILENAME, true, Conll2002Writer.PARAM_FILENAME_EXTENSION, extension);
            default -> throw new IllegalStateException(this + " is a collection format");
        };
    }

    /** One document of a collection format, as it appears in the collection file. */
    public byte[] render(JCas jcas) throws IOException {
        return switch (this) {
            case PUBTATOR -> (PubTatorWriter.format(PubTatorWriter.toPubTator(jcas)) + "\n")
                    .getBytes(StandardCharsets.UTF_8);
            case JSONL -> JsonLinesWriter.toJsonLine(jcas, true).getBytes(StandardCharsets.UTF_8);
            case BIOC -> {
                ByteArrayOutputStream bos = new ByteArrayOutputStream();
                try {
                    BioCWriter.write(jcas, bos);
                } catch (XMLStreamException e) {
                    throw new IOException(e);
                }
                yield bos.toByteArray();
            }
            default -> throw new IllegalStateException(this + " is a per-document format");
        };
    }
}
