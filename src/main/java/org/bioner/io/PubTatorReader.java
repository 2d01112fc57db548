package org.bioner.io;

import java.io.IOException;
import java.util.Iterator;

import org.apache.uima.UimaContext;
import org.apache.uima.collection.CollectionException;
import org.apache.uima.fit.descriptor.ConfigurationParameter;
import org.apache.uima.fit.descriptor.ResourceMetaData;
import org.apache.uima.fit.descriptor.TypeCapability;
import org.apache.uima.jcas.JCas;
import org.apache.uima.resource.ResourceInitializationException;
import org.bioner.types.Passage;
import org.dkpro.core.api.io.JCasResourceCollectionReader_ImplBase;

import de.tudarmstadt.ukp.dkpro.core.api.metadata.type.DocumentMetaData;

/**
 * Reads PubTator files (many documents per file): the document text is title, a newline and the abstract,
 * so PubTator offsets stay valid; title and abstract become {@link Passage} annotations and, when
 * {@link #PARAM_READ_MENTIONS} is set, the mention lines become gold entity annotations. A malformed
 * document fails alone: {@code getNext} throws an error naming file and line, and the next call goes on
 * with the following document.
 */
@ResourceMetaData(name = "PubTator Reader")
@TypeCapability(outputs = {"de.tudarmstadt.ukp.dkpro.core.api.metadata.type.DocumentMetaData",
        "org.bioner.types.Passage", "de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity"})
public class PubTatorReader extends JCasResourceCollectionReader_ImplBase {

    /** Whether to add the file's mention lines as gold entity annotations (model "gold", confidence 1). */
    public static final String PARAM_READ_MENTIONS = "readMentions";
    @ConfigurationParameter(name = PARAM_READ_MENTIONS, mandatory = true, defaultValue = "false")
    private boolean readMentions;

    private Iterator<Resource> files;
    private Resource current;
    private PubTatorParser parser;
    private PubTatorDocument next;
    private IOException nextError;

    @Override
    public void initialize(UimaContext context) throws ResourceInitializationException {
        super.initialize(context);
        files = getResourceIterator();
    }

    @Override
    public boolean hasNext() throws IOException, CollectionException {
        while (next == null && nextError == null) {
            if (parser == null) {
                if (!files.hasNext()) {
                    return false;
                }
                current = nextFile();
                parser = new PubTatorParser(current.getInputStream(), current.getLocation());
            }
            try {
                next = parser.next();
                if (next == null) {
                    parser.close();
                    parser = null;
                }
            } catch (InputFormatException e) {
                nextError = e;
            }
        }
        return true;
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
        PubTatorDocument doc = next;
        next = null;
        initCas(jcas, current, "/" + doc.id());
        DocumentMetaData meta = DocumentMetaData.get(jcas);
        meta.setDocumentId(doc.id());
        meta.setDocumentTitle(doc.id());
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

    @Override
    public void close() throws IOException {
        if (parser != null) {
            parser.close();
            parser = null;
        }
        super.close();
    }
}
