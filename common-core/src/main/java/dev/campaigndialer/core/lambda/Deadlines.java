package dev.campaigndialer.core.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import java.time.Instant;

/**
 * When the current invocation ends: Lambda's remaining time as a real-time instant. Deliberately
 * not the business clock, which the local stack may start at another time of day.
 */
public final class Deadlines {

    private Deadlines() {
    }

    public static Instant of(Context context) {
        return Instant.now().plusMillis(context.getRemainingTimeInMillis());
    }
}
