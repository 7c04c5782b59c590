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
 * of day: the clock starts there and runs forward in real time. With {@code CLOCK_ANCHOR} too (the
 * real instant at which the clock read {@code CLOCK_START}), every process and container shares
 * one clock, however long each took to start; without it the clock reads {@code CLOCK_START} when
 * this method is called.
 */
public final class Clocks {

    private Clocks() {
    }

    public static Clock fromEnvironment(Env env) {
        return env.optional("CLOCK_START").map(start -> {
            Instant anchor = env.optional("CLOCK_ANCHOR").map(value -> instant("CLOCK_ANCHOR", value))
                    .orElseGet(Instant::now);
            return startingAt(instant("CLOCK_START", start), anchor);
        }).orElse(Clock.systemUTC());
    }

    /** A clock that reads {@code start} now and advances in real time from here. */
    public static Clock startingAt(Instant start) {
        return startingAt(start, Instant.now());
    }

    /** A clock that read {@code start} at the real instant {@code anchor} and advances in real time. */
    public static Clock startingAt(Instant start, Instant anchor) {
        return Clock.offset(Clock.systemUTC(), Duration.between(anchor, start));
    }

    private static Instant instant(String name, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new ConfigurationException(name + " must be an ISO-8601 instant, e.g. 2026-11-23T15:00:00Z");
        }
    }
}
