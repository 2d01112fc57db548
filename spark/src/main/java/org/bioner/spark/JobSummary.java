package org.bioner.spark;

import java.util.List;

/** Totals of one run of the job. */
public record JobSummary(int partitions, int skippedPartitions, long documents, long failed, long mentions,
        long characters, double seconds, double annotateSeconds, double processCpuSeconds,
        boolean skippedWithoutReading) {

    /**
     * @param processCpuSeconds CPU time of the driver JVM during the run: in local mode the whole job (all
     *                          threads of the engines, which run the two character LMs side by side, GC,
     *                          JIT, Spark), on a cluster only the driver's share
     */
    static JobSummary of(int partitions, List<PartitionResult> results, double seconds, double processCpuSeconds) {
        return new JobSummary(partitions, (int) results.stream().filter(PartitionResult::skipped).count(),
                results.stream().mapToLong(PartitionResult::documents).sum(),
                results.stream().mapToLong(PartitionResult::failed).sum(),
                results.stream().mapToLong(PartitionResult::mentions).sum(),
                results.stream().mapToLong(PartitionResult::characters).sum(), seconds,
                results.stream().mapToDouble(PartitionResult::annotateSeconds).sum(),
                processCpuSeconds, false);
    }

    /** Documents annotated per second of wall time (0 when nothing ran). */
    public double documentsPerSecond() {
        return seconds > 0 ? documents / seconds : 0;
    }

    /** Documents per second of task time spent on documents, summed over tasks: the per-slot rate. */
    public double documentsPerTaskSecond() {
        return annotateSeconds > 0 ? documents / annotateSeconds : 0;
    }

    public String toJson() {
        return String.format(java.util.Locale.ROOT,
                "{\"partitions\":%d,\"skipped_partitions\":%d,\"documents\":%d,\"failed\":%d,\"mentions\":%d,"
                        + "\"characters\":%d,\"seconds\":%.2f,\"documents_per_second\":%.3f,\"task_seconds_on_documents\":%.2f,"
                        + "\"documents_per_task_second\":%.3f,\"jvm_cpu_seconds\":%.2f,\"documents_per_jvm_cpu_second\":%.3f}",
                partitions, skippedPartitions, documents, failed, mentions, characters, seconds, documentsPerSecond(),
                annotateSeconds, documentsPerTaskSecond(), processCpuSeconds,
                processCpuSeconds > 0 ? documents / processCpuSeconds : 0);
    }
}
