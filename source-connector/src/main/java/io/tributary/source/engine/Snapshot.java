package io.tributary.source.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.apache.kafka.connect.source.SourceRecord;

/** A task's snapshot chunks, read one after the other. */
public interface Snapshot {

    /** One chunk being read: a streamed query that can be opened again after a lost connection. */
    interface Chunk {
        /** Runs the chunk's query (again), resuming after the last row returned. */
        void open(Connection connection, int fetchSize) throws SQLException;

        /** Up to {@code max} rows; fewer, and {@link #exhausted()} true, at the chunk's end. */
        List<SourceRecord> read(int max) throws SQLException;

        boolean exhausted();

        /** Whether the chunk is not read on (its table failed): it is dropped, not marked done. */
        boolean abandoned();

        /** Counts rows read and the time it took, for the table's metrics. */
        void measured(int rows, long nanos);
    }

    boolean finished();

    /** The chunk to read next, starting one if needed; null when every chunk is read. */
    Chunk current();

    /** Closes the current chunk after its last row: its "done" mark goes into {@code records}. */
    void finishCurrent(List<SourceRecord> records);

    /** Drops the current chunk, which was {@link Chunk#abandoned() abandoned}, with no done mark. */
    void abandonCurrent();

    void close();
}
