package org.bioner.tagger;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;

import org.bioner.model.ResourceLocation;

/**
 * Finds and loads tagger models by location: a model file, a Flair {@code SequenceTagger} checkpoint
 * ({@code .pt}/{@code .pth}/{@code .bin}, converted on load by {@link FlairTaggerImporter}), a training output
 * directory (its {@code tagger.bnm}), or a classpath resource ({@code classpath:} prefix optional), by the rule of
 * {@link ResourceLocation}. {@link #shared}
 * loads each location once per JVM, so all engine instances use one copy.
 */
public final class TaggerModels {

    private static final ConcurrentHashMap<String, SequenceTagger> SHARED = new ConcurrentHashMap<>();

    private TaggerModels() { }

    /** Loads a model (a fresh copy). */
    public static SequenceTagger load(String location) throws IOException {
        String file = location;
        if (!location.startsWith(ResourceLocation.CLASSPATH) && Files.isDirectory(Path.of(location))) {
            file = Path.of(location).resolve(SequenceTagger.FILE_NAME).toString();
        }
        ResourceLocation where = ResourceLocation.resolve(file, null, "tagger model");
        if (where.file() != null) {
            return FlairTaggerImporter.isCheckpointName(where.file()) ? FlairTaggerImporter.load(where.file()) : SequenceTagger.load(where.file());
        }
        try (InputStream in = where.open()) {
            return SequenceTagger.load(in, ResourceLocation.CLASSPATH + where.resource(), null);
        }
    }

    /** The JVM-wide shared instance for a location, loaded on first request. */
    public static SequenceTagger shared(String location) throws IOException {
        SequenceTagger t = SHARED.get(location);
        if (t != null) return t;
        synchronized (SHARED) {
            t = SHARED.get(location);
            if (t == null) {
                t = load(location);
                SHARED.put(location, t);
            }
            return t;
        }
    }
}
