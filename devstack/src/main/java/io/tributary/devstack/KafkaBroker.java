package io.tributary.devstack;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A single-node KRaft Kafka (broker and controller in one process), as a separate JVM on free ports.
 * Storage is formatted on start; the data lives in {@code <workDir>/data}.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Path workDir;
    private final int port;
    private final ChildJvm process;

    private KafkaBroker(Path workDir, int port, ChildJvm process) {
        this.workDir = workDir;
        this.port = port;
        this.process = process;
    }

    /** Formats storage in {@code workDir} and starts the broker; returns once it answers metadata requests. */
    public static KafkaBroker start(Path workDir, String heap) {
        return start(workDir, heap, 0);
    }

    /**
     * As {@link #start(Path, String)}, listening on {@code preferredPort} when it is free (0: any free port).
     */
    public static KafkaBroker start(Path workDir, String heap, int preferredPort) {
        int port = FreePorts.preferred(preferredPort);
        int controllerPort = FreePorts.next();
        Path config = workDir.resolve("server.properties");
        writeConfig(config, workDir.resolve("data"), port, controllerPort);
        String quietLogging = ChildLogging.configure(workDir, "WARN");

        ChildJvm.run("kafka-storage-format", List.of("-Xmx256m", quietLogging), "kafka.tools.StorageTool",
                List.of("format", "--standalone", "-t", Uuid.randomUuid().toString(), "-c", config.toString()),
                workDir.resolve("logs/storage-format.log"), Duration.ofSeconds(60));

        ChildJvm process = ChildJvm.start("kafka-broker",
                List.of("-Xmx" + heap, "-Xms" + heap, quietLogging, "-Djava.awt.headless=true"),
                "kafka.Kafka", List.of(config.toString()), workDir.resolve("logs/broker.log"));
        KafkaBroker broker = new KafkaBroker(workDir, port, process);
        try {
            broker.awaitReady();
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
        return broker;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public Path workDir() {
        return workDir;
    }

    public ChildJvm process() {
        return process;
    }

    /** An admin client for this broker; the caller closes it. */
    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000));
    }

    @Override
    public void close() {
        process.close();
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            process.checkAlive();
            try (Admin admin = admin()) {
                if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                    return;
                }
            } catch (Exception e) {
                last = new IllegalStateException(e.getMessage(), e);
            }
            Sleeps.sleep(Duration.ofMillis(250));
        }
        throw new IllegalStateException("Kafka broker did not become ready within " + START_TIMEOUT + ": "
                + (last == null ? "" : last.getMessage()) + process.logTail(), last);
    }

    private static void writeConfig(Path file, Path dataDir, int port, int controllerPort) {
        Properties props = new Properties();
        props.setProperty("process.roles", "broker,controller");
        props.setProperty("node.id", "1");
        props.setProperty("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
        props.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        props.setProperty("controller.listener.names", "CONTROLLER");
        props.setProperty("inter.broker.listener.name", "PLAINTEXT");
        props.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.setProperty("log.dirs", dataDir.toString());
        props.setProperty("num.partitions", "1");
        props.setProperty("offsets.topic.replication.factor", "1");
        props.setProperty("offsets.topic.num.partitions", "5");
        props.setProperty("transaction.state.log.replication.factor", "1");
        props.setProperty("transaction.state.log.min.isr", "1");
        props.setProperty("transaction.state.log.num.partitions", "5");
        props.setProperty("share.coordinator.state.topic.replication.factor", "1");
        props.setProperty("share.coordinator.state.topic.min.isr", "1");
        props.setProperty("group.initial.rebalance.delay.ms", "0");
        props.setProperty("auto.create.topics.enable", "true");
        try {
            Files.createDirectories(file.getParent());
            try (OutputStream out = Files.newOutputStream(file)) {
                props.store(out, "Tributary devstack: single-node KRaft broker");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
