package org.bioner.spark;

import java.io.Serializable;

/**
 * What one partition did: skipped (done by an earlier run or attempt) or its counts. {@code annotateSeconds}
 * is the time spent on its documents (reading the record, annotating, writing), without engine creation;
 * {@code cpuSeconds} the CPU time of the task's thread in that time (load-independent, unlike wall time).
 */
public record PartitionResult(int partition, boolean skipped, long documents, long failed, long mentions,
        long characters, double annotateSeconds, double cpuSeconds) implements Serializable {

    private static final long serialVersionUID = 1L;

    String toJson() {
        return String.format("{\"partition\":%d,\"documents\":%d,\"failed\":%d,\"mentions\":%d,\"characters\":%d,"
                        + "\"annotate_seconds\":%.3f,\"cpu_seconds\":%.3f}%n", partition, documents, failed, mentions, characters,
                annotateSeconds, cpuSeconds);
    }
}
