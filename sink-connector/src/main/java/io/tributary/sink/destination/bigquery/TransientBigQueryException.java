package io.tributary.sink.destination.bigquery;

/**
 * A BigQuery failure the service marks as worth another attempt (rate limits, backend errors,
 * concurrent-update conflicts, an interrupted upload). {@link GoogleBigQueryClient} throws it, and
 * {@link BigQueryDestination#isTransient} tells the sink's retrier so.
 */
public class TransientBigQueryException extends RuntimeException {

    public TransientBigQueryException(String message, Throwable cause) {
        super(message, cause);
    }
}
