package io.tributary.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsTest {

    private static Results.Result result(String suite, String run, long rows, double... seconds) {
        Map<String, List<Double>> metrics = new LinkedHashMap<>();
        metrics.put(Results.SECONDS, java.util.Arrays.stream(seconds).boxed().toList());
        metrics.put(Results.PEAK_HEAP, List.of(300.0, 500.0, 400.0));
        metrics.put(Results.LIVE_HEAP, List.of(100.0, 120.0, 110.0));
        return new Results.Result(suite, run, rows, metrics);
    }

    @Test
    void eachRunShowsMinMedianMaxAndTheRateAtTheMedian(@TempDir Path dir) throws Exception {
        Results results = new Results(Map.of("cores", 2), dir);
        results.add(result("snapshot", "Tributary source, 1 task(s)", 1_000_000, 14.0, 10.0, 12.5));

        String markdown = results.markdown();
        assertTrue(markdown.contains("| Tributary source, 1 task(s) | 1000000 | 10.00 | 12.50 | 14.00 | 80,000 | 400 | 110 |"), markdown);
        Results.Result sink = result("sink", "Tributary sink, merge, 2 tasks", 1_000_000, 20, 20, 20);
        sink.metrics().put(Results.STATEMENTS, List.of(10.0, 12.0, 11.0));
        results.add(sink);
        assertTrue(results.markdown().contains("| Tributary sink, merge, 2 tasks | 1000000 | 20.00 | 20.00 | 20.00 | 50,000 | 400 | 110 | 11 |"),
                results.markdown());
        List<String> csv = Files.readAllLines(dir.resolve("results.csv"));
        assertEquals(7, csv.size(), "a header and one line per repetition of each run");
        assertEquals("snapshot,\"Tributary source, 1 task(s)\",1000000,1,14.000,300.000,100.000,,,,,", csv.get(1));
        JsonNode json = new ObjectMapper().readTree(dir.resolve("results.json").toFile());
        assertEquals(80_000, json.path("results").path(0).path("median_rows_per_s").asLong());
        assertEquals(2, json.path("machine").path("cores").asInt());
    }

    @Test
    void theSummaryStatesEachTargetAsARatioOfMedians(@TempDir Path dir) {
        Results results = new Results(Map.of(), dir);
        results.add(result("snapshot", "Tributary source, 1 task(s)", 1_000_000, 10, 10, 10));
        results.add(result("snapshot", "Debezium PostgreSQL connector, initial snapshot (1 task)", 1_000_000, 40, 50, 60));
        results.add(result("sink", "Tributary sink, merge, 2 tasks", 1_000_000, 30, 30, 30));
        results.add(result("sink", "Debezium JDBC sink, upsert, batch.size 5000, 2 tasks", 1_000_000, 90, 90, 90));
        results.add(result("sink", "COPY FROM STDIN of the final rows (database limit)", 1_000_000, 3, 3, 3));
        results.add(result("snapshot", "Tributary source, log mode, 1 chunk reader(s) + 1 streaming task", 1_000_000, 20, 20, 20));
        results.add(result("sink", "Kafka consumer + JsonConverter, 2 threads, no sink (converter limit)", 1_000_000, 15, 15, 15));
        results.add(result("refresh", "Tributary source, full re-snapshot, 1 task", 1_000_000, 40, 40, 40));
        results.add(result("refresh", "Tributary source, keys-only refresh, 1 task", 1_000_000, 10, 10, 10));
        results.add(result("sink", "Tributary sink, merge, 2 tasks", 10_000_000, 300, 300, 300));
        results.add(result("snapshot", "Tributary source, 1 task(s)", 10_000_000, 100, 100, 100));

        String summary = Summary.of(results);
        assertTrue(summary.contains("Tributary 1 task / Debezium (1 task) = 5.00x"), summary);
        assertTrue(summary.contains("Tributary log mode, 1 chunk reader / Debezium (1 task) = 2.50x (target >= 2x)"), summary);
        assertTrue(summary.contains("Tributary / Debezium JDBC sink (Debezium JDBC sink, upsert, batch.size 5000, 2 tasks) = 3.00x"
                + " (target >= 2x)"), summary);
        assertTrue(summary.contains("Tributary = 50% of the converter limit (target >= 70%)"), summary);
        assertTrue(summary.contains("Tributary = 10% of COPY FROM"), summary);
        assertTrue(summary.contains("keys-only refresh 4.0x the rows/s of a full re-snapshot"), summary);
        assertTrue(summary.contains("Tributary sink, merge, 2 tasks, 1M -> 10M rows: peak used heap 1.00x, peak heap after GC 1.00x"), summary);
    }
}
