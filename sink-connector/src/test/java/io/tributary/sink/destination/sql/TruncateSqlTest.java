package io.tributary.sink.destination.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tributary.sink.buffer.Version;
import io.tributary.sink.destination.snowflake.SnowflakeDialect;
import io.tributary.sink.schema.MetadataColumns;
import io.tributary.sink.schema.TableId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The statements of an applied truncate, as Snowflake, Redshift and the others run them (standard SQL, bare table names). */
class TruncateSqlTest {

    private static final MetadataColumns META = MetadataColumns.withPrefix("__tributary_", "__tributary_deleted_at");
    private static final String NEWER_THAN = "(20 > COALESCE(%1$s.\"__tributary_position\", -9223372036854775807) OR (20 ="
            + " COALESCE(%1$s.\"__tributary_position\", -9223372036854775807) AND (0 > COALESCE(%1$s.\"__tributary_partition\", -1) OR"
            + " (0 = COALESCE(%1$s.\"__tributary_partition\", -1) AND 3 > COALESCE(%1$s.\"__tributary_offset\", -1)))))";

    @Test
    void theTruncateIsKeptIfNewestAndRemovesOlderRowsAndStagedVersions() {
        TruncateSql sql = new TruncateSql(new SnowflakeDialect(null, null), new TableId("SHOP", "items"),
                new TableId("SHOP", "items__tributary_truncated"), META);
        List<String> statements = sql.beforeMerge(new Version(20L, "shop.public.it'ems", 0, 3), true, true);
        assertEquals(List.of(
                "DELETE FROM \"SHOP\".\"items__tributary_truncated\" WHERE " + NEWER_THAN.formatted("\"items__tributary_truncated\""),
                "INSERT INTO \"SHOP\".\"items__tributary_truncated\" (\"__tributary_position\", \"__tributary_topic\", \"__tributary_partition\","
                        + " \"__tributary_offset\") SELECT 20, 'shop.public.it''ems', 0, 3 WHERE NOT EXISTS (SELECT 1 FROM"
                        + " \"SHOP\".\"items__tributary_truncated\")",
                "DELETE FROM \"SHOP\".\"items\" WHERE " + NEWER_THAN.formatted("\"items\""),
                "DELETE FROM \"tributary_stage\" WHERE \"tributary_stage\".\"__tributary_op\" <> 'k' AND EXISTS (SELECT 1 FROM \"SHOP\".\"items__tributary_truncated\" t WHERE"
                        + " (COALESCE(t.\"__tributary_position\", -9223372036854775807) > COALESCE(\"tributary_stage\".\"__tributary_position\","
                        + " -9223372036854775807) OR (COALESCE(t.\"__tributary_position\", -9223372036854775807) ="
                        + " COALESCE(\"tributary_stage\".\"__tributary_position\", -9223372036854775807) AND (t.\"__tributary_partition\" >"
                        + " COALESCE(\"tributary_stage\".\"__tributary_partition\", -1) OR (t.\"__tributary_partition\" ="
                        + " COALESCE(\"tributary_stage\".\"__tributary_partition\", -1) AND t.\"__tributary_offset\" >"
                        + " COALESCE(\"tributary_stage\".\"__tributary_offset\", -1))))))"), statements);
        assertEquals(List.of(statements.get(3)), sql.beforeMerge(null, true, true), "without a truncate: only older staged versions go");
    }
}
