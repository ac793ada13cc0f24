package io.tributary.source.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tributary.source.dialect.SourceDialect;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.connect.json.JsonConverter;

/**
 * Reads a table's rows in key order through a {@link RowConverter}, takes the key offset of one row
 * through a JSON round trip (as Connect stores offsets), binds it into
 * {@code SELECT count(*) ... WHERE (keys) > (?, ...)} and checks the count.
 */
final class KeyRoundTrip {

    private final Connection connection;
    private final SourceDialect dialect;
    private final String schema;

    KeyRoundTrip(Connection connection, SourceDialect dialect, String schema) {
        this.connection = connection;
        this.dialect = dialect;
        this.schema = schema;
    }

    /** What one round trip saw. */
    record Result(RowConverter converter, List<Object> offset, long rows) {
    }

    /**
     * @param table table name (created by {@code ddl})
     * @param ddl CREATE TABLE statement
     * @param insert INSERT statement with the rows
     * @param keyColumns key columns (also the primary key)
     * @param compareExpressions one SQL expression per key column, in comparison order (collations go here)
     * @param pick 0-based index, in key order, of the row whose key is the offset
     * @return what was read
     */
    Result run(String table, String ddl, String insert, List<String> keyColumns, List<String> compareExpressions, int pick)
            throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute(ddl);
            st.execute(insert);
        }
        TableDescription description = dialect.describe(connection, new TableId(schema, table));
        assertEquals(keyColumns, description.primaryKey(), "primary key of " + table);
        RowConverter converter = new RowConverter(description, keyColumns, "test", dialect::mapping, false);
        String columns = converter.selectColumns().stream().map(this::quote).collect(Collectors.joining(", "));
        String tuple = String.join(", ", compareExpressions);
        List<List<Object>> offsets = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT " + columns + " FROM " + quote(schema) + "."
                + quote(table) + " ORDER BY " + tuple); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Object[] row = converter.read(rs);
                converter.key(row).validate();
                offsets.add(converter.keyOffset(row));
            }
        }
        List<Object> offset = throughJson(offsets.get(pick));
        String params = String.join(", ", Collections.nCopies(keyColumns.size(), "?"));
        try (PreparedStatement ps = connection.prepareStatement("SELECT count(*) FROM " + quote(schema) + "." + quote(table)
                + " WHERE (" + tuple + ") > (" + params + ")")) {
            converter.bindKey(ps, 1, offset);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertEquals(offsets.size() - pick - 1, rs.getLong(1), table + ": rows after key " + offset);
            }
        }
        return new Result(converter, offset, offsets.size());
    }

    String quote(String identifier) {
        return dialect.quote(identifier);
    }

    /** Offsets live in Connect's offset store as schemaless JSON. */
    @SuppressWarnings("unchecked")
    static List<Object> throughJson(List<Object> offset) {
        try (JsonConverter json = new JsonConverter()) {
            json.configure(Map.of("schemas.enable", "false"), false);
            byte[] bytes = json.fromConnectData("offsets", null, Map.of("key", offset));
            Map<String, Object> back = (Map<String, Object>) json.toConnectData("offsets", bytes).value();
            String text = new String(bytes, StandardCharsets.UTF_8);
            if (text.isEmpty()) {
                throw new AssertionError("empty offset JSON");
            }
            return (List<Object>) back.get("key");
        }
    }
}
