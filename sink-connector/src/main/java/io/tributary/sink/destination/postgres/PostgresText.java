package io.tributary.sink.destination.postgres;

import io.tributary.sink.buffer.TemporalText;
import io.tributary.sink.schema.Column;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;

/**
 * Writes staged Avro values in PostgreSQL's COPY text format (tab-separated, {@code \N} for NULL);
 * dates and timestamps in PostgreSQL's own spelling ({@code 0044-03-15 BC}, {@code 12000-01-01},
 * {@code infinity}), times up to {@code 24:00:00}, durations as interval text ({@code -01:00:00}).
 */
final class PostgresText {

    private static final HexFormat HEX = HexFormat.of();

    private PostgresText() {
    }

    /** Appends one field, escaped for COPY text. */
    static void append(StringBuilder out, Column column, Object value) {
        if (value == null) {
            out.append("\\N");
            return;
        }
        escape(out, literal(column, value));
    }

    /** The value as PostgreSQL reads it from text. */
    static String literal(Column column, Object value) {
        return switch (column.kind()) {
            case BOOLEAN -> (Boolean) value ? "t" : "f";
            case INT16, INT32, INT64, FLOAT32, FLOAT64 -> value.toString();
            case DECIMAL -> new BigDecimal(new BigInteger(bytes((ByteBuffer) value)), column.type().scale()).toPlainString();
            case VARIABLE_DECIMAL, STRING, JSON, UUID -> value.toString();
            case BYTES -> "\\x" + HEX.formatHex(bytes((ByteBuffer) value));
            case DATE -> TemporalText.date(LocalDate.ofEpochDay((Integer) value));
            case TIME -> TemporalText.duration((Long) value);
            case DURATION -> value.toString();
            case TIMESTAMP -> TemporalText.timestamp((Long) value);
            case TIMESTAMPTZ -> TemporalText.timestamp((Long) value, "+00");
            case ARRAY -> array(column, (List<?>) value);
        };
    }

    private static String array(Column column, List<?> values) {
        StringBuilder out = new StringBuilder("{");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            Object element = values.get(i);
            if (element == null) {
                out.append("NULL");
            } else {
                String text = literal(column.element(), element);
                out.append('"').append(text.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            }
        }
        return out.append('}').toString();
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }

    private static void escape(StringBuilder out, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c);
            }
        }
    }
}
