package org.bioner.spark;

import java.io.Serializable;

/** What one partition did: skipped (done by an earlier run or attempt) or its counts. */
public record PartitionResult(int partition, boolean skipped, long documents, long failed, long mentions,
        long characters) implements Serializable {

    private static final long serialVersionUID = 1L;

    String toJson() {
        return String.format("{\"partition\":%d,\"documents\":%d,\"failed\":%d,\"mentions\":%d,\"characters\":%d}%n",
                partition, documents, failed, mentions, characters);
    }
}
