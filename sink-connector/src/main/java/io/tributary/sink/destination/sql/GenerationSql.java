package io.tributary.sink.destination.sql;

import io.tributary.sink.DeleteMode;
import io.tributary.sink.buffer.GenerationEnd;
import io.tributary.sink.schema.Column;
import io.tributary.sink.schema.ColumnType;
import io.tributary.sink.schema.MetadataColumns;
import io.tributary.sink.schema.TableId;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The SQL of generations (re-snapshots) and stale rows, in standard SQL every SQL warehouse runs (bare
 * table names in conditions, never aliased DELETE or UPDATE targets, as {@link TruncateSql}). The ends
 * of generations of a table are kept in a table {@code <table>__tributary_generations} next to it: one
 * row per generation and Kafka partition whose end-of-snapshot marker was merged ({@value #KAFKA_PARTITION}
 * set), and one completion row per generation once a marker of every partition is there
 * ({@value #KAFKA_PARTITION} NULL, with what was done: {@value #STALE_ROWS}, {@value #ROWS_DELETED}). A
 * stale row of generation G is one G neither read nor marked (its generation is NULL or lower) and that
 * is not newer than G's start point (its position is NULL or at most the start; any position when G has
 * none); with soft deletes, only a row not deleted yet.
 */
public final class GenerationSql {

    public static final String SUFFIX = "__tributary_generations";
    static final String GENERATION = "generation";
    static final String KAFKA_TOPIC = "kafka_topic";
    static final String KAFKA_PARTITION = "kafka_partition";
    static final String KAFKA_OFFSET = "kafka_offset";
    static final String START = "generation_start";
    static final String PARTITIONS = "partitions";
    static final String MODE = "mode";
    static final String STALE_ROWS = "stale_rows";
    static final String ROWS_DELETED = "rows_deleted";
    static final String RECORDED_AT = "recorded_at";

    private final SqlText dialect;
    private final TableId target;
    private final TableId tombstones;
    private final TableId generations;
    private final MetadataColumns meta;
    private final DeleteMode deleteMode;

    public GenerationSql(SqlText dialect, TableId target, TableId tombstones, TableId generations, MetadataColumns meta,
            DeleteMode deleteMode) {
        this.dialect = dialect;
        this.target = target;
        this.tombstones = tombstones;
        this.generations = generations;
        this.meta = meta;
        this.deleteMode = deleteMode;
    }

    /** The columns of the generations table but {@value #RECORDED_AT} (a timestamp with time zone, set to the current time). */
    public static List<Column> columns() {
        return List.of(Column.of(GENERATION, ColumnType.Kind.INT64), Column.of(KAFKA_TOPIC, ColumnType.Kind.STRING),
                Column.of(KAFKA_PARTITION, ColumnType.Kind.INT32), Column.of(KAFKA_OFFSET, ColumnType.Kind.INT64),
                Column.of(START, ColumnType.Kind.INT64), Column.of(PARTITIONS, ColumnType.Kind.INT32), Column.of(MODE, ColumnType.Kind.STRING),
                Column.of(STALE_ROWS, ColumnType.Kind.STRING), Column.of(ROWS_DELETED, ColumnType.Kind.INT64));
    }

    /** Keeps the end of a generation in one partition, once: a marker merged again adds nothing. */
    public String recordEnd(GenerationEnd end) {
        return "INSERT INTO " + dialect.table(generations) + " (" + names(GENERATION, KAFKA_TOPIC, KAFKA_PARTITION, KAFKA_OFFSET, START, PARTITIONS,
                MODE, RECORDED_AT) + ") SELECT " + end.generation() + ", " + text(end.topic()) + ", " + end.partition() + ", " + end.offset() + ", "
                + bigint(end.start()) + ", " + end.partitions() + ", " + text(end.mode()) + ", CURRENT_TIMESTAMP WHERE NOT EXISTS (SELECT 1 FROM "
                + dialect.table(generations) + " g WHERE g." + q(GENERATION) + " = " + end.generation() + " AND g." + q(KAFKA_PARTITION) + " = "
                + end.partition() + ")";
    }

    /**
     * The generations whose end is kept from as many distinct partitions as the topic has and that have no completion row
     * yet, the oldest first: generation, start point (NULL when none), partition count.
     */
    public String completeGenerations() {
        String g = "g." + q(GENERATION);
        return "SELECT " + g + ", MAX(g." + q(START) + "), MAX(g." + q(PARTITIONS) + ") FROM " + dialect.table(generations) + " g WHERE g."
                + q(KAFKA_PARTITION) + " IS NOT NULL AND NOT EXISTS (SELECT 1 FROM " + dialect.table(generations) + " c WHERE c." + q(GENERATION)
                + " = " + g + " AND c." + q(KAFKA_PARTITION) + " IS NULL) GROUP BY " + g + " HAVING COUNT(DISTINCT g." + q(KAFKA_PARTITION)
                + ") >= MAX(g." + q(PARTITIONS) + ") ORDER BY " + g;
    }

    /**
     * Hard deletes: keeps the key of each stale row of generation {@code generation} in the tombstone table, with the row's own
     * version, so no version that is not newer brings it back; {@code keys} are the key columns.
     */
    public String tombstoneStale(List<String> keys, long generation, Long start) {
        String columns = keys.stream().map(this::q).collect(Collectors.joining(", ")) + ", " + meta.tombstoneNames().stream().map(this::q)
                .collect(Collectors.joining(", "));
        String values = keys.stream().map(k -> "f." + q(k)).collect(Collectors.joining(", ")) + ", " + meta.tombstoneNames().stream()
                .map(c -> "f." + q(c)).collect(Collectors.joining(", "));
        String sameKey = keys.stream().map(k -> "t." + q(k) + " = f." + q(k)).collect(Collectors.joining(" AND "));
        return "INSERT INTO " + dialect.table(tombstones) + " (" + columns + ") SELECT " + values + " FROM " + dialect.table(target) + " f WHERE "
                + stale("f", generation, start) + " AND NOT EXISTS (SELECT 1 FROM " + dialect.table(tombstones) + " t WHERE " + sameKey + ")";
    }

    /** Deletes the stale rows of generation {@code generation}: hard, the rows go; soft, their deleted-at column is set. */
    public String deleteStale(long generation, Long start) {
        String bare = q(target.table());
        if (deleteMode == DeleteMode.SOFT) {
            return "UPDATE " + dialect.table(target) + " SET " + q(meta.deletedAt()) + " = CURRENT_TIMESTAMP, " + q(meta.syncedAt())
                    + " = CURRENT_TIMESTAMP WHERE " + stale(bare, generation, start);
        }
        return "DELETE FROM " + dialect.table(target) + " WHERE " + stale(bare, generation, start);
    }

    /** Records that generation {@code generation} is complete and what was done: {@code staleRows} keep or delete, and how many rows. */
    public String recordCompletion(long generation, Long start, int partitions, String staleRows, Long rowsDeleted) {
        return "INSERT INTO " + dialect.table(generations) + " (" + names(GENERATION, START, PARTITIONS, STALE_ROWS, ROWS_DELETED, RECORDED_AT)
                + ") SELECT " + generation + ", " + bigint(start) + ", " + partitions + ", " + text(staleRows) + ", " + bigint(rowsDeleted)
                + ", CURRENT_TIMESTAMP WHERE NOT EXISTS (SELECT 1 FROM " + dialect.table(generations) + " c WHERE c." + q(GENERATION) + " = "
                + generation + " AND c." + q(KAFKA_PARTITION) + " IS NULL)";
    }

    /** The row {@code alias} of the final table is stale for generation {@code generation} with start point {@code start}. */
    String stale(String alias, long generation, Long start) {
        String gen = alias + "." + q(meta.generation());
        String position = alias + "." + q(meta.position());
        StringBuilder sql = new StringBuilder("(").append(gen).append(" IS NULL OR ").append(gen).append(" < ").append(generation).append(")");
        if (start != null) {
            sql.append(" AND (").append(position).append(" IS NULL OR ").append(position).append(" <= ").append(start).append(")");
        }
        if (deleteMode == DeleteMode.SOFT) {
            sql.append(" AND ").append(alias).append(".").append(q(meta.deletedAt())).append(" IS NULL");
        }
        return sql.toString();
    }

    private String names(String... columns) {
        return java.util.Arrays.stream(columns).map(this::q).collect(Collectors.joining(", "));
    }

    private static String bigint(Long value) {
        return value == null ? "CAST(NULL AS BIGINT)" : value.toString();
    }

    /** A string literal; the values are Kafka topic names and fixed words, quotes doubled all the same. */
    private static String text(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    private String q(String identifier) {
        return dialect.quote(identifier);
    }
}
