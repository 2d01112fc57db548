package org.bioner.io;

import java.io.IOException;

import org.apache.uima.fit.descriptor.ConfigurationParameter;
import org.apache.uima.fit.descriptor.ResourceMetaData;
import org.apache.uima.fit.descriptor.TypeCapability;
import org.apache.uima.jcas.JCas;
import org.bioner.corpus.CodePointOffsets;
import org.bioner.corpus.InputFormatException;
import org.bioner.corpus.PubTatorDocument;
import org.bioner.corpus.PubTatorParser;
import org.bioner.types.Passage;

/**
 * Reads PubTator files (many documents per file): the document text is title, a newline and the abstract,
 * so PubTator offsets stay valid; title and abstract become {@link Passage} annotations and, when
 * {@link #PARAM_READ_NAMED_ENTITY} is set, the mention lines become gold entity annotations. A malformed
 * document fails alone: {@code getNext} throws an error naming file and line, and the next call goes on
 * with the following document.
 */
@ResourceMetaData(name = "PubTator Reader")
@TypeCapability(outputs = {"de.tudarmstadt.ukp.dkpro.core.api.metadata.type.DocumentMetaData",
        "org.bioner.types.Passage", "de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity"})
public class PubTatorReader extends MultiDocumentReaderBase<PubTatorDocument> {

    // deprecated alias: now PARAM_READ_NAMED_ENTITY (DKPro's name, the same for every BioNER reader).
    @Deprecated
    public static final String PARAM_READ_MENTIONS = "readNamedEntity";

    /** Whether to add the file's mention lines as gold entity annotations (model "gold", confidence 1). */
    public static final String PARAM_READ_NAMED_ENTITY = "readNamedEntity"; // = EngineParameters.PARAM_READ_NAMED_ENTITY
    @ConfigurationParameter(name = PARAM_READ_NAMED_ENTITY, mandatory = true, defaultValue = "false")
    private boolean readMentions;

    @Override
    protected DocumentSource<PubTatorDocument> open(Resource file) throws IOException {
        PubTatorParser parser = new PubTatorParser(file.getInputStream(), file.getLocation());
        return new DocumentSource<>() {
            private boolean broken;

            @Override
            public PubTatorDocument next() throws IOException {
                try {
                    return parser.next();
                } catch (InputFormatException e) {
                    throw e; // a malformed document: the parser has skipped to the next one
                } catch (IOException e) {
                    broken = true; // the file itself could not be read
                    throw e;
                }
            }

            @Override
            public boolean resumesAfterError() {
                return !broken;
            }

            @Override
            public void close() throws IOException {
                parser.close();
            }
        };
    }

    @Override
    protected String idOf(PubTatorDocument doc) {
        return doc.id();
    }

    @Override
    protected void fill(JCas jcas, PubTatorDocument doc, Resource file) {
        String text = doc.text();
        jcas.setDocumentText(text);
        addPassage(jcas, 0, doc.title().length(), "title", 0);
        if (doc.abstractText() != null) {
            int start = doc.title().length() + PubTatorDocument.SEPARATOR.length();
            addPassage(jcas, start, text.length(), "abstract",
                    doc.title().codePointCount(0, doc.title().length()) + 1);
        }
        if (readMentions) {
            CodePointOffsets offsets = new CodePointOffsets(text);
            for (PubTatorDocument.Mention m : doc.mentions()) {
                EntityAnnotations.addGold(jcas, offsets.toUtf16(m.start()), offsets.toUtf16(m.end()), m.type(),
                        m.identifier());
            }
        }
    }

    private static void addPassage(JCas jcas, int begin, int end, String type, int sourceOffset) {
        Passage p = new Passage(jcas, begin, end);
        p.setPassageType(type);
        p.setSourceOffset(sourceOffset);
        p.addToIndexes();
    }

}
