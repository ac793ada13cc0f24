package io.tributary.source.dialect.postgres;

import io.tributary.source.schema.BooleanMapping;
import io.tributary.source.schema.BytesMapping;
import io.tributary.source.schema.ColumnInfo;
import io.tributary.source.schema.ColumnMapping;
import io.tributary.source.schema.DateMapping;
import io.tributary.source.schema.DecimalMapping;
import io.tributary.source.schema.FloatMapping;
import io.tributary.source.schema.IntegerMapping;
import io.tributary.source.schema.StringMapping;
import io.tributary.source.schema.TableDescriber;
import io.tributary.source.schema.TimeOfDayMapping;
import io.tributary.source.schema.TimestampMapping;
import io.tributary.source.schema.UuidMapping;
import java.sql.Types;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;

/**
 * PostgreSQL's column types: how the catalog reports them (serial aliases, numeric scales) and which
 * mapping reads each, as docs/record-contract.md lists.
 */
final class PostgresTypes implements TableDescriber.Catalog {

    private static final Map<String, String> SERIALS = Map.of("serial", "int4", "bigserial", "int8", "smallserial", "int2");

    @Override
    public boolean schemasAreCatalogs() {
        return false;
    }

    /**
     * pgjdbc reports a column defaulting to a sequence as serial/bigserial/smallserial: it is an
     * int4/int8/int2. An unconstrained numeric has size 0 (column) or 131089 (array element), both
     * beyond the largest declarable precision, 1000: no declared scale. PostgreSQL 15+ allows scales
     * from -1000 to 1000, and pgjdbc reports the 11-bit scale field as is: a negative scale shows up as
     * {@code 2048 + scale}.
     */
    @Override
    public ColumnInfo adjust(ColumnInfo c) {
        String type = SERIALS.getOrDefault(c.typeName(), c.typeName());
        Integer scale = c.scale();
        if (type.equals("numeric") || type.equals("_numeric")) {
            scale = scale == null || c.precision() <= 0 || c.precision() > 1000 ? null : scale > 1000 ? scale - 2048 : scale;
        }
        return new ColumnInfo(c.name(), c.jdbcType(), type, c.precision(), scale, c.nullable(), c.ordinal());
    }

    static ColumnMapping mapping(ColumnInfo c) {
        String type = c.typeName();
        if (type.startsWith("_") && (c.jdbcType() == Types.ARRAY || c.jdbcType() == Types.OTHER)) {
            ColumnInfo element = new ColumnInfo(c.name(), Types.OTHER, type.substring(1), c.precision(), c.scale(), true,
                    c.ordinal());
            return new ArrayMapping(c, mapping(element));
        }
        return switch (type) {
            case "int2", "smallserial" -> new IntegerMapping(c, Schema.Type.INT16);
            case "int4", "serial" -> new IntegerMapping(c, Schema.Type.INT32);
            case "int8", "bigserial" -> new IntegerMapping(c, Schema.Type.INT64);
            case "float4" -> new FloatMapping(c, true);
            case "float8" -> new FloatMapping(c, false);
            case "numeric", "decimal" -> DecimalMapping.of(c);
            case "bool" -> new BooleanMapping(c);
            case "varchar", "bpchar" -> StringMapping.text(c, StringMapping.declaredLength(c));
            case "text", "name", "char", "citext" -> StringMapping.text(c, null);
            case "date" -> new DateMapping(c);
            case "time" -> new TimeOfDayMapping(c);
            case "timetz" -> new TimeTzMapping(c);
            case "timestamp" -> new TimestampMapping(c, TimestampMapping.Mode.WALL_CLOCK);
            case "timestamptz" -> new TimestampMapping(c, TimestampMapping.Mode.INSTANT);
            case "json", "jsonb" -> StringMapping.json(c);
            case "uuid" -> new UuidMapping(c, true); // uuid does not compare with varchar
            case "bytea" -> new BytesMapping(c);
            case "interval" -> new IntervalMapping(c);
            default -> StringMapping.other(c, StringMapping.Bind.SERVER_TYPED); // inet, money, enums: cast back by the server
        };
    }
}
