package io.tributary.sink;

import io.tributary.sink.destination.DestinationWriter;
import io.tributary.sink.destination.Destinations;
import io.tributary.sink.engine.FlushHooks;
import io.tributary.sink.stage.Stager;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * What the warehouse feature tests share, one subclass per database: a task of its own table per test
 * ({@link #driver}), run in the test JVM with local staging, and plain SQL to look at the result.
 */
abstract class AbstractWarehouseIT {

    private static final AtomicInteger TABLES = new AtomicInteger();

    private String topic;
    private String table;

    /** destination, warehouse.url and friends. */
    abstract Map<String, String> destinationConfig();

    abstract Connection connect() throws SQLException;

    /** The schema (dataset) the feature's tables go to. */
    abstract String schema();

    /** Where batches are staged; local files by default (the loaders read them), S3 for the live tests. */
    Stager stager(Map<String, String> props) {
        return TaskDriver.LOCAL.apply(props);
    }

    /** The writer under test; by default the configured destination's provider makes it. */
    DestinationWriter writer(WarehouseSinkConfig config) {
        return Destinations.find(config.getString(WarehouseSinkConfig.DESTINATION)).orElseThrow().create(config);
    }

    /** A task writing a table of its own, with {@code extra} settings (name, value, ...). */
    TaskDriver driver(String... extra) {
        String source = "items_" + TABLES.incrementAndGet() + "_" + System.nanoTime() % 100000;
        topic = "shop.public." + source;
        table = "public_" + source; // table.name.format's default, ${schema}_${table}
        return driverForSameTable(extra);
    }

    /** Another task writing the table of the last {@link #driver}. */
    TaskDriver driverForSameTable(String... extra) {
        return driverForSameTable(this::writer, extra);
    }

    /** Another task writing the table of the last {@link #driver}, through {@code writers}. */
    TaskDriver driverForSameTable(Function<WarehouseSinkConfig, DestinationWriter> writers, String... extra) {
        Map<String, String> props = props(extra);
        return new TaskDriver(props, stager(props), FlushHooks.NONE, writers);
    }

    /** Another task of the last {@link #driver}'s table whose flush pipeline runs on background threads, as in production. */
    TaskDriver asyncDriverForSameTable(Function<WarehouseSinkConfig, DestinationWriter> writers, String... extra) {
        Map<String, String> props = props(extra);
        return new TaskDriver(props, stager(props), FlushHooks.NONE, writers, false);
    }

    private Map<String, String> props(String... extra) {
        Map<String, String> props = new HashMap<>(destinationConfig());
        props.put("topics", topic);
        props.put("warehouse.schema", schema());
        props.put("flush.interval.ms", "1000");
        for (int i = 0; i < extra.length; i += 2) {
            props.put(extra[i], extra[i + 1]);
        }
        return props;
    }

    /** The topic of the last {@link #driver}'s table. */
    String topic() {
        return topic;
    }

    /** The last {@link #driver}'s table, unquoted. */
    String table() {
        return table;
    }

    String qualified() {
        return "\"" + schema() + "\".\"" + table + "\"";
    }

    void execute(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    long count(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
