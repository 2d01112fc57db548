package org.bioner.pipeline;

import java.util.ArrayDeque;

import org.apache.uima.UIMAException;
import org.apache.uima.jcas.JCas;
import org.apache.uima.resource.metadata.TypeSystemDescription;
import org.apache.uima.util.CasCreationUtils;

/**
 * CASes of one type system, reused: a released CAS is reset and handed out again, so a run holds only as
 * many as are in flight at once (one pack), for {@code bioner annotate} and the Spark workers alike. Not
 * thread-safe.
 */
public final class CasPool {

    private final TypeSystemDescription types;
    private final ArrayDeque<JCas> free = new ArrayDeque<>();

    public CasPool(TypeSystemDescription types) {
        this.types = types;
    }

    /** An empty CAS: a released one, or a new one when none is free. */
    public JCas acquire() throws UIMAException {
        return free.isEmpty() ? CasCreationUtils.createCas(types, null, null).getJCas() : free.pop();
    }

    /** Gives a CAS back, emptied. */
    public void release(JCas jcas) {
        jcas.reset();
        free.push(jcas);
    }
}
