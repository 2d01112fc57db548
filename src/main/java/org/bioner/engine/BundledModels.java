package org.bioner.engine;

import java.util.ArrayList;
import java.util.List;

import org.bioner.model.ResourceLocation;

/**
 * The bundled taggers (Disease, Chemical, Gene/Protein, Species; one shared embedding pass), shipped in the
 * separate artifact {@code org.bioner:bioner-uima:VERSION:jar:models} (classifier {@code models}), so a user
 * chooses whether to carry their 66 MB. {@link BioNerTagger}'s {@code modelLocations} defaults to all four.
 */
public final class BundledModels {

    private BundledModels() {
    }

    public static final String DISEASE = "classpath:/models/disease.bnm";
    public static final String CHEMICAL = "classpath:/models/chemical.bnm";
    public static final String GENE = "classpath:/models/gene.bnm";
    public static final String SPECIES = "classpath:/models/species.bnm";

    /** Maven coordinates of the models artifact, for messages. */
    public static final String ARTIFACT = "org.bioner:bioner-uima:jar:models (classifier \"models\", same version as bioner-uima)";

    /** Whether a classpath location ({@code classpath:} prefix optional) is on the classpath. */
    public static boolean present(String location) {
        return BundledModels.class.getClassLoader().getResource(new ResourceLocation(location, null).resource()) != null;
    }

    /** Bundled model locations among {@code locations} that are not on the classpath. */
    public static List<String> missing(String[] locations) {
        List<String> out = new ArrayList<>();
        for (String l : locations) {
            if ((l.equals(DISEASE) || l.equals(CHEMICAL) || l.equals(GENE) || l.equals(SPECIES)) && !present(l)) out.add(l);
        }
        return out;
    }
}
