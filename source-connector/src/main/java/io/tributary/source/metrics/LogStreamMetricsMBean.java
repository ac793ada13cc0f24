package io.tributary.source.metrics;

/** JMX view of a connector's log stream (log mode). */
public interface LogStreamMetricsMBean {

    /** How far behind the database's commits the stream is, in ms (0 when it has read all there is); -1 before the first poll. */
    long getMilliSecondsBehindSource();

    /** Log the replication slot keeps for the stream, in bytes; -1 when unknown or the database has no slot. */
    long getRetainedWalBytes();

    /** The log position of the last change emitted; -1 before the first. */
    long getLastPosition();

    /** Changes emitted since the task started. */
    long getChangesEmitted();
}
