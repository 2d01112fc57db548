package org.bioner.spark;

import java.io.ByteArrayInputStream;
import java.io.IOException;

import org.apache.spark.sql.Row;
import org.apache.uima.cas.impl.XmiCasDeserializer;
import org.apache.uima.jcas.JCas;
import org.bioner.corpus.InputFormatException;
import org.bioner.corpus.PubTatorDocument;
import org.bioner.corpus.PubTatorParser;
import org.bioner.corpus.StrictUtf8;
import org.bioner.types.Passage;

import de.tudarmstadt.ukp.dkpro.core.api.metadata.type.DocumentMetaData;

/**
 * Fills a CAS from one input record ({@link InputRecords#SCHEMA}) the way {@code bioner annotate}'s readers
 * do: text files decoded strictly as UTF-8 (bad bytes are an error naming line and column), PubTator records
 * parsed by the core parser (text = title + newline + abstract, with title/abstract passages), XMI read
 * leniently, table rows taken as they are. Any problem is thrown, and the record goes to the errors table.
 */
final class DocumentLoader {

    private DocumentLoader() {
    }

    static void load(Row row, JCas jcas) throws Exception {
        String kind = row.getAs(InputRecords.KIND);
        String id = row.getAs(InputRecords.DOC_ID);
        String source = row.getAs(InputRecords.SOURCE);
        byte[] bytes = row.getAs(InputRecords.BYTES);
        switch (kind) {
            case InputRecords.KIND_TEXT -> {
                String text = row.getAs(InputRecords.TEXT);
                if (id == null || id.isEmpty()) {
                    throw new InputFormatException(source, 0, "the row has no id");
                }
                if (text == null) {
                    throw new InputFormatException(source, 0, "the row has no text");
                }
                plain(jcas, id, text);
            }
            case InputRecords.KIND_TXT -> plain(jcas, id, StrictUtf8.decode(bytes, source));
            case InputRecords.KIND_PUBTATOR -> pubTator(jcas, bytes, source);
            case InputRecords.KIND_XMI -> {
                XmiCasDeserializer.deserialize(new ByteArrayInputStream(bytes), jcas.getCas(), true);
                if (!(jcas.getDocumentAnnotationFs() instanceof DocumentMetaData)) {
                    meta(jcas, id);
                }
            }
            default -> throw new IllegalArgumentException("unknown record kind " + kind);
        }
    }

    private static void plain(JCas jcas, String id, String text) {
        jcas.setDocumentText(text);
        jcas.setDocumentLanguage("en");
        meta(jcas, id);
    }

    private static void meta(JCas jcas, String id) {
        DocumentMetaData m = DocumentMetaData.create(jcas);
        m.setDocumentId(id);
        m.setDocumentTitle(id);
    }

    private static void pubTator(JCas jcas, byte[] bytes, String source) throws IOException {
        PubTatorDocument doc;
        try (PubTatorParser parser = new PubTatorParser(new ByteArrayInputStream(bytes), source)) {
            doc = parser.next();
        }
        if (doc == null) {
            throw new InputFormatException(source, 1, "empty PubTator record");
        }
        String text = doc.text();
        plain(jcas, doc.id(), text);
        addPassage(jcas, 0, doc.title().length(), "title", 0);
        if (doc.abstractText() != null) {
            int start = doc.title().length() + PubTatorDocument.SEPARATOR.length();
            addPassage(jcas, start, text.length(), "abstract", doc.title().codePointCount(0, doc.title().length()) + 1);
        }
    }

    // as PubTatorReader adds them, so XMI output of PubTator input matches bioner annotate's
    private static void addPassage(JCas jcas, int begin, int end, String type, int sourceOffset) {
        Passage p = new Passage(jcas, begin, end);
        p.setPassageType(type);
        p.setSourceOffset(sourceOffset);
        p.addToIndexes();
    }
}
