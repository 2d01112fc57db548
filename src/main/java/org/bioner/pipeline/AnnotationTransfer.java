package org.bioner.pipeline;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import org.apache.uima.cas.CAS;
import org.apache.uima.cas.FeatureStructure;
import org.apache.uima.cas.Type;
import org.apache.uima.cas.text.AnnotationFS;
import org.apache.uima.jcas.tcas.Annotation;
import org.apache.uima.util.CasCopier;

/**
 * Copies the annotations of one span of a CAS into another CAS, shifting offsets: the chunked
 * processing moves existing annotations into a chunk CAS and the new ones back.
 */
final class AnnotationTransfer {

    private AnnotationTransfer() {
    }

    /**
     * Copies every annotation of {@code from} that lies inside [begin, end) into {@code to}, shifted by
     * {@code shift}, and indexes it, except document annotations, annotations in {@code exclude} (by
     * identity) and types rejected by {@code keepType}. Referenced feature structures come along.
     *
     * @return the copies, by identity
     */
    static Set<FeatureStructure> copy(CAS from, CAS to, int begin, int end, int shift,
            Set<FeatureStructure> exclude, Predicate<Type> keepType) {
        Type docType = from.getTypeSystem().getType(CAS.TYPE_NAME_DOCUMENT_ANNOTATION);
        CasCopier copier = new CasCopier(from, to);
        List<AnnotationFS> selected = new ArrayList<>();
        // coveredBy walks only the span, not the whole index: chunks of a long document stay linear
        for (AnnotationFS a : from.getAnnotationIndex().select().coveredBy(begin, end).toList()) {
            if (from.getTypeSystem().subsumes(docType, a.getType())
                    || exclude.contains(a) || !keepType.test(a.getType())) {
                continue;
            }
            selected.add(a);
        }
        Set<FeatureStructure> copies = Collections.newSetFromMap(new IdentityHashMap<>());
        for (AnnotationFS a : selected) {
            Annotation c = (Annotation) copier.copyFs(a);
            if (copies.add(c)) {
                c.setBegin(a.getBegin() + shift);
                c.setEnd(a.getEnd() + shift);
            }
        }
        for (FeatureStructure c : copies) {
            to.addFsToIndexes(c);
        }
        return copies;
    }
}
