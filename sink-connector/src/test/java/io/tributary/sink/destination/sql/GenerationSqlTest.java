package io.tributary.sink.destination.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tributary.sink.DeleteMode;
import io.tributary.sink.buffer.GenerationEnd;
import io.tributary.sink.destination.redshift.RedshiftDialect;
import io.tributary.sink.destination.snowflake.SnowflakeDialect;
import io.tributary.sink.schema.MetadataColumns;
import io.tributary.sink.schema.TableId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The statements of generations and stale rows as Snowflake and Redshift run them (standard SQL, bare table names). */
class GenerationSqlTest {

    private static final MetadataColumns META = MetadataColumns.withPrefix("__tributary_", "__tributary_deleted_at");
    private static final TableId TARGET = new TableId("SHOP", "items");
    private static final TableId TOMBSTONES = new TableId("SHOP", "items__tributary_deleted");
    private static final TableId GENERATIONS = new TableId("SHOP", "items__tributary_generations");

    private static GenerationSql snowflake(DeleteMode mode) {
        return new GenerationSql(new SnowflakeDialect(null, null), TARGET, TOMBSTONES, GENERATIONS, META, mode);
    }

    @Test
    void anEndIsRecordedOncePerGenerationAndPartition() {
        assertEquals("INSERT INTO \"SHOP\".\"items__tributary_generations\" (\"generation\", \"kafka_topic\", \"kafka_partition\", \"kafka_offset\","
                + " \"generation_start\", \"partitions\", \"mode\", \"recorded_at\") SELECT 1700000000000, 'shop.public.items', 2, 17, 50, 3, 'keys',"
                + " CURRENT_TIMESTAMP WHERE NOT EXISTS (SELECT 1 FROM \"SHOP\".\"items__tributary_generations\" g WHERE g.\"generation\" ="
                + " 1700000000000 AND g.\"kafka_partition\" = 2)",
                snowflake(DeleteMode.HARD).recordEnd(new GenerationEnd(1_700_000_000_000L, 50L, 3, "keys", "shop.public.items", 2, 17)));
        assertEquals(true, snowflake(DeleteMode.HARD).recordEnd(new GenerationEnd(7, null, 1, "full", "t", 0, 1))
                .contains(", 0, 1, CAST(NULL AS BIGINT), 1, 'full', "), "no start point: NULL");
    }

    @Test
    void aGenerationIsCompleteWithAnEndFromEveryPartitionAndNoCompletionRow() {
        assertEquals("SELECT g.\"generation\", MAX(g.\"generation_start\"), MAX(g.\"partitions\") FROM \"SHOP\".\"items__tributary_generations\" g"
                + " WHERE g.\"kafka_partition\" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM \"SHOP\".\"items__tributary_generations\" c WHERE"
                + " c.\"generation\" = g.\"generation\" AND c.\"kafka_partition\" IS NULL) GROUP BY g.\"generation\" HAVING COUNT(DISTINCT"
                + " g.\"kafka_partition\") >= MAX(g.\"partitions\") ORDER BY g.\"generation\"", snowflake(DeleteMode.HARD).completeGenerations());
        assertEquals("INSERT INTO \"SHOP\".\"items__tributary_generations\" (\"generation\", \"generation_start\", \"partitions\", \"stale_rows\","
                + " \"rows_deleted\", \"recorded_at\") SELECT 200, 50, 3, 'delete', 12, CURRENT_TIMESTAMP WHERE NOT EXISTS (SELECT 1 FROM"
                + " \"SHOP\".\"items__tributary_generations\" c WHERE c.\"generation\" = 200 AND c.\"kafka_partition\" IS NULL)",
                snowflake(DeleteMode.HARD).recordCompletion(200, 50L, 3, "delete", 12L));
    }

    @Test
    void hardDeletesKeepTheStaleRowsVersionsAsTombstonesThenDeleteTheRows() {
        GenerationSql sql = snowflake(DeleteMode.HARD);
        String stale = "(f.\"__tributary_generation\" IS NULL OR f.\"__tributary_generation\" < 200) AND (f.\"__tributary_position\" IS NULL"
                + " OR f.\"__tributary_position\" <= 50)";
        assertEquals("INSERT INTO \"SHOP\".\"items__tributary_deleted\" (\"id\", \"region\", \"__tributary_position\", \"__tributary_topic\","
                + " \"__tributary_partition\", \"__tributary_offset\") SELECT f.\"id\", f.\"region\", f.\"__tributary_position\", f.\"__tributary_topic\","
                + " f.\"__tributary_partition\", f.\"__tributary_offset\" FROM \"SHOP\".\"items\" f WHERE " + stale + " AND NOT EXISTS (SELECT 1"
                + " FROM \"SHOP\".\"items__tributary_deleted\" t WHERE t.\"id\" = f.\"id\" AND t.\"region\" = f.\"region\")",
                sql.tombstoneStale(List.of("id", "region"), 200, 50L));
        assertEquals("DELETE FROM \"SHOP\".\"items\" WHERE " + stale.replace("f.", "\"items\"."), sql.deleteStale(200, 50L));
        assertEquals("DELETE FROM \"SHOP\".\"items\" WHERE (\"items\".\"__tributary_generation\" IS NULL OR \"items\".\"__tributary_generation\""
                + " < 200)", sql.deleteStale(200, null), "a generation without a start point: any position");
    }

    @Test
    void softDeletesSetDeletedAtOfLiveStaleRows() {
        assertEquals("UPDATE \"SHOP\".\"items\" SET \"__tributary_deleted_at\" = CURRENT_TIMESTAMP, \"__tributary_synced_at\" = CURRENT_TIMESTAMP"
                + " WHERE (\"items\".\"__tributary_generation\" IS NULL OR \"items\".\"__tributary_generation\" < 200) AND"
                + " (\"items\".\"__tributary_position\" IS NULL OR \"items\".\"__tributary_position\" <= 50) AND \"items\".\"__tributary_deleted_at\""
                + " IS NULL", snowflake(DeleteMode.SOFT).deleteStale(200, 50L));
    }

    /** Redshift folds identifiers to lower case: the same statements, lower-cased names. */
    @Test
    void redshiftRunsTheSameStatementsWithItsNames() {
        GenerationSql sql = new GenerationSql(new RedshiftDialect(null, null), TARGET, TOMBSTONES, GENERATIONS, META, DeleteMode.HARD);
        assertEquals(snowflake(DeleteMode.HARD).deleteStale(200, 50L).replace("\"SHOP\"", "\"shop\""), sql.deleteStale(200, 50L));
        assertEquals(snowflake(DeleteMode.HARD).completeGenerations().replace("\"SHOP\"", "\"shop\""), sql.completeGenerations());
    }
}
