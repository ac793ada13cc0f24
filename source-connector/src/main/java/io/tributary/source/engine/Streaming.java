package io.tributary.source.engine;

import java.util.List;
import org.apache.kafka.connect.source.SourceRecord;

/** A task's log stream (log mode): the changes of every captured table, from the database's log. */
public interface Streaming extends AutoCloseable {

    /** The next changes; empty (after a short wait) when there are none now. */
    List<SourceRecord> poll() throws InterruptedException;

    /** Connect committed the offsets of the records returned so far: the log may be acknowledged up to them. */
    void commit() throws InterruptedException;

    @Override
    void close();
}
