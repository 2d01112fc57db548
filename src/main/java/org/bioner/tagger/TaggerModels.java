package org.bioner.tagger;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds and loads tagger models by location: a model file, a Flair {@code SequenceTagger} checkpoint
 * ({@code .pt}/{@code .pth}/{@code .bin}, converted on load by {@link FlairTaggerImporter}), a training output
 * directory (its {@code tagger.bnm}), or a classpath resource ({@code classpath:} prefix optional). {@link #shared}
 * loads each location once per JVM, so all engine instances use one copy.
 */
public final class TaggerModels {

    private static final ConcurrentHashMap<String, SequenceTagger> SHARED = new ConcurrentHashMap<>();

    private TaggerModels() { }

    /** Loads a model (a fresh copy). */
    public static SequenceTagger load(String location) throws IOException {
        if (!location.startsWith("classpath:")) {
            Path p = Path.of(location);
            if (Files.isDirectory(p)) p = p.resolve(SequenceTagger.FILE_NAME);
            if (Files.isRegularFile(p)) {
                return FlairTaggerImporter.isCheckpointName(p) ? FlairTaggerImporter.load(p) : SequenceTagger.load(p);
            }
        }
        String res = location.startsWith("classpath:") ? location.substring("classpath:".length()) : location;
        if (res.startsWith("/")) res = res.substring(1);
        InputStream in = TaggerModels.class.getClassLoader().getResourceAsStream(res);
        if (in == null) {
            throw new IOException("tagger model '" + location + "' not found (neither a file, a directory with "
                    + SequenceTagger.FILE_NAME + ", nor a classpath resource)");
        }
        try (in) {
            return SequenceTagger.load(in, "classpath:" + res, null);
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
