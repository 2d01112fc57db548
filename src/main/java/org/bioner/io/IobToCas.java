package org.bioner.io;

import java.util.ArrayList;
import java.util.List;

import org.apache.uima.jcas.JCas;
import org.bioner.corpus.Span;
import org.bioner.corpus.TagScheme;
import org.bioner.corpus.TaggedSentence;
import org.bioner.types.BioEntity;

import de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Sentence;
import de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Token;

/**
 * Puts tagged sentences into a CAS: the text is the tokens joined by single spaces with a newline after each
 * sentence; DKPro {@link Token} and {@link Sentence} annotations; one entity annotation per IOB2 span, of the class
 * {@link EntityTypes} gives for its type.
 */
public final class IobToCas {

    /** The {@code model} feature value of entity annotations read from a corpus. */
    public static final String GOLD_MODEL = "gold";

    private IobToCas() {
    }

    /**
     * Sets the document text of an empty CAS and adds the annotations.
     *
     * @param sentences sentences with typed (or untyped) IOB2 tags
     * @param defaultType type for untyped tags
     */
    public static void fill(JCas jcas, List<TaggedSentence> sentences, String defaultType) {
        StringBuilder text = new StringBuilder();
        List<int[]> tokenOffsets = new ArrayList<>();
        for (TaggedSentence s : sentences) {
            for (int i = 0; i < s.size(); i++) {
                if (i > 0) text.append(' ');
                int begin = text.length();
                text.append(s.tokens().get(i));
                tokenOffsets.add(new int[] {begin, text.length()});
            }
            text.append('\n');
        }
        jcas.setDocumentText(text.toString());

        int first = 0;
        for (TaggedSentence s : sentences) {
            if (s.size() == 0) continue;
            for (int i = 0; i < s.size(); i++) {
                int[] t = tokenOffsets.get(first + i);
                new Token(jcas, t[0], t[1]).addToIndexes();
            }
            new Sentence(jcas, tokenOffsets.get(first)[0], tokenOffsets.get(first + s.size() - 1)[1]).addToIndexes();
            for (Span span : TagScheme.IOB2.decode(s.tags(), defaultType)) {
                BioEntity e = EntityTypes.create(jcas, tokenOffsets.get(first + span.start())[0],
                        tokenOffsets.get(first + span.end() - 1)[1], span.type());
                e.setConfidence(1.0);
                e.setModel(GOLD_MODEL);
                e.addToIndexes();
            }
            first += s.size();
        }
    }
}
