package io.tributary.source.schema;

import java.sql.Types;
import java.util.Locale;
import org.apache.kafka.connect.data.Schema;

/**
 * Chooses the {@link ColumnMapping} of a column from its database type name, as
 * {@code docs/record-contract.md} says. A type it does not know is never an error: it is read as
 * STRING with {@code getString} (as BYTES when the driver reports a binary JDBC type).
 */
public final class ColumnMappings {

    private ColumnMappings() {
    }

    /**
     * @param column the column, as {@link TableDescriber} describes it
     * @param kind the database family
     * @return its mapping
     */
    public static ColumnMapping forColumn(ColumnInfo column, DatabaseKind kind) {
        return kind == DatabaseKind.POSTGRES ? postgres(column) : mariaDb(column);
    }

    private static ColumnMapping postgres(ColumnInfo c) {
        DatabaseKind k = DatabaseKind.POSTGRES;
        String type = c.typeName();
        if (type.startsWith("_") && (c.jdbcType() == Types.ARRAY || c.jdbcType() == Types.OTHER)) {
            ColumnInfo element = new ColumnInfo(c.name(), Types.OTHER, type.substring(1), c.precision(), c.scale(), true,
                    c.ordinal());
            return new ArrayMapping(c, k, postgres(element));
        }
        switch (type) {
            case "int2": case "smallserial": return new IntegerMapping(c, k, Schema.Type.INT16);
            case "int4": case "serial": return new IntegerMapping(c, k, Schema.Type.INT32);
            case "int8": case "bigserial": return new IntegerMapping(c, k, Schema.Type.INT64);
            case "float4": return new FloatMapping(c, k, true);
            case "float8": return new FloatMapping(c, k, false);
            case "numeric": case "decimal": return decimal(c, k);
            case "bool": return new BooleanMapping(c, k);
            case "varchar": case "bpchar": return StringMapping.text(c, k, declaredLength(c));
            case "text": case "name": case "char": case "citext": return StringMapping.text(c, k, null);
            case "date": return new DateMapping(c, k);
            case "time": return new TimeMapping(c, k);
            case "timetz": return new TimeTzMapping(c, k);
            case "timestamp": return new TimestampMapping(c, k, TimestampMapping.Mode.WALL_CLOCK);
            case "timestamptz": return new TimestampMapping(c, k, TimestampMapping.Mode.INSTANT);
            case "json": case "jsonb": return StringMapping.json(c, k);
            case "uuid": return new UuidMapping(c, k);
            case "bytea": return new BytesMapping(c, k);
            case "interval": return new IntervalMapping(c, k);
            default: return unknown(c, k);
        }
    }

    private static ColumnMapping mariaDb(ColumnInfo c) {
        DatabaseKind k = DatabaseKind.MARIADB;
        String type = c.typeName().toLowerCase(Locale.ROOT).replace(" zerofill", "");
        boolean unsigned = type.endsWith(" unsigned");
        type = type.replace(" unsigned", "");
        switch (type) {
            case "boolean": case "bool": return new BooleanMapping(c, k);
            case "bit": return c.precision() <= 1 ? new BooleanMapping(c, k) : new BytesMapping(c, k);
            case "tinyint": case "year": return new IntegerMapping(c, k, Schema.Type.INT16);
            case "smallint": return new IntegerMapping(c, k, unsigned ? Schema.Type.INT32 : Schema.Type.INT16);
            case "mediumint": return new IntegerMapping(c, k, Schema.Type.INT32);
            case "int": case "integer": return new IntegerMapping(c, k, unsigned ? Schema.Type.INT64 : Schema.Type.INT32);
            case "bigint": return unsigned ? new DecimalMapping(c, k, 20, 0) : new IntegerMapping(c, k, Schema.Type.INT64);
            case "decimal": case "numeric": case "dec": case "fixed": return decimal(c, k);
            case "float": return new FloatMapping(c, k, true);
            case "double": case "real": case "double precision": return new FloatMapping(c, k, false);
            case "char": case "varchar": return StringMapping.text(c, k, declaredLength(c));
            case "tinytext": case "text": case "mediumtext": case "longtext": case "enum": case "set":
                return StringMapping.text(c, k, null);
            case "json": return StringMapping.json(c, k);
            case "date": return new DateMapping(c, k);
            case "time": return new TimeMapping(c, k);
            case "datetime": return new TimestampMapping(c, k, TimestampMapping.Mode.WALL_CLOCK);
            case "timestamp": return new TimestampMapping(c, k, TimestampMapping.Mode.UTC_WALL_CLOCK);
            case "binary": case "varbinary": case "tinyblob": case "blob": case "mediumblob": case "longblob":
                return new BytesMapping(c, k);
            case "uuid": return new UuidMapping(c, k);
            default: return unknown(c, k);
        }
    }

    private static ColumnMapping decimal(ColumnInfo c, DatabaseKind k) {
        if (c.scale() == null || c.precision() <= 0) {
            return new VariableDecimalMapping(c, k);
        }
        if (c.scale() < 0) {
            // numeric(5,-2) holds whole numbers of up to 7 digits: exact as scale 0, which Avro also accepts.
            return new DecimalMapping(c, k, c.precision() - c.scale(), 0);
        }
        // PostgreSQL allows numeric(3,5) (values below 0.001); Avro needs precision >= scale.
        return new DecimalMapping(c, k, Math.max(c.precision(), c.scale()), c.scale());
    }

    private static Integer declaredLength(ColumnInfo c) {
        return c.precision() > 0 && c.precision() < Integer.MAX_VALUE ? c.precision() : null;
    }

    private static ColumnMapping unknown(ColumnInfo c, DatabaseKind k) {
        return switch (c.jdbcType()) {
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> new BytesMapping(c, k);
            default -> StringMapping.other(c, k);
        };
    }
}
