package io.tributary.sink.destination.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tributary.sink.destination.postgres.PostgresDialect;
import io.tributary.sink.destination.redshift.RedshiftDialect;
import io.tributary.sink.schema.Column;
import io.tributary.sink.schema.ColumnType.Kind;
import io.tributary.sink.schema.MetadataColumns;
import io.tributary.sink.schema.TableId;
import io.tributary.sink.schema.TableSchema;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Table DDL from column objects: what exists is compared by the name the warehouse's catalog lists. */
class TableDdlTest {

    private static final MetadataColumns META = MetadataColumns.withPrefix("__tributary_", "__tributary_deleted_at");
    private static final TableId TABLE = new TableId("shop", "items");

    @Test
    void aNewTableHasDataMetadataAndMergeTimeColumnsWithTheKeyNotNull() throws Exception {
        RecordingConnection db = new RecordingConnection(List.of());
        TableSchema schema = new TableSchema(List.of(Column.of("id", Kind.INT64).asKey(), Column.of("name", Kind.STRING)));
        new TableDdl(new PostgresDialect(), META).ensureTable(db.connection(), TABLE, schema, true, true);
        assertEquals(List.of("CREATE TABLE \"shop\".\"items\" (\"id\" bigint NOT NULL, \"name\" text, \"__tributary_position\" bigint,"
                + " \"__tributary_op\" text, \"__tributary_topic\" text, \"__tributary_partition\" integer, \"__tributary_offset\" bigint,"
                + " \"__tributary_unchanged\" text, \"__tributary_synced_at\" timestamptz, \"__tributary_deleted_at\" timestamptz, PRIMARY KEY (\"id\"))"), db.executed);
    }

    @Test
    void tombstonesHoldTheKeyAndTheDeletingVersion() throws Exception {
        RecordingConnection db = new RecordingConnection(List.of());
        TableSchema schema = new TableSchema(List.of(Column.of("id", Kind.INT64).asKey(), Column.of("name", Kind.STRING)));
        new TableDdl(new PostgresDialect(), META).ensureTombstones(db.connection(), new TableId("shop", "items__tributary_deleted"), schema);
        assertEquals(List.of("CREATE TABLE \"shop\".\"items__tributary_deleted\" (\"id\" bigint NOT NULL, \"__tributary_position\" bigint,"
                + " \"__tributary_topic\" text, \"__tributary_partition\" integer, \"__tributary_offset\" bigint, PRIMARY KEY (\"id\"))"),
                db.executed);
    }

    @Test
    void aColumnListedUnderItsFoldedOrCutNameExists() throws Exception {
        String longName = "a_column_name_that_is_much_longer_than_the_sixty_three_bytes_postgres_keeps";
        List<String> existing = new ArrayList<>(List.of("id", "email", longName.substring(0, 63)));
        existing.addAll(META.stagedNames());
        existing.add(META.syncedAt());
        TableSchema schema = new TableSchema(List.of(Column.of("id", Kind.INT64).asKey(), Column.of("Email", Kind.STRING),
                Column.of(longName, Kind.STRING), Column.of("added", Kind.INT32)));

        RecordingConnection redshift = new RecordingConnection(existing);
        new TableDdl(new RedshiftDialect(null, null), META).ensureTable(redshift.connection(), TABLE, schema, true, false);
        assertEquals(List.of("ALTER TABLE \"shop\".\"items\" ADD COLUMN \"" + longName + "\" VARCHAR(65535)",
                "ALTER TABLE \"shop\".\"items\" ADD COLUMN \"added\" INTEGER"), redshift.executed, "Redshift lists Email as email");

        RecordingConnection postgres = new RecordingConnection(existing);
        new TableDdl(new PostgresDialect(), META).ensureTable(postgres.connection(), TABLE, schema, true, false);
        assertEquals(List.of("ALTER TABLE \"shop\".\"items\" ADD COLUMN IF NOT EXISTS \"Email\" text",
                "ALTER TABLE \"shop\".\"items\" ADD COLUMN IF NOT EXISTS \"added\" integer"), postgres.executed,
                "PostgreSQL keeps case and lists the long name cut to 63 bytes");
    }
}
