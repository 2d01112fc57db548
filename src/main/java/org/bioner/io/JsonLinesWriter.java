package org.bioner.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import org.apache.uima.analysis_engine.AnalysisEngineProcessException;
import org.apache.uima.fit.descriptor.ConfigurationParameter;
import org.apache.uima.fit.descriptor.ResourceMetaData;
import org.apache.uima.fit.descriptor.TypeCapability;
import org.apache.uima.jcas.JCas;
import org.dkpro.core.api.io.JCasFileWriter_ImplBase;
import org.dkpro.core.api.parameter.ComponentParameters;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import org.bioner.corpus.CodePointOffsets;

/**
 * Writes one JSON object per document and line: {@code {"id", "text"?, "entities": [{"begin", "end",
 * "type", "text", "confidence", "model", "identifier"?}]}}. Offsets count Unicode code points, so
 * {@code text[begin:end]} in Python is the entity text. One file per document, or all documents in one
 * file with {@code PARAM_SINGULAR_TARGET}.
 */
@ResourceMetaData(name = "JSON Lines Entity Writer")
@TypeCapability(inputs = {"de.tudarmstadt.ukp.dkpro.core.api.metadata.type.DocumentMetaData",
        "de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity"})
public class JsonLinesWriter extends JCasFileWriter_ImplBase {

    /** Extension of the written files. */
    public static final String PARAM_FILENAME_EXTENSION = ComponentParameters.PARAM_FILENAME_EXTENSION;
    @ConfigurationParameter(name = PARAM_FILENAME_EXTENSION, mandatory = true, defaultValue = ".jsonl")
    private String filenameExtension;

    /** Whether each line also holds the document text. */
    public static final String PARAM_INCLUDE_TEXT = "includeText";
    @ConfigurationParameter(name = PARAM_INCLUDE_TEXT, mandatory = true, defaultValue = "true")
    private boolean includeText;

    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    @Override
    public void process(JCas jcas) throws AnalysisEngineProcessException {
        try (OutputStream os = getOutputStream(jcas, filenameExtension)) {
            os.write(toJsonLine(jcas, includeText).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AnalysisEngineProcessException(e);
        }
    }

    /** The document's JSON line, with its terminating newline. */
    public static String toJsonLine(JCas jcas, boolean includeText) {
        String text = jcas.getDocumentText() == null ? "" : jcas.getDocumentText();
        CodePointOffsets offsets = new CodePointOffsets(text);
        JsonObject doc = new JsonObject();
        doc.addProperty("id", DocumentIds.of(jcas, "document"));
        if (includeText) {
            doc.addProperty("text", text);
        }
        JsonArray entities = new JsonArray();
        for (EntityAnnotations.Entity e : EntityAnnotations.entities(jcas)) {
            JsonObject o = new JsonObject();
            o.addProperty("begin", offsets.toCodePoint(e.begin()));
            o.addProperty("end", offsets.toCodePoint(e.end()));
            o.addProperty("type", e.type());
            o.addProperty("text", e.text());
            o.addProperty("confidence", e.confidence());
            o.addProperty("model", e.model());
            if (e.identifier() != null) {
                o.addProperty("identifier", e.identifier());
            }
            entities.add(o);
        }
        doc.add("entities", entities);
        return GSON.toJson(doc) + "\n";
    }
}
