package io.tributary.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

/** The Kafka and Connect processes of the devstack: start, serve, survive a killed worker, stop. */
class KafkaConnectClusterIT {

    @Test
    void workersServeRestSurviveAKillAndLeaveNoProcessBehind() throws Exception {
        long brokerPid;
        List<Long> workerPids;
        try (KafkaConnectCluster cluster = KafkaConnectCluster.start(KafkaConnectCluster.options()
                .workers(2).workerHeap("512m"))) {
            brokerPid = cluster.broker().process().pid();
            workerPids = cluster.workers().stream().map(ConnectWorker::pid).toList();

            try (Admin admin = cluster.broker().admin()) {
                admin.createTopics(List.of(new NewTopic("devstack-check", 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
                assertTrue(admin.listTopics().names().get(30, TimeUnit.SECONDS).containsAll(
                        Set.of("devstack-check", "connect-configs", "connect-offsets", "connect-status")));
            }
            for (ConnectWorker worker : cluster.workers()) {
                assertTrue(worker.rest().connectorPlugins(false).contains("org.apache.kafka.connect.json.JsonConverter"),
                        worker + " lacks the JSON converter of the Kafka distribution");
                assertEquals(List.of(), worker.rest().connectors());
            }

            ConnectWorker second = cluster.worker(1);
            second.kill();
            assertFalse(second.isRunning());
            assertFalse(ProcessHandle.of(workerPids.get(1)).map(ProcessHandle::isAlive).orElse(false));
            assertEquals(List.of(), cluster.worker(0).rest().connectors(), "the other worker keeps serving");

            second.start();
            second.awaitReady(Duration.ofMinutes(2));
            assertEquals(List.of(), second.rest().connectors());
        }
        for (long pid : List.of(brokerPid, workerPids.get(0))) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "process " + pid + " outlived close()");
        }
    }
}
