package org.bioner.spark;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The files of one partition and their commit protocol. A task attempt writes everything under its own
 * directory {@code _temporary/part-NNNNN-attempt-A/}; when the partition is complete it renames each file to
 * its final name (named by partition id, so a retry or a speculative copy replaces rather than adds) and
 * last writes the marker {@code _partitions/part-NNNNN.done}. A partition counts as done only with its marker:
 * a re-run skips it; an attempt that died before the marker is redone in full and overwrites what it left.
 */
final class PartitionFiles {

    static final String TEMP_DIR = "_temporary";
    static final String MARKER_DIR = "_partitions";

    private final FileSystem fs;
    private final Path root;
    private final int partition;
    private final Path attemptDir;
    /** Pairs of (temporary, final) paths, committed in order. */
    private final List<Path[]> pending = new ArrayList<>();

    PartitionFiles(FileSystem fs, Path root, int partition, long attemptId) {
        this.fs = fs;
        this.root = root;
        this.partition = partition;
        this.attemptDir = new Path(root, TEMP_DIR + "/" + partName() + "-attempt-" + attemptId);
    }

    /** The file system, without the .crc side files Hadoop's local file system writes beside each file. */
    static FileSystem unchecked(FileSystem fs) {
        return fs instanceof org.apache.hadoop.fs.LocalFileSystem local ? local.getRawFileSystem() : fs;
    }

    String partName() {
        return partName(partition);
    }

    static String partName(int partition) {
        return String.format("part-%05d", partition);
    }

    static Path marker(Path root, int partition) {
        return new Path(root, MARKER_DIR + "/" + partName(partition) + ".done");
    }

    /** Whether an earlier attempt or run completed this partition. */
    boolean isDone() throws IOException {
        return fs.exists(marker(root, partition));
    }

    /** A temporary file of this attempt that becomes {@code finalRelative} (relative to the output root) on commit. */
    Path stage(String finalRelative) {
        Path temp = new Path(attemptDir, finalRelative);
        pending.add(new Path[] {temp, new Path(root, finalRelative)});
        return temp;
    }

    /** Moves every staged file to its final name, replacing what an earlier attempt may have left there. */
    void commitFiles() throws IOException {
        for (Path[] p : pending) {
            if (!fs.exists(p[0])) {
                continue;
            }
            fs.mkdirs(p[1].getParent());
            if (fs.exists(p[1])) {
                fs.delete(p[1], false);
            }
            if (!fs.rename(p[0], p[1])) {
                throw new IOException("could not rename " + p[0] + " to " + p[1]);
            }
        }
    }

    /** Marks the partition complete (the marker itself appears atomically) and removes the attempt directory. */
    void markDone(String summaryJson) throws IOException {
        Path marker = marker(root, partition);
        Path temp = new Path(attemptDir, marker.getName());
        try (OutputStream out = fs.create(temp, true)) {
            out.write(summaryJson.getBytes(StandardCharsets.UTF_8));
        }
        fs.mkdirs(marker.getParent());
        if (!fs.exists(marker) && !fs.rename(temp, marker) && !fs.exists(marker)) {
            throw new IOException("could not rename " + temp + " to " + marker);
        }
        fs.delete(attemptDir, true);
    }

    /** Removes this attempt's temporary files (after a failure, best effort). */
    void abort() {
        try {
            fs.delete(attemptDir, true);
        } catch (IOException e) {
            // left for the driver's cleanup of _temporary at the end of the job
        }
    }
}
