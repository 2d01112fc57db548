package org.bioner.io;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.apache.uima.fit.util.JCasUtil;
import org.apache.uima.jcas.JCas;
import org.bioner.corpus.Span;
import org.bioner.corpus.TagScheme;
import org.bioner.corpus.TaggedSentence;
import org.bioner.types.BioEntity;

import de.tudarmstadt.ukp.dkpro.core.api.metadata.type.DocumentMetaData;
import de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity;
import de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Sentence;
import de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Token;

/**
 * Reads a CAS back into {@link TaggedSentence}s: tokens from the DKPro {@link Token}s of each {@link Sentence},
 * typed IOB2 tags from the entity annotations of the given classes (type name = {@link EntityTypes#nameOf}).
 *
 * <p>An entity is mapped to the tokens it overlaps. IOB cannot express nested or overlapping mentions: of
 * overlapping entities the one starting first (the longest on ties) is kept and the others are dropped.
 * {@code source} of each sentence is the document id, {@code firstLine} its 1-based sentence number.
 */
public final class CasToIob {

    private CasToIob() {
    }

    /** Sentences tagged with all {@link BioEntity} annotations. */
    public static List<TaggedSentence> toTaggedSentences(JCas jcas) {
        return toTaggedSentences(jcas, List.of(BioEntity.class));
    }

    /** Sentences tagged with the annotations of the given classes (and their subclasses). */
    public static List<TaggedSentence> toTaggedSentences(JCas jcas,
            List<? extends Class<? extends NamedEntity>> entityClasses) {
        String source = documentId(jcas);
        List<TaggedSentence> result = new ArrayList<>();
        int sentenceNo = 0;
        for (Sentence sentence : JCasUtil.select(jcas, Sentence.class)) {
            sentenceNo++;
            List<Token> tokens = JCasUtil.selectCovered(Token.class, sentence);
            if (tokens.isEmpty()) continue;
            Set<NamedEntity> entities = new LinkedHashSet<>();
            for (Class<? extends NamedEntity> c : entityClasses) {
                entities.addAll(JCasUtil.selectOverlapping(jcas, c, sentence.getBegin(), sentence.getEnd()));
            }
            List<Span> spans = new ArrayList<>();
            for (NamedEntity e : entities) {
                int start = -1;
                int end = -1;
                for (int i = 0; i < tokens.size(); i++) {
                    Token t = tokens.get(i);
                    if (t.getEnd() > e.getBegin() && t.getBegin() < e.getEnd()) {
                        if (start < 0) start = i;
                        end = i + 1;
                    }
                }
                if (start >= 0) spans.add(new Span(start, end, EntityTypes.nameOf(e)));
            }
            List<String> tokenTexts = tokens.stream().map(Token::getCoveredText).toList();
            result.add(new TaggedSentence(tokenTexts,
                    TagScheme.IOB2.encode(withoutOverlaps(spans), tokens.size()), source, sentenceNo));
        }
        return result;
    }

    private static List<Span> withoutOverlaps(List<Span> spans) {
        List<Span> sorted = new ArrayList<>(spans);
        sorted.sort(Comparator.comparingInt(Span::start).thenComparing(Comparator.comparingInt(Span::end).reversed())
                .thenComparing(Span::type));
        List<Span> kept = new ArrayList<>();
        int coveredUntil = 0;
        for (Span s : sorted) {
            if (s.start() >= coveredUntil) {
                kept.add(s);
                coveredUntil = s.end();
            }
        }
        return Collections.unmodifiableList(kept);
    }

    private static String documentId(JCas jcas) {
        if (!JCasUtil.exists(jcas, DocumentMetaData.class)) return "<cas>";
        String id = DocumentMetaData.get(jcas).getDocumentId();
        return id != null ? id : "<cas>";
    }
}
