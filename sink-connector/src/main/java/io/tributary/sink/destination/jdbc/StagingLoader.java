package io.tributary.sink.destination.jdbc;

import io.tributary.sink.buffer.Batch;
import java.sql.Connection;

/** Loads the rows of a batch's Avro file into a table inside the caller's transaction. */
public interface StagingLoader {

    /**
     * @param table the table name, unquoted (a temporary table)
     * @return the rows loaded
     */
    long load(Connection connection, String table, Batch batch) throws Exception;
}
