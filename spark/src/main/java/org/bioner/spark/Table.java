package org.bioner.spark;

import java.util.List;

import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/** The tables the job writes, with their columns (same names and order in Parquet and JSON lines). */
enum Table {
    /** One row per entity mention; offsets count code points, as in {@code bioner annotate --format jsonl}. */
    MENTIONS("mentions", List.of(
            new Column("doc_id", Kind.STRING, false), new Column("begin", Kind.INT, false),
            new Column("end", Kind.INT, false), new Column("type", Kind.STRING, false),
            new Column("text", Kind.STRING, false), new Column("confidence", Kind.DOUBLE, true),
            new Column("model", Kind.STRING, true))),
    /** One row per document that could not be read or annotated. */
    ERRORS("errors", List.of(
            new Column("doc_id", Kind.STRING, true), new Column("source", Kind.STRING, true),
            new Column("reason", Kind.STRING, false)));

    enum Kind { STRING, INT, DOUBLE }

    record Column(String name, Kind kind, boolean nullable) {
    }

    final String dir;
    final List<Column> columns;

    Table(String dir, List<Column> columns) {
        this.dir = dir;
        this.columns = columns;
    }

    MessageType parquetSchema() {
        StringBuilder sb = new StringBuilder("message ").append(dir).append(" {");
        for (Column c : columns) {
            sb.append(c.nullable() ? " optional " : " required ");
            sb.append(switch (c.kind()) {
                case STRING -> "binary " + c.name() + " (UTF8);";
                case INT -> "int32 " + c.name() + ";";
                case DOUBLE -> "double " + c.name() + ";";
            });
        }
        return MessageTypeParser.parseMessageType(sb.append(" }").toString());
    }
}
