package dev.campaigndialer.core.telephony;

import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Counts the HTTP responses of a client that say "slow down" (429: Connect's
 * {@code ThrottlingException} and {@code TooManyRequestsException}). An interceptor sees every
 * attempt, so the throttles the SDK retried away count too: those are the early warning. Thread-safe.
 */
public final class ThrottledRequests implements ExecutionInterceptor {

    private final LongAdder throttled = new LongAdder();

    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes executionAttributes) {
        if (context.httpResponse().statusCode() == 429) {
            throttled.increment();
        }
    }

    /** Throttled responses since this counter was built. */
    public long total() {
        return throttled.sum();
    }
}
