package io.tributary.sink.record;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/** Reads Debezium change-event envelopes: {@code before}, {@code after}, {@code op}, {@code source}. */
final class DebeziumEnvelope {

    private DebeziumEnvelope() {
    }

    /**
     * A Debezium change event: a struct schema named {@code <topic>.Envelope} with a struct {@code source}
     * and the {@code op}, {@code before} and {@code after} fields. Field names alone are not enough: a
     * source table may have columns named so.
     */
    static boolean isEnvelope(Schema schema) {
        String name = schema.name();
        Field source = schema.type() == Schema.Type.STRUCT ? schema.field("source") : null;
        return name != null && (name.equals("Envelope") || name.endsWith(".Envelope"))
                && source != null && source.schema().type() == Schema.Type.STRUCT
                && schema.field("op") != null && schema.field("after") != null && schema.field("before") != null;
    }

    /**
     * The source position of an event: the log sequence number where the connector records one as a
     * number ({@code source.lsn}); for MySQL and MariaDB the binlog file index in the high 32 bits and
     * the position in the low 32 bits. Null for other connectors.
     */
    static Long position(Struct source) {
        if (source == null) {
            return null;
        }
        Long lsn = number(source, "lsn");
        if (lsn != null) {
            return lsn;
        }
        String connector = string(source, "connector");
        if ("mysql".equals(connector) || "mariadb".equals(connector)) {
            String file = string(source, "file");
            Long pos = number(source, "pos");
            if (file == null || pos == null) {
                return null;
            }
            return (binlogIndex(file) << 32) | (pos & 0xFFFF_FFFFL);
        }
        return null;
    }

    static long binlogIndex(String file) {
        int dot = file.lastIndexOf('.');
        try {
            return Long.parseLong(file.substring(dot + 1));
        } catch (NumberFormatException e) {
            throw new UnconvertibleRecordException("binlog file name without an index: " + file);
        }
    }

    private static String string(Struct struct, String name) {
        Field field = struct.schema().field(name);
        return field == null ? null : (String) struct.get(field);
    }

    private static Long number(Struct struct, String name) {
        Field field = struct.schema().field(name);
        Object value = field == null ? null : struct.get(field);
        return value instanceof Number n ? n.longValue() : null;
    }
}
