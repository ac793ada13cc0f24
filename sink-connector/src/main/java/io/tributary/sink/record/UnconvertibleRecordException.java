package io.tributary.sink.record;

import org.apache.kafka.connect.errors.DataException;

/** A record the sink cannot turn into a row; it goes to the dead-letter queue, or stops the task. */
public class UnconvertibleRecordException extends DataException {

    private static final long serialVersionUID = 1L;

    public UnconvertibleRecordException(String reason) {
        super(reason);
    }

    public UnconvertibleRecordException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
