package io.tributary.devstack.quickstart;

import io.tributary.devstack.DuckDbWarehouse;
import io.tributary.devstack.KafkaConnectCluster;
import io.tributary.devstack.PostgresServer;
import io.tributary.devstack.S3Server;
import io.tributary.devstack.TempDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The running parts of the quickstart: KRaft broker and one distributed Connect worker (child JVMs),
 * s3proxy, embedded PostgreSQL with the sample data, and the warehouse (a DuckDB file or a PostgreSQL
 * database). {@link #close()} stops them all, newest first, and is safe to call twice.
 */
public final class QuickstartStack implements AutoCloseable {

    private final QuickstartOptions options;
    private KafkaConnectCluster cluster;
    private PostgresServer postgres;
    private S3Server s3;
    private Warehouse warehouse;
    private Path duckDbFile;
    private boolean closed;

    private QuickstartStack(QuickstartOptions options) {
        this.options = options;
    }

    /**
     * Starts everything; the Kafka processes start while PostgreSQL loads the sample data.
     *
     * @param loaded called once the data is loaded, with how long it took
     */
    public static QuickstartStack start(QuickstartOptions options, SampleDataset dataset, java.util.function.LongConsumer loaded)
            throws Exception {
        QuickstartStack stack = new QuickstartStack(options);
        try {
            stack.startParts(dataset, loaded);
            return stack;
        } catch (Exception | Error e) {
            stack.close();
            throw e;
        }
    }

    // stopping a cluster that comes up after a failure is fire and forget (finally below): start() throws that failure
    @SuppressWarnings("FutureReturnValueIgnored")
    private void startParts(SampleDataset dataset, java.util.function.LongConsumer loaded) throws Exception {
        Path marker = options.workDir().resolve(".tributary-quickstart");
        if (Files.isDirectory(options.workDir())) {
            try (var entries = Files.list(options.workDir())) {
                if (entries.findAny().isPresent() && !Files.exists(marker)) {
                    throw new IllegalStateException(options.workDir() + " is not empty and not a quickstart folder; choose another --work-dir");
                }
            }
            TempDirs.delete(options.workDir()); // a former run's files
        }
        Files.createDirectories(options.workDir());
        Files.createFile(marker);
        CompletableFuture<KafkaConnectCluster> kafka = CompletableFuture.supplyAsync(() -> KafkaConnectCluster.start(
                KafkaConnectCluster.options().workers(1).workerHeap("1g").brokerHeap("512m")
                        .brokerPort(options.kafkaPort()).restPort(options.connectPort())
                        .pluginPath(options.pluginPath()).workDir(options.workDir().resolve("kafka"))));
        try {
            postgres = PostgresServer.start(options.log()
                    ? Map.of("max_connections", "50", "wal_level", "logical", "max_replication_slots", "4", "max_wal_senders", "4")
                    : Map.of("max_connections", "50"), 0);
            long started = System.nanoTime();
            try (Connection c = postgres.connect()) {
                dataset.load(c);
            }
            loaded.accept((System.nanoTime() - started) / 1_000_000);
            s3 = S3Server.start();
            warehouse = createWarehouse();
            cluster = kafka.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } finally {
            if (cluster == null) {
                kafka.thenAccept(KafkaConnectCluster::close); // started after all: stop it
            }
        }
    }

    private Warehouse createWarehouse() throws SQLException {
        if (options.destination() == QuickstartOptions.Destination.POSTGRES) {
            try (Connection c = postgres.connect(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE warehouse");
            }
            return Warehouse.postgres(postgres.jdbcUrl("warehouse"), postgres.user(), postgres.password());
        }
        DuckDbWarehouse duck = DuckDbWarehouse.create(options.workDir().resolve("warehouse"));
        duckDbFile = duck.file();
        duck.close();
        return Warehouse.duckDb(duckDbFile);
    }

    public KafkaConnectCluster cluster() {
        return cluster;
    }

    public PostgresServer postgres() {
        return postgres;
    }

    public S3Server s3() {
        return s3;
    }

    public Warehouse warehouse() {
        return warehouse;
    }

    /** The DuckDB file, or null for a PostgreSQL warehouse. */
    public Path duckDbFile() {
        return duckDbFile;
    }

    /** The postmaster's pid (0 if unknown), read from its data folder. */
    public long postgresPid() {
        try (Connection c = postgres.connect()) {
            return ResourceMeter.postmasterPid(Path.of(Warehouse.scalar(c, "SHOW data_directory")));
        } catch (SQLException | RuntimeException e) {
            return 0;
        }
    }

    /** Stops the worker and broker, s3proxy and PostgreSQL; deletes the work folder unless --keep-data. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        RuntimeException failure = null;
        for (AutoCloseable part : new AutoCloseable[] {cluster, s3, postgres}) {
            try {
                if (part != null) {
                    part.close();
                }
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("could not stop " + part.getClass().getSimpleName(), e);
                }
            }
        }
        if (!options.keepData()) {
            TempDirs.delete(options.workDir());
        }
        if (failure != null) {
            throw failure;
        }
    }
}
