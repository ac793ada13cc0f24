package io.tributary.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

class WarehouseSinkConnectorTest {

    private static final Map<String, String> VALID = Map.of("topics", "shop.public.orders", "destination", "duckdb");

    @Test
    void tasksShareTheConnectorConfig() {
        WarehouseSinkConnector connector = new WarehouseSinkConnector();
        connector.start(VALID);
        List<Map<String, String>> tasks = connector.taskConfigs(3);
        assertEquals(3, tasks.size());
        tasks.forEach(t -> assertEquals("duckdb", t.get("destination")));
        assertEquals(List.of("0", "1", "2"), tasks.stream().map(t -> t.get("task.id")).toList(), "each task knows its REST task id");
    }

    @Test
    void modesParseCaseInsensitively() {
        WarehouseSinkConfig config = new WarehouseSinkConfig(Map.of("destination", "PostGres", "write.mode", "Append", "delete.mode", "soft"));
        assertEquals(Destination.POSTGRES, config.destination());
        assertEquals(WriteMode.APPEND, config.writeMode());
        assertEquals(DeleteMode.SOFT, config.deleteMode());
    }

    @Test
    void validateRejectsAnUnknownDestinationOnItsField() {
        Map<String, ConfigValue> result = new WarehouseSinkConnector().validate(Map.of("destination", "oracle", "topics", "t"))
                .configValues().stream().collect(Collectors.toMap(ConfigValue::name, v -> v));
        assertTrue(result.get("destination").errorMessages().get(0).contains("oracle"));
    }
}
