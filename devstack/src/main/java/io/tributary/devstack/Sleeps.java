package io.tributary.devstack;

import java.time.Duration;

final class Sleeps {

    private Sleeps() {
    }

    /** Sleeps, turning an interrupt into an unchecked exception with the flag kept. */
    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
