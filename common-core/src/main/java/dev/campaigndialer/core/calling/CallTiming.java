package dev.campaigndialer.core.calling;

import dev.campaigndialer.core.config.Env;
import dev.campaigndialer.core.time.TimeScale;
import java.time.Duration;

/**
 * The time settings every step that decides about the calling window shares: the margin before
 * the close after which no call starts ({@code CALL_START_MARGIN_SECONDS}, default 60), and how the
 * functions' clock relates to real time (for SQS delays). Immutable.
 */
public record CallTiming(Duration margin, TimeScale scale) {

    public static final CallTiming DEFAULT = new CallTiming(CallingWindow.DEFAULT_MARGIN, TimeScale.REAL_TIME);

    public static CallTiming fromEnvironment(Env env) {
        return new CallTiming(Duration.ofSeconds(env.intOrDefault("CALL_START_MARGIN_SECONDS",
                (int) CallingWindow.DEFAULT_MARGIN.toSeconds())), TimeScale.fromEnvironment(env));
    }
}
