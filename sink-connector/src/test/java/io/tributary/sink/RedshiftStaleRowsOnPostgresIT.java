package io.tributary.sink;

import io.tributary.devstack.PostgresServer;
import io.tributary.devstack.junit.DevStackTest;
import io.tributary.sink.destination.DestinationWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;

/**
 * Re-snapshots and stale rows with the Redshift destination's exact statements (its DELETE ... USING / INSERT apply of key
 * marks and generations, the shared generation SQL), run on the devstack PostgreSQL as {@link RedshiftSqlOnPostgresIT} does.
 */
@DevStackTest
class RedshiftStaleRowsOnPostgresIT extends AbstractStaleRowsIT {

    private PostgresServer postgres;

    @BeforeEach
    void setUp(PostgresServer postgres) {
        this.postgres = postgres;
    }

    @Override
    String schema() {
        return "stale_rows_redshift";
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
        return RedshiftSqlOnPostgresIT.writer(config, (url, props) -> new org.postgresql.Driver().connect(url, props));
    }
}
