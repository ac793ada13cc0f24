package io.tributary.sink.engine;

/**
 * A failure the warehouse service marked as worth another attempt (throttling, rate limits,
 * concurrent-update conflicts). Destinations whose clients do not throw JDBC or AWS exceptions
 * wrap such failures in it so {@link Retrier} retries them.
 */
public class TransientWarehouseException extends RuntimeException {

    public TransientWarehouseException(String message, Throwable cause) {
        super(message, cause);
    }
}
