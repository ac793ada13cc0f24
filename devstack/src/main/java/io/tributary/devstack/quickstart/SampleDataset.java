package io.tributary.devstack.quickstart;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The quickstart's shop: four related tables in schema {@code shop}, one key type each, every table
 * with an {@code updated_at} cursor and a {@code deleted_at} soft-delete marker.
 *
 * <ul>
 *   <li>{@code customers} - bigint key, {@code rows / 40} rows</li>
 *   <li>{@code products} - text key (SKU), {@code max(100, rows / 1000)} rows</li>
 *   <li>{@code orders} - uuid key, {@code rows / 4} rows</li>
 *   <li>{@code order_items} - composite key (order uuid, line number), {@code rows} rows</li>
 * </ul>
 * About 1 % of the rows start out soft-deleted. Everything is generated inside PostgreSQL
 * ({@code generate_series}), deterministically from the row number.
 */
public final class SampleDataset {

    public static final String SCHEMA = "shop";

    /** The tables in load order, with their key columns and every column the comparison reads. */
    public static final List<TableSpec> TABLES = List.of(
            new TableSpec("customers", List.of("id"),
                    List.of("id", "name", "email", "country", "created_at", "updated_at", "deleted_at")),
            new TableSpec("products", List.of("sku"),
                    List.of("sku", "title", "price", "updated_at", "deleted_at")),
            new TableSpec("orders", List.of("id"),
                    List.of("id", "customer_id", "status", "total", "ordered_at", "updated_at", "deleted_at")),
            new TableSpec("order_items", List.of("order_id", "line_no"),
                    List.of("order_id", "line_no", "sku", "quantity", "unit_price", "updated_at", "deleted_at")));

    /** A table of the dataset. */
    public record TableSpec(String name, List<String> keyColumns, List<String> columns) {
        public String qualified() {
            return SCHEMA + "." + name;
        }

        /** Columns of type timestamptz, compared as epoch microseconds. */
        public boolean isTimestamp(String column) {
            return column.endsWith("_at");
        }
    }

    private final long rows;

    public SampleDataset(long rows) {
        if (rows < 1000) {
            throw new IllegalArgumentException("--rows must be at least 1000, got " + rows);
        }
        this.rows = rows;
    }

    public long customers() {
        return rows / 40;
    }

    public long products() {
        return Math.max(100, rows / 1000);
    }

    public long orders() {
        return rows / 4;
    }

    /** Order items: four per order. */
    public long orderItems() {
        return orders() * 4;
    }

    /** Creates the schema and loads every table. */
    public void load(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS shop CASCADE");
            s.execute("CREATE SCHEMA shop");
            s.execute("CREATE TABLE shop.customers (id bigint PRIMARY KEY, name text NOT NULL, email text,"
                    + " country char(2), created_at timestamptz NOT NULL, updated_at timestamptz NOT NULL, deleted_at timestamptz)");
            s.execute("CREATE TABLE shop.products (sku text PRIMARY KEY, title text NOT NULL, price numeric(10,2) NOT NULL,"
                    + " updated_at timestamptz NOT NULL, deleted_at timestamptz)");
            s.execute("CREATE TABLE shop.orders (id uuid PRIMARY KEY, customer_id bigint NOT NULL, status text NOT NULL,"
                    + " total numeric(12,2) NOT NULL, ordered_at timestamptz NOT NULL, updated_at timestamptz NOT NULL, deleted_at timestamptz)");
            s.execute("CREATE TABLE shop.order_items (order_id uuid NOT NULL, line_no int NOT NULL, sku text NOT NULL,"
                    + " quantity int NOT NULL, unit_price numeric(10,2) NOT NULL, updated_at timestamptz NOT NULL,"
                    + " deleted_at timestamptz, PRIMARY KEY (order_id, line_no))");

            String base = "timestamptz '2024-01-01 00:00:00+00'";
            s.execute("INSERT INTO shop.customers SELECT g, 'Customer ' || g, 'customer' || g || '@example.com',"
                    + " (ARRAY['DE','FR','US','BR','JP','IN'])[1 + g % 6], " + base + " + g * interval '1 minute',"
                    + " " + base + " + g * interval '1 minute', CASE WHEN g % 97 = 0 THEN " + base + " END"
                    + " FROM generate_series(1, " + customers() + ") g");
            s.execute("INSERT INTO shop.products SELECT 'SKU-' || lpad(g::text, 6, '0'), 'Product ' || g, (g % 500) + 0.99,"
                    + " " + base + ", CASE WHEN g % 89 = 0 THEN " + base + " END FROM generate_series(1, " + products() + ") g");
            s.execute("INSERT INTO shop.orders SELECT md5('order' || g)::uuid, 1 + g % " + customers() + ","
                    + " (ARRAY['new','paid','shipped','delivered'])[1 + g % 4], (g % 10000) / 10.0,"
                    + " " + base + " + g * interval '1 second', " + base + " + g * interval '1 second',"
                    + " CASE WHEN g % 101 = 0 THEN " + base + " END FROM generate_series(1, " + orders() + ") g");
            s.execute("INSERT INTO shop.order_items SELECT md5('order' || o)::uuid, l,"
                    + " 'SKU-' || lpad((1 + (o * 7 + l) % " + products() + ")::text, 6, '0'), 1 + (o + l) % 5,"
                    + " ((o + l) % 500) + 0.99, " + base + " + o * interval '1 second',"
                    + " CASE WHEN (o + l) % 103 = 0 THEN " + base + " END"
                    + " FROM generate_series(1, " + orders() + ") o, generate_series(1, 4) l");
            s.execute("ANALYZE");
        }
    }

    /**
     * Rows of a table the warehouse should hold: those not soft-deleted, or (log mode, where
     * {@code deleted_at} is just a column) all of them.
     */
    public static long liveRows(Connection connection, TableSpec table, boolean softDeletes) throws SQLException {
        try (Statement s = connection.createStatement();
                var rs = s.executeQuery("SELECT count(*) FROM " + table.qualified() + (softDeletes ? " WHERE deleted_at IS NULL" : ""))) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
