package io.tributary.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.devstack.ConnectWorker;
import io.tributary.devstack.KafkaConnectCluster;
import io.tributary.devstack.dist.KafkaDist;
import io.tributary.devstack.junit.DevStackTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A 3-worker distributed Connect cluster finds both connectors, and finds them only through plugin.path. */
@DevStackTest
class ConnectPluginsIT {

    static final String SOURCE = "io.tributary.source.ChunkedJdbcSourceConnector";
    static final String SINK = "io.tributary.sink.WarehouseSinkConnector";

    @Test
    void everyWorkerListsBothConnectorsWithTheBuildVersion(KafkaConnectCluster cluster) {
        assertEquals(3, cluster.workers().size(), "the shared cluster has three workers");
        for (ConnectWorker worker : cluster.workers()) {
            Map<String, JsonNode> plugins = new HashMap<>();
            worker.rest().connectorPluginDetails().forEach(p -> plugins.put(p.path("class").asText(), p));

            assertTrue(plugins.containsKey(SOURCE), worker + " lacks the source connector: " + plugins.keySet());
            assertTrue(plugins.containsKey(SINK), worker + " lacks the sink connector: " + plugins.keySet());
            assertEquals("source", plugins.get(SOURCE).path("type").asText());
            assertEquals("sink", plugins.get(SINK).path("type").asText());
            assertEquals(E2eSettings.version(), plugins.get(SOURCE).path("version").asText());
            assertEquals(E2eSettings.version(), plugins.get(SINK).path("version").asText());
        }
    }

    @Test
    void connectorsAreLoadedFromPluginPathNotTheClasspath(KafkaConnectCluster cluster) throws IOException {
        // The workers' own classpath is the Kafka distribution only ...
        for (Path entry : KafkaDist.classpath()) {
            assertFalse(entry.toString().contains("tributary-source") || entry.toString().contains("tributary-sink")
                    || entry.toString().contains("tributary-common"), "worker classpath holds " + entry);
        }
        // ... so each worker registered our plugins from the unpacked archives on plugin.path.
        Path pluginPath = E2eSettings.pluginPath().get(0).toRealPath();
        for (ConnectWorker worker : cluster.workers()) {
            String log = Files.readString(worker.logFile());
            assertTrue(log.contains(pluginPath.resolve("tributary-source-connector-" + E2eSettings.version()).toString()),
                    worker + " did not load the source plugin from " + pluginPath);
            assertTrue(log.contains(pluginPath.resolve("tributary-sink-connector-" + E2eSettings.version()).toString()),
                    worker + " did not load the sink plugin from " + pluginPath);
        }
    }
}
