package io.tributary.source.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.apache.kafka.connect.source.SourceRecord;

/** The tables a task plans: for each, the plan is written to the ledger, where its offset makes it durable. */
public interface Planning {

    /** Whether a table is waiting to be planned now. */
    boolean due(long nowMs);

    /** Plans the next due table; returns its plan record (nothing when it was planned meanwhile or failed). */
    List<SourceRecord> planNext(Connection connection, long nowMs) throws SQLException;
}
