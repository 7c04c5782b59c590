package dev.campaigndialer.core.telephony;

import dev.campaigndialer.core.config.Env;
import java.time.Duration;

/**
 * How status-checker learns how a call ended. With contact events on ({@code
 * CONNECT_CONTACT_EVENTS=true}; Terraform's EventBridge rule sends this instance's DISCONNECTED and
 * CONNECTED_TO_SYSTEM events to the status queue) the events are the primary source and polling is
 * only the fallback for lost ones (EventBridge delivers them best effort): the dialer sends no
 * status message (except for a call placed again, whose events may have come before its call id
 * was recorded), the minute sweep asks for the first poll of a call still DIALING after {@link
 * #fallbackPoll()} (the ring timeout plus a margin), and a call still in progress is polled again
 * only that often. Without events, every call is polled from {@code STATUS_POLL_DELAY_SECONDS}
 * after placement, as before. Immutable.
 *
 * @param contactEvents whether contact events reach the status queue
 * @param ringTimeout   how long Connect lets a call ring ({@code RING_TIMEOUT_SECONDS})
 * @param margin        how late an event may be before the poll ({@code STATUS_FALLBACK_MARGIN_SECONDS}, default 30)
 */
public record CallTracking(boolean contactEvents, Duration ringTimeout, Duration margin) {

    /** Polling only, as without an EventBridge rule. */
    public static final CallTracking POLLING = new CallTracking(false,
            Duration.ofSeconds(ConnectTelephonyProvider.DEFAULT_RING_TIMEOUT_SECONDS), Duration.ofSeconds(30));

    public static CallTracking fromEnvironment(Env env) {
        return new CallTracking(env.flag("CONNECT_CONTACT_EVENTS"),
                Duration.ofSeconds(ConnectTelephonyProvider.ringTimeoutSeconds(env)),
                Duration.ofSeconds(env.intOrDefault("STATUS_FALLBACK_MARGIN_SECONDS", 30)));
    }

    /** After this long without an event, a call is polled (on the functions' clock). */
    public Duration fallbackPoll() {
        return ringTimeout.plus(margin);
    }
}
