package io.tributary.sink.destination.postgres;

import io.tributary.sink.WarehouseSinkConfig;
import io.tributary.sink.destination.DestinationProvider;
import io.tributary.sink.destination.DestinationWriter;
import io.tributary.sink.destination.sql.JdbcConnector;
import io.tributary.sink.destination.sql.JdbcDestination;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/** {@code destination=postgres}. */
public final class PostgresDestinationProvider implements DestinationProvider {

    @Override
    public boolean appliesTruncates() {
        return true;
    }

    @Override
    public boolean deletesStaleRows() {
        return true;
    }

    @Override
    public String name() {
        return "postgres";
    }

    @Override
    public DestinationWriter create(WarehouseSinkConfig config) {
        return new JdbcDestination(new PostgresDialect(), config, JdbcDestination.credentials(config));
    }

    @Override
    public Map<String, String> validate(WarehouseSinkConfig config, Map<String, String> props) {
        return validate(config, new PostgresDialect()::connect);
    }

    /** The checks, connecting through {@code connector} (a fake in unit tests). */
    static Map<String, String> validate(WarehouseSinkConfig config, JdbcConnector connector) {
        Map<String, String> errors = new HashMap<>();
        String url = config.warehouseUrl();
        if (url == null || !url.startsWith("jdbc:postgresql:")) {
            errors.put(WarehouseSinkConfig.WAREHOUSE_URL, "destination postgres needs a URL like jdbc:postgresql://host:5432/database");
            return errors;
        }
        Properties properties = JdbcDestination.credentials(config);
        properties.setProperty("connectTimeout", "10");
        properties.setProperty("loginTimeout", "10");
        try (Connection connection = connector.connect(url, properties)) {
            if (!connection.isValid(5)) {
                errors.put(WarehouseSinkConfig.WAREHOUSE_URL, "connected to the warehouse, but it did not answer a validity check within 5 s");
            }
        } catch (SQLException e) {
            errors.put(WarehouseSinkConfig.WAREHOUSE_URL, "cannot connect to the warehouse: " + e.getMessage());
        }
        return errors;
    }
}
