package dev.campaigndialer.core.lambda;

import java.time.Instant;

/**
 * Something that retries while it connects (the database) and must give up when the invocation
 * ends, so the message goes back to the queue instead of the function timing out mid-work.
 */
@FunctionalInterface
public interface ConnectDeadline {

    /** For functions without a database. */
    ConnectDeadline NONE = until -> {
    };

    /** Bounds connecting on this thread until {@code until}; {@code null} lifts the bound. */
    void connectDeadline(Instant until);
}
