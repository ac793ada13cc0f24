package io.tributary.devstack;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * One Kafka Connect worker in distributed mode, in its own JVM, with its REST API on a fixed free
 * port. It can be killed and started again with the same identity (port, config), as an operator
 * restarts a crashed machine.
 */
public final class ConnectWorker implements AutoCloseable {

    private final String name;
    private final int port;
    private final Path configFile;
    private final Path logFile;
    private final List<String> jvmArgs;
    private ChildJvm process;

    ConnectWorker(String name, int port, Path configFile, Path logFile, List<String> jvmArgs) {
        this.name = name;
        this.port = port;
        this.configFile = configFile;
        this.logFile = logFile;
        this.jvmArgs = List.copyOf(jvmArgs);
    }

    static ConnectWorker create(String name, Path workDir, Map<String, String> properties, String heap, int preferredPort) {
        int port = FreePorts.preferred(preferredPort);
        Properties props = new Properties();
        props.putAll(properties);
        props.setProperty("listeners", "http://127.0.0.1:" + port);
        props.setProperty("rest.advertised.host.name", "127.0.0.1");
        props.setProperty("rest.advertised.port", Integer.toString(port));
        Path configFile = workDir.resolve(name + ".properties");
        try {
            Files.createDirectories(workDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (OutputStream out = Files.newOutputStream(configFile)) {
            props.store(out, "Tributary devstack: Connect worker " + name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> jvmArgs = List.of("-Xmx" + heap, ChildLogging.configure(workDir, "INFO"),
                "-Djava.awt.headless=true", "-XX:+HeapDumpOnOutOfMemoryError",
                "-XX:HeapDumpPath=" + workDir.resolve("logs"),
                "-Xlog:gc:file=" + gcLogFile(workDir, name) + ":uptime,level:filecount=0");
        return new ConnectWorker(name, port, configFile, workDir.resolve("logs/" + name + ".log"), jvmArgs);
    }

    /** Starts the process; {@link #awaitReady} waits for its REST API. */
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        process = ChildJvm.start(name, jvmArgs, "org.apache.kafka.connect.cli.ConnectDistributed",
                List.of(configFile.toString()), logFile);
    }

    /** Waits until the worker has joined the cluster and answers {@code GET /connectors}. */
    public void awaitReady(Duration timeout) {
        ConnectRestClient client = rest();
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            currentProcess().checkAlive();
            try {
                ConnectRestClient.Response response = client.send("GET", "/connectors", null);
                if (response.ok()) {
                    return;
                }
                last = response.status() + " " + response.body();
            } catch (IllegalStateException e) {
                last = e.getMessage();
            }
            Sleeps.sleep(Duration.ofMillis(250));
        }
        throw new IllegalStateException(name + " REST API not ready within " + timeout + " (" + last + ")"
                + currentProcess().logTail());
    }

    public String name() {
        return name;
    }

    public URI restUri() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    public ConnectRestClient rest() {
        return new ConnectRestClient(restUri());
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    public synchronized long pid() {
        return currentProcess().pid();
    }

    /** The worker's GC log (unified logging, {@code gc} tag): heap before and after each collection. */
    public Path gcLogFile() {
        return gcLogFile(logFile.getParent().getParent(), name);
    }

    private static Path gcLogFile(Path workDir, String name) {
        return workDir.resolve("logs/" + name + "-gc.log");
    }

    public Path logFile() {
        return logFile;
    }

    /** SIGKILL, like a machine that dies: no graceful leave of the group, no final offset flush. */
    public synchronized void kill() {
        if (process != null) {
            process.kill();
            process.close();
        }
    }

    /** SIGTERM: the worker leaves the group and flushes offsets. */
    public synchronized void stop() {
        if (process != null) {
            process.close();
        }
    }

    @Override
    public void close() {
        stop();
    }

    private synchronized ChildJvm currentProcess() {
        if (process == null) {
            throw new IllegalStateException(name + " was never started");
        }
        return process;
    }

    @Override
    public String toString() {
        return name + " " + restUri();
    }
}
