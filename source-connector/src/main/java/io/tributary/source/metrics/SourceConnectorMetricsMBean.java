package io.tributary.source.metrics;

/** JMX view of one source connector: the matching tables it cannot capture, and why. */
public interface SourceConnectorMetricsMBean {

    /** One entry per table that could not be planned: {@code schema.table: reason}. */
    String[] getFailedTables();

    /** How many matching tables could not be planned. */
    int getFailedTableCount();
}
