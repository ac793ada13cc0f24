package io.tributary.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tributary.devstack.PostgresServer;
import io.tributary.devstack.junit.DevStackTest;
import io.tributary.sink.buffer.AvroFiles;
import io.tributary.sink.buffer.Batch;
import io.tributary.sink.destination.DestinationWriter;
import io.tributary.sink.destination.redshift.RedshiftApplySql;
import io.tributary.sink.destination.redshift.RedshiftDialect;
import io.tributary.sink.destination.sql.JdbcDestination;
import io.tributary.sink.destination.sql.StagingLoader;
import io.tributary.sink.schema.Column;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * The Redshift destination's exact statements (DDL, temporary tables, the DELETE ... USING / INSERT
 * apply of the merge rules) run on the devstack PostgreSQL through pgjdbc: the Redshift driver cannot
 * talk to PostgreSQL, and Redshift's SQL is PostgreSQL-derived. Only the COPY from S3 is replaced, by
 * plain INSERTs of the staged Avro rows into the same temporary staging table.
 */
@DevStackTest
class RedshiftSqlOnPostgresIT extends AbstractMergeRulesIT {

    private PostgresServer postgres;

    @BeforeEach
    void setUp(PostgresServer postgres) {
        this.postgres = postgres;
    }

    @Override
    Map<String, String> destinationConfig() {
        return Map.of("destination", "redshift", "warehouse.url", postgres.jdbcUrl(), "warehouse.user", postgres.user(),
                "warehouse.password", postgres.password(), "redshift.iam.role", "arn:aws:iam::123456789012:role/unused-on-postgres");
    }

    @Override
    Connection connect() throws SQLException {
        return postgres.connect();
    }

    @Override
    DestinationWriter writer(WarehouseSinkConfig config) {
        return writer(config, (url, props) -> new org.postgresql.Driver().connect(url, props));
    }

    /** The Redshift destination's writer on PostgreSQL: its dialect and apply plan, rows loaded by INSERTs instead of COPY. */
    static DestinationWriter writer(WarehouseSinkConfig config, io.tributary.sink.destination.sql.JdbcConnector connector) {
        RedshiftDialect dialect = new RedshiftDialect(connector, new InsertLoader());
        return new JdbcDestination(dialect, config, JdbcDestination.credentials(config), new RedshiftApplySql());
    }

    /**
     * Two tasks add the same new column: Redshift has no ADD COLUMN IF NOT EXISTS, so the second
     * ALTER fails with duplicate column (42701). The batch is retried, finds the column and merges.
     */
    @Test
    void aColumnAnotherWriterAddedFirstIsSkipped() throws Exception {
        try (TaskDriver sink = driver()) {
            sink.batch(TestRecords.ours(topic(), 0, 0, 1, "a", 10, "r"));
        }
        java.util.concurrent.atomic.AtomicInteger raced = new java.util.concurrent.atomic.AtomicInteger();
        try (TaskDriver racing = driverForSameTable(config -> writer(config, racedBy(raced)))) {
            racing.batch(TestRecords.withEmail(topic(), 0, 1, 2, "b", "b@example.com", 11));
        }
        assertEquals(1, raced.get(), "the other writer added the column just before this one");
        assertEquals(Map.of(1L, "a", 2L, "b"), names());
        assertEquals(1, count("SELECT COUNT(*) FROM " + qualified() + " WHERE \"email\" = 'b@example.com'"));
    }

    /**
     * Values an update left out, with Redshift's statements: the stored value stays; with none stored the
     * column is NULL until an older version fills it, which changes nothing else.
     */
    @Test
    void valuesAnUpdateLeftOutAreKeptAndFilledByOlderVersions() throws Exception {
        try (TaskDriver sink = driver()) {
            sink.batch(TestRecords.debezium(topic(), 0, 0, 1, "a", 100, "c"));
            sink.batch(TestRecords.debezium(topic(), 0, 1, 1, ToastRecords.PLACEHOLDER, 200, "u"));
            assertEquals(Map.of(1L, "a"), names());
            org.apache.kafka.connect.sink.SinkRecord partial = TestRecords.ours(topic(), 0, 2, 2, null, 20, "u");
            partial.headers().addString(io.tributary.common.RecordHeaders.UNCHANGED, "[\"name\"]");
            sink.batch(partial);
            Map<Long, String> expected = new java.util.HashMap<>(Map.of(1L, "a"));
            expected.put(2L, null);
            assertEquals(expected, names());
            sink.batch(TestRecords.ours(topic(), 0, 3, 2, "older", 10, "r"));
            assertEquals(Map.of(1L, "a", 2L, "older"), names());
            sink.batch(TestRecords.ours(topic(), 0, 4, 2, "oldest", 5, "r"));
            assertEquals(Map.of(1L, "a", 2L, "older"), names());
            assertEquals(20, count("SELECT \"__tributary_position\" FROM " + qualified() + " WHERE \"id\" = 2"), "the row keeps its version");
        }
    }

    /** Truncates with truncate.mode=apply on Redshift's statements: older versions go and stay out, newer ones come. */
    @Test
    void truncatesAreAppliedInOrder() throws Exception {
        try (TaskDriver sink = driver("truncate.mode", "apply")) {
            sink.batch(TestRecords.ours(topic(), 0, 0, 1, "a", 10, "c"), TestRecords.ours(topic(), 0, 1, 2, "b", 11, "c"));
            sink.batch(TestRecords.ours(topic(), 0, 2, 3, "before", 15, "c"), TestRecords.truncate(topic(), 0, 3, 20),
                    TestRecords.ours(topic(), 0, 4, 4, "after", 25, "c"));
            assertEquals(Map.of(4L, "after"), names());
            sink.batch(TestRecords.ours(topic(), 0, 5, 1, "late", 12, "u"));
            assertEquals(Map.of(4L, "after"), names());
        }
    }

    /** Connections whose first ADD COLUMN is run first by another connection (another task), committed. */
    private io.tributary.sink.destination.sql.JdbcConnector racedBy(java.util.concurrent.atomic.AtomicInteger raced) {
        return (url, props) -> {
            Connection real = new org.postgresql.Driver().connect(url, props);
            return delegate(Connection.class, real, (method, args) -> {
                if (!method.getName().equals("createStatement") || args != null) {
                    return null;
                }
                java.sql.Statement statement = real.createStatement();
                return delegate(java.sql.Statement.class, statement, (m, a) -> {
                    if (m.getName().equals("execute") && a != null && a[0] instanceof String sql && sql.contains(" ADD COLUMN ")
                            && raced.getAndIncrement() == 0) {
                        try (Connection other = postgres.connect(); java.sql.Statement s = other.createStatement()) {
                            s.execute(sql);
                        }
                    }
                    return null;
                });
            });
        };
    }

    private interface Interceptor {
        /** @return a replacement result, or null to call the real method */
        Object intercept(java.lang.reflect.Method method, Object[] args) throws Exception;
    }

    @SuppressWarnings("unchecked")
    private static <T> T delegate(Class<T> type, T real, Interceptor interceptor) {
        return (T) java.lang.reflect.Proxy.newProxyInstance(RedshiftSqlOnPostgresIT.class.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> {
                    Object replaced = interceptor.intercept(method, args);
                    if (replaced != null) {
                        return replaced;
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Override
    @Test
    @Disabled("SUPER, VARBYTE and CHAR(36) UUIDs are Redshift-only; the type mapping is unit-tested in RedshiftDestinationTest"
            + " and round-trips in RedshiftLiveIT")
    void everyTypeRoundTripsExactly() {
    }

    /**
     * validate()'s privilege questions (has_database_privilege, has_schema_privilege, pg_namespace are
     * shared by Redshift and PostgreSQL) asked for real, as a user without grants and as the owner.
     */
    @Test
    void validateNamesTheMissingGrantFromTheCatalog() throws Exception {
        String suffix = Long.toString(System.nanoTime() % 1_000_000);
        String user = "tributary_limited_" + suffix;
        String locked = "locked_" + suffix;
        try (Connection admin = postgres.connect(); java.sql.Statement s = admin.createStatement()) {
            s.execute("CREATE ROLE " + user + " LOGIN PASSWORD 'pw'");
            s.execute("CREATE SCHEMA " + locked);
        }
        Map<String, String> props = new java.util.HashMap<>(destinationConfig());
        props.put("warehouse.url", "jdbc:redshift://cluster.example:5439/postgres");
        props.put("warehouse.schema", locked);
        io.tributary.sink.destination.redshift.PrivilegeProbe.Factory asLimited = () -> io.tributary.sink.destination.redshift.PrivilegeProbe.jdbc(
                java.sql.DriverManager.getConnection(postgres.jdbcUrl(), user, "pw"));
        assertEquals(Map.of("warehouse.schema", "user " + user + " needs USAGE and CREATE on schema " + locked + ": GRANT USAGE, CREATE ON SCHEMA "
                + locked + " TO " + user), io.tributary.sink.destination.redshift.RedshiftDestinationProvider.validate(new WarehouseSinkConfig(props),
                        asLimited));
        props.put("warehouse.schema", "absent_" + suffix);
        assertEquals(Map.of("warehouse.schema", "schema absent_" + suffix + " does not exist and user " + user
                + " may not create it: create it, or GRANT CREATE ON DATABASE postgres TO " + user),
                io.tributary.sink.destination.redshift.RedshiftDestinationProvider.validate(new WarehouseSinkConfig(props), asLimited));
        props.put("warehouse.schema", locked);
        assertEquals(Map.of(), io.tributary.sink.destination.redshift.RedshiftDestinationProvider.validate(new WarehouseSinkConfig(props),
                () -> io.tributary.sink.destination.redshift.PrivilegeProbe.jdbc(postgres.connect())), "the owner may do everything");
    }

    /** Stands in for COPY: INSERTs the staged Avro rows, each value as text cast to the column's Redshift type. */
    private static final class InsertLoader implements StagingLoader {

        private final RedshiftDialect types = new RedshiftDialect(null, null);

        @Override
        public long load(Connection connection, String table, Batch batch) throws Exception {
            List<Column> columns = batch.stagedColumns();
            String sql = "INSERT INTO " + types.quote(table) + " (" + columns.stream().map(c -> types.quote(c.name()))
                    .collect(Collectors.joining(", ")) + ") VALUES (" + columns.stream().map(c -> "CAST(? AS " + types.typeName(c) + ")")
                    .collect(Collectors.joining(", ")) + ")";
            long rows = 0;
            try (DataFileReader<GenericRecord> reader = AvroFiles.open(batch.file()); PreparedStatement insert = connection.prepareStatement(sql)) {
                for (GenericRecord record : reader) {
                    for (int i = 0; i < columns.size(); i++) {
                        insert.setString(i + 1, text(columns.get(i), record.get(i)));
                    }
                    insert.addBatch();
                    rows++;
                }
                insert.executeBatch();
            }
            return rows;
        }

        private static String text(Column column, Object value) {
            if (value == null) {
                return null;
            }
            return switch (column.kind()) {
                case DECIMAL -> {
                    ByteBuffer buffer = ((ByteBuffer) value).duplicate();
                    byte[] bytes = new byte[buffer.remaining()];
                    buffer.get(bytes);
                    yield new BigDecimal(new BigInteger(bytes), column.type().scale()).toPlainString();
                }
                case DATE -> LocalDate.ofEpochDay((Integer) value).toString();
                case TIMESTAMP, TIMESTAMPTZ -> {
                    long micros = (Long) value;
                    yield LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), (int) Math.floorMod(micros, 1_000_000L) * 1000,
                            ZoneOffset.UTC).toString() + (column.kind() == io.tributary.sink.schema.ColumnType.Kind.TIMESTAMPTZ ? "Z" : "");
                }
                default -> value.toString();
            };
        }
    }
}
