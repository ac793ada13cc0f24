package io.tributary.benchmarks;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.SplittableRandom;

/**
 * The sink benchmark's input, generated the same way every time: {@code records} Debezium-style
 * change events (JSON with schemas, as Connect's JsonConverter writes them) of a 10-column table,
 * where every fifth event updates an earlier key and the others insert new keys. Each row's values
 * are a function of its key and version, so the final table is known without storing it: the
 * expected row count and version sum, and the rows themselves for {@code COPY FROM}.
 */
final class ChangeStream {

    /** The columns, in the order of the table, the events and the COPY text. */
    static final String COLUMNS = "id, name, email, amount, quantity, price, active, born, updated_at, version";

    private static final long BASE_MILLIS = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
    private static final String ROW_FIELDS = "[{\"field\":\"id\",\"type\":\"int64\",\"optional\":false},"
            + "{\"field\":\"name\",\"type\":\"string\",\"optional\":true},"
            + "{\"field\":\"email\",\"type\":\"string\",\"optional\":true},"
            + "{\"field\":\"amount\",\"type\":\"bytes\",\"optional\":true,\"name\":\"org.apache.kafka.connect.data.Decimal\",\"version\":1,"
            + "\"parameters\":{\"scale\":\"2\",\"connect.decimal.precision\":\"12\"}},"
            + "{\"field\":\"quantity\",\"type\":\"int32\",\"optional\":true},"
            + "{\"field\":\"price\",\"type\":\"double\",\"optional\":true},"
            + "{\"field\":\"active\",\"type\":\"boolean\",\"optional\":true},"
            + "{\"field\":\"born\",\"type\":\"int32\",\"optional\":true,\"name\":\"org.apache.kafka.connect.data.Date\",\"version\":1},"
            + "{\"field\":\"updated_at\",\"type\":\"int64\",\"optional\":true,\"name\":\"org.apache.kafka.connect.data.Timestamp\",\"version\":1},"
            + "{\"field\":\"version\",\"type\":\"int32\",\"optional\":true}]";
    private static final String VALUE_SCHEMA = "{\"type\":\"struct\",\"name\":\"bench.public.items.Envelope\",\"optional\":false,\"fields\":["
            + "{\"field\":\"before\",\"type\":\"struct\",\"name\":\"bench.public.items.Value\",\"optional\":true,\"fields\":" + ROW_FIELDS + "},"
            + "{\"field\":\"after\",\"type\":\"struct\",\"name\":\"bench.public.items.Value\",\"optional\":true,\"fields\":" + ROW_FIELDS + "},"
            + "{\"field\":\"source\",\"type\":\"struct\",\"name\":\"io.debezium.connector.postgresql.Source\",\"optional\":false,\"fields\":["
            + "{\"field\":\"connector\",\"type\":\"string\",\"optional\":false},{\"field\":\"db\",\"type\":\"string\",\"optional\":false},"
            + "{\"field\":\"schema\",\"type\":\"string\",\"optional\":false},{\"field\":\"table\",\"type\":\"string\",\"optional\":false},"
            + "{\"field\":\"lsn\",\"type\":\"int64\",\"optional\":true},{\"field\":\"ts_ms\",\"type\":\"int64\",\"optional\":false}]},"
            + "{\"field\":\"op\",\"type\":\"string\",\"optional\":false},{\"field\":\"ts_ms\",\"type\":\"int64\",\"optional\":true}]}";
    private static final String KEY_SCHEMA = "{\"type\":\"struct\",\"name\":\"bench.public.items.Key\",\"optional\":false,"
            + "\"fields\":[{\"field\":\"id\",\"type\":\"int64\",\"optional\":false}]}";

    /** One event: its key, partition and the serialized key and value. */
    @SuppressWarnings("ArrayRecordComponent") // handed to the producer, never compared or hashed
    record Event(long id, int partition, byte[] key, byte[] value) {
    }

    /** Receives the events in order. */
    interface EventSink {
        void accept(Event event) throws Exception;
    }

    private final long records;
    private final int partitions;
    private final int[] versions;
    private long keys;
    private long versionSum;

    ChangeStream(long records, int partitions) {
        this.records = records;
        this.partitions = partitions;
        this.versions = new int[Math.toIntExact(records - records / 5 + 1)];
    }

    /** Generates every event in order into {@code sink}; afterwards the expected final table is known. */
    void generate(EventSink sink) throws Exception {
        SplittableRandom random = new SplittableRandom(42);
        keys = 0;
        versionSum = 0;
        java.util.Arrays.fill(versions, 0);
        for (long i = 0; i < records; i++) {
            long id;
            String op;
            if (i % 5 == 4) {
                id = 1 + random.nextLong(keys);
                versions[(int) id]++;
                op = "u";
            } else {
                id = ++keys;
                versions[(int) id] = 1;
                op = "c";
            }
            String key = "{\"schema\":" + KEY_SCHEMA + ",\"payload\":{\"id\":" + id + "}}";
            StringBuilder value = new StringBuilder(2400).append("{\"schema\":").append(VALUE_SCHEMA).append(",\"payload\":{\"before\":null,\"after\":");
            appendRow(value, id, versions[(int) id]);
            value.append(",\"source\":{\"connector\":\"postgresql\",\"db\":\"bench\",\"schema\":\"public\",\"table\":\"items\",\"lsn\":")
                    .append(1_000_000 + i * 64).append(",\"ts_ms\":").append(BASE_MILLIS + i).append("},\"op\":\"").append(op)
                    .append("\",\"ts_ms\":").append(BASE_MILLIS + i).append("}}");
            sink.accept(new Event(id, (int) (id % partitions), key.getBytes(StandardCharsets.UTF_8),
                    value.toString().getBytes(StandardCharsets.UTF_8)));
        }
        for (long id = 1; id <= keys; id++) {
            versionSum += versions[(int) id];
        }
    }

    /** The number of events. */
    long records() {
        return records;
    }

    /** Rows of the final table (one per key). */
    long expectedRows() {
        return keys;
    }

    /** The sum of the final rows' versions: equal only when every update has been applied. */
    long expectedVersionSum() {
        return versionSum;
    }

    /** Writes the final rows as PostgreSQL COPY text (tab-separated, in {@link #COLUMNS} order). */
    void writeCopyText(java.io.Writer out) throws java.io.IOException {
        StringBuilder line = new StringBuilder(256);
        for (long id = 1; id <= keys; id++) {
            int v = versions[(int) id];
            line.setLength(0);
            line.append(id).append('\t').append(name(id, v)).append('\t').append(email(id)).append('\t').append(amount(id, v).toPlainString())
                    .append('\t').append(quantity(id, v)).append('\t').append(price(id, v)).append('\t').append(active(id, v) ? 't' : 'f')
                    .append('\t').append(LocalDate.ofEpochDay(born(id))).append('\t').append(Instant.ofEpochMilli(updatedAt(id, v)))
                    .append('\t').append(v).append('\n');
            out.write(line.toString());
        }
    }

    private static void appendRow(StringBuilder out, long id, int v) {
        out.append("{\"id\":").append(id)
                .append(",\"name\":\"").append(name(id, v))
                .append("\",\"email\":\"").append(email(id))
                .append("\",\"amount\":\"").append(Base64.getEncoder().encodeToString(amount(id, v).unscaledValue().toByteArray()))
                .append("\",\"quantity\":").append(quantity(id, v))
                .append(",\"price\":").append(price(id, v))
                .append(",\"active\":").append(active(id, v))
                .append(",\"born\":").append(born(id))
                .append(",\"updated_at\":").append(updatedAt(id, v))
                .append(",\"version\":").append(v).append('}');
    }

    private static String name(long id, int v) {
        return "name " + id + " v" + v;
    }

    private static String email(long id) {
        return "user" + id + "@example.com";
    }

    private static BigDecimal amount(long id, int v) {
        return BigDecimal.valueOf(id % 1_000_000 * 125 + v, 2);
    }

    private static int quantity(long id, int v) {
        return (int) ((id + v) % 1000);
    }

    private static double price(long id, int v) {
        return id / 7.0 + v;
    }

    private static boolean active(long id, int v) {
        return (id + v) % 2 == 0;
    }

    private static long born(long id) {
        return -7305 + id % 20000;
    }

    private static long updatedAt(long id, int v) {
        return BASE_MILLIS + id * 1000 + v * 100L;
    }
}
