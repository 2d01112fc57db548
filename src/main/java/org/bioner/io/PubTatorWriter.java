package org.bioner.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.uima.analysis_engine.AnalysisEngineProcessException;
import org.apache.uima.fit.descriptor.ConfigurationParameter;
import org.apache.uima.fit.descriptor.ResourceMetaData;
import org.apache.uima.fit.descriptor.TypeCapability;
import org.apache.uima.jcas.JCas;
import org.bioner.corpus.CodePointOffsets;
import org.bioner.corpus.PubTatorDocument;
import org.dkpro.core.api.io.JCasFileWriter_ImplBase;
import org.dkpro.core.api.parameter.ComponentParameters;

/**
 * Writes documents and their named entities in PubTator format, one file per document or, with
 * {@code PARAM_SINGULAR_TARGET}, all documents into one file. The text up to the first newline is the
 * title and the rest the abstract; line breaks and tabs inside become spaces (same length, so offsets
 * are unchanged). Offsets are Unicode code points.
 */
@ResourceMetaData(name = "PubTator Writer")
@TypeCapability(inputs = {"de.tudarmstadt.ukp.dkpro.core.api.metadata.type.DocumentMetaData",
        "de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity"})
public class PubTatorWriter extends JCasFileWriter_ImplBase {

    /** Extension of the written files. */
    public static final String PARAM_FILENAME_EXTENSION = ComponentParameters.PARAM_FILENAME_EXTENSION;
    @ConfigurationParameter(name = PARAM_FILENAME_EXTENSION, mandatory = true, defaultValue = ".pubtator")
    private String filenameExtension;

    @Override
    public void process(JCas jcas) throws AnalysisEngineProcessException {
        try (OutputStream os = getOutputStream(jcas, filenameExtension)) {
            Writer w = new OutputStreamWriter(os, StandardCharsets.UTF_8);
            w.write(format(toPubTator(jcas)));
            w.write('\n');
            w.flush();
        } catch (IOException e) {
            throw new AnalysisEngineProcessException(e);
        }
    }

    /** The CAS as a PubTator document (entities in index order). */
    public static PubTatorDocument toPubTator(JCas jcas) {
        String text = jcas.getDocumentText() == null ? "" : jcas.getDocumentText();
        int nl = text.indexOf('\n');
        String title = singleLine(nl < 0 ? text : text.substring(0, nl));
        String abstractText = nl < 0 ? null : singleLine(text.substring(nl + 1));
        CodePointOffsets offsets = new CodePointOffsets(text);
        List<PubTatorDocument.Mention> mentions = new ArrayList<>();
        for (EntityAnnotations.Entity e : EntityAnnotations.entities(jcas)) {
            mentions.add(new PubTatorDocument.Mention(offsets.toCodePoint(e.begin()), offsets.toCodePoint(e.end()),
                    singleLine(e.text()), e.type(), e.identifier()));
        }
        return new PubTatorDocument(documentId(jcas), title, abstractText, mentions);
    }

    /** The document id, made safe for PubTator's '|' and tab separated lines. */
    static String documentId(JCas jcas) {
        return DocumentIds.of(jcas, "document").replaceAll("[|\\s]", "_");
    }

    /** The PubTator lines of a document, without the blank line that ends it. */
    public static String format(PubTatorDocument doc) {
        StringBuilder sb = new StringBuilder();
        sb.append(doc.id()).append("|t|").append(doc.title()).append('\n');
        if (doc.abstractText() != null) {
            sb.append(doc.id()).append("|a|").append(doc.abstractText()).append('\n');
        }
        for (PubTatorDocument.Mention m : doc.mentions()) {
            sb.append(doc.id()).append('\t').append(m.start()).append('\t').append(m.end()).append('\t')
                    .append(m.text()).append('\t').append(m.type());
            if (m.identifier() != null) {
                sb.append('\t').append(m.identifier());
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String singleLine(String s) {
        return s.replace('\n', ' ').replace('\r', ' ').replace('\t', ' ');
    }
}
