package io.tributary.sink.destination.duckdb;

import io.tributary.sink.WarehouseSinkConfig;
import io.tributary.sink.destination.DestinationProvider;
import io.tributary.sink.destination.DestinationWriter;
import io.tributary.sink.destination.sql.JdbcDestination;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * {@code destination=duckdb}. DuckDB lets one process write a file, and every Connect worker runs its
 * own copy of the plugin, so a DuckDB sink must run a single task ({@code tasks.max=1}).
 */
public final class DuckDbDestinationProvider implements DestinationProvider {

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
        return "duckdb";
    }

    @Override
    public DestinationWriter create(WarehouseSinkConfig config) {
        return new JdbcDestination(new DuckDbDialect(), config, new Properties());
    }

    @Override
    public Map<String, String> validate(WarehouseSinkConfig config, Map<String, String> props) {
        Map<String, String> errors = new HashMap<>();
        String tasks = props.getOrDefault("tasks.max", "1").trim();
        if (!"1".equals(tasks)) {
            errors.put(WarehouseSinkConfig.DESTINATION, "duckdb allows a single writer per database file, and each Connect worker "
                    + "opens its own: set tasks.max=1 (got " + tasks + ")");
        }
        String url = config.warehouseUrl();
        if (url == null || !url.startsWith("jdbc:duckdb:")) {
            errors.put(WarehouseSinkConfig.WAREHOUSE_URL, "destination duckdb needs a URL like jdbc:duckdb:/data/warehouse.duckdb");
            return errors;
        }
        String file = url.substring("jdbc:duckdb:".length());
        int query = file.indexOf('?');
        file = query >= 0 ? file.substring(0, query) : file;
        if (file.isBlank() || file.startsWith(":memory:")) {
            errors.put(WarehouseSinkConfig.WAREHOUSE_URL, "an in-memory DuckDB database loses everything when the task stops; name a file");
        } else {
            Path parent = Path.of(file).toAbsolutePath().getParent();
            if (parent == null || !Files.isDirectory(parent) || !Files.isWritable(parent)) {
                errors.put(WarehouseSinkConfig.WAREHOUSE_URL, "the folder of the DuckDB file does not exist or is not writable: " + parent);
            }
        }
        // The file itself is not opened here: a running sink task may hold its lock.
        return errors;
    }
}
