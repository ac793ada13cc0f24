package io.tributary.sink.destination;

import io.tributary.sink.schema.Column;

/**
 * What a destination's columns cannot hold. Consulted for every value as a record is added to a
 * batch: a value the warehouse would refuse fails that record alone (dead-letter queue, or the task
 * with the reason), not the whole batch on every retry.
 */
@FunctionalInterface
public interface ValueGuard {

    /** Everything passes (the S3 destination: the Avro files hold any staged value). */
    ValueGuard NONE = (column, staged) -> null;

    /**
     * @param column the column
     * @param staged the value as staged (see {@code AvroValues}), never null
     * @return null when the warehouse can hold it, else why not (naming the value)
     */
    String problem(Column column, Object staged);
}
