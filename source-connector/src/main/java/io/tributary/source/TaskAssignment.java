package io.tributary.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.source.plan.TablePlan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;

/**
 * The work the connector gives one task, carried as JSON in the task's config: per table its plan,
 * the snapshot chunks to read, and whether to poll it incrementally.
 */
public record TaskAssignment(List<TableWork> tables) {

    public static final String CONFIG_KEY = "tributary.task.assignment";
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_LONG_FOR_INTS);

    /** One table's share of the work. */
    public record TableWork(TablePlan plan, List<Integer> chunks, boolean incremental) {
        public TableWork {
            chunks = List.copyOf(chunks);
        }
    }

    public TaskAssignment {
        tables = List.copyOf(tables);
    }

    public static TaskAssignment empty() {
        return new TaskAssignment(List.of());
    }

    public boolean isEmpty() {
        return tables.isEmpty();
    }

    public String toJson() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (TableWork work : tables) {
            Map<String, Object> table = new HashMap<>();
            table.put("plan", work.plan().toMap());
            table.put("chunks", work.chunks());
            table.put("incremental", work.incremental());
            out.add(table);
        }
        try {
            return JSON.writeValueAsString(out);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the task assignment", e);
        }
    }

    @SuppressWarnings("unchecked")
    public static TaskAssignment fromJson(String json) {
        if (json == null || json.isBlank()) {
            return empty();
        }
        try {
            List<Map<String, Object>> in = JSON.readValue(json, new TypeReference<>() { });
            List<TableWork> tables = new ArrayList<>();
            for (Map<String, Object> table : in) {
                List<Integer> chunks = new ArrayList<>();
                for (Object chunk : (List<Object>) table.get("chunks")) {
                    chunks.add(((Number) chunk).intValue());
                }
                tables.add(new TableWork(TablePlan.fromMap((Map<String, Object>) table.get("plan")), chunks,
                        Boolean.TRUE.equals(table.get("incremental"))));
            }
            return new TaskAssignment(tables);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new ConfigException(CONFIG_KEY, "(assignment)", "unreadable task assignment: " + e.getMessage());
        }
    }
}
