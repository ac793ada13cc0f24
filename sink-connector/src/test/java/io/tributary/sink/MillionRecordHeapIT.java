package io.tributary.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.devstack.ConnectRestClient;
import io.tributary.devstack.ConnectWorker;
import io.tributary.devstack.KafkaConnectCluster;
import io.tributary.devstack.PostgresServer;
import io.tributary.devstack.S3Server;
import io.tributary.devstack.Topics;
import io.tributary.devstack.junit.DevStackTest;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.connect.data.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A 1M-record topic merges into PostgreSQL through a Connect worker whose heap is capped at 512 MB.
 * Measures records/s (connector start to the last row merged) and the worker's peak used heap
 * (jstat, every 500 ms). Heavy (a few minutes, its own cluster): runs with
 * {@code -Dtributary.it.heavy=true}; {@code -Dtributary.it.records=N} changes the count.
 */
@DevStackTest
@EnabledIfSystemProperty(named = "tributary.it.heavy", matches = "true")
class MillionRecordHeapIT {

    private static final Logger LOG = LoggerFactory.getLogger(MillionRecordHeapIT.class);
    private static final String TOPIC = "big.public.events";

    @Test
    void aMillionRecordsMergeWithA512MbWorker(PostgresServer postgres, S3Server s3) throws Exception {
        long records = Long.getLong("tributary.it.records", 1_000_000L);
        try (KafkaConnectCluster cluster = KafkaConnectCluster.start(KafkaConnectCluster.options().workers(1).workerHeap("512m")
                .pluginPath(Arrays.stream(System.getProperty("tributary.plugin.path").split(",")).map(Path::of).toList()))) {
            try (Admin admin = cluster.broker().admin()) {
                Topics.create(admin, TOPIC, 4);
            }
            Schema schema = ContractProducer.valueSchema(false);
            long produceStart = System.nanoTime();
            try (ContractProducer producer = new ContractProducer(cluster.bootstrapServers())) {
                for (long id = 1; id <= records; id++) {
                    producer.send(TOPIC, (int) (id % 4), schema, id, 1, id, "r");
                }
                producer.flush();
            }
            LOG.info("Produced {} records in {} ms", records, (System.nanoTime() - produceStart) / 1_000_000);

            Map<String, String> config = new HashMap<>(SinkPipelineIT.sinkConfig(s3, "postgres", "2", Map.of(
                    "warehouse.url", postgres.jdbcUrl(), "warehouse.user", postgres.user(), "warehouse.password", postgres.password())));
            config.put("topics", TOPIC);
            config.put("warehouse.schema", "big");
            config.put("flush.max.records", "100000");
            config.put("flush.interval.ms", "10000");
            config.put("consumer.override.max.poll.records", "2000");
            ConnectWorker worker = cluster.worker(0);
            HeapWatcher heap = new HeapWatcher(worker.pid());
            heap.start();
            long started = System.nanoTime();
            ConnectRestClient rest = cluster.rest();
            rest.putConnector("big", config);
            long merged = 0;
            long deadline = System.currentTimeMillis() + 900_000;
            while (merged < records && System.currentTimeMillis() < deadline) {
                Thread.sleep(1000);
                merged = count(postgres);
                assertTrue(worker.isRunning(), "the worker died (out of memory?)");
                String state = rest.status("big").path("tasks").path(0).path("state").asText();
                assertTrue(!"FAILED".equals(state), "task failed: " + rest.status("big"));
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            heap.interrupt();
            rest.deleteConnector("big");
            LOG.info("MERGED {} records into PostgreSQL in {} s: {} records/s; worker peak used heap {} MB of 512 MB",
                    merged, String.format("%.1f", seconds), Math.round(merged / seconds), heap.peakKb.get() / 1024);
            assertEquals(records, merged);
        }
    }

    private static long count(PostgresServer postgres) {
        try (Connection c = postgres.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM big.public_events")) {
            rs.next();
            return rs.getLong(1);
        } catch (Exception e) {
            return 0;
        }
    }

    /** Samples the used heap of a JVM with jstat (S0U + S1U + EU + OU). */
    private static final class HeapWatcher extends Thread {
        private final long pid;
        private final AtomicLong peakKb = new AtomicLong();

        HeapWatcher(long pid) {
            this.pid = pid;
            setDaemon(true);
        }

        @Override
        public void run() {
            while (!isInterrupted()) {
                try {
                    Process jstat = new ProcessBuilder("jstat", "-gc", Long.toString(pid)).redirectErrorStream(true).start();
                    try (BufferedReader out = new BufferedReader(new InputStreamReader(jstat.getInputStream(), StandardCharsets.UTF_8))) {
                        String[] header = out.readLine().trim().split("\\s+", -1);
                        String[] values = out.readLine().trim().split("\\s+", -1);
                        double used = 0;
                        for (int i = 0; i < header.length; i++) {
                            if (List.of("S0U", "S1U", "EU", "OU").contains(header[i])) {
                                used += Double.parseDouble(values[i]);
                            }
                        }
                        peakKb.accumulateAndGet((long) used, Math::max);
                    }
                    jstat.waitFor();
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    // the sample is skipped
                }
            }
        }
    }
}
