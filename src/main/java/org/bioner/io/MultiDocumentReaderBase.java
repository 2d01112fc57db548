package org.bioner.io;

import java.io.Closeable;
import java.io.IOException;
import java.util.Iterator;

import org.apache.uima.UimaContext;
import org.apache.uima.collection.CollectionException;
import org.apache.uima.jcas.JCas;
import org.apache.uima.resource.ResourceInitializationException;
import org.dkpro.core.api.io.JCasResourceCollectionReader_ImplBase;

import de.tudarmstadt.ukp.dkpro.core.api.metadata.type.DocumentMetaData;

/**
 * Base of readers whose files hold many documents (PubTator, BioC): one CAS per document, and a bad
 * document is reported alone. A parse error is thrown from the {@code getNext} call of the document it
 * belongs to; the next call goes on with the following document, or with the next file when the format
 * cannot be resumed after an error ({@link DocumentSource#resumesAfterError()}).
 *
 * @param <D> the parsed document
 */
public abstract class MultiDocumentReaderBase<D> extends JCasResourceCollectionReader_ImplBase {

    /** The documents of one open file. */
    protected interface DocumentSource<D> extends Closeable {
        /** The next document, or null at the end of the file. */
        D next() throws IOException;

        /** Whether {@link #next()} may be called again after it threw. */
        boolean resumesAfterError();
    }

    private Iterator<Resource> files;
    private Resource current;
    private DocumentSource<D> source;
    private D next;
    private IOException nextError;

    /** Opens a file; an {@link IOException} here reports the file as one failed document. */
    protected abstract DocumentSource<D> open(Resource file) throws IOException;

    /** The document's id (also the CAS's document id and title). */
    protected abstract String idOf(D document);

    /** Fills a CAS whose metadata is already set. */
    protected abstract void fill(JCas jcas, D document, Resource file) throws IOException;

    @Override
    public void initialize(UimaContext context) throws ResourceInitializationException {
        super.initialize(context);
        files = getResourceIterator();
    }

    @Override
    public boolean hasNext() throws IOException, CollectionException {
        while (next == null && nextError == null) {
            if (source == null) {
                if (!files.hasNext()) {
                    return false;
                }
                current = nextFile();
                try {
                    source = open(current);
                } catch (IOException e) {
                    nextError = e;
                    continue;
                }
            }
            try {
                next = source.next();
                if (next == null) {
                    closeSource();
                }
            } catch (IOException e) {
                nextError = e;
                if (!source.resumesAfterError()) {
                    closeSource();
                }
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
        D doc = next;
        next = null;
        String id = idOf(doc);
        initCas(jcas, current, "/" + id);
        DocumentMetaData meta = DocumentMetaData.get(jcas);
        meta.setDocumentId(id);
        meta.setDocumentTitle(id);
        fill(jcas, doc, current);
    }

    private void closeSource() throws IOException {
        if (source != null) {
            try {
                source.close();
            } finally {
                source = null;
            }
        }
    }

    @Override
    public void close() throws IOException {
        closeSource();
        super.close();
    }
}
