package io.tributary.sink.destination.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.sink.destination.WideningRefusedException;
import io.tributary.sink.destination.postgres.PostgresDialect;
import io.tributary.sink.destination.redshift.RedshiftDialect;
import io.tributary.sink.destination.snowflake.SnowflakeDialect;
import io.tributary.sink.schema.Column;
import io.tributary.sink.schema.ColumnType;
import io.tributary.sink.schema.ColumnType.Kind;
import io.tributary.sink.schema.Encoding;
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
                + " \"__tributary_unchanged\" text, \"__tributary_generation\" bigint, \"__tributary_synced_at\" timestamptz, \"__tributary_deleted_at\" timestamptz, PRIMARY KEY (\"id\"))"), db.executed);
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

    private static List<String> stored(String... columns) {
        List<String> existing = new ArrayList<>(List.of(columns));
        existing.addAll(META.stagedNames());
        existing.add(META.syncedAt());
        return existing;
    }

    private static final TableSchema WIDE = new TableSchema(List.of(Column.of("id", Kind.INT64).asKey(),
            new Column("label", ColumnType.string(200), Encoding.AS_IS, false, null),
            new Column("amount", ColumnType.decimal(14, 4), Encoding.AS_IS, false, null), Column.of("n", Kind.INT64),
            Column.of("at", Kind.TIMESTAMPTZ)));

    /** PostgreSQL widens in place; a timestamp becomes a timestamptz as UTC; a column the batch lacks loses its NOT NULL. */
    @Test
    void postgresWidensInPlaceAndRelaxesAColumnTheBatchLacks() throws Exception {
        RecordingConnection db = new RecordingConnection(stored("id:bigint:NO", "label:character varying(10)", "amount:numeric(6,2)",
                "n:integer", "at:timestamp without time zone", "gone:text:NO"));
        new TableDdl(new PostgresDialect(), META).ensureTable(db.connection(), TABLE, WIDE, true, false);
        assertEquals(List.of("ALTER TABLE \"shop\".\"items\" ALTER COLUMN \"label\" TYPE varchar(200)",
                "ALTER TABLE \"shop\".\"items\" ALTER COLUMN \"amount\" TYPE numeric(14,4)",
                "ALTER TABLE \"shop\".\"items\" ALTER COLUMN \"n\" TYPE bigint",
                "ALTER TABLE \"shop\".\"items\" ALTER COLUMN \"at\" TYPE timestamptz USING \"at\"::timestamp AT TIME ZONE 'UTC'",
                "ALTER TABLE \"shop\".\"items\" ALTER COLUMN \"gone\" DROP NOT NULL"), db.executed);
    }

    /** A stored type already as wide or wider changes nothing. */
    @Test
    void aWiderStoredColumnStays() throws Exception {
        RecordingConnection db = new RecordingConnection(stored("id:bigint:NO", "label:text", "amount:numeric(20,6)", "n:bigint",
                "at:timestamp with time zone"));
        new TableDdl(new PostgresDialect(), META).ensureTable(db.connection(), TABLE, WIDE, true, false);
        assertEquals(List.of(), db.executed);
    }

    /** Redshift widens a VARCHAR only: any other widening is refused with table, column, both types and the remedy. */
    @Test
    void redshiftWidensOnlyVarchars() throws Exception {
        TableSchema label = new TableSchema(List.of(Column.of("id", Kind.INT64).asKey(),
                new Column("label", ColumnType.string(200), Encoding.AS_IS, false, null)));
        RecordingConnection db = new RecordingConnection(stored("id:bigint", "label:character varying(40)"));
        new TableDdl(new RedshiftDialect(null, null), META).ensureTable(db.connection(), TABLE, label, true, false);
        assertEquals(List.of("ALTER TABLE \"shop\".\"items\" ALTER COLUMN \"label\" TYPE VARCHAR(800)"), db.executed);

        RecordingConnection ints = new RecordingConnection(stored("id:bigint", "label:character varying(800)", "n:integer"));
        TableSchema n = new TableSchema(List.of(Column.of("id", Kind.INT64).asKey(),
                new Column("label", ColumnType.string(200), Encoding.AS_IS, false, null), Column.of("n", Kind.INT64)));
        WideningRefusedException refused = assertThrows(WideningRefusedException.class,
                () -> new TableDdl(new RedshiftDialect(null, null), META).ensureTable(ints.connection(), TABLE, n, true, false));
        assertEquals("Cannot widen column n of table \"shop\".\"items\" from integer to BIGINT: Redshift changes a column in place only to"
                + " make a VARCHAR longer (ALTER COLUMN ... TYPE), and cannot drop a NOT NULL. Remedy: change the column to BIGINT yourself"
                + " (or recreate the table with it), then restart the task; the batch is written again (docs/sink.md, Type changes)",
                refused.getMessage());
        assertEquals(List.of(), ints.executed);
    }

    /** Snowflake lists integers as NUMBER(38,0): int to bigint is nothing; it widens VARCHAR and NUMBER precision, not scale. */
    @Test
    void snowflakeWidensVarcharAndNumberPrecision() throws Exception {
        SnowflakeDialect snowflake = new SnowflakeDialect(null, null);
        RecordingConnection db = new RecordingConnection(stored("id:NUMBER(38,0)", "label:TEXT(10)", "amount:NUMBER(10,4)", "n:NUMBER(38,0)",
                "at:TIMESTAMP_TZ"));
        new TableDdl(snowflake, META).ensureTable(db.connection(), TABLE, WIDE, true, false);
        assertEquals(List.of("ALTER TABLE \"shop\".\"items\" ALTER COLUMN \"label\" SET DATA TYPE VARCHAR(200)",
                "ALTER TABLE \"shop\".\"items\" ALTER COLUMN \"amount\" SET DATA TYPE NUMBER(14,4)"), db.executed);

        RecordingConnection scale = new RecordingConnection(stored("id:NUMBER(38,0)", "label:TEXT(16777216)", "amount:NUMBER(6,2)"));
        WideningRefusedException refused = assertThrows(WideningRefusedException.class,
                () -> new TableDdl(snowflake, META).ensureTable(scale.connection(), TABLE, WIDE, true, false));
        assertTrue(refused.getMessage().startsWith("Cannot widen column amount of table \"shop\".\"items\" from NUMBER(6,2) to NUMBER(14,4):"
                + " Snowflake widens a column in place only"), refused.getMessage());
    }
}
