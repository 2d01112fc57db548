package org.bioner.io;

import java.util.ArrayList;
import java.util.List;

import org.apache.uima.cas.CAS;
import org.apache.uima.cas.Type;
import org.apache.uima.fit.util.JCasUtil;
import org.apache.uima.jcas.JCas;
import org.bioner.types.BioEntity;

import de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity;

/**
 * Reads and creates entity annotations by type name ("Disease", "Chemical", ...) so the format readers
 * and writers agree: a name that is a BioNER type ({@code org.bioner.types.<Name>}) becomes that type,
 * any other name a plain DKPro {@link NamedEntity} with {@code value = name}.
 */
public final class EntityAnnotations {

    /** Package of the BioNER entity types. */
    public static final String TYPE_PACKAGE = "org.bioner.types.";
    /** Model name recorded on annotations read from a corpus. */
    public static final String GOLD_MODEL = "gold";

    private EntityAnnotations() {
    }

    /** One entity as the writers see it. Offsets are CAS (UTF-16) offsets. */
    public record Entity(int begin, int end, String type, String text, Double confidence, String model,
            String identifier) {
    }

    /** All named entities of the CAS in index order (BioNER types and any other DKPro NamedEntity). */
    public static List<Entity> entities(JCas jcas) {
        List<Entity> out = new ArrayList<>();
        for (NamedEntity ne : JCasUtil.select(jcas, NamedEntity.class)) {
            Double confidence = null;
            String model = null;
            if (ne instanceof BioEntity be) {
                confidence = be.getConfidence();
                model = be.getModel();
            }
            out.add(new Entity(ne.getBegin(), ne.getEnd(), typeName(ne), ne.getCoveredText(), confidence,
                    model, ne.getIdentifier()));
        }
        return out;
    }

    /** The type label of an entity: its value, else the short name of its type. */
    public static String typeName(NamedEntity ne) {
        String value = ne.getValue();
        if (value != null && !value.isEmpty()) {
            return value;
        }
        return ne.getType().getShortName();
    }

    /**
     * Adds an entity of the named type (gold: confidence 1, model "gold").
     *
     * @param identifier normalised concept id, or null
     */
    public static NamedEntity addGold(JCas jcas, int begin, int end, String typeName, String identifier) {
        CAS cas = jcas.getCas();
        Type type = cas.getTypeSystem().getType(TYPE_PACKAGE + typeName);
        Type neType = cas.getTypeSystem().getType(NamedEntity.class.getName());
        if (type == null || !cas.getTypeSystem().subsumes(neType, type)) {
            type = neType;
        }
        NamedEntity ne = (NamedEntity) cas.createAnnotation(type, begin, end);
        ne.setValue(typeName);
        if (identifier != null && !identifier.isEmpty()) {
            ne.setIdentifier(identifier);
        }
        if (ne instanceof BioEntity be) {
            be.setConfidence(1.0);
            be.setModel(GOLD_MODEL);
        }
        ne.addToIndexes();
        return ne;
    }
}
