package org.bioner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity;
import org.apache.uima.fit.factory.JCasFactory;
import org.apache.uima.fit.util.JCasUtil;
import org.apache.uima.jcas.JCas;
import org.bioner.types.Disease;
import org.junit.jupiter.api.Test;

class TypeSystemTest {

    @Test
    void entityTypesAreDkproNamedEntitiesAndAutoDetected() throws Exception {
        JCas jcas = JCasFactory.createText("Huntington disease is inherited.");
        Disease d = new Disease(jcas, 0, 18);
        d.setValue("Disease");
        d.setConfidence(0.9);
        d.setModel("test");
        d.addToIndexes();
        NamedEntity ne = JCasUtil.selectSingle(jcas, NamedEntity.class);
        assertTrue(ne instanceof Disease);
        assertEquals("Huntington disease", ne.getCoveredText());
        assertEquals(0.9, ((Disease) ne).getConfidence(), 0.0);
    }
}
