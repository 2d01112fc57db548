package org.bioner.engine;

import java.util.List;
import org.apache.uima.cas.CAS;
import org.apache.uima.cas.Type;
import org.apache.uima.cas.text.AnnotationFS;
import org.apache.uima.fit.factory.JCasFactory;
import org.apache.uima.fit.factory.TypeSystemDescriptionFactory;
import org.apache.uima.jcas.JCas;
import org.apache.uima.resource.metadata.TypeSystemDescription;
import org.apache.uima.resource.metadata.impl.TypeSystemDescription_impl;
import org.apache.uima.util.CasCreationUtils;

/** A CAS whose type system also has cTAKES-like token and sentence types (no JCas classes for them). */
final class ForeignTypes {

    static final String BASE_TOKEN = "org.apache.ctakes.typesystem.type.syntax.BaseToken";
    static final String NEWLINE_TOKEN = "org.apache.ctakes.typesystem.type.syntax.NewlineToken";
    static final String SENTENCE = "org.apache.ctakes.typesystem.type.textspan.Sentence";

    private ForeignTypes() {
    }

    static JCas createJCas(String text) throws Exception {
        TypeSystemDescription detected = TypeSystemDescriptionFactory.createTypeSystemDescription(); // DKPro, BioNER
        TypeSystemDescription own = new TypeSystemDescription_impl();
        own.addType(BASE_TOKEN, "a foreign token type", CAS.TYPE_NAME_ANNOTATION);
        own.addType(NEWLINE_TOKEN, "a foreign whitespace token", BASE_TOKEN);
        own.addType(SENTENCE, "a foreign sentence type", CAS.TYPE_NAME_ANNOTATION);
        TypeSystemDescription merged = CasCreationUtils.mergeTypeSystems(List.of(detected, own));
        JCas jcas = JCasFactory.createJCas(merged);
        jcas.setDocumentText(text);
        return jcas;
    }

    static AnnotationFS add(JCas jcas, String typeName, int begin, int end) {
        CAS cas = jcas.getCas();
        Type type = cas.getTypeSystem().getType(typeName);
        AnnotationFS a = cas.createAnnotation(type, begin, end);
        cas.addFsToIndexes(a);
        return a;
    }
}
