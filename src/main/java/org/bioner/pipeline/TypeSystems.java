package org.bioner.pipeline;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.uima.UIMAFramework;
import org.apache.uima.analysis_engine.AnalysisEngineDescription;
import org.apache.uima.resource.ResourceInitializationException;
import org.apache.uima.resource.metadata.FeatureDescription;
import org.apache.uima.resource.metadata.TypeDescription;
import org.apache.uima.resource.metadata.TypeSystemDescription;
import org.apache.uima.util.CasCreationUtils;

/**
 * Merges the type system that came with foreign documents (a TypeSystem.xml written beside XMI files)
 * into ours. Only what is new is taken: types we do not know, and features our types lack. Types we
 * already have keep our definition, because a type system written from a live CAS loses details (list
 * element types) and would otherwise clash with the original.
 */
public final class TypeSystems {

    private TypeSystems() {
    }

    /** Our type system plus the new parts of the foreign one. */
    public static TypeSystemDescription mergeForeign(TypeSystemDescription ours, TypeSystemDescription foreign)
            throws ResourceInitializationException {
        Map<String, TypeDescription> known = new HashMap<>();
        for (TypeDescription t : ours.getTypes()) {
            known.put(t.getName(), t);
        }
        TypeSystemDescription extra = UIMAFramework.getResourceSpecifierFactory().createTypeSystemDescription();
        for (TypeDescription t : foreign.getTypes()) {
            TypeDescription mine = known.get(t.getName());
            if (mine == null) {
                TypeDescription added = extra.addType(t.getName(), t.getDescription(), t.getSupertypeName());
                added.setFeatures(t.getFeatures());
                added.setAllowedValues(t.getAllowedValues());
                continue;
            }
            TypeDescription features = null;
            for (FeatureDescription f : t.getFeatures()) {
                if (!hasFeature(mine, f.getName())) {
                    if (features == null) {
                        features = extra.addType(t.getName(), t.getDescription(), mine.getSupertypeName());
                    }
                    features.addFeature(f.getName(), f.getDescription(), f.getRangeTypeName(),
                            f.getElementType(), f.getMultipleReferencesAllowed());
                }
            }
        }
        return CasCreationUtils.mergeTypeSystems(List.of(ours, extra));
    }

    /** The type system of an engine description, primitive or aggregate. */
    public static TypeSystemDescription of(AnalysisEngineDescription desc) throws ResourceInitializationException {
        if (desc.isPrimitive()) {
            return desc.getAnalysisEngineMetaData().getTypeSystem();
        }
        return CasCreationUtils.mergeDelegateAnalysisEngineTypeSystems(desc);
    }

    private static boolean hasFeature(TypeDescription type, String name) {
        for (FeatureDescription f : type.getFeatures()) {
            if (f.getName().equals(name)) {
                return true;
            }
        }
        return false;
    }
}
