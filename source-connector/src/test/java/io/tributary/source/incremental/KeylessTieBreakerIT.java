package io.tributary.source.incremental;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tributary.devstack.PostgresServer;
import io.tributary.devstack.junit.DevStackTest;
import io.tributary.source.dialect.SourceDialects;
import io.tributary.source.dialect.postgres.PostgresDialect;
import io.tributary.source.metrics.SourceTableMetrics;
import io.tributary.source.plan.TablePlan;
import io.tributary.source.schema.RowConverter;
import io.tributary.source.schema.TableDescription;
import io.tributary.source.schema.TableId;
import io.tributary.source.table.TableSource;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/**
 * A table without key columns, polled by a cursor and a tie-breaker that are not unique together:
 * runs of rows equal on both, longer than a page, cross page ends, and every row still arrives
 * (some twice: allowed). The next page starts after the last row's (cursor, tie-breaker), so the
 * rest of its run must be read with the page.
 */
@DevStackTest
class KeylessTieBreakerIT {

    private static final int STAMPS = 3;
    private static final int GROUPS = 3;
    private static final int RUN = 7;
    private static final int PAGE = 5;

    @Test
    void runsOfEqualCursorAndTieBreakerLongerThanAPageArriveWhole(PostgresServer postgres) throws Exception {
        try (Connection c = postgres.connect()) {
            new PostgresDialect().prepareSession(c);
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS keyless_tb");
                s.execute("CREATE TABLE keyless_tb (updated_at timestamptz NOT NULL, grp int NOT NULL, v int NOT NULL)");
                s.execute("INSERT INTO keyless_tb SELECT timestamptz '2024-01-01 00:00:00+00' + (g / " + (GROUPS * RUN)
                        + ") * interval '1 second', (g / " + RUN + ") % " + GROUPS + ", g"
                        + " FROM generate_series(0, " + (STAMPS * GROUPS * RUN - 1) + ") g");
            }
            TableDescription description = new PostgresDialect().describe(c, TableId.parse("public.keyless_tb"));
            TablePlan plan = new TablePlan("public.keyless_tb", UUID.randomUUID().toString(), List.of(), List.of(),
                    List.of("updated_at", "grp"), null, 0, Instant.now().toString());
            try (SourceTableMetrics metrics = new SourceTableMetrics("keyless-it", 0, plan.table(), 1, "incremental")) {
                TableSource source = new TableSource(plan, description, new RowConverter(description, List.of(), "kl", new PostgresDialect()::mapping, false),
                        SourceDialects.forUrl(postgres.jdbcUrl()), "kl.public.keyless_tb", null, metrics);
                CursorPoller poller = new CursorPoller(source, null, 0, ZoneOffset.UTC);
                TreeSet<Integer> seen = new TreeSet<>();
                List<SourceRecord> page;
                int polls = 0;
                do {
                    page = poller.poll(c, PAGE);
                    page.forEach(r -> seen.add(((Struct) r.value()).getInt32("v")));
                } while (!page.isEmpty() && ++polls < 100);
                TreeSet<Integer> expected = new TreeSet<>();
                for (int v = 0; v < STAMPS * GROUPS * RUN; v++) {
                    expected.add(v);
                }
                expected.removeAll(seen);
                assertEquals(new TreeSet<Integer>(), expected, "rows never polled");
            }
        }
    }
}
