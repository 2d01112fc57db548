package org.bioner.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * One input file of a batch run, its path relative to the input root (the key it is journaled and named
 * by) and its format. {@link #list} finds the files of a run: in path order, so a resumed run sees them in
 * the same order; hidden files, the output directory and type system files are never inputs.
 */
record InputFile(Path path, String relative, InputFormat format, long size) {

    /**
     * The input files under {@code in} (a file or a directory), not those under {@code out}. With a fixed
     * {@code format} (null: detect each file's by its extension) only files of that format are taken (any file
     * for plain text); when detecting, files of no known extension are left out.
     */
    static List<InputFile> list(Path in, Path out, InputFormat format) throws IOException {
        List<InputFile> files = new ArrayList<>();
        if (Files.isRegularFile(in)) {
            InputFormat f = format != null ? format : InputFormat.detect(in);
            files.add(new InputFile(in, in.getFileName().toString(), f, Files.size(in)));
            return files;
        }
        try (Stream<Path> s = Files.walk(in)) {
            for (Path p : s.filter(Files::isRegularFile).sorted(Comparator.comparing(Path::toString)).toList()) {
                String rel = in.relativize(p).toString().replace('\\', '/');
                if (p.startsWith(out) || rel.startsWith(".") || rel.contains("/.")
                        || p.getFileName().toString().equalsIgnoreCase("TypeSystem.xml")) {
                    continue;
                }
                InputFormat f;
                if (format != null) {
                    f = format;
                    if (f != InputFormat.TXT && !f.matches(p)) {
                        continue;
                    }
                } else {
                    f = InputFormat.detect(p);
                    if (f == InputFormat.TXT && !InputFormat.TXT.matches(p)) {
                        continue; // unknown extension: not ours to guess
                    }
                }
                files.add(new InputFile(p, rel, f, Files.size(p)));
            }
        }
        return files;
    }
}
