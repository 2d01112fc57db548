package org.bioner.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;

import org.bioner.io.BioCReader;
import org.bioner.io.PubTatorReader;
import org.junit.jupiter.api.Test;

/** One vocabulary: every engine's PARAM_* constant named like one of EngineParameters' has its value. */
class EngineParametersTest {

    @Test
    void engineConstantsAgreeWithTheVocabulary() throws Exception {
        int checked = 0;
        for (Class<?> c : new Class<?>[] {BioNerTagger.class, BioSegmenter.class, FlairEmbedder.class, BioNerTrainer.class,
                PubTatorReader.class, BioCReader.class}) {
            for (Field f : c.getFields()) {
                if (!Modifier.isStatic(f.getModifiers()) || !f.getName().startsWith("PARAM_") || f.isAnnotationPresent(Deprecated.class)) continue;
                Field shared;
                try {
                    shared = EngineParameters.class.getField(f.getName());
                } catch (NoSuchFieldException e) {
                    continue; // an engine's own parameter
                }
                assertEquals(shared.get(null), f.get(null), c.getSimpleName() + "." + f.getName());
                checked++;
            }
        }
        assertTrue(checked >= 15, "checked " + checked);
    }
}
