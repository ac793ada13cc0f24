package io.tributary.devstack.quickstart;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The changes the quickstart makes to the source after the snapshot - inserts, updates and soft
 * deletes (cursor mode) or hard deletes (log mode) - and the warehouse queries that prove each one arrived.
 */
public final class DemoChanges {

    /** A change to the source and the warehouse query whose answer shows it arrived. */
    public record Change(String description, String sourceSql, String proofSql, String expected) {
    }

    private final List<Change> changes;

    /** @param log whether the source streams the log (then a hard DELETE arrives too) */
    public DemoChanges(SampleDataset dataset, boolean log) {
        long next = dataset.customers() + 1;
        String newIds = next + ", " + (next + 1) + ", " + (next + 2);
        // orders 1..5 and customers 1..2 are live in the initial data (their soft-delete rules skip them)
        String orders = "md5('order1')::uuid, md5('order2')::uuid, md5('order3')::uuid, md5('order4')::uuid, md5('order5')::uuid";
        String ordersText = "'" + md5Uuid("order1") + "', '" + md5Uuid("order2") + "', '" + md5Uuid("order3") + "', '"
                + md5Uuid("order4") + "', '" + md5Uuid("order5") + "'";
        this.changes = List.of(
                new Change("insert 3 customers",
                        "INSERT INTO shop.customers (id, name, email, country, created_at, updated_at) SELECT g, 'New customer ' || g,"
                                + " 'new' || g || '@example.com', 'SE', now(), now() FROM generate_series(" + next + ", " + (next + 2) + ") g",
                        "SELECT count(*) FROM shop.customers WHERE id IN (" + newIds + ") AND name LIKE 'New customer %'", "3"),
                new Change("update 5 orders to status 'refunded'",
                        "UPDATE shop.orders SET status = 'refunded', updated_at = clock_timestamp() WHERE id IN (" + orders + ")",
                        "SELECT count(*) FROM shop.orders WHERE status = 'refunded' AND CAST(id AS VARCHAR) IN (" + ordersText + ")", "5"),
                log ? new Change("hard-delete customers 1 and 2 (DELETE: only the log sees it)",
                        "DELETE FROM shop.customers WHERE id IN (1, 2)",
                        "SELECT count(*) FROM shop.customers WHERE id IN (1, 2)", "0")
                        : new Change("soft-delete customers 1 and 2 (deleted_at = now())",
                        "UPDATE shop.customers SET deleted_at = now(), updated_at = clock_timestamp() WHERE id IN (1, 2)",
                        "SELECT count(*) FROM shop.customers WHERE id IN (1, 2)", "0"));
    }

    public List<Change> changes() {
        return changes;
    }

    /** Applies every change in one transaction. */
    public void apply(Connection source) throws SQLException {
        boolean autoCommit = source.getAutoCommit();
        source.setAutoCommit(false);
        try (Statement s = source.createStatement()) {
            for (Change change : changes) {
                s.execute(change.sourceSql());
            }
            source.commit();
        } finally {
            source.setAutoCommit(autoCommit);
        }
    }

    /** Whether every proof query gives its expected answer in the warehouse. */
    public boolean arrived(Connection warehouse) throws SQLException {
        for (Change change : changes) {
            if (!Warehouse.exists(warehouse, "shop.customers") || !change.expected().equals(Warehouse.scalar(warehouse, change.proofSql()))) {
                return false;
            }
        }
        return true;
    }

    static String md5Uuid(String text) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("MD5").digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            String hex = java.util.HexFormat.of().formatHex(digest);
            return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-" + hex.substring(16, 20)
                    + "-" + hex.substring(20);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
