package io.tributary.devstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server (embedded binaries from Maven Central) on 127.0.0.1 and a free port,
 * with its data directory in a temporary folder that is deleted on {@link #close()}.
 *
 * <p>The server trusts connections from this machine: {@link #user()} is the superuser
 * {@code postgres} and any password, including {@link #password()}, is accepted.
 */
public final class PostgresServer implements JdbcDatabase, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresServer.class);
    private static final String USER = "postgres";
    private static final String PASSWORD = "postgres";
    private static final String DEFAULT_DATABASE = "postgres";

    private final EmbeddedPostgres postgres;

    private PostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * Starts a server with default settings.
     *
     * @return the running server
     * @throws UncheckedIOException if it cannot start
     */
    public static PostgresServer start() {
        return start(Map.of());
    }

    /**
     * Starts a server ready for logical decoding (Debezium, pgoutput): {@code wal_level=logical},
     * {@code max_replication_slots=10}, {@code max_wal_senders=10}.
     *
     * @return the running server
     * @throws UncheckedIOException if it cannot start
     */
    public static PostgresServer startWithLogicalReplication() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("wal_level", "logical");
        config.put("max_replication_slots", "10");
        config.put("max_wal_senders", "10");
        return start(config);
    }

    /**
     * Starts a server with extra {@code postgresql.conf} settings.
     *
     * @param serverConfig setting name to value, e.g. {@code wal_level -> logical}
     * @return the running server
     * @throws UncheckedIOException if it cannot start
     */
    public static PostgresServer start(Map<String, String> serverConfig) {
        return start(serverConfig, 0);
    }

    /**
     * Starts a server with extra {@code postgresql.conf} settings on {@code preferredPort} when it is
     * free (0: any free port).
     *
     * @param serverConfig setting name to value, e.g. {@code wal_level -> logical}
     * @param preferredPort the wanted port, e.g. 5432, or 0
     * @return the running server
     * @throws UncheckedIOException if it cannot start
     */
    public static PostgresServer start(Map<String, String> serverConfig, int preferredPort) {
        long started = System.nanoTime();
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setPort(FreePorts.preferred(preferredPort))
                .setCleanDataDirectory(true);
        serverConfig.forEach(builder::setServerConfig);
        try {
            PostgresServer server = new PostgresServer(builder.start());
            LOG.info("PostgreSQL started on port {} in {} ms", server.port(), (System.nanoTime() - started) / 1_000_000);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start PostgreSQL", e);
        }
    }

    /** @return the TCP port the server listens on */
    public int port() {
        return postgres.getPort();
    }

    /** @return the JDBC URL of the database {@code postgres} (no credentials in it) */
    @Override
    public String jdbcUrl() {
        return jdbcUrl(DEFAULT_DATABASE);
    }

    /**
     * @param database a database name
     * @return the JDBC URL of that database (no credentials in it)
     */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    /** @return the superuser name, {@code postgres} */
    @Override
    public String user() {
        return USER;
    }

    /** @return a password to pass along with {@link #user()}; the server does not check it */
    @Override
    public String password() {
        return PASSWORD;
    }

    /**
     * Opens a connection to the database {@code postgres} as {@link #user()}.
     *
     * @return a new connection, closed by the caller
     * @throws SQLException if connecting fails
     */
    @Override
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), USER, PASSWORD);
    }

    /** Opens a connection to {@code database} as {@link #user()}; the caller closes it. */
    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), USER, PASSWORD);
    }

    /**
     * Creates a database owned by {@link #user()}.
     *
     * @param name the database name (quoted, so case is kept)
     * @throws SQLException if it exists or cannot be created
     */
    public void createDatabase(String name) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE \"" + name.replace("\"", "\"\"") + "\"");
        }
    }

    /** Stops the server and deletes its data directory. */
    @Override
    public void close() {
        int port = port();
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not stop PostgreSQL on port " + port, e);
        }
        LOG.info("PostgreSQL on port {} stopped", port);
    }
}
