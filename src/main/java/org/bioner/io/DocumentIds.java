package org.bioner.io;

import org.apache.uima.jcas.JCas;

import de.tudarmstadt.ukp.dkpro.core.api.metadata.type.DocumentMetaData;

/** The id of a document: DKPro's {@link DocumentMetaData} id when present. */
public final class DocumentIds {

    private DocumentIds() {
    }

    /** The document id, or the fallback when the CAS has no DKPro document metadata or no id. */
    public static String of(JCas jcas, String fallback) {
        if (jcas.getDocumentAnnotationFs() instanceof DocumentMetaData meta && meta.getDocumentId() != null
                && !meta.getDocumentId().isEmpty()) {
            return meta.getDocumentId();
        }
        return fallback;
    }
}
