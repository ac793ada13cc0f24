package io.tributary.common;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;

/**
 * Connect schema names for values that Connect's own logical types cannot hold exactly. Both
 * connectors use them: the source writes them, the sink maps them to warehouse types. (The sink also
 * understands Debezium's equivalents, {@code io.debezium.time.*} and {@code io.debezium.data.*}.)
 *
 * <p>Connect's {@code Decimal} (fixed scale, with the {@code connect.decimal.precision} parameter)
 * and {@code Date} are used as they are.
 */
public final class LogicalTypes {

    /** INT64: microseconds since the epoch of a timestamp WITHOUT time zone, its wall-clock value read as UTC. */
    public static final String MICRO_TIMESTAMP = "io.tributary.time.MicroTimestamp";
    /** INT64: microseconds since the epoch, UTC, of a timestamp WITH time zone. */
    public static final String MICRO_TIMESTAMP_TZ = "io.tributary.time.MicroTimestampTz";
    /** INT64: microseconds since midnight, a time of day from 00:00:00 to 24:00:00 (PostgreSQL {@code time}). */
    public static final String MICRO_TIME = "io.tributary.time.MicroTime";
    /**
     * INT64: a signed duration in microseconds, which may be negative or 24 hours and more (MySQL and
     * MariaDB {@code TIME}, -838:59:59.999999 to 838:59:59.999999). Never wrapped into a day.
     */
    public static final String MICRO_DURATION = "io.tributary.time.MicroDuration";
    /** STRING: a JSON document, exactly as the database returned it (numbers never parsed). */
    public static final String JSON = "io.tributary.data.Json";
    /** STRING: a UUID in its canonical lower-case form. */
    public static final String UUID = "io.tributary.data.Uuid";
    /** STRING: a decimal of any precision and scale in plain notation, for numeric columns without a declared scale. */
    public static final String VARIABLE_DECIMAL = "io.tributary.data.VariableDecimal";

    /** Schema parameter: the column's type name in the source database, e.g. {@code int8} or {@code varchar}. */
    public static final String PARAM_SOURCE_TYPE = "tributary.source.type";
    /** Schema parameter: the declared length (characters) of a string column, when it has one. */
    public static final String PARAM_LENGTH = "tributary.source.length";

    private LogicalTypes() {
    }

    public static SchemaBuilder microTimestamp() {
        return SchemaBuilder.int64().name(MICRO_TIMESTAMP).version(1);
    }

    public static SchemaBuilder microTimestampTz() {
        return SchemaBuilder.int64().name(MICRO_TIMESTAMP_TZ).version(1);
    }

    public static SchemaBuilder microTime() {
        return SchemaBuilder.int64().name(MICRO_TIME).version(1);
    }

    public static SchemaBuilder microDuration() {
        return SchemaBuilder.int64().name(MICRO_DURATION).version(1);
    }

    public static SchemaBuilder json() {
        return SchemaBuilder.string().name(JSON).version(1);
    }

    public static SchemaBuilder uuid() {
        return SchemaBuilder.string().name(UUID).version(1);
    }

    public static SchemaBuilder variableDecimal() {
        return SchemaBuilder.string().name(VARIABLE_DECIMAL).version(1);
    }

    /** Whether {@code schema} carries one of the names above. */
    public static boolean isTributaryType(Schema schema) {
        return schema.name() != null && schema.name().startsWith("io.tributary.");
    }
}
