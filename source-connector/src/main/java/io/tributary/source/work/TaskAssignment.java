package io.tributary.source.work;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;

/**
 * The work the connector gives one task, carried as JSON in the task's config: per table, "plan it"
 * (no plan is stored yet, or a refresh replaces the stored one), and/or the id of its stored plan with
 * the snapshot chunks to read (by number), whether to poll it incrementally and whether to send the
 * end-of-snapshot markers of its generation; and, for the one task that runs the log stream (log
 * mode), the tables whose plans are stored with a log start. No key values: the task reads the plan's
 * chunk boundaries from the Connect offsets, where the plan is durable before any chunk is handed out.
 *
 * @param logTables non-empty for the task that runs the log stream: the tables planned in log mode
 */
public record TaskAssignment(List<TableWork> tables, List<String> logTables) {

    public static final String CONFIG_KEY = "tributary.task.assignment";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One table's share of the work.
     *
     * @param table {@code schema.table}
     * @param plan whether this task plans the table (a new one; or, with {@code planId}, a refresh replacing that plan)
     * @param planId the stored plan the chunks, the polling and the markers belong to (and a refresh replaces);
     *        null when {@code plan} and the table has no stored plan
     * @param chunks chunk numbers to read
     * @param incremental whether to poll the table by its cursor
     * @param markers whether to send the end-of-snapshot markers of the plan's generation
     */
    public record TableWork(String table, boolean plan, String planId, List<Integer> chunks, boolean incremental, boolean markers) {
        public TableWork {
            chunks = List.copyOf(chunks);
        }

        public TableWork(String table, boolean plan, String planId, List<Integer> chunks, boolean incremental) {
            this(table, plan, planId, chunks, incremental, false);
        }

        public static TableWork planning(String table) {
            return new TableWork(table, true, null, List.of(), false);
        }
    }

    public TaskAssignment {
        tables = List.copyOf(tables);
        logTables = List.copyOf(logTables);
    }

    public TaskAssignment(List<TableWork> tables) {
        this(tables, List.of());
    }

    public static TaskAssignment empty() {
        return new TaskAssignment(List.of());
    }

    public boolean isEmpty() {
        return tables.isEmpty() && logTables.isEmpty();
    }

    /** Whether this task runs the log stream. */
    public boolean streamsLog() {
        return !logTables.isEmpty();
    }

    public String toJson() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (TableWork work : tables) {
            Map<String, Object> table = new LinkedHashMap<>();
            table.put("table", work.table());
            if (work.plan()) {
                table.put("plan", true);
            }
            if (work.planId() != null) {
                table.put("plan_id", work.planId());
                table.put("chunks", work.chunks());
                table.put("incremental", work.incremental());
                table.put("markers", work.markers());
            }
            out.add(table);
        }
        Map<String, Object> assignment = new LinkedHashMap<>();
        assignment.put("log", logTables);
        assignment.put("tables", out);
        try {
            return JSON.writeValueAsString(assignment);
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
            Object parsed = JSON.readValue(json, Object.class);
            List<Map<String, Object>> in;
            List<String> log = new ArrayList<>();
            if (parsed instanceof Map<?, ?> object) { // {"log": [...], "tables": [...]}
                in = (List<Map<String, Object>>) object.get("tables");
                for (Object table : (List<Object>) ((Map<String, Object>) object).getOrDefault("log", List.of())) {
                    log.add((String) table);
                }
            } else { // before log mode: the list of tables alone
                in = (List<Map<String, Object>>) parsed;
            }
            List<TableWork> tables = new ArrayList<>();
            for (Map<String, Object> table : in) {
                String name = (String) table.get("table");
                if (name == null) {
                    throw new IllegalArgumentException("an entry without a table: " + table);
                }
                List<Integer> chunks = new ArrayList<>();
                for (Object chunk : (List<Object>) table.getOrDefault("chunks", List.of())) {
                    chunks.add(((Number) chunk).intValue());
                }
                tables.add(new TableWork(name, Boolean.TRUE.equals(table.get("plan")), (String) table.get("plan_id"), chunks,
                        Boolean.TRUE.equals(table.get("incremental")), Boolean.TRUE.equals(table.get("markers"))));
            }
            return new TaskAssignment(tables, log);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new ConfigException(CONFIG_KEY, "(assignment)", "unreadable task assignment: " + e.getMessage());
        }
    }
}
