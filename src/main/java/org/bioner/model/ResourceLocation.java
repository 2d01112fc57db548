package org.bioner.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A model, embeddings or vectors location as the user names it, and where it was found: a file, or else a
 * classpath resource. The one rule every loader resolves by ({@link #resolve}): a {@code classpath:} name is
 * only a resource; any other name is a file (absolute, or relative to the working directory, then to
 * {@code baseDir}) and, failing that, a resource of the same name. A resource name may start with {@code /}.
 *
 * @param name the location as given
 * @param file the file found, or null when it is the classpath resource {@link #resource()}
 */
public record ResourceLocation(String name, Path file) {

    /** The prefix that names a classpath resource only. */
    public static final String CLASSPATH = "classpath:";

    /**
     * Resolves {@code location} (see the class comment); {@code baseDir} may be null.
     *
     * @param what what is looked for, for the error message ("tagger model", "embeddings location", ...)
     * @throws IOException naming the places tried when none exists
     */
    public static ResourceLocation resolve(String location, Path baseDir, String what) throws IOException {
        if (!location.startsWith(CLASSPATH)) {
            Path p = Path.of(location);
            if (Files.isRegularFile(p)) return new ResourceLocation(location, p);
            if (!p.isAbsolute() && baseDir != null && Files.isRegularFile(baseDir.resolve(p))) {
                return new ResourceLocation(location, baseDir.resolve(p));
            }
        }
        ResourceLocation r = new ResourceLocation(location, null);
        if (ResourceLocation.class.getClassLoader().getResource(r.resource()) != null) return r;
        throw new IOException(what + " '" + location + "' not found (tried as a file relative to "
                + Path.of("").toAbsolutePath() + (baseDir != null ? " and " + baseDir.toAbsolutePath() : "")
                + ", and on the classpath)");
    }

    /** The classpath resource name: the location without {@code classpath:} and a leading {@code /}. */
    public String resource() {
        String res = name.startsWith(CLASSPATH) ? name.substring(CLASSPATH.length()) : name;
        return res.startsWith("/") ? res.substring(1) : res;
    }

    /** Opens it: the file if one was found, else the classpath resource. */
    public InputStream open() throws IOException {
        if (file != null) return Files.newInputStream(file);
        InputStream in = ResourceLocation.class.getClassLoader().getResourceAsStream(resource());
        if (in == null) throw new IOException(CLASSPATH + resource() + " not found");
        return in;
    }
}
