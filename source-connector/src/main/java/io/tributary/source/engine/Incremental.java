package io.tributary.source.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.apache.kafka.connect.source.SourceRecord;

/** A task's tables in their incremental phase, each polled when due. */
public interface Incremental {

    /** One table's poller. */
    interface Poller {
        /** The next page of at most {@code max} changed rows, oldest first; empty when caught up. */
        List<SourceRecord> poll(Connection connection, int max) throws SQLException;

        /** Counts rows read, for the table's metrics. */
        void measured(int rows);
    }

    boolean isEmpty();

    /** The next poller that is due, or null. */
    Poller nextDue(long nowMs);

    /** Records how a poll went: a full page means more is waiting. */
    void polled(Poller poller, int rows, int pageSize, long nowMs);

    /** Milliseconds until the next poller is due. */
    long millisUntilDue(long nowMs);
}
