package io.tributary.sink.destination;

/**
 * A column's source type was widened and the warehouse cannot widen the stored column in place: the
 * batch cannot be written until the column is changed by hand (docs/sink.md, Type changes). Not
 * transient: the task stops with this message.
 */
public final class WideningRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param table the table, as the warehouse names it
     * @param column the column
     * @param stored its type in the warehouse
     * @param wanted the type the records now need
     * @param warehouse the warehouse, and what it can widen
     */
    public WideningRefusedException(String table, String column, String stored, String wanted, String warehouse) {
        super("Cannot widen column " + column + " of table " + table + " from " + stored + " to " + wanted + ": " + warehouse
                + ". Remedy: change the column to " + wanted + " yourself (or recreate the table with it), then restart the task;"
                + " the batch is written again (docs/sink.md, Type changes)");
    }
}
