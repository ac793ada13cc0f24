package io.tributary.sink;

import io.tributary.common.RecordHeaders;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Rows with large values a PostgreSQL UPDATE may leave out (TOAST): text, JSON, a text array, bytes,
 * an int array; as Debezium's PostgreSQL connector sends them (the placeholder
 * {@value #PLACEHOLDER} in the form of each column's type) and as our log mode does (the
 * {@code tributary.unchanged} header, fields null).
 */
final class ToastRecords {

    static final String PLACEHOLDER = "__debezium_unavailable_value";
    static final Schema KEY = SchemaBuilder.struct().name("shop.public.docs.Key").field("id", Schema.INT64_SCHEMA).build();
    static final Schema VALUE = SchemaBuilder.struct().name("shop.public.docs.Value").optional()
            .field("id", Schema.INT64_SCHEMA)
            .field("title", Schema.OPTIONAL_STRING_SCHEMA)
            .field("body", Schema.OPTIONAL_STRING_SCHEMA)
            .field("doc", SchemaBuilder.string().name("io.debezium.data.Json").optional().build())
            .field("tags", SchemaBuilder.array(Schema.OPTIONAL_STRING_SCHEMA).optional().build())
            .field("data", Schema.OPTIONAL_BYTES_SCHEMA)
            .field("nums", SchemaBuilder.array(Schema.OPTIONAL_INT32_SCHEMA).optional().build())
            .build();
    static final Schema SOURCE = SchemaBuilder.struct().name("io.debezium.connector.postgresql.Source")
            .field("connector", Schema.STRING_SCHEMA).field("lsn", Schema.OPTIONAL_INT64_SCHEMA).build();
    static final Schema ENVELOPE = SchemaBuilder.struct().name("shop.public.docs.Envelope")
            .field("before", VALUE).field("after", VALUE).field("source", SOURCE)
            .field("op", Schema.STRING_SCHEMA).build();
    /** The columns an update may leave out. */
    static final List<String> TOASTED = List.of("body", "doc", "tags", "data", "nums");

    /** A row's values; for the TOAST columns {@link #unchanged} marks a value the update left out. */
    @SuppressWarnings("ArrayRecordComponent") // a test fixture never compared as a record: its values are compared as read back
    record Doc(String title, String body, String doc, List<String> tags, byte[] data, List<Integer> nums) {

        /** A full row whose large values are derived from {@code seed}. */
        static Doc full(String title, String seed) {
            return new Doc(title, seed.repeat(1 + 3000 / seed.length()), "{\"seed\": \"" + seed + "\"}", List.of(seed, seed + "!"),
                    (seed + "-bytes").getBytes(StandardCharsets.UTF_8), List.of(seed.length(), 7));
        }

        /** The values as they read back: title, body, doc, tags, data as hex, nums. */
        List<Object> expected() {
            return Arrays.asList(title, body, doc, tags, data == null ? null : HexFormat.of().formatHex(data), nums);
        }
    }

    private ToastRecords() {
    }

    /** Debezium's placeholder in the form of each TOAST column: text, JSON, text array, bytes, int array (one element per byte). */
    static Struct placeholders(Struct row) {
        byte[] bytes = PLACEHOLDER.getBytes(StandardCharsets.UTF_8);
        List<Integer> ints = new ArrayList<>();
        for (byte b : bytes) {
            ints.add((int) b);
        }
        return row.put("body", PLACEHOLDER).put("doc", PLACEHOLDER).put("tags", List.of(PLACEHOLDER)).put("data", bytes).put("nums", ints);
    }

    static Struct row(long id, Doc doc) {
        return new Struct(VALUE).put("id", id).put("title", doc.title()).put("body", doc.body()).put("doc", doc.doc())
                .put("tags", doc.tags()).put("data", doc.data()).put("nums", doc.nums());
    }

    /** A Debezium PostgreSQL event; {@code after} null for a delete. */
    static SinkRecord debezium(String topic, long offset, long lsn, String op, long id, Struct after) {
        Struct envelope = new Struct(ENVELOPE).put("op", op).put("source", new Struct(SOURCE).put("connector", "postgresql").put("lsn", lsn));
        if ("d".equals(op)) {
            envelope.put("before", new Struct(VALUE).put("id", id));
        } else {
            envelope.put("after", after);
        }
        return new SinkRecord(topic, 0, KEY, new Struct(KEY).put("id", id), ENVELOPE, envelope, offset, 1_700_000_000_000L,
                TimestampType.CREATE_TIME);
    }

    /** A full Debezium row. */
    static SinkRecord debezium(String topic, long offset, long lsn, String op, long id, Doc doc) {
        return debezium(topic, offset, lsn, op, id, row(id, doc));
    }

    /** A Debezium update that changed only the title: the TOAST columns hold the placeholder. */
    static SinkRecord debeziumTitleOnly(String topic, long offset, long lsn, long id, String title) {
        return debezium(topic, offset, lsn, "u", id, placeholders(new Struct(VALUE).put("id", id).put("title", title)));
    }

    /** Our log mode: the fields named {@code unchanged} are null and listed in the {@code tributary.unchanged} header. */
    static SinkRecord ours(String topic, long offset, long position, String op, long id, Doc doc, String... unchanged) {
        Struct value = row(id, doc);
        for (String name : unchanged) {
            if (VALUE.field(name) != null && VALUE.field(name).schema().isOptional()) {
                value.put(name, null);
            }
        }
        ConnectHeaders headers = new ConnectHeaders();
        headers.addString(RecordHeaders.OP, op);
        headers.addLong(RecordHeaders.POSITION, position);
        headers.addString(RecordHeaders.TABLE, "public.docs");
        if (unchanged.length > 0) {
            headers.addString(RecordHeaders.UNCHANGED, Arrays.stream(unchanged).map(n -> "\"" + n + "\"").collect(Collectors.joining(",", "[", "]")));
        }
        return new SinkRecord(topic, 0, KEY, new Struct(KEY).put("id", id), VALUE, value, offset, 1_700_000_000_000L,
                TimestampType.CREATE_TIME, headers);
    }

    /** id to the expected values ({@link Doc#expected}) of the rows of {@code table}. */
    static Map<Long, List<Object>> read(Connection connection, String table) throws SQLException {
        Map<Long, List<Object>> rows = new TreeMap<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT \"id\", \"title\", \"body\", CAST(\"doc\" AS VARCHAR), \"tags\", \"data\", \"nums\" FROM " + table)) {
            while (rs.next()) {
                byte[] data = rs.getBytes(6);
                List<Object> values = Arrays.asList(rs.getString(2), rs.getString(3), rs.getString(4), list(rs.getArray(5)),
                        data == null ? null : HexFormat.of().formatHex(data), list(rs.getArray(7)));
                if (rows.put(rs.getLong(1), values) != null) {
                    throw new AssertionError("two rows with id " + rs.getLong(1));
                }
            }
        }
        return rows;
    }

    private static List<Object> list(Array array) throws SQLException {
        if (array == null) {
            return null;
        }
        List<Object> out = new ArrayList<>();
        for (Object element : (Object[]) array.getArray()) {
            out.add(element instanceof Number n && !(element instanceof Integer) ? Integer.valueOf(n.intValue()) : element);
        }
        return out;
    }
}
