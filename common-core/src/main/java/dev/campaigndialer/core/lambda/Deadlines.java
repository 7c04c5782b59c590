package dev.campaigndialer.core.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import java.time.Clock;
import java.time.Instant;

/** When the current invocation ends: Lambda's remaining time as an instant. */
public final class Deadlines {

    private Deadlines() {
    }

    public static Instant of(Context context, Clock clock, long defaultMillis) {
        long remaining = context == null ? defaultMillis : context.getRemainingTimeInMillis();
        return clock.instant().plusMillis(remaining);
    }
}
