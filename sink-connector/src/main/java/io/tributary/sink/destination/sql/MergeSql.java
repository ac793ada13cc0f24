package io.tributary.sink.destination.sql;

import io.tributary.sink.DeleteMode;
import io.tributary.sink.buffer.KeyRange;
import io.tributary.sink.schema.MetadataColumns;
import io.tributary.sink.schema.TableId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The dialect-neutral SQL of a merge (standard MERGE, window functions, EXISTS), written for reuse
 * by every SQL warehouse. The rules:
 * <ul>
 *   <li>a version is newer when its position is higher; positions tie (or are both unknown) →
 *       the higher Kafka partition, then offset wins. An unknown position is the lowest, and a stored
 *       row with NULL metadata (position, partition, offset) is older than any version;</li>
 *   <li>a batch is first reduced to its newest version per key ({@value #LATEST});</li>
 *   <li>a stored row is replaced or deleted only by a newer version, so replays and late, older
 *       versions change nothing;</li>
 *   <li>hard deletes remember the deleted key and its version in a tombstone table ({@link TombstoneSql}), so a late,
 *       older version cannot bring the row back; a newer version removes the tombstone. Soft deletes keep
 *       the row, with its version, and set the deleted-at column;</li>
 *   <li>a value a version left out (its {@code unchanged} metadata column names it) is not data: it
 *       comes from the newest version of the key in the batch that carries it, else from the stored row;
 *       a column no version gave stays listed in the row's {@code unchanged} column, and an older version
 *       arriving later fills it, and only it ({@link UnchangedSql});</li>
 *   <li>the generation column ({@link MetadataColumns#generation()}) is not part of a version: a row holds the
 *       greatest generation of the versions that wrote it or arrived for it, newer or older
 *       ({@link GenerationColumnSql}), so a row a generation has read always shows it.</li>
 * </ul>
 */
public final class MergeSql {

    public static final String STAGE = "tributary_stage";
    public static final String LATEST = "tributary_latest";
    static final String UPSERT_POSITION = "tributary_upsert_position";
    static final String UPSERT_PARTITION = "tributary_upsert_partition";
    static final String UPSERT_OFFSET = "tributary_upsert_offset";
    static final String MAX_GENERATION = "tributary_max_generation";
    /** The op of a key mark (a keys-only refresh read the key): it sets only a live row's generation, never inserts. */
    public static final String KEY_MARK = "k";

    private final SqlText dialect;
    private final TableId target;
    private final TableId tombstones;
    private final List<String> columns;
    private final List<String> keys;
    private final MetadataColumns meta;
    private final DeleteMode deleteMode;
    private final List<String> unchanged;
    private final UnchangedSql unchangedSql;
    private final TombstoneSql tombstoneSql;
    private final GenerationColumnSql generations;
    private final VersionOrder order;
    private final List<KeyRange> keyRanges;

    public MergeSql(SqlText dialect, TableId target, TableId tombstones, List<String> columns, List<String> keys,
            MetadataColumns meta, DeleteMode deleteMode) {
        this(dialect, target, tombstones, columns, keys, meta, deleteMode, List.of(), List.of());
    }

    private MergeSql(SqlText dialect, TableId target, TableId tombstones, List<String> columns, List<String> keys,
            MetadataColumns meta, DeleteMode deleteMode, List<String> unchanged, List<KeyRange> keyRanges) {
        this.dialect = dialect;
        this.target = target;
        this.tombstones = tombstones;
        this.columns = List.copyOf(columns);
        this.keys = List.copyOf(keys);
        this.meta = meta;
        this.deleteMode = deleteMode;
        this.unchanged = List.copyOf(unchanged);
        this.keyRanges = keyRanges.stream().filter(r -> this.keys.contains(r.column())).toList();
        this.order = new VersionOrder(dialect, meta);
        this.unchangedSql = new UnchangedSql(this);
        this.tombstoneSql = new TombstoneSql(this);
        this.generations = new GenerationColumnSql(dialect, meta, deleteMode);
    }

    /** The same merge of a batch some of whose versions left the values of {@code columns} out ({@code Batch#unchangedColumns}). */
    public MergeSql withUnchanged(List<String> leftOut) {
        return new MergeSql(dialect, target, tombstones, columns, keys, meta, deleteMode, leftOut, keyRanges);
    }

    /** The same merge of a batch whose integer keys lie in {@code ranges} ({@code Batch#keyRanges}): see {@link #targetRange}. */
    public MergeSql withKeyRanges(List<KeyRange> ranges) {
        return new MergeSql(dialect, target, tombstones, columns, keys, meta, deleteMode, unchanged, ranges);
    }

    /**
     * {@code AND <alias>.<key> BETWEEN <min> AND <max>} for each integer key column, the batch's lowest and highest
     * values as literals; empty without ranges. Added to a join of the target on the key, it changes no match (every
     * row of the batch lies inside) and lets the warehouse read only that part of the target: an index range in
     * PostgreSQL, pruned micro-partitions, blocks or clusters in Snowflake, Redshift and BigQuery, which prune on
     * constants, not on subqueries.
     */
    private String targetRange(String alias) {
        StringBuilder out = new StringBuilder();
        for (KeyRange range : keyRanges) {
            out.append(" AND ").append(alias).append('.').append(q(range.column())).append(" BETWEEN ").append(range.min()).append(" AND ")
                    .append(range.max());
        }
        return out.toString();
    }

    /** The join of the final table {@code target} with {@code rows} of the batch: on the key, within the batch's key ranges. */
    public String targetMatch(String target, String rows) {
        return keyMatch(target, rows) + targetRange(target);
    }

    /** The data columns some version of the batch left out. */
    public List<String> unchanged() {
        return unchanged;
    }

    /** The SQL of values left out. */
    public UnchangedSql unchangedSql() {
        return unchangedSql;
    }

    /** The SQL of the tombstones of hard deletes. */
    public TombstoneSql tombstoneSql() {
        return tombstoneSql;
    }

    /** The SQL of the generation column. */
    public GenerationColumnSql generations() {
        return generations;
    }

    public SqlText dialect() {
        return dialect;
    }

    public TableId target() {
        return target;
    }

    public TableId tombstones() {
        return tombstones;
    }

    /** The data columns. */
    public List<String> columns() {
        return columns;
    }

    public List<String> keys() {
        return keys;
    }

    public MetadataColumns meta() {
        return meta;
    }

    /** The staged columns: data columns, then the staged metadata columns ({@link MetadataColumns#staged()}). */
    public List<String> stagedColumns() {
        List<String> all = new ArrayList<>(columns);
        all.addAll(meta.stagedNames());
        return all;
    }

    /**
     * Append mode: every staged version becomes a row, once - a replayed batch (after a crash before
     * the offset commit) finds its Kafka coordinates already there and adds nothing.
     */
    public String appendInsert() {
        String list = list(stagedColumns(), "s.");
        String sameCoordinates = meta.coordinates().stream().map(c -> "t." + q(c) + " = s." + q(c)).collect(Collectors.joining(" AND "));
        return "INSERT INTO " + dialect.table(target) + " (" + list(stagedColumns(), "") + ", " + q(meta.syncedAt()) + ") SELECT "
                + list + ", CURRENT_TIMESTAMP FROM " + q(STAGE) + " s WHERE NOT EXISTS (SELECT 1 FROM " + dialect.table(target)
                + " t WHERE " + sameCoordinates + ")";
    }

    /**
     * The newest version of each key in the batch, as a temporary table. With soft deletes, a delete
     * (staged with its key only) takes its other columns from the newest upsert of the same key in
     * the batch, so an insert and its delete in one batch keep the inserted data; that upsert's
     * version is kept too ({@value #UPSERT_POSITION}, ...), so the merge uses those values only where
     * they are newer than the stored row.
     */
    public String createLatest() {
        String source = unchanged.isEmpty() ? q(STAGE) : unchangedSql.filledStage();
        String newest = newestPerKey(source, null);
        if (deleteMode != DeleteMode.SOFT) {
            return dialect.createTempTableAs(LATEST, newest);
        }
        String hasUpsert = "u." + q(keys.get(0)) + " IS NOT NULL";
        List<String> select = new ArrayList<>();
        for (String column : stagedColumns()) {
            if (softDeleteColumns().contains(column)) {
                select.add("CASE WHEN n." + q(meta.op()) + " = 'd' AND " + hasUpsert + " THEN u." + q(column) + " ELSE n." + q(column)
                        + " END AS " + q(column));
            } else {
                select.add("n." + q(column));
            }
        }
        select.add("u." + q(meta.position()) + " AS " + q(UPSERT_POSITION));
        select.add("u." + q(meta.partition()) + " AS " + q(UPSERT_PARTITION));
        select.add("u." + q(meta.offset()) + " AS " + q(UPSERT_OFFSET));
        String upserts = newestPerKey(source, notDeleteNorMark("s"));
        return dialect.createTempTableAs(LATEST, "SELECT " + String.join(", ", select) + " FROM (" + newest + ") n LEFT JOIN ("
                + upserts + ") u ON " + keyMatch("n", "u"));
    }

    /**
     * Soft deletes: {@code column = <the batch's upsert value if newer than the stored row, else the
     * stored value>}, {@code latest} and {@code target} being the names the statement uses.
     */
    public String softDeleteAssignment(String column, String latest, String target) {
        String upsertNewer = VersionOrder.newer(VersionOrder.lowestIfNull(latest + "." + q(UPSERT_POSITION)),
                latest + "." + q(UPSERT_PARTITION), latest + "." + q(UPSERT_OFFSET), order.position(target),
                VersionOrder.stored(target + "." + q(meta.partition())), VersionOrder.stored(target + "." + q(meta.offset())));
        return q(column) + " = CASE WHEN " + upsertNewer + " THEN " + latest + "." + q(column) + " ELSE " + target + "." + q(column) + " END";
    }

    /**
     * The newest staged version per key in {@code source} (a table or subquery), of those matching {@code where} (all when null),
     * with the greatest generation of them ({@value #MAX_GENERATION}). A key mark is taken only for a key with no other version:
     * it carries no data, so it never hides a version that does.
     */
    private String newestPerKey(String source, String where) {
        String partition = "PARTITION BY " + list(keys, "s.");
        List<String> select = new ArrayList<>();
        for (String column : stagedColumns()) {
            select.add(column.equals(meta.generation()) ? MAX_GENERATION + " AS " + q(column) : q(column));
        }
        String marksLast = "CASE WHEN s." + q(meta.op()) + " = '" + KEY_MARK + "' THEN 1 ELSE 0 END";
        return "SELECT " + String.join(", ", select) + " FROM (SELECT s.*, ROW_NUMBER() OVER (" + partition + " ORDER BY " + marksLast + ", "
                + order.newestFirst("s") + ") AS tributary_rn, MAX(s." + q(meta.generation()) + ") OVER (" + partition + ") AS " + MAX_GENERATION
                + " FROM " + source + " s" + (where == null ? "" : " WHERE " + where) + ") ranked WHERE tributary_rn = 1";
    }

    /**
     * With soft deletes, the columns a delete takes from the newest upsert of its key in the batch
     * ({@link #createLatest}): the data columns but the key, and which of them are unknown.
     */
    public List<String> softDeleteColumns() {
        List<String> taken = new ArrayList<>(columns.stream().filter(c -> !keys.contains(c)).toList());
        taken.add(meta.unchanged());
        return taken;
    }

    /** The MERGE of the newest versions into the final table. */
    public String merge() {
        StringBuilder sql = new StringBuilder("MERGE INTO ").append(dialect.table(target)).append(" AS f USING ")
                .append(q(LATEST)).append(" AS l ON ").append(targetMatch("f", "l"));
        String isDelete = "l." + q(meta.op()) + " = 'd'";
        String newer = newer("l", "f");
        // a key mark sets only the generation of a live row, and goes no further
        sql.append(" WHEN MATCHED AND l.").append(q(meta.op())).append(" = '").append(KEY_MARK).append("' THEN UPDATE SET ")
                .append(generations.keyMark("l", "f"));
        if (deleteMode == DeleteMode.HARD) {
            sql.append(" WHEN MATCHED AND ").append(isDelete).append(" AND ").append(newer).append(" THEN DELETE");
        } else if (deleteMode == DeleteMode.SOFT) {
            // a delete keeps the stored values, or takes those of a newer upsert earlier in its batch (createLatest)
            List<String> softDelete = new ArrayList<>();
            for (String column : softDeleteColumns()) {
                softDelete.add(softDeleteAssignment(column, "l", "f"));
            }
            softDelete.add(versionAssignments("l"));
            softDelete.add(generations.greatest("l", "f"));
            softDelete.add(q(meta.deletedAt()) + " = CURRENT_TIMESTAMP");
            sql.append(" WHEN MATCHED AND ").append(isDelete).append(" AND ").append(newer).append(" THEN UPDATE SET ")
                    .append(String.join(", ", softDelete));
        }
        List<String> assignments = new ArrayList<>();
        for (String column : columns) {
            if (!keys.contains(column)) {
                assignments.add(q(column) + " = l." + q(column));
            }
        }
        assignments.add(metadataAssignments("l"));
        assignments.add(generations.greatest("l", "f"));
        if (deleteMode == DeleteMode.SOFT) {
            assignments.add(q(meta.deletedAt()) + " = NULL");
        }
        sql.append(" WHEN MATCHED AND ").append(newer).append(" THEN UPDATE SET ").append(String.join(", ", assignments));
        sql.append(" WHEN MATCHED AND ").append(olderVersionTouches("l", "f")).append(" THEN UPDATE SET ")
                .append(olderVersionAssignments("l", "f"));
        String inserted = list(stagedColumns(), "") + ", " + q(meta.syncedAt());
        String values = list(stagedColumns(), "l.") + ", CURRENT_TIMESTAMP";
        sql.append(" WHEN NOT MATCHED AND ").append(notDeleteNorMark("l")).append(" THEN INSERT (").append(inserted)
                .append(") VALUES (").append(values).append(")");
        if (deleteMode == DeleteMode.SOFT) {
            sql.append(" WHEN NOT MATCHED AND ").append(isDelete).append(" THEN INSERT (").append(inserted).append(", ")
                    .append(q(meta.deletedAt())).append(") VALUES (").append(values).append(", CURRENT_TIMESTAMP)");
        }
        return sql.toString();
    }

    /**
     * The upsert {@code latest} is older than the stored row {@code target} and still changes it: it fills values the row
     * lists as unknown ({@link UnchangedSql}), or it raises the row's generation ({@link GenerationColumnSql#raised}).
     */
    public String olderVersionTouches(String latest, String target) {
        return "NOT " + newer(latest, target) + " AND " + notDeleteNorMark(latest) + " AND (" + target + "."
                + q(meta.unchanged()) + " IS NOT NULL OR " + generations.raised(latest, target) + ")";
    }

    /** The version {@code alias} is an upsert: neither a delete nor a key mark. */
    public String notDeleteNorMark(String alias) {
        return alias + "." + q(meta.op()) + " NOT IN ('d', '" + KEY_MARK + "')";
    }

    /** What an older upsert changes in the stored row ({@link #olderVersionTouches}): the unknown values it carries, the generation. */
    public String olderVersionAssignments(String latest, String target) {
        return unchangedSql.fillStoredAssignments(latest, target) + ", " + generations.greatest(latest, target);
    }

    public String dropTemp(String name) {
        return "DROP TABLE IF EXISTS " + q(name);
    }

    /** {@code a} is a newer version than {@code b} ({@link VersionOrder#newer(String, String)}). */
    public String newer(String a, String b) {
        return order.newer(a, b);
    }

    /** Which version is newer. */
    public VersionOrder order() {
        return order;
    }

    /**
     * {@code <staged metadata column> = <source>.<same column>, ..., <synced-at> = CURRENT_TIMESTAMP}: a row takes a
     * version and its list of unknown values.
     */
    public String metadataAssignments(String source) {
        return q(meta.unchanged()) + " = " + source + "." + q(meta.unchanged()) + ", " + versionAssignments(source);
    }

    /** {@code <version column> = <source>.<same column>, ..., <synced-at> = CURRENT_TIMESTAMP}: a row takes a version. */
    public String versionAssignments(String source) {
        return meta.versionNames().stream().map(c -> q(c) + " = " + source + "." + q(c)).collect(Collectors.joining(", "))
                + ", " + q(meta.syncedAt()) + " = CURRENT_TIMESTAMP";
    }

    /** {@code a.k = b.k AND ...} over the key columns. */
    public String keyMatch(String a, String b) {
        return keys.stream().map(k -> a + "." + q(k) + " = " + b + "." + q(k)).collect(Collectors.joining(" AND "));
    }

    String list(List<String> names, String prefix) {
        return names.stream().map(n -> prefix + q(n)).collect(Collectors.joining(", "));
    }

    String q(String identifier) {
        return dialect.quote(identifier);
    }
}
