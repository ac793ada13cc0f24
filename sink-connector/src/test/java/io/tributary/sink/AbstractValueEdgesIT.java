package io.tributary.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.common.LogicalTypes;
import io.tributary.sink.engine.FlushHooks;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

/**
 * Values at the edges of what a warehouse holds, one subclass per database, with
 * {@code errors.tolerance=all}: what can be written exactly lands exactly (infinity, BC dates, years
 * above 9999, 24:00, durations beyond a day); what the warehouse cannot hold goes to the dead-letter
 * queue as that record, with the reason, and the rest of its batch merges.
 */
abstract class AbstractValueEdgesIT {

    static final String SCHEMA = "value_edges";
    private static final AtomicInteger TABLES = new AtomicInteger();
    private static final Schema KEY = SchemaBuilder.struct().field("id", Schema.INT64_SCHEMA).build();
    private static final Schema VALUE = SchemaBuilder.struct()
            .field("id", Schema.INT64_SCHEMA)
            .field("ts", LogicalTypes.microTimestamp().optional().build())
            .field("tstz", LogicalTypes.microTimestampTz().optional().build())
            .field("day", Date.builder().optional().build())
            .field("txt", Schema.OPTIONAL_STRING_SCHEMA)
            .field("tod", LogicalTypes.microTime().optional().build())
            .field("dbztod", SchemaBuilder.int64().name("io.debezium.time.MicroTime").optional().build())
            .field("dur", LogicalTypes.microDuration().optional().build())
            .build();
    private static final long HOUR = 3_600_000_000L;

    /** destination, warehouse.url and friends. */
    abstract Map<String, String> destinationConfig();

    abstract Connection connect() throws SQLException;

    /** Whether the warehouse's text columns hold U+0000 (DuckDB does, PostgreSQL does not). */
    abstract boolean storesNul();

    private String topic;
    private String table;

    private TaskDriver driver() {
        String source = "edges_" + TABLES.incrementAndGet() + "_" + System.nanoTime() % 100000;
        topic = "shop.public." + source;
        table = "public_" + source;
        Map<String, String> props = new HashMap<>(destinationConfig());
        props.put("topics", topic);
        props.put("warehouse.schema", SCHEMA);
        props.put("errors.tolerance", "all");
        return new TaskDriver(props, TaskDriver.LOCAL.apply(props), FlushHooks.NONE);
    }

    private SinkRecord record(long offset, long id, Map<String, Object> values) {
        Struct value = new Struct(VALUE).put("id", id);
        values.forEach(value::put);
        return new SinkRecord(topic, 0, KEY, new Struct(KEY).put("id", id), VALUE, value, offset, 0L, TimestampType.CREATE_TIME);
    }

    private static java.util.Date date(LocalDate day) {
        return java.util.Date.from(day.atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    private static long micros(LocalDateTime wallClock) {
        return wallClock.toEpochSecond(ZoneOffset.UTC) * 1_000_000L + wallClock.get(ChronoField.MICRO_OF_SECOND);
    }

    @Test
    void infinityBcAndFarFutureLandExactlyAndWhatCannotBeWrittenGoesToTheDeadLetterQueue() throws Exception {
        try (TaskDriver sink = driver()) {
            sink.batch(record(0, 1, Map.of("ts", Long.MAX_VALUE, "tstz", Long.MIN_VALUE, "day", date(LocalDate.of(-43, 3, 15)), "txt", "bc")),
                    record(1, 2, Map.of("ts", micros(LocalDateTime.of(12000, 1, 1, 0, 0, 0, 1000)), "tstz", Long.MAX_VALUE,
                            "day", date(LocalDate.of(10000, 1, 1)), "txt", "future")),
                    record(2, 3, Map.of("txt", "nul\u0000inside")),
                    record(3, 4, Map.of("txt", "after")));
            Map<Long, List<String>> expected = new TreeMap<>();
            expected.put(1L, List.of("infinity", "-infinity", "0044-03-15 BC", "bc"));
            expected.put(2L, List.of("12000-01-01 00:00:00.000001", "infinity", "10000-01-01", "future"));
            if (storesNul()) {
                expected.put(3L, List.of("null", "null", "null", "nul\u0000inside"));
            }
            expected.put(4L, List.of("null", "null", "null", "after"));
            assertEquals(expected, read("ts", "tstz", "day", "txt"));
            assertEquals(4L, sink.committed.values().iterator().next().offset(), "every record is merged or reported");
            if (storesNul()) {
                assertEquals(List.of(), sink.context.deadLetters);
            } else {
                assertEquals(List.of(2L), sink.context.reported().stream().map(SinkRecord::kafkaOffset).toList());
                String reason = sink.context.deadLetters.get(0).reason().getMessage();
                assertTrue(reason.contains(topic + "-0@2") && reason.contains("txt") && reason.contains("U+0000"), reason);
            }
        }
    }

    @Test
    void timesAndDurationsAreNeverWrapped() throws Exception {
        try (TaskDriver sink = driver()) {
            sink.batch(record(0, 1, Map.of("tod", 24 * HOUR, "dur", -HOUR)),
                    record(1, 2, Map.of("tod", 24 * HOUR - 1, "dur", 100 * HOUR)),
                    record(2, 3, Map.of("tod", 0L, "dur", 838 * HOUR + (59 * 60 + 59) * 1_000_000L)),
                    record(3, 4, Map.of("dbztod", -HOUR)),
                    record(4, 5, Map.of("dbztod", 100 * HOUR)),
                    record(5, 6, Map.of("dbztod", 12 * HOUR)));
            Map<Long, List<String>> expected = new TreeMap<>();
            expected.put(1L, List.of("24:00:00", "null", "-01:00:00"));
            expected.put(2L, List.of("23:59:59.999999", "null", "100:00:00"));
            expected.put(3L, List.of("00:00:00", "null", "838:59:59"));
            expected.put(6L, List.of("null", "12:00:00", "null"));
            assertEquals(expected, read("tod", "dbztod", "dur"));
            assertEquals(List.of(3L, 4L), sink.context.reported().stream().map(SinkRecord::kafkaOffset).toList(),
                    "times of day outside the warehouse's range are reported, not wrapped into a day");
            for (RecordingContext.DeadLetter letter : sink.context.deadLetters) {
                String reason = letter.reason().getMessage();
                assertTrue(reason.contains("dbztod") && reason.contains("outside"), reason);
            }
            assertEquals(6L, sink.committed.values().iterator().next().offset());
        }
    }

    /** id to the columns as text, NULL as "null"; BC dates in PostgreSQL's spelling. */
    private Map<Long, List<String>> read(String... columns) throws SQLException {
        StringBuilder select = new StringBuilder("SELECT \"id\"");
        for (String column : columns) {
            select.append(", CAST(\"").append(column).append("\" AS VARCHAR)");
        }
        Map<Long, List<String>> rows = new TreeMap<>();
        try (Connection c = connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(select + " FROM \"" + SCHEMA + "\".\"" + table + "\"")) {
            while (rs.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 2; i <= columns.length + 1; i++) {
                    values.add(String.valueOf(rs.getString(i)).replace(" (BC)", " BC"));
                }
                rows.put(rs.getLong(1), values);
            }
        }
        return rows;
    }
}
