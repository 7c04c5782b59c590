package dev.campaigndialer.db.internal;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with full jitter (AWS Architecture Blog), capped. Stateless. */
public record Backoff(Duration base, Duration cap) {

    public static Backoff defaults() {
        return new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2));
    }

    /** The pause before attempt {@code attempt} (1 = the first retry). */
    public Duration delay(int attempt) {
        long ceiling = Math.min(cap.toMillis(), base.toMillis() * (1L << Math.min(attempt, 20)));
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(base.toMillis(), Math.max(base.toMillis(), ceiling) + 1));
    }
}
