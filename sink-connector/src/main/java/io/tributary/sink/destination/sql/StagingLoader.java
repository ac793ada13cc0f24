package io.tributary.sink.destination.sql;

import io.tributary.sink.buffer.Batch;
import io.tributary.sink.destination.StagedBatch;
import java.sql.Connection;

/** Loads the rows of a batch's Avro file into a table inside the caller's transaction. */
public interface StagingLoader {

    /**
     * @param table the table name, unquoted (a temporary table)
     * @return the rows loaded
     */
    long load(Connection connection, String table, Batch batch) throws Exception;

    /** Loads a staged batch; loaders that read the staged object (COPY from S3) override this. */
    default long load(Connection connection, String table, StagedBatch staged) throws Exception {
        return load(connection, table, staged.batch());
    }
}
