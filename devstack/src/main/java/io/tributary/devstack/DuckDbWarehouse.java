package io.tributary.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * A DuckDB warehouse: the file {@code warehouse.duckdb} in a folder.
 *
 * <p>DuckDB lets one process at a time open a file for writing, so this class keeps no connection
 * open between calls: close every connection from {@link #connect()} before another process (a
 * Connect worker running the sink) opens the file. Connections in one JVM share the open database.
 */
public final class DuckDbWarehouse implements AutoCloseable {

    /** The name of the database file inside the folder. */
    public static final String FILE_NAME = "warehouse.duckdb";

    private final Path file;
    private volatile boolean closed;

    private DuckDbWarehouse(Path file) {
        this.file = file;
    }

    /**
     * Opens the warehouse in a folder, creating the folder and the database file if missing; an
     * existing file keeps its data.
     *
     * @param directory the folder for {@code warehouse.duckdb}
     * @return the warehouse
     * @throws UncheckedIOException if the folder cannot be created
     * @throws IllegalStateException if the file cannot be opened as a DuckDB database
     */
    public static DuckDbWarehouse create(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create " + directory, e);
        }
        DuckDbWarehouse warehouse = new DuckDbWarehouse(directory.resolve(FILE_NAME).toAbsolutePath());
        try {
            warehouse.connect().close();
            return warehouse;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not open the DuckDB file " + warehouse.file, e);
        }
    }

    /** @return the absolute path of the database file */
    public Path file() {
        return file;
    }

    /**
     * Returns the JDBC URL of the file. Plain: connections opened through it outside
     * {@link #connect()} do not get the extension settings.
     *
     * @return {@code jdbc:duckdb:} followed by the absolute file path
     */
    public String jdbcUrl() {
        return "jdbc:duckdb:" + file;
    }

    /**
     * Opens a connection with automatic extension install and load turned off, so statements that
     * need an extension that is not built in (e.g. {@code read_avro}) fail at once instead of
     * trying to download it.
     *
     * @return a new connection, closed by the caller
     * @throws SQLException if the file cannot be opened, e.g. another process holds it
     * @throws IllegalStateException if the warehouse was closed
     */
    public Connection connect() throws SQLException {
        if (closed) {
            throw new IllegalStateException("The warehouse " + file + " is closed");
        }
        Properties properties = new Properties();
        properties.setProperty("autoinstall_known_extensions", "false");
        properties.setProperty("autoload_known_extensions", "false");
        return DriverManager.getConnection(jdbcUrl(), properties);
    }

    /**
     * Marks the warehouse closed: {@link #connect()} refuses afterwards. Deletes nothing; the file
     * stays and {@link #create(Path)} on the same folder reopens it with its data. Connections
     * already handed out are the caller's to close.
     */
    @Override
    public void close() {
        closed = true;
    }
}
