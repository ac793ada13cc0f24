package io.tributary.sink;

import io.tributary.sink.destination.snowflake.SnowflakeDestinationProvider;
import io.tributary.sink.destination.snowflake.SnowflakeDialect;
import io.tributary.sink.stage.S3Clients;
import io.tributary.sink.stage.S3Stager;
import io.tributary.sink.stage.Stager;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;

/**
 * The merge-rules scenario on a live Snowflake account, through S3 and the external stage. Runs only
 * when the TRIBUTARY_SNOWFLAKE_* variables are set (docs/warehouses.md); skipped otherwise.
 */
class SnowflakeLiveIT extends AbstractMergeRulesIT {

    private static final List<String> REQUIRED = List.of("TRIBUTARY_SNOWFLAKE_URL", "TRIBUTARY_SNOWFLAKE_USER", "TRIBUTARY_SNOWFLAKE_STAGE",
            "TRIBUTARY_SNOWFLAKE_S3_BUCKET");

    @BeforeEach
    void credentials() {
        RedshiftLiveIT.assumeEnvironment(REQUIRED, "Snowflake");
        org.junit.jupiter.api.Assumptions.assumeTrue(env("TRIBUTARY_SNOWFLAKE_PASSWORD") != null || env("TRIBUTARY_SNOWFLAKE_PRIVATE_KEY_FILE") != null,
                "no live Snowflake account: set TRIBUTARY_SNOWFLAKE_PASSWORD or TRIBUTARY_SNOWFLAKE_PRIVATE_KEY_FILE");
    }

    private static String env(String name) {
        return System.getenv(name);
    }

    @Override
    Map<String, String> destinationConfig() {
        Map<String, String> props = new HashMap<>(Map.of("destination", "snowflake", "warehouse.url", env("TRIBUTARY_SNOWFLAKE_URL"),
                "warehouse.user", env("TRIBUTARY_SNOWFLAKE_USER"), "snowflake.stage", env("TRIBUTARY_SNOWFLAKE_STAGE"),
                "staging.s3.bucket", env("TRIBUTARY_SNOWFLAKE_S3_BUCKET")));
        put(props, "warehouse.password", "TRIBUTARY_SNOWFLAKE_PASSWORD");
        put(props, "snowflake.private.key.file", "TRIBUTARY_SNOWFLAKE_PRIVATE_KEY_FILE");
        put(props, "staging.s3.prefix", "TRIBUTARY_SNOWFLAKE_S3_PREFIX");
        put(props, "staging.s3.region", "TRIBUTARY_SNOWFLAKE_S3_REGION");
        return props;
    }

    private static void put(Map<String, String> props, String key, String variable) {
        if (env(variable) != null) {
            props.put(key, env(variable));
        }
    }

    @Override
    Stager stager(Map<String, String> props) {
        WarehouseSinkConfig config = new WarehouseSinkConfig(props);
        return new S3Stager(S3Clients.create(config), config.stagingBucket(), config.stagingPrefix());
    }

    @Override
    Connection connect() throws SQLException {
        WarehouseSinkConfig config = new WarehouseSinkConfig(destinationConfig());
        return SnowflakeDialect.driverConnect(config.warehouseUrl(), SnowflakeDestinationProvider.connectionProperties(config));
    }
}
