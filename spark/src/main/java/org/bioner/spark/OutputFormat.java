package org.bioner.spark;

/** Table formats of the job's output; each gets its own directory so Spark reads it back with one reader. */
public enum OutputFormat {
    PARQUET(".parquet"),
    JSONL(".jsonl");

    final String extension;

    OutputFormat(String extension) {
        this.extension = extension;
    }

    /** Directory of a table in this format, relative to the output root, e.g. {@code parquet/mentions}. */
    String dir(Table table) {
        return name().toLowerCase(java.util.Locale.ROOT) + "/" + table.dir;
    }
}
