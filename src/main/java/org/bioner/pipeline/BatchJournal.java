package org.bioner.pipeline;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;

/**
 * The record of finished work that makes a batch run resumable: one line per finished document
 * ({@code doc<TAB>key}), input file ({@code file<TAB>path}) or assembled output ({@code group<TAB>name}),
 * appended and forced to disk only after the output it stands for has been renamed into place. A run
 * killed at any point therefore loses at most the document in flight, whose output is rewritten (same
 * name) on resume; a torn last line is ignored.
 */
final class BatchJournal implements AutoCloseable {

    private final Path file;
    private final Set<String> entries = new HashSet<>();
    private FileChannel channel;

    BatchJournal(Path file, boolean resume) throws IOException {
        this.file = file;
        Files.createDirectories(file.getParent());
        if (resume && Files.exists(file)) {
            String content = Files.readString(file, StandardCharsets.UTF_8);
            int end = content.lastIndexOf('\n');
            for (String line : content.substring(0, end + 1).split("\n")) {
                if (!line.isEmpty()) {
                    entries.add(line);
                }
            }
        } else {
            Files.deleteIfExists(file);
        }
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
    }

    boolean has(String kind, String key) {
        return entries.contains(kind + "\t" + clean(key));
    }

    void add(String kind, String key) throws IOException {
        String line = kind + "\t" + clean(key);
        if (entries.add(line)) {
            channel.write(ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8)));
            channel.force(false);
        }
    }

    /** Number of entries of a kind (for reporting). */
    long count(String kind) {
        return entries.stream().filter(e -> e.startsWith(kind + "\t")).count();
    }

    Path path() {
        return file;
    }

    private static String clean(String key) {
        return key.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
