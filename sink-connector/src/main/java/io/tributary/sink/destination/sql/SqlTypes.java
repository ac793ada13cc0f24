package io.tributary.sink.destination.sql;

import io.tributary.sink.schema.ColumnType;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an SQL type name (as a warehouse's catalog lists it, or as a dialect writes it) back into a
 * warehouse-neutral type, for the types the sink widens: integers, floats, decimals, strings with their
 * length, dates and timestamps. Other types read as null: the sink leaves such columns as they are.
 */
public final class SqlTypes {

    private static final Pattern TYPE = Pattern.compile("\\s*([a-z_ ]+?)\\s*(?:\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\))?\\s*");

    private SqlTypes() {
    }

    /** The neutral type of {@code sqlType} ({@code varchar(10)}, {@code NUMERIC(6,2)}, {@code timestamp with time zone}), or null. */
    public static ColumnType parse(String sqlType) {
        if (sqlType == null) {
            return null;
        }
        Matcher m = TYPE.matcher(sqlType.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return null;
        }
        String name = m.group(1).trim().replaceAll("\\s+", " ");
        int first = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
        int second = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        return switch (name) {
            case "smallint", "int2" -> ColumnType.of(ColumnType.Kind.INT16);
            case "integer", "int", "int4" -> ColumnType.of(ColumnType.Kind.INT32);
            case "bigint", "int8" -> ColumnType.of(ColumnType.Kind.INT64);
            case "real", "float4" -> ColumnType.of(ColumnType.Kind.FLOAT32);
            case "double precision", "double", "float8", "float" -> ColumnType.of(ColumnType.Kind.FLOAT64);
            case "numeric", "decimal", "number" -> ColumnType.decimal(first, second);
            case "varchar", "character varying", "text", "string" -> ColumnType.string(first);
            case "date" -> ColumnType.of(ColumnType.Kind.DATE);
            case "timestamp", "timestamp without time zone", "timestamp_ntz" -> ColumnType.of(ColumnType.Kind.TIMESTAMP);
            case "timestamptz", "timestamp with time zone", "timestamp_tz" -> ColumnType.of(ColumnType.Kind.TIMESTAMPTZ);
            default -> null;
        };
    }
}
