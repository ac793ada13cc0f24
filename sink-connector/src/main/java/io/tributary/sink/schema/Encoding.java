package io.tributary.sink.schema;

/** How a column's value is represented in the Connect record, so it can be converted to its staged form. */
public enum Encoding {
    /** The Connect value is already the staged value (boolean, int, long, float, double, String, byte[]). */
    AS_IS,
    /** INT8 (Byte): staged as an int. */
    BYTE,
    /** Connect {@code Decimal}: a BigDecimal. */
    CONNECT_DECIMAL,
    /** Connect {@code Date}: a java.util.Date at midnight UTC. */
    CONNECT_DATE,
    /** Connect {@code Time}: a java.util.Date, milliseconds since midnight. */
    CONNECT_TIME,
    /** Connect {@code Timestamp}: a java.util.Date. */
    CONNECT_TIMESTAMP,
    /** int days since the epoch. */
    EPOCH_DAYS,
    /** int or long milliseconds (time of day or since the epoch). */
    MILLIS,
    /** long microseconds. */
    MICROS,
    /** long nanoseconds. */
    NANOS,
    /** long microseconds of a signed duration: staged as text, never wrapped into a day. */
    DURATION_MICROS,
    /** ISO-8601 string with an offset, e.g. Debezium {@code ZonedTimestamp}. */
    ZONED_STRING,
    /** Debezium {@code VariableScaleDecimal}: a struct of scale and unscaled bytes. */
    DEBEZIUM_VARIABLE_DECIMAL,
    /** A string holding a decimal in plain notation. */
    DECIMAL_STRING,
    /** A Connect array; elements are converted by the column's element. */
    ARRAY
}
