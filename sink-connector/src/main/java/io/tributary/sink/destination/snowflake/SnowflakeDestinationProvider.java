package io.tributary.sink.destination.snowflake;

import static io.tributary.sink.WarehouseSinkConfig.WAREHOUSE_PASSWORD;
import static io.tributary.sink.WarehouseSinkConfig.WAREHOUSE_SCHEMA;
import static io.tributary.sink.WarehouseSinkConfig.WAREHOUSE_URL;
import static io.tributary.sink.WarehouseSinkConfig.WAREHOUSE_USER;
import static io.tributary.sink.destination.snowflake.SnowflakeSettings.PRIVATE_KEY_FILE;
import static io.tributary.sink.destination.snowflake.SnowflakeSettings.STAGE;

import io.tributary.sink.WarehouseSinkConfig;
import io.tributary.sink.destination.DestinationProvider;
import io.tributary.sink.destination.DestinationWriter;
import io.tributary.sink.destination.sql.JdbcDestination;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.config.ConfigDef;

/**
 * {@code destination=snowflake}: COPY INTO a temporary table from the external stage (or after a PUT),
 * then the standard MERGE. Snowflake commits DDL implicitly, so the batch's DDL (create, evolve,
 * temporary tables) commits on its own; the merge and the tombstone statements are DML and commit
 * together when the last temporary table is dropped. A replay of the DDL changes nothing.
 */
public final class SnowflakeDestinationProvider implements DestinationProvider {

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
        return "snowflake";
    }

    @Override
    public ConfigDef configDef() {
        return SnowflakeSettings.configDef();
    }

    /** With an external stage COPY reads the uploaded object; without one the local file is PUT to the user stage. */
    @Override
    public boolean readsStagedObject(WarehouseSinkConfig config) {
        return SnowflakeSettings.of(config).hasStage();
    }

    @Override
    public DestinationWriter create(WarehouseSinkConfig config) {
        SnowflakeDialect dialect = new SnowflakeDialect(SnowflakeDialect::driverConnect, SnowflakeCopyLoader.from(config));
        return new JdbcDestination(dialect, config, connectionProperties(config));
    }

    /** user plus password, or user plus key pair (the driver reads the key file). */
    public static Properties connectionProperties(WarehouseSinkConfig config) {
        Properties properties = new Properties();
        if (config.warehouseUser() != null) {
            properties.setProperty("user", config.warehouseUser());
        }
        SnowflakeSettings settings = SnowflakeSettings.of(config);
        if (settings.keyPair()) {
            properties.setProperty("authenticator", "SNOWFLAKE_JWT");
            properties.setProperty("private_key_file", settings.privateKeyFile());
            if (settings.privateKeyPassphrase() != null) {
                properties.setProperty("private_key_pwd", settings.privateKeyPassphrase().value());
                properties.setProperty("private_key_file_pwd", settings.privateKeyPassphrase().value());
            }
        } else if (config.warehousePassword() != null) {
            properties.setProperty("password", config.warehousePassword().value());
        }
        properties.setProperty("application", "Tributary");
        return properties;
    }

    @Override
    public Map<String, String> validate(WarehouseSinkConfig config, Map<String, String> props) {
        return validate(config, () -> {
            Properties properties = connectionProperties(config);
            properties.setProperty("loginTimeout", "20");
            return SnowflakeProbe.jdbc(SnowflakeDialect.driverConnect(config.warehouseUrl(), properties));
        });
    }

    public static Map<String, String> validate(WarehouseSinkConfig config, SnowflakeProbe.Factory probes) {
        Map<String, String> errors = new LinkedHashMap<>();
        String url = config.warehouseUrl();
        if (url == null || !url.startsWith("jdbc:snowflake://")) {
            errors.put(WAREHOUSE_URL, "destination snowflake needs a URL like"
                    + " jdbc:snowflake://<account>.snowflakecomputing.com/?db=ANALYTICS&warehouse=LOADING&role=TRIBUTARY");
            return errors;
        }
        if (config.warehouseUser() == null || config.warehouseUser().isBlank()) {
            errors.put(WAREHOUSE_USER, "destination snowflake needs warehouse.user");
        }
        SnowflakeSettings settings = SnowflakeSettings.of(config);
        String keyFile = settings.privateKeyFile();
        boolean keyPair = settings.keyPair();
        if (keyPair && !Files.isReadable(Path.of(keyFile))) {
            errors.put(PRIVATE_KEY_FILE, "private key file " + keyFile + " does not exist or is not readable by the worker");
        }
        if (!keyPair && config.warehousePassword() == null) {
            errors.put(WAREHOUSE_PASSWORD, "destination snowflake needs warehouse.password or snowflake.private.key.file (key-pair authentication)");
        }
        String stage = settings.stage();
        if (settings.hasStage() && stage.contains("'")) {
            errors.put(STAGE, "snowflake.stage must be a stage name like ANALYTICS.PUBLIC.TRIBUTARY_STAGE");
        }
        if (!errors.isEmpty()) {
            return errors;
        }
        try (SnowflakeProbe probe = probes.open()) {
            String role = probe.currentRole();
            if (probe.currentWarehouse() == null) {
                add(errors, WAREHOUSE_URL, "no virtual warehouse: add &warehouse=<name> to warehouse.url (or give user "
                        + config.warehouseUser() + " a DEFAULT_WAREHOUSE) and GRANT USAGE ON WAREHOUSE <name> TO ROLE " + role);
            }
            if (probe.currentDatabase() == null) {
                add(errors, WAREHOUSE_URL, "no database: add ?db=<name> to warehouse.url and GRANT USAGE ON DATABASE <name> TO ROLE " + role);
                return errors;
            }
            if (settings.hasStage()) {
                String problem = probe.stageProblem(stage);
                if (problem != null) {
                    errors.put(STAGE, "stage " + stage + " is missing or role " + role + " may not use it (GRANT USAGE ON STAGE "
                            + stage + " TO ROLE " + role + "): " + problem);
                }
            }
            String problem = probe.schemaProblem(config.warehouseSchema());
            if (problem != null) {
                errors.put(WAREHOUSE_SCHEMA, "role " + role + " needs USAGE and CREATE TABLE on schema " + config.warehouseSchema()
                        + " (GRANT USAGE, CREATE TABLE ON SCHEMA ... TO ROLE " + role + "): " + problem);
            }
        } catch (SQLException e) {
            errors.put(WAREHOUSE_URL, "cannot connect to Snowflake: " + e.getMessage());
        }
        return errors;
    }

    /** A second error on one key is joined to the first, never put over it. */
    private static void add(Map<String, String> errors, String key, String message) {
        errors.merge(key, message, (first, second) -> first + "; " + second);
    }
}
