package io.tributary.sink;

import static io.tributary.sink.TestRecords.debezium;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.devstack.PostgresServer;
import io.tributary.devstack.junit.DevStackTest;
import io.tributary.sink.destination.postgres.PostgresDialect;
import io.tributary.sink.destination.sql.JdbcDestination;
import io.tributary.sink.destination.sql.SqlDialect;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.LongStream;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A batch touching a few keys at the end of a large table merges without reading the whole table: the
 * MERGE the sink sends joins the target on the key AND the batch's key range, as literals, so PostgreSQL
 * reads the range through the primary key index. The plan is the one of the very statement the sink runs
 * (EXPLAIN in its transaction, on its temporary tables), printed for docs/benchmarks.md.
 */
@DevStackTest
class PostgresMergePlanIT extends AbstractWarehouseIT {

    private static final long STORED = 200_000;

    private PostgresServer postgres;
    private final List<String> plans = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp(PostgresServer postgres) {
        this.postgres = postgres;
    }

    @Override
    Map<String, String> destinationConfig() {
        return Map.of("destination", "postgres", "warehouse.url", postgres.jdbcUrl(), "warehouse.user", postgres.user(),
                "warehouse.password", postgres.password());
    }

    @Override
    Connection connect() throws SQLException {
        return postgres.connect();
    }

    @Override
    String schema() {
        return "merge_plan";
    }

    @Test
    void mergeReadsOnlyTheBatchsKeyRangeOfTheTarget() throws Exception {
        try (TaskDriver sink = driver("delete.mode", "hard")) {
            sink.batch(records(LongStream.rangeClosed(1, 1_000), 0, "first", 10));
        }
        // the rest of a large table, written as a bulk load would
        execute("INSERT INTO " + qualified() + " (\"id\", \"name\") SELECT g, 'bulk' FROM generate_series(1001, " + STORED + ") g");
        execute("ANALYZE " + qualified());
        plans.clear();
        try (TaskDriver sink = driverForSameTable(config -> new JdbcDestination(explaining(), config, JdbcDestination.credentials(config)),
                "delete.mode", "hard")) {
            sink.batch(records(LongStream.rangeClosed(STORED - 999, STORED + 500), 1_000, "late", 20));
        }
        assertEquals(1, plans.size(), "one MERGE into the final table: " + plans);
        String plan = plans.get(0);
        System.out.println("Plan of the sink's MERGE of 1,500 rows into a " + STORED + "-row table:\n" + plan);
        String target = table();
        assertFalse(plan.contains("Seq Scan on " + target), "the target is not read whole:\n" + plan);
        assertTrue(plan.contains("Index Cond: ((id >= " + (STORED - 999) + ") AND (id <= " + (STORED + 500) + "))")
                || plan.contains("Index Cond: ((f.id >= " + (STORED - 999) + ") AND (f.id <= " + (STORED + 500) + "))"),
                "the target is read through its key index, within the batch's range:\n" + plan);
        assertEquals(STORED + 500, count("SELECT count(*) FROM " + qualified()));
        assertEquals(1_500, count("SELECT count(*) FROM " + qualified() + " WHERE \"name\" = 'late'"));
        assertEquals(STORED - 2_000, count("SELECT count(*) FROM " + qualified() + " WHERE \"name\" = 'bulk'"));
    }

    private List<SinkRecord> records(LongStream ids, long firstOffset, String name, long lsn) {
        List<SinkRecord> out = new ArrayList<>();
        ids.forEach(id -> out.add(debezium(topic(), 0, firstOffset + out.size(), id, name, lsn, "u")));
        return out;
    }

    /** PostgreSQL, whose connections EXPLAIN every MERGE into the final table before running it. */
    private SqlDialect explaining() {
        PostgresDialect postgresDialect = new PostgresDialect();
        return (SqlDialect) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {SqlDialect.class}, (proxy, method, args) -> {
            Object result = invoke(method, postgresDialect, args);
            return method.getName().equals("connect") ? explainingConnection((Connection) result) : result;
        });
    }

    private Connection explainingConnection(Connection connection) {
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
            Object result = invoke(method, connection, args);
            if (!method.getName().equals("createStatement")) {
                return result;
            }
            Statement statement = (Statement) result;
            return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Statement.class}, (p, m, a) -> {
                if (m.getName().equals("execute") && a.length == 1 && ((String) a[0]).startsWith("MERGE INTO \"" + schema() + "\".\"" + table() + "\" AS")) {
                    plans.add(explain(connection, (String) a[0]));
                }
                return invoke(m, statement, a);
            });
        });
    }

    private static String explain(Connection connection, String sql) throws SQLException {
        StringBuilder plan = new StringBuilder();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("EXPLAIN " + sql)) {
            while (rs.next()) {
                plan.append(rs.getString(1)).append('\n');
            }
        }
        return plan.toString();
    }

    private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
