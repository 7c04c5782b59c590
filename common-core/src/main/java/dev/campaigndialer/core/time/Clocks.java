package dev.campaigndialer.core.time;

import dev.campaigndialer.core.config.ConfigurationException;
import dev.campaigndialer.core.config.Env;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The clock a function uses. In AWS it is the system clock; the local stack sets
 * {@code CLOCK_START} (an ISO-8601 instant) so a demo runs inside the calling window at any time
 * of day: the clock starts there and runs forward. With {@code CLOCK_ANCHOR} too (the real instant
 * at which the clock read {@code CLOCK_START}), every process and container shares one clock,
 * however long each took to start; without it the clock reads {@code CLOCK_START} when this method
 * is called. {@code CLOCK_RATE} (local only, default 1) makes it run that many times faster than
 * real time, so a test crosses a calling window's close and the next opening in seconds; see
 * {@link TimeScale} for the delays that must shrink with it.
 */
public final class Clocks {

    private Clocks() {
    }

    public static Clock fromEnvironment(Env env) {
        double rate = TimeScale.fromEnvironment(env).rate();
        return env.optional("CLOCK_START").map(start -> {
            Instant anchor = env.optional("CLOCK_ANCHOR").map(value -> instant("CLOCK_ANCHOR", value))
                    .orElseGet(Instant::now);
            return startingAt(instant("CLOCK_START", start), anchor, rate);
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

    /** A clock that read {@code start} at the real instant {@code anchor} and runs {@code rate} times real time. */
    public static Clock startingAt(Instant start, Instant anchor, double rate) {
        return rate == 1.0 ? startingAt(start, anchor) : new ScaledClock(start, anchor, rate);
    }

    private static Instant instant(String name, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new ConfigurationException(name + " must be an ISO-8601 instant, e.g. 2026-11-23T15:00:00Z");
        }
    }

    /** start + (real now - anchor) x rate, in UTC. */
    private static final class ScaledClock extends Clock {
        private final Instant start;
        private final Instant anchor;
        private final double rate;

        ScaledClock(Instant start, Instant anchor, double rate) {
            this.start = start;
            this.anchor = anchor;
            this.rate = rate;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            if (zone.equals(ZoneOffset.UTC)) {
                return this;
            }
            throw new UnsupportedOperationException("a scaled clock runs in UTC");
        }

        @Override
        public Instant instant() {
            long realNanos = Duration.between(anchor, Instant.now()).toNanos();
            return start.plusNanos(Math.round(realNanos * rate));
        }
    }
}
