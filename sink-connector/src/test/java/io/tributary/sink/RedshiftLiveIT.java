package io.tributary.sink;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tributary.sink.destination.redshift.RedshiftDialect;
import io.tributary.sink.destination.sql.JdbcDestination;
import io.tributary.sink.stage.S3Clients;
import io.tributary.sink.stage.S3Stager;
import io.tributary.sink.stage.Stager;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;

/**
 * The merge-rules scenario on a live Redshift, through S3 and COPY. Runs only when the
 * TRIBUTARY_REDSHIFT_* variables are set (docs/warehouses.md); skipped otherwise.
 */
class RedshiftLiveIT extends AbstractMergeRulesIT {

    private static final List<String> REQUIRED = List.of("TRIBUTARY_REDSHIFT_URL", "TRIBUTARY_REDSHIFT_USER", "TRIBUTARY_REDSHIFT_PASSWORD",
            "TRIBUTARY_REDSHIFT_IAM_ROLE", "TRIBUTARY_REDSHIFT_S3_BUCKET");

    static String env(String name) {
        return System.getenv(name);
    }

    static void assumeEnvironment(List<String> required, String service) {
        List<String> missing = required.stream().filter(n -> env(n) == null || env(n).isBlank()).toList();
        assumeTrue(missing.isEmpty(), "no live " + service + " account: set " + String.join(", ", missing) + " (docs/warehouses.md)");
    }

    @BeforeEach
    void credentials() {
        assumeEnvironment(REQUIRED, "Redshift");
    }

    @Override
    Map<String, String> destinationConfig() {
        String region = env("TRIBUTARY_REDSHIFT_S3_REGION") == null ? "us-east-1" : env("TRIBUTARY_REDSHIFT_S3_REGION");
        return Map.of("destination", "redshift", "warehouse.url", env("TRIBUTARY_REDSHIFT_URL"), "warehouse.user", env("TRIBUTARY_REDSHIFT_USER"),
                "warehouse.password", env("TRIBUTARY_REDSHIFT_PASSWORD"), "redshift.iam.role", env("TRIBUTARY_REDSHIFT_IAM_ROLE"),
                "staging.s3.bucket", env("TRIBUTARY_REDSHIFT_S3_BUCKET"), "staging.s3.region", region, "staging.s3.prefix", "tributary-live-it");
    }

    @Override
    Stager stager(Map<String, String> props) {
        WarehouseSinkConfig config = new WarehouseSinkConfig(props);
        return new S3Stager(S3Clients.create(config), config.stagingBucket(), config.stagingPrefix());
    }

    @Override
    Connection connect() throws SQLException {
        WarehouseSinkConfig config = new WarehouseSinkConfig(destinationConfig());
        return RedshiftDialect.driverConnect(config.warehouseUrl(), JdbcDestination.credentials(config));
    }
}
