package org.bioner.embeddings;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the {@link TokenEmbeddings} named by a spec string, as recorded in tagger models:
 * {@code KIND:ARGS}, several joined by {@code +} stack in that order (e.g.
 * {@code flair:models/lm-fwd.bnm+flair:models/lm-bwd.bnm+glove:models/glove.bnm}).
 *
 * <p>Kinds: {@code random:DIM[:seed=S]} here; {@code glove:LOCATION} and {@code flair:LOCATION} are
 * added by their packages (see the marked cases in {@link #loadOne}). Locations resolve through
 * {@link #resolve}.
 */
public final class EmbeddingsLoader {

    private EmbeddingsLoader() { }

    /** Loads a spec; relative locations are tried against the CWD, then {@code baseDir} (may be null), then the classpath. */
    public static TokenEmbeddings load(String spec, Path baseDir) throws IOException {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("empty embeddings spec");
        }
        List<TokenEmbeddings> parts = new ArrayList<>();
        for (String part : spec.split("\\+")) {
            parts.add(loadOne(part.trim(), baseDir));
        }
        return parts.size() == 1 ? parts.get(0) : new StackedEmbeddings(parts);
    }

    private static TokenEmbeddings loadOne(String spec, Path baseDir) throws IOException {
        int colon = spec.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("embeddings spec '" + spec + "' is not KIND:ARGS (e.g. random:1124:seed=1)");
        }
        String kind = spec.substring(0, colon);
        String args = spec.substring(colon + 1);
        switch (kind) {
            case "random":
                return random(spec, args);
            // ---- glove: add `case "glove": return <GloVe loader>(resolve(args, baseDir));` here (glove branch)
            // ---- flair: add `case "flair": return <Flair loader>(resolve(args, baseDir));` here (flair branch)
            default:
                throw new IllegalArgumentException("unknown embeddings kind '" + kind + "' in spec '" + spec
                        + "' (this build knows: random)");
        }
    }

    private static TokenEmbeddings random(String spec, String args) {
        String[] f = args.split(":");
        try {
            int dim = Integer.parseInt(f[0]);
            long seed = 1;
            for (int i = 1; i < f.length; i++) {
                if (f[i].startsWith("seed=")) {
                    seed = Long.parseLong(f[i].substring(5));
                } else {
                    throw new IllegalArgumentException("unknown option '" + f[i] + "'");
                }
            }
            return new RandomEmbeddings(dim, seed);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("bad random embeddings spec '" + spec + "' (want random:DIM[:seed=S]): " + e.getMessage(), e);
        }
    }

    /** A file or classpath resource named in a spec. */
    public record Location(String name, Path file) {
        /** Opens it (a file if one was found, else the classpath resource). */
        public InputStream open() throws IOException {
            if (file != null) return Files.newInputStream(file);
            String res = name.startsWith("classpath:") ? name.substring("classpath:".length()) : name;
            if (res.startsWith("/")) res = res.substring(1);
            InputStream in = EmbeddingsLoader.class.getClassLoader().getResourceAsStream(res);
            if (in == null) throw new IOException("embeddings location not found: " + name);
            return in;
        }
    }

    /**
     * Resolves a location: an absolute path, a path relative to the CWD, a path relative to
     * {@code baseDir} (the tagger model's directory), else a classpath resource ({@code classpath:}
     * prefix optional). Fails with the places tried when none exists.
     */
    public static Location resolve(String location, Path baseDir) throws IOException {
        if (!location.startsWith("classpath:")) {
            Path p = Path.of(location);
            if (Files.isRegularFile(p)) return new Location(location, p);
            if (!p.isAbsolute() && baseDir != null && Files.isRegularFile(baseDir.resolve(p))) {
                return new Location(location, baseDir.resolve(p));
            }
        }
        String res = location.startsWith("classpath:") ? location.substring("classpath:".length()) : location;
        if (res.startsWith("/")) res = res.substring(1);
        if (EmbeddingsLoader.class.getClassLoader().getResource(res) != null) {
            return new Location(location, null);
        }
        throw new IOException("embeddings location '" + location + "' not found (tried as a file relative to "
                + Path.of("").toAbsolutePath() + (baseDir != null ? " and " + baseDir.toAbsolutePath() : "")
                + ", and on the classpath)");
    }
}
