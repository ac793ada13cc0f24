package io.tributary.source.plan;

import java.util.Map;

/**
 * Where a table's log stream starts, fixed before its first chunk is read and stored with its plan:
 * the position in the database's log (a WAL LSN; a binlog's {@code (file index << 32) |
 * position}), and what the log reader needs to start there (file, position, GTIDs...). Every snapshot row
 * of the table carries {@code position - 1}, every log event its own position: the sink keeps the
 * highest, so chunk rows and log events converge to the committed state (docs/source.md, log mode).
 */
public record LogStart(long position, Map<String, Object> details) {

    public LogStart {
        details = Map.copyOf(details);
    }

    /** The position snapshot rows carry: just below every change the log reader may still deliver. */
    public long snapshotPosition() {
        return position - 1;
    }
}
