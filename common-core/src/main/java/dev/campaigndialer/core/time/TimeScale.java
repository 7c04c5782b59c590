package dev.campaigndialer.core.time;

import dev.campaigndialer.core.config.ConfigurationException;
import dev.campaigndialer.core.config.Env;
import java.time.Duration;

/**
 * How the functions' clock relates to real time: {@code rate} clock seconds pass per real second
 * (1 in AWS; {@code CLOCK_RATE} locally). Two kinds of duration meet here:
 * <ul>
 * <li>durations of the domain, read on the clock (time to the window's opening, a retry's backoff,
 *     the first status poll): an SQS delay for one of them is {@link #realDelaySeconds} of it;</li>
 * <li>durations of the machinery, in real time (how long a message may be in flight before the
 *     sweep re-drives it): compared with clock instants as {@link #onClock} of it.</li>
 * </ul>
 * Immutable.
 */
public record TimeScale(double rate) {

    public static final TimeScale REAL_TIME = new TimeScale(1.0);

    public TimeScale {
        if (!(rate >= 1.0 && rate <= 100_000.0)) {
            throw new ConfigurationException("CLOCK_RATE must be between 1 and 100000, was " + rate);
        }
    }

    public static TimeScale fromEnvironment(Env env) {
        return env.optional("CLOCK_RATE").map(value -> {
            try {
                return new TimeScale(Double.parseDouble(value));
            } catch (NumberFormatException e) {
                throw new ConfigurationException("CLOCK_RATE must be a number, was " + value);
            }
        }).orElse(REAL_TIME);
    }

    /**
     * The SQS delay, in whole real seconds, for a wait measured on the clock. In real time it is
     * rounded up, so a message never arrives before the moment it waits for; with a faster clock it
     * is rounded down (a message that arrives early is sent back by the dialer's check).
     */
    public long realDelaySeconds(Duration onClock) {
        if (onClock.isNegative() || onClock.isZero()) {
            return 0;
        }
        if (rate == 1.0) {
            return (onClock.toMillis() + 999) / 1000;
        }
        return (long) Math.floor(onClock.toMillis() / rate / 1000.0);
    }

    /** A real-time duration as the clock measures it. */
    public Duration onClock(Duration real) {
        return rate == 1.0 ? real : Duration.ofNanos(Math.round(real.toNanos() * rate));
    }
}
