package dev.campaigndialer.core.telephony;

import dev.campaigndialer.core.lambda.InvocationHook;
import dev.campaigndialer.core.metrics.BusinessMetrics;

/** Counts the throttled Connect requests of each invocation into its metrics ({@link BusinessMetrics#CONNECT_THROTTLES}). */
public final class ConnectThrottles {

    private ConnectThrottles() {
    }

    public static InvocationHook of(TelephonyProvider provider) {
        return () -> {
            long before = provider.throttledRequests();
            return metrics -> metrics.count(BusinessMetrics.CONNECT_THROTTLES, provider.throttledRequests() - before);
        };
    }
}
