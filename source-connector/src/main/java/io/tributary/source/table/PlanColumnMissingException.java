package io.tributary.source.table;

import org.apache.kafka.connect.errors.ConnectException;

/**
 * A column the table's plan reads by (key, cursor or soft-delete column) is gone from the table
 * (dropped or renamed): the table cannot be read on by that plan.
 */
public final class PlanColumnMissingException extends ConnectException {

    private static final long serialVersionUID = 1L;

    public PlanColumnMissingException(String message) {
        super(message);
    }
}
