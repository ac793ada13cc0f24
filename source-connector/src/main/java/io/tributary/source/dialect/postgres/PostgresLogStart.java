package io.tributary.source.dialect.postgres;

import io.tributary.source.config.LogSettings;
import io.tributary.source.plan.LogStart;
import io.tributary.source.schema.TableDescription;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fixes a table's log start on PostgreSQL, before its first chunk is read (docs/source.md, log mode):
 * <ol>
 *   <li>the connector's publication exists (created empty if missing), then its logical replication
 *       slot ({@code pgoutput}; created if missing: from then on PostgreSQL keeps the WAL for it);</li>
 *   <li>the table's replica identity lets its updates and deletes name the key (checked before the
 *       table joins the publication: PostgreSQL refuses UPDATE and DELETE on a published table without
 *       one, in the application);</li>
 *   <li>the table joins the publication, and the log start {@code P} is the WAL insert position after
 *       that;</li>
 *   <li>a wait until every transaction that held a transaction id at {@code P} has ended, so that a
 *       transaction that wrote the table before {@code P} but commits later is visible to every chunk
 *       (its events, below {@code P}, would lose to the chunk rows).</li>
 * </ol>
 * Runs in autocommit: slot creation refuses a transaction that has written.
 */
final class PostgresLogStart {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresLogStart.class);
    private static final String DUPLICATE_OBJECT = "42710";
    private static final long WAIT_STEP_MS = 100L;
    private static final long WAIT_WARN_MS = 30_000L;

    private PostgresLogStart() {
    }

    static LogStart prepare(Connection connection, TableDescription table, List<String> keyColumns, LogSettings settings)
            throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        if (!autoCommit) {
            connection.commit();
            connection.setAutoCommit(true);
        }
        try {
            ensurePublication(connection, settings.publicationName());
            ensureSlot(connection, settings.slotName());
            awaitConsistentSlot(connection, settings.slotName(), settings.startWaitMs());
            checkReplicaIdentity(connection, table, keyColumns);
            addToPublication(connection, settings.publicationName(), table);
            long position = walInsertPosition(connection);
            long confirmed = confirmedPosition(connection, settings.slotName());
            if (confirmed > position) {
                throw new IllegalArgumentException("replication slot " + settings.slotName() + " has confirmed changes up to "
                        + confirmed + ", past the log start " + position + " of " + table.id().qualified() + ": another consumer reads"
                        + " this slot. Give this connector its own log.slot.name");
            }
            waitForWriters(connection, table, settings.startWaitMs());
            return new LogStart(position, Map.of("lsn", position, "slot", settings.slotName()));
        } finally {
            if (!autoCommit) {
                connection.setAutoCommit(false);
            }
        }
    }

    private static void ensurePublication(Connection connection, String publication) throws SQLException {
        if (exists(connection, "SELECT 1 FROM pg_publication WHERE pubname = ?", publication)) {
            return;
        }
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE PUBLICATION " + PostgresLog.identifier(publication));
            LOG.info("Created publication {} (tables join it as they are planned)", publication);
        } catch (SQLException e) {
            if (!DUPLICATE_OBJECT.equals(e.getSQLState())) {
                throw e; // another task created it meanwhile: fine
            }
        }
    }

    private static void ensureSlot(Connection connection, String slot) throws SQLException {
        if (exists(connection, "SELECT 1 FROM pg_replication_slots WHERE slot_name = ?", slot)) {
            return;
        }
        try (PreparedStatement ps = connection.prepareStatement("SELECT lsn FROM pg_create_logical_replication_slot(?, 'pgoutput')")) {
            ps.setString(1, slot);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                LOG.info("Created replication slot {} at {}: PostgreSQL keeps the WAL from here until the connector confirms it"
                        + " (drop the slot when the connector is deleted: docs/operations.md)", slot, rs.getString(1));
            }
        } catch (SQLException e) {
            if (!DUPLICATE_OBJECT.equals(e.getSQLState())) {
                throw e;
            }
        }
    }

    /**
     * A slot another task is creating right now exists before it has its consistent point; a log start
     * read before that point could be below where the slot's stream begins. Waits until it has one.
     */
    private static void awaitConsistentSlot(Connection connection, String slot, long maxWaitMs) throws SQLException {
        long deadline = System.currentTimeMillis() + Math.max(maxWaitMs, 1_000);
        while (confirmedPosition(connection, slot) < 0) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalArgumentException("replication slot " + slot + " has no consistent point after " + maxWaitMs
                        + " ms (log.start.wait.ms): it is still being created and waits for running transactions");
            }
            try {
                Thread.sleep(100); // polling the catalog; the slot's creation waits for other transactions
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for replication slot " + slot, e);
            }
        }
    }

    /** The slot's confirmed position (an LSN as a number); -1 while it has none; fails when the slot is gone. */
    static long confirmedPosition(Connection connection, String slot) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT COALESCE(pg_wal_lsn_diff(confirmed_flush_lsn, '0/0')::bigint, -1)"
                + " FROM pg_replication_slots WHERE slot_name = ?")) {
            ps.setString(1, slot);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalArgumentException("replication slot " + slot + " disappeared while planning");
                }
                return rs.getLong(1);
            }
        }
    }

    /**
     * Refuses a table whose updates and deletes would not carry its key: no replica identity, the
     * default identity without a primary key, or an identity that does not cover the key columns.
     */
    static void checkReplicaIdentity(Connection connection, TableDescription table, List<String> keyColumns) throws SQLException {
        String identity;
        List<String> identityColumns = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT c.relreplident::text, a.attname FROM pg_class c"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " LEFT JOIN pg_index i ON i.indrelid = c.oid AND ((c.relreplident = 'd' AND i.indisprimary)"
                + " OR (c.relreplident = 'i' AND i.indisreplident))"
                + " LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = ANY(i.indkey)"
                + " WHERE n.nspname = ? AND c.relname = ?")) {
            ps.setString(1, table.id().schema());
            ps.setString(2, table.id().table());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalArgumentException("table " + table.id().qualified() + " not found in pg_class");
                }
                identity = rs.getString(1);
                do {
                    if (rs.getString(2) != null) {
                        identityColumns.add(rs.getString(2));
                    }
                } while (rs.next());
            }
        }
        String fix = "; run ALTER TABLE " + table.id().qualified() + " REPLICA IDENTITY FULL (or USING INDEX on a unique index of the"
                + " key columns) before capturing it in log mode";
        if ("f".equals(identity)) {
            return;
        }
        if ("n".equals(identity)) {
            throw new IllegalArgumentException("table " + table.id().qualified() + " has REPLICA IDENTITY NOTHING: its updates and"
                    + " deletes would not say which row they change" + fix);
        }
        if (identityColumns.isEmpty()) {
            throw new IllegalArgumentException("table " + table.id().qualified() + " has no primary key, so its replica identity is"
                    + " empty: once published, PostgreSQL would refuse its UPDATE and DELETE statements" + fix);
        }
        if (!identityColumns.containsAll(keyColumns)) {
            throw new IllegalArgumentException("table " + table.id().qualified() + ": its replica identity (" + identityColumns
                    + ") does not cover the key columns " + keyColumns + " (key.columns), so deletes would not carry the key" + fix);
        }
    }

    private static void addToPublication(Connection connection, String publication, TableDescription table) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT 1 FROM pg_publication_tables WHERE pubname = ? AND schemaname = ? AND tablename = ?")) {
            ps.setString(1, publication);
            ps.setString(2, table.id().schema());
            ps.setString(3, table.id().table());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
        }
        try (Statement st = connection.createStatement()) {
            st.execute("ALTER PUBLICATION " + PostgresLog.identifier(publication) + " ADD TABLE "
                    + PostgresLog.identifier(table.id().schema()) + "." + PostgresLog.identifier(table.id().table()));
        } catch (SQLException e) {
            if (!DUPLICATE_OBJECT.equals(e.getSQLState())) {
                throw e;
            }
        }
    }

    private static long walInsertPosition(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT pg_wal_lsn_diff(pg_current_wal_insert_lsn(), '0/0')::bigint")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Takes a transaction id N (every writer at the log start has a smaller one) and waits until the
     * oldest running transaction is newer than N.
     */
    private static void waitForWriters(Connection connection, TableDescription table, long maxWaitMs) throws SQLException {
        long marker;
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT txid_current()")) {
            rs.next();
            marker = rs.getLong(1);
        }
        long started = System.currentTimeMillis();
        long warned = started;
        while (true) {
            long oldest;
            try (Statement st = connection.createStatement();
                    ResultSet rs = st.executeQuery("SELECT txid_snapshot_xmin(txid_current_snapshot())")) {
                rs.next();
                oldest = rs.getLong(1);
            }
            if (oldest > marker) {
                return;
            }
            long now = System.currentTimeMillis();
            if (now - started > maxWaitMs) {
                throw new IllegalArgumentException("transaction " + oldest + " has been running since before the log start of "
                        + table.id().qualified() + " for more than log.start.wait.ms=" + maxWaitMs + " ms; planning again later"
                        + " (see pg_stat_activity for its backend)");
            }
            if (now - warned > WAIT_WARN_MS) {
                LOG.warn("Log start of {}: waiting {} s for transaction {} (and any older one) to end; see pg_stat_activity",
                        table.id().qualified(), (now - started) / 1000, oldest);
                warned = now;
            }
            try {
                Thread.sleep(WAIT_STEP_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted while waiting for the transactions open at the log start", "57014", e);
            }
        }
    }

    private static boolean exists(Connection connection, String sql, String name) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
