package org.bioner.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import org.apache.uima.UimaContext;
import org.apache.uima.collection.CollectionException;
import org.apache.uima.fit.descriptor.ConfigurationParameter;
import org.apache.uima.fit.descriptor.ResourceMetaData;
import org.apache.uima.fit.descriptor.TypeCapability;
import org.apache.uima.jcas.JCas;
import org.apache.uima.resource.ResourceInitializationException;
import org.bioner.corpus.IobCorpusParser;
import org.bioner.corpus.TagScheme;
import org.bioner.corpus.TaggedSentence;
import org.dkpro.core.api.io.JCasResourceCollectionReader_ImplBase;
import org.dkpro.core.api.parameter.ComponentParameters;
import org.dkpro.core.api.resources.CompressionUtils;

/**
 * Reads IOB-tagged NER corpora (BioBERT {@code token<TAB>tag} files, CoNLL-2002/2003 column files) into CASes:
 * the text is the tokens joined by single spaces with a newline after each sentence; DKPro {@code Token} and
 * {@code Sentence} annotations; gold entity annotations of the BioNER types (class chosen by {@link EntityTypes},
 * {@code value} = canonical type name, {@code confidence} 1.0, {@code model} "gold"). Files are parsed by
 * {@link IobCorpusParser}; errors name the file and line. The document id is the file path plus {@code #} and the
 * index of the CAS within the file (0, 1, ...).
 *
 * <p>When {@code PARAM_SOURCE_LOCATION} names a single file, give it without {@code .} or {@code ..} segments
 * (e.g. {@code Path.toAbsolutePath().normalize()}): DKPro's resource scan fails on those.
 */
@ResourceMetaData(name = "BioNER IOB Corpus Reader")
@TypeCapability(outputs = {
        "de.tudarmstadt.ukp.dkpro.core.api.metadata.type.DocumentMetaData",
        "de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Sentence",
        "de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Token",
        "org.bioner.types.BioEntity"})
public class IobCorpusReader extends JCasResourceCollectionReader_ImplBase {

    /** File layout: {@code BIOBERT} (token TAB tag) or {@code CONLL} (columns, token first, tag last). */
    public static final String PARAM_FORMAT = "format";
    @ConfigurationParameter(name = PARAM_FORMAT, mandatory = true, defaultValue = "BIOBERT")
    private IobCorpusParser.Format format;

    /** Tag scheme of the files: {@code IOB1}, {@code IOB2} or {@code BIOES}. */
    public static final String PARAM_TAG_SCHEME = "tagScheme";
    @ConfigurationParameter(name = PARAM_TAG_SCHEME, mandatory = true, defaultValue = "IOB2")
    private TagScheme tagScheme;

    /** Entity type of untyped tags ({@code B}, {@code I}), e.g. {@code Disease}; mapped by {@link EntityTypes}. */
    public static final String PARAM_ENTITY_TYPE = "entityType";
    @ConfigurationParameter(name = PARAM_ENTITY_TYPE, mandatory = true, defaultValue = "Entity")
    private String entityType;

    /**
     * Sentences per CAS. 0: one CAS per document ({@code -DOCSTART-} separated in CoNLL files; a whole BioBERT file
     * is one document); N greater than 0: documents are cut into CASes of at most N sentences.
     */
    public static final String PARAM_SENTENCES_PER_CAS = "sentencesPerCas";
    @ConfigurationParameter(name = PARAM_SENTENCES_PER_CAS, mandatory = true, defaultValue = "0")
    private int sentencesPerCas;

    /**
     * Reject tag sequences that break the scheme (IOB2: I after O; BIOES: E without B, ...) instead of repairing
     * them the way conlleval reads them.
     */
    public static final String PARAM_STRICT = "strict";
    @ConfigurationParameter(name = PARAM_STRICT, mandatory = true, defaultValue = "true")
    private boolean strict;

    /** Character encoding of the input files; undecodable bytes are an error. */
    public static final String PARAM_SOURCE_ENCODING = ComponentParameters.PARAM_SOURCE_ENCODING;
    @ConfigurationParameter(name = PARAM_SOURCE_ENCODING, mandatory = true,
            defaultValue = ComponentParameters.DEFAULT_ENCODING)
    private String sourceEncoding;

    private IobCorpusParser parser;
    private final Deque<Chunk> pending = new ArrayDeque<>();

    private record Chunk(Resource resource, int index, List<TaggedSentence> sentences) {
    }

    @Override
    public void initialize(UimaContext context) throws ResourceInitializationException {
        super.initialize(context);
        if (sentencesPerCas < 0) {
            throw new ResourceInitializationException(new IllegalArgumentException(
                    PARAM_SENTENCES_PER_CAS + " must be >= 0, got " + sentencesPerCas));
        }
        try {
            parser = new IobCorpusParser(format, tagScheme, entityType, strict, Charset.forName(sourceEncoding));
        } catch (IllegalArgumentException e) {
            throw new ResourceInitializationException(e);
        }
    }

    @Override
    public boolean hasNext() throws IOException, CollectionException {
        // parse files ahead until one yields a CAS, so that empty files produce none
        while (pending.isEmpty() && super.hasNext()) {
            load(nextFile());
        }
        return !pending.isEmpty();
    }

    @Override
    public void getNext(JCas jcas) throws IOException, CollectionException {
        if (!hasNext()) {
            throw new CollectionException(new IllegalStateException("no more documents"));
        }
        Chunk chunk = pending.poll();
        initCas(jcas, chunk.resource(), String.valueOf(chunk.index()));
        IobToCas.fill(jcas, chunk.sentences(), entityType);
    }

    private void load(Resource resource) throws IOException {
        List<List<TaggedSentence>> documents;
        try (InputStream in = CompressionUtils.getInputStream(resource.getLocation(), resource.getInputStream())) {
            documents = parser.parseDocuments(in, resource.getLocation());
        }
        int index = 0;
        for (List<TaggedSentence> document : documents) {
            int step = sentencesPerCas == 0 ? document.size() : sentencesPerCas;
            for (int from = 0; from < document.size(); from += step) {
                pending.add(new Chunk(resource, index++,
                        document.subList(from, Math.min(document.size(), from + step))));
            }
        }
    }
}
