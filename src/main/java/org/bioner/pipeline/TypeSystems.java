package org.bioner.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.uima.UIMAException;
import org.apache.uima.UIMAFramework;
import org.apache.uima.analysis_engine.AnalysisEngineDescription;
import org.apache.uima.resource.ResourceInitializationException;
import org.apache.uima.resource.metadata.FeatureDescription;
import org.apache.uima.resource.metadata.TypeDescription;
import org.apache.uima.resource.metadata.TypeSystemDescription;
import org.apache.uima.util.CasCreationUtils;
import org.apache.uima.util.XMLInputSource;

/**
 * The type system of a batch run ({@link #forRun}): the pipeline's and the readers' types, merged with the
 * type system that came with foreign documents (a TypeSystem.xml written beside XMI files). Of the foreign
 * one only what is new is taken: types we do not know, and features our types lack. Types we already have
 * keep our definition, because a type system written from a live CAS loses details (list element types) and
 * would otherwise clash with the original.
 */
public final class TypeSystems {

    private TypeSystems() {
    }

    /**
     * The type system a run's CASes need: the pipeline's, every input reader's, and the new parts of the
     * foreign type system of XMI inputs ({@code typeSystem}, or else a TypeSystem.xml beside the inputs).
     */
    static TypeSystemDescription forRun(AnalysisEngineDescription pipeline, Path in, List<InputFile> files,
            Path typeSystem, boolean readNamedEntity) throws IOException, UIMAException {
        List<TypeSystemDescription> metadata = new ArrayList<>();
        metadata.add(of(pipeline));
        for (InputFormat f : InputFormat.values()) {
            metadata.add(f.reader(in, readNamedEntity).getCollectionReaderMetaData().getTypeSystem());
        }
        TypeSystemDescription types = CasCreationUtils.mergeTypeSystems(resolved(metadata));
        TypeSystemDescription foreign = foreignTypeSystem(in, files, typeSystem);
        return foreign == null ? types : mergeForeign(types, foreign);
    }

    /** The type systems, with the imports of aggregate descriptions resolved. */
    private static List<TypeSystemDescription> resolved(List<TypeSystemDescription> list) throws UIMAException {
        for (TypeSystemDescription t : list) {
            if (t != null) {
                t.resolveImports();
            }
        }
        return list.stream().filter(t -> t != null).toList();
    }

    private static TypeSystemDescription foreignTypeSystem(Path in, List<InputFile> files, Path typeSystem)
            throws IOException {
        Path ts = typeSystem;
        if (ts == null && files.stream().anyMatch(f -> f.format() == InputFormat.XMI)) {
            Path dir = Files.isDirectory(in) ? in : in.getParent();
            for (String name : List.of("TypeSystem.xml", "typesystem.xml")) {
                if (Files.exists(dir.resolve(name))) {
                    ts = dir.resolve(name);
                    break;
                }
            }
        }
        if (ts == null) {
            return null;
        }
        try {
            TypeSystemDescription tsd = UIMAFramework.getXMLParser()
                    .parseTypeSystemDescription(new XMLInputSource(ts.toFile()));
            tsd.resolveImports();
            return tsd;
        } catch (Exception e) {
            throw new IOException(ts + ": not a readable UIMA type system: " + Failures.describe(e), e);
        }
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
