package org.bioner.io;

import java.io.IOException;
import java.io.InputStream;

import org.apache.uima.cas.CAS;
import org.apache.uima.collection.CollectionException;
import org.apache.uima.fit.descriptor.ResourceMetaData;
import org.apache.uima.fit.descriptor.TypeCapability;
import org.bioner.corpus.StrictUtf8;
import org.dkpro.core.api.resources.CompressionUtils;
import org.dkpro.core.io.text.TextReader;

/**
 * DKPro's {@link TextReader} for UTF-8 text that refuses what it would silently damage: invalid UTF-8
 * (DKPro's reader replaces it with U+FFFD) and binary files. The error names file, line and column;
 * the reader has moved on, so the next {@code getNext} reads the next file.
 */
@ResourceMetaData(name = "Strict UTF-8 Text Reader")
@TypeCapability(outputs = {"de.tudarmstadt.ukp.dkpro.core.api.metadata.type.DocumentMetaData"})
public class StrictTextReader extends TextReader {

    @Override
    public void getNext(CAS cas) throws IOException, CollectionException {
        Resource res = nextFile();
        initCas(cas, res);
        byte[] bytes;
        try (InputStream is = CompressionUtils.getInputStream(res.getLocation(), res.getInputStream())) {
            bytes = is.readAllBytes();
        }
        cas.setDocumentText(StrictUtf8.decode(bytes, res.getLocation()));
    }
}
