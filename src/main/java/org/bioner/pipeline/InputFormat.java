package org.bioner.pipeline;

import static org.apache.uima.fit.factory.CollectionReaderFactory.createReaderDescription;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.apache.uima.collection.CollectionReaderDescription;
import org.apache.uima.resource.ResourceInitializationException;
import org.bioner.io.BioCReader;
import org.bioner.io.PubTatorReader;
import org.bioner.io.StrictTextReader;
import org.dkpro.core.io.xmi.XmiReader;

/** The document formats {@code bioner annotate} reads, with the reader for one file of each. */
public enum InputFormat {
    /** Plain UTF-8 text, one document per file (DKPro TextReader, strict decoding). */
    TXT(false, ".txt"),
    /** UIMA XMI, one document per file (DKPro XmiReader, lenient; a TypeSystem.xml beside is merged). */
    XMI(false, ".xmi", ".xmi.gz"),
    /** PubTator, many documents per file. */
    PUBTATOR(true, ".pubtator", ".pubtator.txt", ".pubtator.gz"),
    /** BioC XML, many documents per file. */
    BIOC(true, ".bioc.xml", ".xml");

    private final boolean collection;
    private final List<String> extensions;

    InputFormat(boolean collection, String... extensions) {
        this.collection = collection;
        this.extensions = List.of(extensions);
    }

    /** Whether one file holds many documents. */
    public boolean isCollection() {
        return collection;
    }

    public List<String> extensions() {
        return extensions;
    }

    /** Whether a file name has one of this format's extensions. */
    public boolean matches(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (this == BIOC && name.equalsIgnoreCase("TypeSystem.xml")) {
            return false;
        }
        return extensions.stream().anyMatch(name::endsWith);
    }

    /** The file name without this format's extension. */
    public String stem(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        for (String ext : extensions) {
            if (lower.endsWith(ext)) {
                return fileName.substring(0, fileName.length() - ext.length());
            }
        }
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }

    /** Guesses the format of a file from its name (TXT when nothing else fits). */
    public static InputFormat detect(Path file) {
        for (InputFormat f : List.of(XMI, PUBTATOR, BIOC)) {
            if (f.matches(file)) {
                return f;
            }
        }
        return TXT;
    }

    /** A reader for one file. */
    public CollectionReaderDescription reader(Path file, boolean readNamedEntity) throws ResourceInitializationException {
        String location = file.toAbsolutePath().toString();
        return switch (this) {
            case TXT -> createReaderDescription(StrictTextReader.class,
                    StrictTextReader.PARAM_SOURCE_LOCATION, location, StrictTextReader.PARAM_LANGUAGE, "en");
            case XMI -> createReaderDescription(XmiReader.class, XmiReader.PARAM_SOURCE_LOCATION, location,
                    XmiReader.PARAM_LENIENT, true);
            case PUBTATOR -> createReaderDescription(PubTatorReader.class,
                    PubTatorReader.PARAM_SOURCE_LOCATION, location, PubTatorReader.PARAM_LANGUAGE, "en",
                    PubTatorReader.PARAM_READ_NAMED_ENTITY, readNamedEntity);
            case BIOC -> createReaderDescription(BioCReader.class, BioCReader.PARAM_SOURCE_LOCATION, location,
                    BioCReader.PARAM_LANGUAGE, "en", BioCReader.PARAM_READ_NAMED_ENTITY, readNamedEntity);
        };
    }
}
