package dev.campaigndialer.core.time;

import dev.campaigndialer.core.config.ConfigurationException;
import dev.campaigndialer.core.config.Env;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The clock a function uses. In AWS it is the system clock; the local stack sets
 * {@code CLOCK_START} (an ISO-8601 instant) so a demo runs inside the calling window at any time
 * of day: the clock starts there and runs forward in real time.
 */
public final class Clocks {

    private Clocks() {
    }

    public static Clock fromEnvironment(Env env) {
        return env.optional("CLOCK_START").map(start -> {
            try {
                return startingAt(Instant.parse(start));
            } catch (DateTimeParseException e) {
                throw new ConfigurationException("CLOCK_START must be an ISO-8601 instant, e.g. 2026-11-23T15:00:00Z");
            }
        }).orElse(Clock.systemUTC());
    }

    /** A clock that reads {@code start} now and advances in real time from here. */
    public static Clock startingAt(Instant start) {
        return Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), start));
    }
}
