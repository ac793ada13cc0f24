package io.tributary.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of one benchmark run: every repetition of every measured run, with the machine they
 * were taken on. Written as a markdown table (for docs/benchmarks.md), CSV (one line per repetition)
 * and JSON.
 */
final class Results {

    /** Metric names; each measured run has some of them, one value per repetition. */
    static final String SECONDS = "seconds";
    static final String PEAK_HEAP = "peak_heap_mb";
    static final String LIVE_HEAP = "live_heap_mb";
    static final String P50 = "p50_ms";
    static final String P99 = "p99_ms";
    static final String SAMPLES = "samples";
    /** Sink runs: statements that wrote the final table (insert, update, delete, merge), per repetition. */
    static final String STATEMENTS = "write_statements";

    /** One measured run: its suite (snapshot, sink, latency), its name, its size and its figures. */
    record Result(String suite, String run, long rows, Map<String, List<Double>> metrics) {
        double median(String metric) {
            List<Double> values = new ArrayList<>(metrics.getOrDefault(metric, List.of()));
            if (values.isEmpty()) {
                return Double.NaN;
            }
            values.sort(Double::compare);
            return values.get(values.size() / 2);
        }

        double min(String metric) {
            return metrics.getOrDefault(metric, List.of()).stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        }

        double max(String metric) {
            return metrics.getOrDefault(metric, List.of()).stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        }

        /** Rows (or records) per second at the median time. */
        double rate() {
            return rows / median(SECONDS);
        }
    }

    private final Map<String, Object> machine;
    private final Path dir;
    private final List<Result> results = new ArrayList<>();

    /** Results written to {@code dir} after every measured run, so a long run that breaks keeps what it measured. */
    Results(Map<String, Object> machine, Path dir) {
        this.machine = machine;
        this.dir = dir;
    }

    void add(Result result) {
        results.add(result);
        System.out.println(markdown(result.suite(), List.of(result)).get(2));
        write("");
    }

    List<Result> all() {
        return List.copyOf(results);
    }

    /** The result of {@code run} at {@code rows}, or null. */
    Result find(String suite, String run, long rows) {
        return results.stream().filter(r -> r.suite().equals(suite) && r.run().equals(run) && r.rows() == rows).findFirst().orElse(null);
    }

    String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("Machine: ").append(machine).append("\n");
        for (String suite : List.of("snapshot", "refresh", "sink", "latency")) {
            List<Result> ofSuite = results.stream().filter(r -> r.suite().equals(suite)).toList();
            if (!ofSuite.isEmpty()) {
                out.append("\n### ").append(suite).append("\n\n");
                markdown(suite, ofSuite).forEach(line -> out.append(line).append("\n"));
            }
        }
        return out.toString();
    }

    private static List<String> markdown(String suite, List<Result> rows) {
        List<String> lines = new ArrayList<>();
        if (suite.equals("latency")) {
            lines.add("| run | updates | p50 ms min / median / max | p99 ms min / median / max | peak used heap MB | peak heap after GC MB |");
            lines.add("|---|---:|---:|---:|---:|---:|");
            for (Result r : rows) {
                lines.add(String.format(Locale.ROOT, "| %s | %.0f | %.0f / %.0f / %.0f | %.0f / %.0f / %.0f | %s | %s |", r.run(),
                        r.median(SAMPLES), r.min(P50), r.median(P50), r.max(P50), r.min(P99), r.median(P99), r.max(P99),
                        mb(r.median(PEAK_HEAP)), mb(r.median(LIVE_HEAP))));
            }
        } else if (suite.equals("refresh")) {
            lines.add("| run | rows | min s | median s | max s | median rows/s | source block accesses (heap + index, 8 KB each), MB | peak used heap MB |");
            lines.add("|---|---:|---:|---:|---:|---:|---:|---:|");
            for (Result r : rows) {
                lines.add(String.format(Locale.ROOT, "| %s | %d | %.2f | %.2f | %.2f | %,.0f | %s | %s |", r.run(), r.rows(),
                        r.min(SECONDS), r.median(SECONDS), r.max(SECONDS), r.rate(), mb(r.median(RefreshSuite.READ_MB)),
                        mb(r.median(PEAK_HEAP))));
            }
        } else if (suite.equals("sink")) {
            lines.add("| run | records | min s | median s | max s | median records/s | peak used heap MB | peak heap after GC MB"
                    + " | statements writing the final table, per 1M records |");
            lines.add("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
            for (Result r : rows) {
                double statements = r.median(STATEMENTS);
                lines.add(String.format(Locale.ROOT, "| %s | %d | %.2f | %.2f | %.2f | %,.0f | %s | %s | %s |", r.run(), r.rows(),
                        r.min(SECONDS), r.median(SECONDS), r.max(SECONDS), r.rate(), mb(r.median(PEAK_HEAP)), mb(r.median(LIVE_HEAP)),
                        Double.isNaN(statements) ? "-" : String.format(Locale.ROOT, "%,.0f", statements * 1_000_000 / r.rows())));
            }
        } else {
            lines.add("| run | rows | min s | median s | max s | median rows/s | peak used heap MB | peak heap after GC MB |");
            lines.add("|---|---:|---:|---:|---:|---:|---:|---:|");
            for (Result r : rows) {
                lines.add(String.format(Locale.ROOT, "| %s | %d | %.2f | %.2f | %.2f | %,.0f | %s | %s |", r.run(), r.rows(),
                        r.min(SECONDS), r.median(SECONDS), r.max(SECONDS), r.rate(), mb(r.median(PEAK_HEAP)), mb(r.median(LIVE_HEAP))));
            }
        }
        return lines;
    }

    private static String mb(double value) {
        return Double.isNaN(value) || value < 0 ? "-" : String.format(Locale.ROOT, "%.0f", value);
    }

    String csv() {
        List<String> metrics = List.of(SECONDS, PEAK_HEAP, LIVE_HEAP, P50, P99, SAMPLES, STATEMENTS, RefreshSuite.READ_MB);
        StringBuilder out = new StringBuilder("suite,run,rows,repetition," + String.join(",", metrics) + "\n");
        for (Result r : results) {
            int repetitions = r.metrics().values().stream().mapToInt(List::size).max().orElse(0);
            for (int i = 0; i < repetitions; i++) {
                out.append(r.suite()).append(",\"").append(r.run().replace("\"", "'")).append("\",").append(r.rows()).append(',').append(i + 1);
                for (String metric : metrics) {
                    List<Double> values = r.metrics().getOrDefault(metric, List.of());
                    out.append(',').append(i < values.size() ? String.format(Locale.ROOT, "%.3f", values.get(i)) : "");
                }
                out.append('\n');
            }
        }
        return out.toString();
    }

    String json() {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("machine", machine);
        List<Map<String, Object>> list = new ArrayList<>();
        for (Result r : results) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("suite", r.suite());
            entry.put("run", r.run());
            entry.put("rows", r.rows());
            entry.put("median_rows_per_s", r.metrics().containsKey(SECONDS) ? Math.round(r.rate()) : null);
            entry.put("metrics", r.metrics());
            list.add(entry);
        }
        document.put("results", list);
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes results.md (with {@code extraMarkdown} at the end), results.csv and results.json. */
    void write(String extraMarkdown) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("results.md"), markdown() + extraMarkdown);
            Files.writeString(dir.resolve("results.csv"), csv());
            Files.writeString(dir.resolve("results.json"), json());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
