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

    /**
     * A document id as a file name, as {@code bioner annotate} and the Spark job name the XMI files of
     * collection inputs: characters other than letters, digits, {@code . _ -} become {@code _}; an empty or
     * hidden name (a leading dot) gets a leading {@code _}; null is {@code _}.
     */
    public static String safeName(String id) {
        String s = id == null ? "" : id.replaceAll("[^A-Za-z0-9._-]", "_");
        return s.isEmpty() || s.startsWith(".") ? "_" + s : s;
    }
}
