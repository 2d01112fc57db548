package org.bioner.pipeline;

import java.util.Arrays;
import java.util.List;

import org.apache.uima.cas.CAS;
import org.bioner.engine.CasSentences;

/**
 * The layout of several short documents laid end to end in one text, so that one {@code process()} call
 * sees the sentences of all of them and the character LMs run one large batch instead of one small batch
 * per document. The separator is a blank line holding a paragraph separator (U+2029): whitespace to every
 * tokenizer, and a sentence end both for {@link org.bioner.tokenization.SentenceSplitter} and for
 * {@code java.text.BreakIterator} (DKPro's BreakIteratorSegmenter), which does not break at a plain blank
 * line after a document that ends without punctuation.
 */
final class DocumentPack {

    static final String SEPARATOR = "\n" + CasSentences.CONTEXT_BREAK + "\n"; // also ends document context

    private final int[] offsets;
    private final int[] lengths;
    private final String text;

    DocumentPack(List<? extends CAS> documents) {
        offsets = new int[documents.size()];
        lengths = new int[documents.size()];
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < documents.size(); i++) {
            if (i > 0) {
                sb.append(SEPARATOR);
            }
            String t = documents.get(i).getDocumentText();
            offsets[i] = sb.length();
            lengths[i] = t.length();
            sb.append(t);
        }
        text = sb.toString();
    }

    String text() {
        return text;
    }

    /** Where document {@code i} starts in the packed text. */
    int offset(int i) {
        return offsets[i];
    }

    /** The document whose text wholly holds [begin, end), or -1 when the span touches a separator. */
    int owner(int begin, int end) {
        int k = Arrays.binarySearch(offsets, begin);
        if (k < 0) {
            k = -k - 2; // the last document starting before begin
        }
        return k >= 0 && end <= offsets[k] + lengths[k] ? k : -1;
    }
}
