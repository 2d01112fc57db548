package org.bioner.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.uima.fit.factory.JCasFactory;
import org.apache.uima.jcas.JCas;
import org.bioner.types.BioEntity;
import org.bioner.types.CellLine;
import org.bioner.types.Chemical;
import org.bioner.types.DNA;
import org.bioner.types.Disease;
import org.bioner.types.Gene;
import org.junit.jupiter.api.Test;

class EntityTypesTest {

    @Test
    void aliasesAreCaseInsensitive() {
        assertEquals("Disease", EntityTypes.canonicalName("disease"));
        assertEquals("Chemical", EntityTypes.canonicalName("chem"));
        assertEquals("Gene", EntityTypes.canonicalName("GENE"));
        assertEquals("Gene", EntityTypes.canonicalName("protein"));
        assertEquals("CellLine", EntityTypes.canonicalName("cell_line"));
        assertEquals("CellType", EntityTypes.canonicalName("Cell-Type"));
        assertEquals("DNA", EntityTypes.canonicalName("dna"));
        assertSame(Chemical.class, EntityTypes.jcasClass("CHEMICAL"));
        assertSame(CellLine.class, EntityTypes.jcasClass("cellline"));
        assertTrue(EntityTypes.isKnown("Species"));
    }

    @Test
    void unknownNamesFallBackToBioEntityAndKeepTheirSpelling() {
        assertEquals("Mutation", EntityTypes.canonicalName("Mutation"));
        assertSame(BioEntity.class, EntityTypes.jcasClass("Mutation"));
        assertFalse(EntityTypes.isKnown("Entity"));
    }

    @Test
    void createBuildsTheRightClassWithCanonicalValue() throws Exception {
        JCas jcas = JCasFactory.createText("BRCA1 causes breast cancer and DNA damage");
        BioEntity gene = EntityTypes.create(jcas, 0, 5, "protein");
        BioEntity disease = EntityTypes.create(jcas, 13, 26, "DISEASE");
        BioEntity other = EntityTypes.create(jcas, 31, 41, "Damage");
        BioEntity dna = EntityTypes.create(jcas, 31, 34, "dna");
        assertSame(Gene.class, gene.getClass());
        assertEquals("Gene", gene.getValue());
        assertSame(Disease.class, disease.getClass());
        assertEquals("breast cancer", disease.getCoveredText());
        assertEquals("Disease", disease.getValue());
        assertSame(BioEntity.class, other.getClass());
        assertEquals("Damage", other.getValue());
        assertSame(DNA.class, dna.getClass());
        assertEquals("Gene", EntityTypes.nameOf(gene));
    }
}
