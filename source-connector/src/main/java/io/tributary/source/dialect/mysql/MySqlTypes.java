package io.tributary.source.dialect.mysql;

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
import io.tributary.source.schema.TableId;
import io.tributary.source.schema.TimestampMapping;
import io.tributary.source.schema.UuidMapping;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.connect.data.Schema;

/**
 * MySQL/MariaDB column types: a "schema" is a database (JDBC catalog); MariaDB's JSON is a
 * {@code longtext} with the check {@code json_valid(`col`)}, reported as {@code json}; and the
 * mapping that reads each type, as docs/record-contract.md lists.
 */
final class MySqlTypes implements TableDescriber.Catalog {

    @Override
    public boolean schemasAreCatalogs() {
        return true;
    }

    @Override
    public List<ColumnInfo> adjust(Connection connection, TableId id, List<ColumnInfo> columns) {
        if (columns.stream().noneMatch(c -> c.typeName().equals("longtext"))) {
            return columns;
        }
        Set<String> clauses = new HashSet<>();
        String sql = "SELECT CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = ? AND TABLE_NAME = ?";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, id.schema());
            ps.setString(2, id.table());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    clauses.add(Objects.toString(rs.getString(1), "").replace(" ", "").toLowerCase(Locale.ROOT));
                }
            }
        } catch (SQLException e) {
            return columns; // MySQL has no TABLE_NAME there, and a native JSON type instead: leave longtext as text
        }
        List<ColumnInfo> marked = new ArrayList<>(columns.size());
        for (ColumnInfo c : columns) {
            String check = ("json_valid(`" + c.name().replace("`", "``") + "`)").toLowerCase(Locale.ROOT);
            marked.add(c.typeName().equals("longtext") && clauses.contains(check)
                    ? new ColumnInfo(c.name(), c.jdbcType(), "json", c.precision(), c.scale(), c.nullable(), c.ordinal())
                    : c);
        }
        return marked;
    }

    static ColumnMapping mapping(ColumnInfo c) {
        String type = c.typeName().toLowerCase(Locale.ROOT).replace(" zerofill", "");
        boolean unsigned = type.endsWith(" unsigned");
        type = type.replace(" unsigned", "");
        return switch (type) {
            case "boolean", "bool" -> new BooleanMapping(c);
            case "bit" -> c.precision() <= 1 ? new BooleanMapping(c) : new BytesMapping(c);
            case "tinyint", "year" -> new IntegerMapping(c, Schema.Type.INT16);
            case "smallint" -> new IntegerMapping(c, unsigned ? Schema.Type.INT32 : Schema.Type.INT16);
            case "mediumint" -> new IntegerMapping(c, Schema.Type.INT32);
            case "int", "integer" -> new IntegerMapping(c, unsigned ? Schema.Type.INT64 : Schema.Type.INT32);
            case "bigint" -> unsigned ? new DecimalMapping(c, 20, 0) : new IntegerMapping(c, Schema.Type.INT64);
            case "decimal", "numeric", "dec", "fixed" -> DecimalMapping.of(c);
            case "float" -> new FloatMapping(c, true);
            case "double", "real", "double precision" -> new FloatMapping(c, false);
            case "char", "varchar" -> StringMapping.text(c, StringMapping.declaredLength(c));
            case "tinytext", "text", "mediumtext", "longtext", "enum", "set" -> StringMapping.text(c, null);
            case "json" -> StringMapping.json(c);
            case "date" -> new DateMapping(c);
            case "time" -> new DurationMapping(c);
            case "datetime" -> new TimestampMapping(c, TimestampMapping.Mode.WALL_CLOCK);
            case "timestamp" -> new TimestampMapping(c, TimestampMapping.Mode.UTC_WALL_CLOCK); // sessions run in UTC
            case "binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob" -> new BytesMapping(c);
            case "uuid" -> new UuidMapping(c, false);
            default -> StringMapping.other(c, StringMapping.Bind.TEXT);
        };
    }
}
