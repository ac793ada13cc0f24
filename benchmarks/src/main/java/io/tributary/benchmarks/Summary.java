package io.tributary.benchmarks;

import java.util.Locale;
import java.util.TreeSet;

/** The ratios the targets are stated in, computed from a run's results (medians of the repetitions). */
final class Summary {

    private Summary() {
    }

    static String of(Results results) {
        StringBuilder out = new StringBuilder("\n### Ratios (medians)\n\n");
        TreeSet<Long> sizes = new TreeSet<>();
        results.all().forEach(r -> sizes.add(r.rows()));
        for (long rows : sizes) {
            Results.Result trib1 = results.find("snapshot", "Tributary source, 1 task(s)", rows);
            Results.Result dbz = results.find("snapshot", "Debezium PostgreSQL connector, initial snapshot (1 task)", rows);
            Results.Result copyOut = results.find("snapshot", "COPY TO STDOUT (database limit)", rows);
            Results.Result producer = results.find("snapshot", "Kafka producer, same records (Kafka limit)", rows);
            Results.Result bestSource = best(results, "snapshot", "Tributary source", rows);
            Results.Result log1 = results.find("snapshot", "Tributary source, log mode, 1 chunk reader(s) + 1 streaming task", rows);
            if (trib1 != null && dbz != null) {
                line(out, "snapshot %,d rows: Tributary 1 task / Debezium (1 task) = %.2fx", rows, trib1.rate() / dbz.rate());
            }
            if (log1 != null && dbz != null) {
                line(out, "snapshot %,d rows: Tributary log mode, 1 chunk reader / Debezium (1 task) = %.2fx (target >= 2x)", rows,
                        log1.rate() / dbz.rate());
            }
            if (bestSource != null && copyOut != null) {
                line(out, "snapshot %,d rows: best Tributary (%s) = %.0f%% of the COPY TO limit, %.0f%% of the Kafka producer limit",
                        rows, bestSource.run(), 100 * bestSource.rate() / copyOut.rate(),
                        producer == null ? Double.NaN : 100 * bestSource.rate() / producer.rate());
            }
            Results.Result full = results.find("refresh", "Tributary source, full re-snapshot, 1 task", rows);
            Results.Result keys = results.find("refresh", "Tributary source, keys-only refresh, 1 task", rows);
            if (full != null && keys != null) {
                line(out, "refresh %,d rows: keys-only refresh %.1fx the rows/s of a full re-snapshot, with %.0f%% of its block accesses", rows,
                        keys.rate() / full.rate(), 100 * keys.median(RefreshSuite.READ_MB) / full.median(RefreshSuite.READ_MB));
            }
            Results.Result sink = results.all().stream().filter(r -> r.suite().equals("sink") && r.rows() == rows
                    && r.run().startsWith("Tributary sink, merge, ")).findFirst().orElse(null);
            Results.Result dbzSink = best(results, "sink", "Debezium JDBC sink", rows);
            Results.Result copyIn = results.find("sink", "COPY FROM STDIN of the final rows (database limit)", rows);
            Results.Result converter = best(results, "sink", "Kafka consumer + JsonConverter", rows);
            if (sink != null && dbzSink != null) {
                line(out, "sink %,d records into PostgreSQL: Tributary / Debezium JDBC sink (%s) = %.2fx (target >= 2x)", rows, dbzSink.run(),
                        sink.rate() / dbzSink.rate());
            }
            if (sink != null && converter != null) {
                line(out, "sink %,d records into PostgreSQL: Tributary = %.0f%% of the converter limit (target >= 70%%)", rows,
                        100 * sink.rate() / converter.rate());
            }
            if (sink != null && copyIn != null) {
                line(out, "sink %,d records into PostgreSQL: Tributary = %.0f%% of COPY FROM", rows, 100 * sink.rate() / copyIn.rate());
            }
        }
        if (sizes.contains(1_000_000L) && sizes.contains(10_000_000L)) {
            for (String run : results.all().stream().map(Results.Result::run).filter(r -> r.startsWith("Tributary")).distinct().toList()) {
                String suite = run.startsWith("Tributary source") ? "snapshot" : "sink";
                Results.Result small = results.find(suite, run, 1_000_000L);
                Results.Result large = results.find(suite, run, 10_000_000L);
                if (small != null && large != null) {
                    line(out, "%s, 1M -> 10M rows: peak used heap %.2fx, peak heap after GC %.2fx (target within 1.5x)", run,
                            large.median(Results.PEAK_HEAP) / small.median(Results.PEAK_HEAP),
                            large.median(Results.LIVE_HEAP) / small.median(Results.LIVE_HEAP));
                }
            }
        }
        return out.toString();
    }

    private static Results.Result best(Results results, String suite, String prefix, long rows) {
        return results.all().stream().filter(r -> r.suite().equals(suite) && r.rows() == rows && r.run().startsWith(prefix))
                .max((a, b) -> Double.compare(a.rate(), b.rate())).orElse(null);
    }

    private static void line(StringBuilder out, String format, Object... args) {
        out.append("- ").append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}
