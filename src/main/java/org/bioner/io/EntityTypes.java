package org.bioner.io;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;

import org.apache.uima.jcas.JCas;
import org.bioner.types.BioEntity;
import org.bioner.types.CellLine;
import org.bioner.types.CellType;
import org.bioner.types.Chemical;
import org.bioner.types.DNA;
import org.bioner.types.Disease;
import org.bioner.types.Gene;
import org.bioner.types.RNA;
import org.bioner.types.Species;

/**
 * Maps entity type names from corpora and models ({@code disease}, {@code chem}, {@code GENE}, {@code protein},
 * {@code cell_line}, ...) to the JCas classes of the BioNER type system. Names are matched case-insensitively,
 * ignoring {@code _ - /} and spaces. Unknown names map to {@link BioEntity} and keep their spelling.
 */
public final class EntityTypes {

    private record Entry(String canonical, Class<? extends BioEntity> jcasClass,
            BiFunction<JCas, int[], BioEntity> factory) {
    }

    private static final Map<String, Entry> BY_KEY = new LinkedHashMap<>();

    static {
        add(new Entry("Disease", Disease.class, (j, s) -> new Disease(j, s[0], s[1])),
                "disease", "diseases", "disorder", "diseaseclass", "specificdisease", "modifier", "compositemention");
        add(new Entry("Chemical", Chemical.class, (j, s) -> new Chemical(j, s[0], s[1])),
                "chemical", "chemicals", "chem", "drug", "simplechemical");
        add(new Entry("Gene", Gene.class, (j, s) -> new Gene(j, s[0], s[1])),
                "gene", "genes", "protein", "proteins", "geneorprotein", "geneprotein", "geneorgeneproduct");
        add(new Entry("Species", Species.class, (j, s) -> new Species(j, s[0], s[1])),
                "species", "organism", "organisms", "taxon");
        add(new Entry("CellLine", CellLine.class, (j, s) -> new CellLine(j, s[0], s[1])),
                "cellline", "celllines");
        add(new Entry("CellType", CellType.class, (j, s) -> new CellType(j, s[0], s[1])),
                "celltype", "celltypes");
        add(new Entry("DNA", DNA.class, (j, s) -> new DNA(j, s[0], s[1])), "dna");
        add(new Entry("RNA", RNA.class, (j, s) -> new RNA(j, s[0], s[1])), "rna");
    }

    private static void add(Entry entry, String... keys) {
        for (String k : keys) {
            BY_KEY.put(k, entry);
        }
    }

    private EntityTypes() {
    }

    private static Entry lookup(String name) {
        return BY_KEY.get(name.toLowerCase(Locale.ROOT).replaceAll("[\\s_\\-/]", ""));
    }

    /** The canonical spelling of a known type ({@code chem} gives {@code Chemical}); unknown names unchanged. */
    public static String canonicalName(String name) {
        Entry e = lookup(name);
        return e == null ? name : e.canonical();
    }

    /** True if the name maps to one of the specific types rather than to {@link BioEntity}. */
    public static boolean isKnown(String name) {
        return lookup(name) != null;
    }

    /** The JCas class for a type name; {@link BioEntity} for unknown names. */
    public static Class<? extends BioEntity> jcasClass(String name) {
        Entry e = lookup(name);
        return e == null ? BioEntity.class : e.jcasClass();
    }

    /**
     * Creates (without indexing) an annotation of the class for {@code name} over {@code [begin, end)}, with
     * {@code value} = the canonical name.
     */
    public static BioEntity create(JCas jcas, int begin, int end, String name) {
        Entry e = lookup(name);
        BioEntity entity = e == null ? new BioEntity(jcas, begin, end) : e.factory().apply(jcas, new int[] {begin, end});
        entity.setValue(e == null ? name : e.canonical());
        return entity;
    }

    /** The type name of an annotation: its {@code value}, or the canonical name of its class if value is unset. */
    public static String nameOf(de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity entity) {
        if (entity.getValue() != null && !entity.getValue().isEmpty()) {
            return entity.getValue();
        }
        return entity.getClass().getSimpleName();
    }
}
