package io.tributary.sink.engine;

import io.tributary.common.TransientErrors;
import io.tributary.sink.destination.DestinationWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * Runs an action with bounded retries: transient failures are retried with doubling backoff up to a
 * number of attempts; anything else, or the last failure, becomes a {@link ConnectException} naming
 * the action. Transient are: what {@link TransientErrors} says of database failures (connection lost,
 * serialization conflicts, ...), S3's 5xx, throttling and client-side failures, and what the
 * destination says of its own ({@link DestinationWriter#isTransient}).
 */
public final class Retrier {

    private static final Logger LOG = LoggerFactory.getLogger(Retrier.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(60);

    /** Waits between attempts; tests replace it. */
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final int maxAttempts;
    private final Duration backoff;
    private final Sleeper sleeper;
    private final Predicate<Throwable> destinationTransient;

    /** @param destinationTransient the destination's own transient failures, beyond the shared rules */
    public Retrier(int maxAttempts, Duration backoff, Sleeper sleeper, Predicate<Throwable> destinationTransient) {
        this.maxAttempts = maxAttempts;
        this.backoff = backoff;
        this.sleeper = sleeper;
        this.destinationTransient = destinationTransient;
    }

    public <T> T call(String action, Callable<T> callable) {
        Duration wait = backoff;
        for (int attempt = 1; ; attempt++) {
            try {
                return callable.call();
            } catch (Exception e) {
                if (!isRetriable(e) || attempt >= maxAttempts) {
                    throw new ConnectException("Could not " + action + " (attempt " + attempt + " of " + maxAttempts
                            + (isRetriable(e) ? ", transient" : ", not retriable") + "): " + describe(e), e);
                }
                LOG.warn("Could not {} (attempt {} of {}), retrying in {} ms: {}", action, attempt, maxAttempts,
                        wait.toMillis(), describe(e));
                try {
                    sleeper.sleep(wait);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new ConnectException("Interrupted while retrying to " + action, e);
                }
                wait = wait.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait.multipliedBy(2);
            }
        }
    }

    /** Transient failures: worth another attempt. */
    public boolean isRetriable(Throwable e) {
        return TransientErrors.isTransient(e) || awsTransient(e) || TransientErrors.hasSqlMessage(e, "throttl")
                || destinationTransient.test(e);
    }

    /** The AWS SDK's verdict (S3 staging, and drivers built on the SDK): 5xx, 429, throttling, or a client-side failure. */
    private static boolean awsTransient(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SdkServiceException service) {
                return service.statusCode() >= 500 || service.statusCode() == 429 || service.isThrottlingException();
            }
            if (t instanceof SdkClientException) {
                return true;
            }
        }
        return false;
    }

    static String describe(Throwable e) {
        StringBuilder text = new StringBuilder(e.getClass().getSimpleName() + ": " + e.getMessage());
        Throwable cause = e.getCause();
        if (cause != null && cause != e) {
            text.append(" (caused by ").append(cause.getClass().getSimpleName()).append(": ").append(cause.getMessage()).append(')');
        }
        return text.toString();
    }
}
