package io.tributary.devstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka cluster with distributed Connect workers, each in its own JVM, on free ports of this
 * machine: one KRaft broker and 1..N workers that load plugins only from {@code plugin.path}, exactly
 * as a production worker does. Start it with {@link #start(Options)}; {@link #close()} stops every
 * process (and a JVM exit does too).
 */
public final class KafkaConnectCluster implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaConnectCluster.class);
    private static final Duration WORKER_START_TIMEOUT = Duration.ofMinutes(2);

    private final Options options;
    private final Path workDir;
    private final KafkaBroker broker;
    private final List<ConnectWorker> workers = new ArrayList<>();

    private KafkaConnectCluster(Options options, Path workDir, KafkaBroker broker) {
        this.options = options;
        this.workDir = workDir;
        this.broker = broker;
    }

    /** Starts the broker, then all workers in parallel; returns when every worker's REST API answers. */
    public static KafkaConnectCluster start(Options options) {
        long started = System.nanoTime();
        Path workDir = options.workDir != null ? options.workDir : TempDirs.create("tributary-kafka-");
        KafkaBroker broker = KafkaBroker.start(workDir.resolve("broker"), options.brokerHeap, options.brokerPort);
        KafkaConnectCluster cluster = new KafkaConnectCluster(options, workDir, broker);
        try {
            for (int i = 0; i < options.workers; i++) {
                cluster.addWorkerProcess();
            }
            for (ConnectWorker worker : cluster.workers) {
                worker.awaitReady(WORKER_START_TIMEOUT);
            }
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        LOG.info("Kafka at {} with {} Connect worker(s) {} up in {} ms (work dir {})", broker.bootstrapServers(),
                options.workers, cluster.workers, (System.nanoTime() - started) / 1_000_000, workDir);
        return cluster;
    }

    public static Options options() {
        return new Options();
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    public KafkaBroker broker() {
        return broker;
    }

    /** A REST client of the first running worker; any worker forwards requests to the leader. */
    public ConnectRestClient rest() {
        return workers.stream().filter(ConnectWorker::isRunning).findFirst()
                .orElseThrow(() -> new IllegalStateException("no Connect worker is running"))
                .rest();
    }

    public List<ConnectWorker> workers() {
        return List.copyOf(workers);
    }

    public ConnectWorker worker(int index) {
        return workers.get(index);
    }

    /** Starts one more worker in the same group and waits for it. */
    public ConnectWorker addWorker() {
        ConnectWorker worker = addWorkerProcess();
        worker.awaitReady(WORKER_START_TIMEOUT);
        return worker;
    }

    public Path workDir() {
        return workDir;
    }

    public List<Path> pluginPath() {
        return options.pluginPath;
    }

    @Override
    public void close() {
        for (int i = workers.size() - 1; i >= 0; i--) {
            workers.get(i).stop();
        }
        broker.close();
        if (options.workDir == null && !options.keepWorkDir) {
            TempDirs.delete(workDir);
        }
    }

    private ConnectWorker addWorkerProcess() {
        String name = "connect-worker-" + (workers.size() + 1);
        int preferredPort = workers.isEmpty() ? options.restPort : 0;
        ConnectWorker worker = ConnectWorker.create(name, workDir.resolve("connect"), workerProperties(), options.workerHeap,
                preferredPort);
        worker.start();
        workers.add(worker);
        return worker;
    }

    private Map<String, String> workerProperties() {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("bootstrap.servers", broker.bootstrapServers());
        props.put("group.id", "tributary-devstack");
        props.put("config.storage.topic", "connect-configs");
        props.put("offset.storage.topic", "connect-offsets");
        props.put("status.storage.topic", "connect-status");
        props.put("config.storage.replication.factor", "1");
        props.put("offset.storage.replication.factor", "1");
        props.put("status.storage.replication.factor", "1");
        props.put("offset.storage.partitions", "5");
        props.put("status.storage.partitions", "3");
        props.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        props.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        props.put("key.converter.schemas.enable", "true");
        props.put("value.converter.schemas.enable", "true");
        if (!options.pluginPath.isEmpty()) {
            props.put("plugin.path", options.pluginPath.stream().map(Path::toString).collect(Collectors.joining(",")));
        }
        props.put("plugin.discovery", "service_load");
        props.put("offset.flush.interval.ms", "1000");
        // a dead worker's tasks move to the others after this delay (default 5 minutes)
        props.put("scheduled.rebalance.max.delay.ms", "10000");
        props.put("connector.client.config.override.policy", "All");
        props.put("topic.creation.enable", "true");
        if (options.exactlyOnceSource) {
            props.put("exactly.once.source.support", "enabled");
        }
        props.putAll(options.workerProperties);
        return props;
    }

    /** How to start the cluster. */
    public static final class Options {
        private int workers = 1;
        private String workerHeap = "1g";
        private String brokerHeap = "768m";
        private List<Path> pluginPath = List.of();
        private final Map<String, String> workerProperties = new HashMap<>();
        private boolean exactlyOnceSource;
        private Path workDir;
        private boolean keepWorkDir;
        private int brokerPort;
        private int restPort;

        private Options() {
        }

        public Options workers(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("a Connect cluster needs at least one worker, got " + count);
            }
            this.workers = count;
            return this;
        }

        /** Maximum heap of each worker, as for -Xmx (e.g. "512m"). */
        public Options workerHeap(String heap) {
            this.workerHeap = heap;
            return this;
        }

        public Options brokerHeap(String heap) {
            this.brokerHeap = heap;
            return this;
        }

        /** The workers' plugin.path: folders of plugin folders or archives. */
        public Options pluginPath(List<Path> paths) {
            for (Path p : paths) {
                if (!Files.isDirectory(p)) {
                    throw new IllegalArgumentException("plugin.path entry " + p + " is not a folder; build the plugins first (./mvnw package)");
                }
            }
            this.pluginPath = List.copyOf(paths);
            return this;
        }

        /** Extra worker configuration, overriding the devstack's defaults. */
        public Options workerProperty(String key, String value) {
            this.workerProperties.put(key, value);
            return this;
        }

        /** Sets {@code exactly.once.source.support=enabled} on every worker. */
        public Options exactlyOnceSource(boolean enabled) {
            this.exactlyOnceSource = enabled;
            return this;
        }

        /** Where data and logs go; kept on close. Default: a temporary folder, deleted on close. */
        public Options workDir(Path dir) {
            this.workDir = dir;
            return this;
        }

        /**
         * The broker's client port when it is free on 127.0.0.1, e.g. 9092; otherwise (and by default, 0)
         * any free port. {@link #bootstrapServers()} tells which one it got.
         */
        public Options brokerPort(int port) {
            this.brokerPort = port;
            return this;
        }

        /**
         * The first worker's REST port when it is free on 127.0.0.1, e.g. 8083; otherwise (and by
         * default, 0) any free port. {@link ConnectWorker#restUri()} tells which one it got.
         */
        public Options restPort(int port) {
            this.restPort = port;
            return this;
        }

        /** Keeps the temporary work folder (logs) after close, to look at a failure. */
        public Options keepWorkDir(boolean keep) {
            this.keepWorkDir = keep;
            return this;
        }
    }
}
