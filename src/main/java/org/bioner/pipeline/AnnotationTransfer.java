package org.bioner.pipeline;

import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.apache.uima.cas.CAS;
import org.apache.uima.cas.CommonArrayFS;
import org.apache.uima.cas.Feature;
import org.apache.uima.cas.FeatureStructure;
import org.apache.uima.cas.Type;
import org.apache.uima.cas.TypeSystem;
import org.apache.uima.cas.text.AnnotationFS;

/**
 * Copies annotations between the document CAS and the scratch CAS of a chunk, shifting offsets. Both
 * CASes share one type system. Primitive features and primitive arrays are copied; a reference to
 * another annotation is kept when that annotation is copied in the same call (tokens of a sentence,
 * POS of a token), other references are left empty. A fresh map per call keeps memory per chunk.
 * (UIMA's CasCopier would do the copying, but building one per chunk costs more than the chunk's work
 * on large type systems, and a long-lived one remembers every structure of every chunk.)
 */
final class AnnotationTransfer {

    private AnnotationTransfer() {
    }

    /**
     * Copies the annotations into {@code to}, shifted by {@code shift}, and indexes them, skipping
     * those in {@code exclude} (by identity) and types rejected by {@code keepType}.
     *
     * @return original to copy, by identity
     */
    static Map<FeatureStructure, FeatureStructure> copy(Collection<? extends AnnotationFS> annotations, CAS to,
            int shift, Set<FeatureStructure> exclude, Predicate<Type> keepType) {
        Map<FeatureStructure, FeatureStructure> copies = new IdentityHashMap<>();
        TypeSystem ts = to.getTypeSystem();
        for (AnnotationFS a : annotations) {
            if (exclude.contains(a) || !keepType.test(a.getType())) {
                continue;
            }
            Type type = ts.getType(a.getType().getName());
            AnnotationFS c = to.createAnnotation(type, a.getBegin() + shift, a.getEnd() + shift);
            copies.put(a, c);
        }
        for (Map.Entry<FeatureStructure, FeatureStructure> e : copies.entrySet()) {
            copyFeatures(e.getKey(), e.getValue(), copies, to);
            to.addFsToIndexes(e.getValue());
        }
        return copies;
    }

    private static void copyFeatures(FeatureStructure from, FeatureStructure to,
            Map<FeatureStructure, FeatureStructure> copies, CAS target) {
        for (Feature f : from.getType().getFeatures()) {
            String name = f.getShortName();
            if (name.equals("begin") || name.equals("end") || name.equals("sofa")) {
                continue;
            }
            Feature tf = to.getType().getFeatureByBaseName(name);
            if (f.getRange().isPrimitive()) {
                String value = from.getFeatureValueAsString(f);
                if (value != null) {
                    to.setFeatureValueFromString(tf, value);
                }
                continue;
            }
            FeatureStructure ref = from.getFeatureValue(f);
            if (ref == null) {
                continue;
            }
            FeatureStructure mapped = copies.get(ref);
            if (mapped == null && ref instanceof CommonArrayFS<?> array && ref.getType().getComponentType() != null
                    && ref.getType().getComponentType().isPrimitive()) {
                mapped = copyPrimitiveArray(array, target);
            }
            if (mapped != null) {
                to.setFeatureValue(tf, mapped);
            }
        }
    }

    private static FeatureStructure copyPrimitiveArray(CommonArrayFS<?> array, CAS target) {
        String[] values = array.toStringArray();
        String component = ((FeatureStructure) array).getType().getComponentType().getName();
        return switch (component) {
            case CAS.TYPE_NAME_FLOAT -> {
                var a = target.createFloatArrayFS(values.length);
                a.copyFromArray(((org.apache.uima.cas.FloatArrayFS) array).toArray(), 0, 0, values.length);
                yield a;
            }
            case CAS.TYPE_NAME_INTEGER -> {
                var a = target.createIntArrayFS(values.length);
                a.copyFromArray(((org.apache.uima.cas.IntArrayFS) array).toArray(), 0, 0, values.length);
                yield a;
            }
            case CAS.TYPE_NAME_DOUBLE -> {
                var a = target.createDoubleArrayFS(values.length);
                a.copyFromArray(((org.apache.uima.cas.DoubleArrayFS) array).toArray(), 0, 0, values.length);
                yield a;
            }
            case CAS.TYPE_NAME_STRING -> {
                var a = target.createStringArrayFS(values.length);
                a.copyFromArray(values, 0, 0, values.length);
                yield a;
            }
            // byte, short, long and boolean arrays do not occur on the annotations we chunk: left empty
            default -> null;
        };
    }
}
