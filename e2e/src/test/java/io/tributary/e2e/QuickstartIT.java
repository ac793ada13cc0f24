package io.tributary.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.devstack.FreePorts;
import io.tributary.devstack.quickstart.Quickstart;
import io.tributary.devstack.quickstart.QuickstartOptions;
import io.tributary.devstack.quickstart.SampleDataset;
import io.tributary.devstack.quickstart.SampleDataset.TableSpec;
import io.tributary.devstack.quickstart.TableComparison;
import io.tributary.devstack.quickstart.Terminal;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quickstart, driven as a user (or CI) drives it: non-interactively until the warehouse is in
 * sync, and interactively through ./quickstart.sh until Ctrl-C (SIGINT).
 */
class QuickstartIT {

    @Test
    void warehouseTablesEqualTheSourceTablesAfterSnapshotAndChanges(@TempDir Path work) throws Exception {
        QuickstartOptions options = QuickstartOptions.parse("--rows", "20000", "--tasks", "2", "--exit-when-synced",
                "--connect-port", "0", "--kafka-port", "0", "--work-dir", work.resolve("qs").toString(),
                "--plugin-path", E2eSettings.pluginPath().get(0).toString());
        Terminal terminal = new Terminal(System.out, false); // not a resource: closing the Quickstart leaves System.out open
        try (Quickstart quickstart = new Quickstart(options, terminal)) {
            Quickstart.Report report = quickstart.runUntilSynced();
            assertTrue(report.secondsToInSync() > 0 && report.changeDelaySeconds() >= 0, report.toString());
            for (TableSpec table : SampleDataset.TABLES) {
                Map<String, List<Object>> source;
                try (Connection c = quickstart.stack().postgres().connect()) {
                    source = rows(c, table, " WHERE deleted_at IS NULL");
                }
                Map<String, List<Object>> warehouse = quickstart.stack().warehouse().read(c -> rows(c, table, ""));
                assertFalse(source.isEmpty(), table.qualified() + " has rows");
                assertEquals(source.size(), warehouse.size(), table.qualified() + ": live source rows vs warehouse rows");
                assertEquals(source, warehouse, table.qualified() + ": every row, every value");
            }
            assertEquals(3, changedRows(quickstart), "the inserted customers arrived; customers 1 and 2 were soft-deleted");
        }
    }

    @Test
    void logModeSnapshotsThenStreamsAHardDeleteIntoTheWarehouse(@TempDir Path work) throws Exception {
        QuickstartOptions options = QuickstartOptions.parse("--log", "--rows", "5000", "--tasks", "1", "--exit-when-synced",
                "--connect-port", "0", "--kafka-port", "0", "--work-dir", work.resolve("qs").toString(),
                "--plugin-path", E2eSettings.pluginPath().get(0).toString());
        Terminal terminal = new Terminal(System.out, false);
        try (Quickstart quickstart = new Quickstart(options, terminal)) {
            Quickstart.Report report = quickstart.runUntilSynced();
            assertTrue(report.changeDelaySeconds() >= 0, report.toString());
            for (TableSpec table : SampleDataset.TABLES) {
                Map<String, List<Object>> source;
                try (Connection c = quickstart.stack().postgres().connect()) {
                    source = rows(c, table, ""); // deleted_at is just a column in log mode
                }
                Map<String, List<Object>> warehouse = quickstart.stack().warehouse().read(c -> rows(c, table, ""));
                assertEquals(source, warehouse, table.qualified() + ": every row, every value");
            }
            assertEquals(3, changedRows(quickstart), "the inserted customers arrived; customers 1 and 2 were DELETEd and are gone");
            assertTrue(quickstart.compareAll().stream().allMatch(TableComparison.Result::equal), "--exit-when-synced's comparison agrees");
        }
    }

    @Test
    void ctrlCStopsEveryProcessOfTheStackAndFreesItsPorts(@TempDir Path work) throws Exception {
        Path repo = Path.of(System.getProperty("user.dir")).getParent();
        Path workDir = work.resolve("qs");
        ProcessBuilder builder = new ProcessBuilder("bash", repo.resolve("quickstart.sh").toString(), "--rows", "5000", "--tasks", "1",
                "--connect-port", "0", "--kafka-port", "0", "--work-dir", workDir.toString())
                .directory(repo.toFile()).redirectErrorStream(true);
        builder.environment().put("QUICKSTART_SKIP_BUILD", "1"); // the build running this test has just built it
        Process process = builder.start();
        List<Integer> ports = new ArrayList<>();
        List<Long> pids = new ArrayList<>();
        StringBuilder output = new StringBuilder();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            String line;
            while ((line = out.readLine()) != null && System.nanoTime() < deadline) {
                output.append(line).append('\n');
                if (line.startsWith("quickstart: ports ")) {
                    for (String part : line.substring("quickstart: ports ".length()).split(" ", -1)) {
                        ports.add(Integer.parseInt(part.substring(part.indexOf('=') + 1)));
                    }
                } else if (line.startsWith("quickstart: pids ")) {
                    for (String pid : line.substring("quickstart: pids ".length()).trim().split(" ", -1)) {
                        pids.add(Long.parseLong(pid));
                    }
                } else if (line.equals("quickstart: ready")) {
                    break;
                }
            }
            assertTrue(output.toString().contains("quickstart: ready"), "the quickstart came up:\n" + output);
            assertEquals(4, ports.size(), "kafka, connect, postgres and s3 ports: " + ports);
            assertTrue(pids.size() >= 4, "this JVM, broker, worker, PostgreSQL at least: " + pids);

            new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start().waitFor();
            assertTrue(process.waitFor(3, TimeUnit.MINUTES), "the quickstart stopped after SIGINT");
            out.lines().forEach(l -> output.append(l).append('\n'));
        } finally {
            process.destroyForcibly();
        }
        assertTrue(output.toString().contains("quickstart: stopped"), "it said so:\n" + output);
        for (long pid : pids) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false),
                    "process " + pid + " of the stack outlived Ctrl-C: " + ProcessHandle.of(pid).flatMap(p -> p.info().commandLine()));
        }
        for (int port : ports) {
            assertTrue(FreePorts.isFree(port), "port " + port + " is still taken after Ctrl-C");
        }
        assertFalse(Files.exists(workDir), "without --keep-data the work folder is gone");
    }

    /** Customers inserted by the demo changes, counted in the warehouse. */
    private static long changedRows(Quickstart quickstart) throws SQLException {
        return quickstart.stack().warehouse().read(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT count(*) FROM shop.customers WHERE name LIKE 'New customer %' OR id IN (1, 2)")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** Key to values of every column but deleted_at; timestamps as epoch microseconds, decimals in plain notation. */
    private static Map<String, List<Object>> rows(Connection c, TableSpec table, String where) throws SQLException {
        List<String> columns = table.columns().stream().filter(col -> !col.equals("deleted_at")).toList();
        Map<String, List<Object>> rows = new HashMap<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT " + String.join(", ", columns) + " FROM " + table.qualified() + where)) {
            while (rs.next()) {
                List<Object> values = new ArrayList<>();
                for (int i = 1; i <= columns.size(); i++) {
                    values.add(table.isTimestamp(columns.get(i - 1)) ? micros(rs.getObject(i, OffsetDateTime.class)) : plain(rs.getObject(i)));
                }
                String key = table.keyColumns().stream().map(k -> String.valueOf(values.get(columns.indexOf(k))))
                        .collect(Collectors.joining("|"));
                rows.put(key, values);
            }
        }
        return rows;
    }

    private static Object micros(OffsetDateTime time) {
        return time == null ? null : ChronoUnit.MICROS.between(java.time.Instant.EPOCH, time.toInstant());
    }

    private static Object plain(Object value) {
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof Number n) {
            return n.longValue();
        }
        return value == null ? null : value.toString().trim();
    }
}
