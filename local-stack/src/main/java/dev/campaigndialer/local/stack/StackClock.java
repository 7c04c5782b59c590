package dev.campaigndialer.local.stack;

import dev.campaigndialer.core.time.Clocks;
import java.time.Clock;
import java.time.Instant;

/**
 * The functions' clock: it reads {@code --clock-start} at {@code anchor} (a real instant) and runs
 * {@code --clock-rate} times real time. Anchored once the database, queues and functions are up,
 * so a start that takes seconds (minutes of a fast clock) does not eat into the clock.
 */
record StackClock(Instant anchor, Clock clock) {

    static StackClock startingNow(StackSettings settings) {
        Instant anchor = Instant.now();
        return new StackClock(anchor, Clocks.startingAt(settings.clockStart(), anchor, settings.clockRate()));
    }
}
