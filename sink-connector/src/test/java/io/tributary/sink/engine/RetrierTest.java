package io.tributary.sink.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Exception;

class RetrierTest {

    private final List<Duration> waits = new ArrayList<>();

    private Retrier retrier(int attempts) {
        return new Retrier(attempts, Duration.ofMillis(100), waits::add, e -> e.getMessage() != null && e.getMessage().contains("busy"));
    }

    @Test
    void sharedRulesAwsAndTheDestinationsOwnDecide() {
        Retrier retrier = retrier(3);
        assertTrue(retrier.isRetriable(new SQLException("terminating connection", "57P01")), "shared database rule");
        assertTrue(retrier.isRetriable(S3Exception.builder().statusCode(503).message("slow down").build()));
        assertTrue(retrier.isRetriable(S3Exception.builder().statusCode(429).message("too many").build()));
        assertFalse(retrier.isRetriable(S3Exception.builder().statusCode(403).message("denied").build()));
        assertTrue(retrier.isRetriable(SdkClientException.create("unable to execute HTTP request")));
        assertTrue(retrier.isRetriable(new SQLException("Request throttled", "XX000")), "throttling");
        assertTrue(retrier.isRetriable(new IllegalStateException("warehouse busy")), "the destination's own rule");
        assertFalse(retrier.isRetriable(new SQLException("syntax error", "42601")));
    }

    @Test
    void transientFailuresAreRetriedWithDoublingBackoffUpToTheLimit() {
        AtomicInteger calls = new AtomicInteger();
        assertEquals("done", retrier(3).call("merge", () -> {
            if (calls.incrementAndGet() < 3) {
                throw new SQLException("deadlock detected", "40P01");
            }
            return "done";
        }));
        assertEquals(List.of(Duration.ofMillis(100), Duration.ofMillis(200)), waits);

        ConnectException failed = assertThrows(ConnectException.class, () -> retrier(2).call("merge t", () -> {
            throw new SQLException("deadlock detected", "40P01");
        }));
        assertTrue(failed.getMessage().contains("Could not merge t (attempt 2 of 2, transient)"), failed.getMessage());
    }

    @Test
    void otherFailuresEndAtTheFirstAttempt() {
        AtomicInteger calls = new AtomicInteger();
        ConnectException failed = assertThrows(ConnectException.class, () -> retrier(5).call("write batch", () -> {
            calls.incrementAndGet();
            throw new SQLException("permission denied for schema shop", "42501");
        }));
        assertEquals(1, calls.get());
        assertTrue(failed.getMessage().contains("attempt 1 of 5, not retriable") && failed.getMessage().contains("permission denied"),
                failed.getMessage());
    }
}
