package io.tributary.source.engine;

import java.util.List;
import org.apache.kafka.connect.source.SourceRecord;

/** The end-of-snapshot markers a task must send: per table whose generation's chunks are all done, one per topic partition. */
public interface Markers {

    Markers NONE = new Markers() {
        @Override
        public boolean due(long nowMs) {
            return false;
        }

        @Override
        public List<SourceRecord> next(long nowMs) {
            return List.of();
        }
    };

    /** Whether a table's markers wait to be sent now. */
    boolean due(long nowMs);

    /** The markers of the next due table (empty when they need not or cannot be sent now). */
    List<SourceRecord> next(long nowMs) throws InterruptedException;
}
