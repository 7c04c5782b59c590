package dev.campaigndialer.core.telephony;

/**
 * Places outbound calls and reports how they ended. Implementations must be idempotent on
 * {@link CallRequest#idempotencyToken()}: placing the same task's call twice returns the first
 * call, which is what makes a crash between "carrier accepted" and "row updated" harmless.
 */
public interface TelephonyProvider {

    PlacedCall place(CallRequest request);

    CallStatus status(String callId);

    /**
     * Requests the carrier refused as over its rate (HTTP 429) since this provider was built,
     * including those the client retried successfully: callers take differences per invocation.
     */
    default long throttledRequests() {
        return 0;
    }
}
