package org.bioner.io;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.apache.uima.fit.util.JCasUtil;
import org.apache.uima.jcas.JCas;
import org.bioner.corpus.CodePointOffsets;
import org.bioner.corpus.InputFormatException;
import org.bioner.types.Passage;

import com.pengyifan.bioc.BioCAnnotation;
import com.pengyifan.bioc.BioCDocument;
import com.pengyifan.bioc.BioCLocation;
import com.pengyifan.bioc.BioCPassage;
import com.pengyifan.bioc.BioCSentence;

/**
 * Converts between BioC documents and CASes. BioC offsets are Unicode code points in document
 * coordinates; the CAS text places every passage at its BioC offset (gaps filled with a newline and
 * spaces), so CAS offsets equal BioC offsets for text inside the Basic Multilingual Plane.
 */
public final class BioCDocuments {

    /** Infon keys written and read on annotations. */
    public static final String INFON_TYPE = "type";
    public static final String INFON_IDENTIFIER = "identifier";
    public static final String INFON_CONFIDENCE = "confidence";
    public static final String INFON_MODEL = "model";

    private BioCDocuments() {
    }

    /** Fills an empty CAS (text, passages, optionally gold entities) from a BioC document. */
    public static void fill(JCas jcas, BioCDocument doc, boolean readAnnotations, String source)
            throws InputFormatException {
        List<BioCPassage> passages = new ArrayList<>(doc.getPassages());
        passages.sort(Comparator.comparingInt(BioCPassage::getOffset));
        StringBuilder text = new StringBuilder();
        int textCodePoints = 0;
        List<int[]> placed = new ArrayList<>(); // CAS begin, CAS end, source offset (per passage)
        for (BioCPassage p : passages) {
            String ptext = passageText(p, doc, source);
            if (textCodePoints > 0 || p.getOffset() > 0) {
                int gap = p.getOffset() - textCodePoints;
                if (gap >= 1) {
                    text.append('\n').append(" ".repeat(gap - 1));
                    textCodePoints += gap;
                } else if (textCodePoints > 0) {
                    // overlapping or out-of-order passage: put it after the previous one
                    text.append('\n');
                    textCodePoints++;
                }
            }
            int begin = text.length();
            text.append(ptext);
            textCodePoints += ptext.codePointCount(0, ptext.length());
            placed.add(new int[] {begin, text.length(), p.getOffset()});
        }
        String docText = text.toString();
        jcas.setDocumentText(docText);
        for (int i = 0; i < passages.size(); i++) {
            BioCPassage p = passages.get(i);
            int[] at = placed.get(i);
            Passage anno = new Passage(jcas, at[0], at[1]);
            anno.setPassageType(p.getInfon(INFON_TYPE).orElse(null));
            anno.setSourceOffset(at[2]);
            anno.addToIndexes();
            if (readAnnotations) {
                List<BioCAnnotation> annotations = new ArrayList<>(p.getAnnotations());
                for (BioCSentence s : p.getSentences()) {
                    annotations.addAll(s.getAnnotations());
                }
                addAnnotations(jcas, doc, docText, at, annotations, source);
            }
        }
    }

    private static String passageText(BioCPassage p, BioCDocument doc, String source) throws InputFormatException {
        if (p.getText().isPresent()) {
            return p.getText().get();
        }
        // text given sentence by sentence: place the sentences at their offsets inside the passage
        StringBuilder sb = new StringBuilder();
        int cps = 0;
        for (BioCSentence s : p.getSentences()) {
            String st = s.getText().orElse("");
            int rel = s.getOffset() - p.getOffset();
            if (rel < cps) {
                throw new InputFormatException(source, 0, "BioC document " + doc.getID() + ": sentence at offset "
                        + s.getOffset() + " overlaps the previous sentence");
            }
            sb.append(" ".repeat(rel - cps)).append(st);
            cps = rel + st.codePointCount(0, st.length());
        }
        return sb.toString();
    }

    private static void addAnnotations(JCas jcas, BioCDocument doc, String docText, int[] passageAt,
            List<BioCAnnotation> annotations, String source) throws InputFormatException {
        String ptext = docText.substring(passageAt[0], passageAt[1]);
        CodePointOffsets offsets = new CodePointOffsets(ptext);
        for (BioCAnnotation a : annotations) {
            String type = a.getInfon(INFON_TYPE).orElse(a.getInfon("Type").orElse("Entity"));
            for (BioCLocation loc : a.getLocations()) {
                int rel = loc.getOffset() - passageAt[2];
                int relEnd = rel + loc.getLength();
                if (rel < 0 || loc.getLength() <= 0 || relEnd > offsets.codePointLength()) {
                    throw new InputFormatException(source, 0, "BioC document " + doc.getID() + ": annotation "
                            + a.getID() + " at " + loc.getOffset() + "+" + loc.getLength()
                            + " lies outside its passage (offset " + passageAt[2] + ")");
                }
                int begin = passageAt[0] + offsets.toUtf16(rel);
                int end = passageAt[0] + offsets.toUtf16(relEnd);
                if (a.getLocationCount() == 1 && a.getText().isPresent()
                        && !a.getText().get().equals(docText.substring(begin, end))) {
                    throw new InputFormatException(source, 0, "BioC document " + doc.getID() + ": annotation "
                            + a.getID() + " text '" + a.getText().get() + "' differs from the passage text '"
                            + docText.substring(begin, end) + "' at " + loc.getOffset());
                }
                EntityAnnotations.addGold(jcas, begin, end, type, a.getInfon(INFON_IDENTIFIER).orElse(null));
            }
        }
    }

    /** The CAS as a BioC document: its passages (or one passage for the whole text) and entities. */
    public static BioCDocument toBioC(JCas jcas) {
        String text = jcas.getDocumentText() == null ? "" : jcas.getDocumentText();
        CodePointOffsets offsets = new CodePointOffsets(text);
        BioCDocument doc = new BioCDocument(DocumentIds.of(jcas, "document"));
        List<Passage> passages = new ArrayList<>(JCasUtil.select(jcas, Passage.class));
        List<BioCPassage> out = new ArrayList<>();
        List<int[]> spans = new ArrayList<>(); // CAS begin, CAS end, BioC offset
        if (passages.isEmpty()) {
            out.add(passage(text, 0, null));
            spans.add(new int[] {0, text.length(), 0});
        } else {
            for (Passage p : passages) {
                out.add(passage(p.getCoveredText(), p.getSourceOffset(), p.getPassageType()));
                spans.add(new int[] {p.getBegin(), p.getEnd(), p.getSourceOffset()});
            }
        }
        int id = 0;
        for (EntityAnnotations.Entity e : EntityAnnotations.entities(jcas)) {
            int k = 0;
            while (k < spans.size() - 1 && !(e.begin() >= spans.get(k)[0] && e.begin() < spans.get(k)[1])) {
                k++;
            }
            int[] span = spans.get(k);
            int offset = span[2] + offsets.toCodePoint(e.begin()) - offsets.toCodePoint(span[0]);
            int length = offsets.toCodePoint(e.end()) - offsets.toCodePoint(e.begin());
            BioCAnnotation a = new BioCAnnotation("T" + (++id));
            a.putInfon(INFON_TYPE, e.type());
            if (e.identifier() != null) {
                a.putInfon(INFON_IDENTIFIER, e.identifier());
            }
            if (e.confidence() != null) {
                a.putInfon(INFON_CONFIDENCE, String.format(java.util.Locale.ROOT, "%.4f", e.confidence()));
            }
            if (e.model() != null) {
                a.putInfon(INFON_MODEL, e.model());
            }
            a.addLocation(new BioCLocation(offset, length));
            a.setText(e.text());
            out.get(k).addAnnotation(a);
        }
        out.forEach(doc::addPassage);
        return doc;
    }

    private static BioCPassage passage(String text, int offset, String type) {
        BioCPassage p = new BioCPassage();
        p.setOffset(offset);
        p.setText(text);
        if (type != null) {
            p.putInfon(INFON_TYPE, type);
        }
        return p;
    }
}
