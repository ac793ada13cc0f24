package io.tributary.source.incremental;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tributary.devstack.PostgresServer;
import io.tributary.devstack.junit.DevStackTest;
import io.tributary.source.dialect.SourceDialects;
import io.tributary.source.dialect.postgres.PostgresDialect;
import io.tributary.source.metrics.SourceTableMetrics;
import io.tributary.source.plan.PlanColumns;
import io.tributary.source.plan.TablePlan;
import io.tributary.source.plan.TablePlanner;
import io.tributary.source.schema.RowConverter;
import io.tributary.source.schema.TableDescription;
import io.tributary.source.schema.TableId;
import io.tributary.source.table.TableSource;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Rows whose cursor is NULL are never polled: the poller counts them once it has caught up (a page
 * that was not full), at most every 5 minutes, and shows the count as RowsWithNullCursor.
 */
@DevStackTest
class NullCursorIT {

    @Test
    void rowsWithANullCursorAreCountedWhenThePollerCatchesUp(PostgresServer postgres) throws Exception {
        try (Connection c = postgres.connect()) {
            new PostgresDialect().prepareSession(c);
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS null_cursor");
                s.execute("CREATE TABLE null_cursor (id int PRIMARY KEY, updated_at timestamptz)");
                s.execute("INSERT INTO null_cursor SELECT g, CASE WHEN g % 10 = 0 THEN NULL ELSE timestamptz '2024-01-01' + g * interval '1 second' END"
                        + " FROM generate_series(1, 50) g");
            }
            TableDescription description = new PostgresDialect().describe(c, TableId.parse("public.null_cursor"));
            TablePlan plan = new TablePlan("public.null_cursor", UUID.randomUUID().toString(), List.of("id"), List.of(),
                    List.of("updated_at"), null, 0, Instant.now().toString());
            try (SourceTableMetrics metrics = new SourceTableMetrics("null-it", 0, plan.table(), 1, "incremental")) {
                TableSource source = new TableSource(plan, description, new RowConverter(description, List.of("id"), "nc", new PostgresDialect()::mapping, false),
                        SourceDialects.forUrl(postgres.jdbcUrl()), "nc.public.null_cursor", null, metrics);
                CursorPoller poller = new CursorPoller(source, null, 0, ZoneOffset.UTC);

                assertEquals(20, poller.poll(c, 20).size());
                assertEquals(-1L, metrics.getRowsWithNullCursor(), "a full page: not caught up, not counted");
                assertEquals(20, poller.poll(c, 20).size());
                assertEquals(5, poller.poll(c, 20).size());
                assertEquals(5L, metrics.getRowsWithNullCursor(), "caught up: the NULL cursors are counted");

                try (Statement s = c.createStatement()) {
                    s.execute("INSERT INTO null_cursor VALUES (51, NULL)");
                }
                assertEquals(0, poller.poll(c, 20).size());
                assertEquals(5L, metrics.getRowsWithNullCursor(), "counted again only after 5 minutes");
            }
        }
    }

    /** The planner counts NULL cursors in its start-point statement (logged): numeric cursors start at their maximum. */
    @Test
    void thePlanOfANumericCursorWithNullsStartsAtItsMaximum(PostgresServer postgres) throws Exception {
        try (Connection c = postgres.connect()) {
            new PostgresDialect().prepareSession(c);
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS null_seq");
                s.execute("CREATE TABLE null_seq (id int PRIMARY KEY, seq bigint)");
                s.execute("INSERT INTO null_seq SELECT g, CASE WHEN g % 10 = 0 THEN NULL ELSE g END FROM generate_series(1, 50) g");
            }
            TableDescription description = new PostgresDialect().describe(c, TableId.parse("public.null_seq"));
            TablePlan plan = new TablePlanner(SourceDialects.forUrl(postgres.jdbcUrl()), 1000, 2000, ZoneOffset.UTC)
                    .plan(c, description, new PlanColumns(List.of("id"), List.of("seq")));
            assertEquals(49L, plan.watermark());
        }
    }
}
