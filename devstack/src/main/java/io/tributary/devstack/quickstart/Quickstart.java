package io.tributary.devstack.quickstart;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.devstack.ConnectRestClient;
import io.tributary.devstack.quickstart.SampleDataset.TableSpec;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one-command demo behind {@code ./quickstart.sh}: PostgreSQL -> Tributary source -> Kafka ->
 * Tributary sink -> DuckDB (or PostgreSQL), all real processes on this machine. It loads a sample
 * shop, creates both connectors through the Connect REST API, draws the snapshot's progress from the
 * source's ledger topic, waits until the warehouse holds every row, changes the source and shows the
 * changes arrive; then it stays up (or, with {@code --exit-when-synced}, compares every table and exits).
 */
public final class Quickstart implements AutoCloseable {

    private static final Duration SNAPSHOT_TIMEOUT = Duration.ofMinutes(30);
    private static final Duration CHANGES_TIMEOUT = Duration.ofMinutes(3);

    private final QuickstartOptions options;
    private final Terminal terminal;
    private final SampleDataset dataset;
    private volatile QuickstartStack stack;
    private volatile long postgresPid;
    private ResourceMeter meter;

    /** What a run measured. */
    public record Report(double secondsToInSync, double changeDelaySeconds, long peakRssMb) {
    }

    public Quickstart(QuickstartOptions options, Terminal terminal) {
        this.options = options;
        this.terminal = terminal;
        this.dataset = new SampleDataset(options.rows());
    }

    public static void main(String[] args) {
        // initialise logging before threads start, or SLF4J warns about loggers used during its start-up
        org.slf4j.LoggerFactory.getLogger(Quickstart.class);
        QuickstartOptions options;
        try {
            options = QuickstartOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Quickstart quickstart = new Quickstart(options, Terminal.system());
        Runtime.getRuntime().addShutdownHook(new Thread(quickstart::stopOnSignal, "quickstart-stop"));
        int code;
        try {
            Report report = quickstart.runUntilSynced();
            code = options.exitWhenSynced() ? quickstart.finish(report) : quickstart.stayUp(report);
        } catch (Exception e) {
            System.err.println("quickstart failed: " + e.getMessage());
            code = 1;
        }
        quickstart.close();
        System.exit(code);
    }

    /** Starts the stack, snapshots, catches up, applies the demo changes and waits until they arrived. */
    public Report runUntilSynced() throws Exception {
        meter = new ResourceMeter(() -> postgresPid);
        terminal.section("Starting Kafka (KRaft), a Connect worker, s3proxy, PostgreSQL with the sample shop, "
                + options.destination().name().toLowerCase(Locale.ROOT));
        stack = QuickstartStack.start(options, dataset, millis -> terminal.line(String.format(Locale.ROOT,
                "  PostgreSQL: loaded shop.customers %,d, shop.products %,d, shop.orders %,d, shop.order_items %,d rows in %.1f s",
                dataset.customers(), dataset.products(), dataset.orders(), dataset.orderItems(), millis / 1000.0)));
        postgresPid = stack.postgresPid();
        printParts();

        terminal.section("Creating the connectors through the Connect REST API");
        ConnectRestClient rest = stack.cluster().rest();
        String warehouseUrl = stack.warehouse().url();
        Map<String, String> source = ConnectorConfigs.source(stack.postgres(), options.rows(), options.sourceTasks(), options.log());
        Map<String, String> sink = ConnectorConfigs.sink(stack.s3(), options.destination(), warehouseUrl, stack.postgres());
        for (var connector : List.of(Map.entry(ConnectorConfigs.SOURCE_NAME, source), Map.entry(ConnectorConfigs.SINK_NAME, sink))) {
            terminal.line("  curl -X PUT -H 'Content-Type: application/json' " + rest.baseUri() + "connectors/"
                    + connector.getKey() + "/config -d '" + new com.fasterxml.jackson.databind.ObjectMapper()
                    .writeValueAsString(connector.getValue()) + "'");
            rest.putConnector(connector.getKey(), connector.getValue());
        }
        rest.awaitRunning(ConnectorConfigs.SOURCE_NAME, options.sourceTasks(), Duration.ofMinutes(2));
        rest.awaitRunning(ConnectorConfigs.SINK_NAME, 1, Duration.ofMinutes(2));

        terminal.section("Snapshot (read from the ledger topic " + ConnectorConfigs.LEDGER_TOPIC + ")");
        awaitSnapshot(rest);
        terminal.section("Waiting until the " + options.destination().name().toLowerCase(Locale.ROOT) + " warehouse holds every live row");
        awaitWarehouseCounts(rest);
        double inSync = secondsSinceJvmStart();
        terminal.line(String.format(Locale.ROOT, "  In sync %.1f s after the quickstart started.", inSync));

        terminal.section("Changing the source: inserts, updates, " + (options.log() ? "a hard DELETE" : "soft deletes"));
        double delay = applyChanges(rest);
        return new Report(inSync, delay, meter.peakMb());
    }

    private void printParts() {
        terminal.line("  Kafka bootstrap:  " + stack.cluster().bootstrapServers());
        terminal.line("  Connect REST:     " + stack.cluster().rest().baseUri());
        terminal.line("  S3 (s3proxy):     " + stack.s3().endpoint() + "  bucket " + stack.s3().bucket());
        terminal.line("  PostgreSQL:       " + stack.postgres().jdbcUrl() + "  (user postgres, password postgres)");
        terminal.line("  Warehouse:        " + stack.warehouse().url());
        terminal.line(String.format(Locale.ROOT, "quickstart: ports kafka=%s connect=%d postgres=%d s3=%d",
                stack.cluster().bootstrapServers().replaceAll(".*:", ""), stack.cluster().rest().baseUri().getPort(),
                stack.postgres().port(), stack.s3().endpoint().getPort()));
    }

    private void awaitSnapshot(ConnectRestClient rest) throws Exception {
        long deadline = System.nanoTime() + SNAPSHOT_TIMEOUT.toNanos();
        long started = System.nanoTime();
        long lastHealthCheck = 0;
        try (LedgerProgress ledger = new LedgerProgress(stack.cluster().bootstrapServers(), ConnectorConfigs.LEDGER_TOPIC)) {
            List<LedgerProgress.TableProgress> tables = List.of();
            while (!ledger.allFinished(SampleDataset.TABLES.size())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the snapshot did not finish within " + SNAPSHOT_TIMEOUT);
                }
                tables = ledger.poll(Duration.ofMillis(500));
                terminal.progress(tables, String.format(Locale.ROOT, "  %d of %d tables planned, %.0f s",
                        tables.size(), SampleDataset.TABLES.size(), (System.nanoTime() - started) / 1e9));
                if (System.nanoTime() - lastHealthCheck > 5_000_000_000L) {
                    checkHealthy(rest);
                    lastHealthCheck = System.nanoTime();
                }
            }
            tables = ledger.poll(Duration.ofMillis(10));
            StringBuilder done = new StringBuilder();
            long rows = 0;
            for (LedgerProgress.TableProgress t : tables) {
                done.append(Terminal.bar(t)).append('\n');
                rows += t.rows();
            }
            terminal.settle(done.toString());
            terminal.line(String.format(Locale.ROOT, "  Snapshot done: %,d rows in %.1f s", rows, (System.nanoTime() - started) / 1e9));
        }
    }

    private void awaitWarehouseCounts(ConnectRestClient rest) throws Exception {
        Map<TableSpec, Long> expected = new LinkedHashMap<>();
        try (Connection c = stack.postgres().connect()) {
            for (TableSpec table : SampleDataset.TABLES) {
                expected.put(table, SampleDataset.liveRows(c, table, !options.log()));
            }
        }
        long deadline = System.nanoTime() + SNAPSHOT_TIMEOUT.toNanos();
        int checks = 0;
        while (true) {
            Map<TableSpec, Long> actual = new LinkedHashMap<>();
            for (TableSpec table : expected.keySet()) {
                actual.put(table, stack.warehouse().count(table.qualified()));
            }
            StringBuilder status = new StringBuilder();
            actual.forEach((table, count) -> status.append(String.format(Locale.ROOT, "  %-18s %,11d of %,11d live rows%n",
                    table.qualified(), count, expected.get(table))));
            boolean equal = actual.equals(expected);
            terminal.status(status.toString(), equal);
            if (equal) {
                terminal.settle(status.toString());
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the warehouse did not catch up within " + SNAPSHOT_TIMEOUT + ": " + actual);
            }
            if (++checks % 3 == 0) {
                checkHealthy(rest);
            }
            Thread.sleep(3000); // each look holds the DuckDB file for a moment, and a merge waiting for it backs off
        }
    }

    private double applyChanges(ConnectRestClient rest) throws Exception {
        DemoChanges changes = new DemoChanges(dataset, options.log());
        for (DemoChanges.Change change : changes.changes()) {
            terminal.line("  " + change.description() + ":");
            terminal.line("    source> " + change.sourceSql() + ";");
        }
        long applied;
        try (Connection c = stack.postgres().connect()) {
            changes.apply(c);
            applied = System.nanoTime();
        }
        long deadline = applied + CHANGES_TIMEOUT.toNanos();
        int checks = 0;
        while (!stack.warehouse().read(changes::arrived)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the changes did not arrive in the warehouse within " + CHANGES_TIMEOUT);
            }
            if (++checks % 20 == 0) {
                checkHealthy(rest);
            }
            Thread.sleep(250);
        }
        double delay = (System.nanoTime() - applied) / 1e9;
        terminal.line("  The warehouse proves it:");
        List<String> proofs = stack.warehouse().read(c -> {
            List<String> lines = new ArrayList<>();
            for (DemoChanges.Change change : changes.changes()) {
                lines.add("    warehouse> " + change.proofSql() + ";  -> " + Warehouse.scalar(c, change.proofSql()));
            }
            return lines;
        });
        proofs.forEach(terminal::line);
        terminal.line(String.format(Locale.ROOT, "  End-to-end delay (commit in PostgreSQL -> visible in the warehouse): %.1f s", delay));
        return delay;
    }

    /** --exit-when-synced: compares every table row for row, prints the figures; 0 when all are equal. */
    public int finish(Report report) throws SQLException {
        terminal.section("Comparing every table, row for row");
        boolean equal = true;
        for (TableComparison.Result result : compareAll()) {
            terminal.line("  " + result);
            equal &= result.equal();
        }
        printFigures(report);
        terminal.line(equal ? "quickstart: synced and equal" : "quickstart: DIFFERENCES FOUND");
        return equal ? 0 : 1;
    }

    /** Compares each source table with its warehouse copy. */
    public List<TableComparison.Result> compareAll() throws SQLException {
        List<TableComparison.Result> results = new ArrayList<>();
        for (TableSpec table : SampleDataset.TABLES) {
            try (Connection source = stack.postgres().connect()) {
                results.add(stack.warehouse().read(w -> TableComparison.compare(table, source, w, options.destination(), !options.log())));
            }
        }
        return results;
    }

    private int stayUp(Report report) throws InterruptedException {
        printFigures(report);
        QuickstartHelp.print(terminal, stack, options);
        terminal.line("quickstart: pids " + meter.pids().stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(" ")));
        terminal.line("quickstart: ready");
        while (true) {
            Thread.sleep(60_000);
        }
    }

    private void printFigures(Report report) {
        terminal.line(String.format(Locale.ROOT, "quickstart: figures in_sync_seconds=%.1f change_delay_seconds=%.1f peak_rss_mb=%d rows=%d",
                report.secondsToInSync(), report.changeDelaySeconds(), Math.max(report.peakRssMb(), meter.peakMb()), options.rows()));
    }

    private void checkHealthy(ConnectRestClient rest) {
        for (String name : List.of(ConnectorConfigs.SOURCE_NAME, ConnectorConfigs.SINK_NAME)) {
            JsonNode status = rest.status(name);
            List<JsonNode> parts = new ArrayList<>();
            parts.add(status.path("connector"));
            status.path("tasks").forEach(parts::add);
            for (JsonNode part : parts) {
                if ("FAILED".equals(part.path("state").asText())) {
                    throw new IllegalStateException(name + " FAILED: " + part.path("trace").asText()
                            + "\n  worker log: " + stack.cluster().worker(0).logFile());
                }
            }
        }
    }

    private static double secondsSinceJvmStart() {
        return (System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime()) / 1000.0;
    }

    public QuickstartStack stack() {
        return stack;
    }

    private void stopOnSignal() {
        if (stack != null && !options.exitWhenSynced()) {
            System.out.println();
            System.out.println("quickstart: stopping (worker, broker, s3proxy, PostgreSQL)...");
            close();
            System.out.println("quickstart: stopped");
        }
    }

    @Override
    public synchronized void close() {
        if (meter != null) {
            meter.close();
        }
        if (stack != null) {
            stack.close();
            stack = null;
        }
    }
}
