package org.bioner.spark;

import java.io.Serializable;

/**
 * What one partition did: skipped (done by an earlier run or attempt) or its counts. {@code annotateSeconds}
 * is the wall time spent on its documents (reading the record, annotating, writing), without engine creation.
 */
public record PartitionResult(int partition, boolean skipped, long documents, long failed, long mentions,
        long characters, double annotateSeconds) implements Serializable {

    private static final long serialVersionUID = 1L;

    String toJson() {
        return String.format("{\"partition\":%d,\"documents\":%d,\"failed\":%d,\"mentions\":%d,\"characters\":%d,"
                        + "\"annotate_seconds\":%.3f}%n", partition, documents, failed, mentions, characters, annotateSeconds);
    }
}
