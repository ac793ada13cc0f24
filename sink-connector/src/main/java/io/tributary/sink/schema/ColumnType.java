package io.tributary.sink.schema;

/**
 * A warehouse-neutral column type, derived from a Connect schema. Each destination maps it to its
 * own type names; values are staged in Avro with the matching Avro type.
 *
 * @param kind what the column holds
 * @param precision total digits of a {@link Kind#DECIMAL}; 0 when unknown
 * @param scale digits after the point of a {@link Kind#DECIMAL}
 * @param length declared length of a {@link Kind#STRING}; 0 when none
 */
public record ColumnType(Kind kind, int precision, int scale, int length) {

    /** The kinds of values a column can hold. */
    public enum Kind {
        BOOLEAN, INT16, INT32, INT64, FLOAT32, FLOAT64,
        /** Fixed scale decimal. */
        DECIMAL,
        /** A decimal of any precision and scale, staged in plain notation. */
        VARIABLE_DECIMAL,
        STRING, JSON, UUID, BYTES,
        /** Days since the epoch. */
        DATE,
        /** Microseconds since midnight, 00:00:00 to 24:00:00 (never wrapped: other values fail on the way in). */
        TIME,
        /**
         * A signed duration in microseconds, negative or beyond a day (MySQL/MariaDB TIME); staged as
         * text {@code [-]HH:MM:SS[.ffffff]}: an interval where the warehouse has one, else that text.
         */
        DURATION,
        /** Microseconds since the epoch of a wall-clock time read as UTC (no time zone). */
        TIMESTAMP,
        /** Microseconds since the epoch, UTC. */
        TIMESTAMPTZ,
        /** An array; the element type is the column's element. */
        ARRAY
    }

    public static ColumnType of(Kind kind) {
        return new ColumnType(kind, 0, 0, 0);
    }

    public static ColumnType decimal(int precision, int scale) {
        return new ColumnType(Kind.DECIMAL, precision, scale, 0);
    }

    public static ColumnType string(int length) {
        return new ColumnType(Kind.STRING, 0, 0, length);
    }
}
