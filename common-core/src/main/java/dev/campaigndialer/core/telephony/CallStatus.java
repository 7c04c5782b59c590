package dev.campaigndialer.core.telephony;

/**
 * A call's state as the provider reports it.
 *
 * @param reason    for FAILED: e.g. {@code CARRIER_ERROR} (transient) or {@code UNALLOCATED_NUMBER}
 * @param permanent a failure that retrying cannot fix: never redialled
 */
public record CallStatus(CallOutcome outcome, int talkSeconds, String reason, boolean permanent) {

    public static CallStatus inProgress() {
        return new CallStatus(CallOutcome.IN_PROGRESS, 0, null, false);
    }

    public boolean finished() {
        return outcome != CallOutcome.IN_PROGRESS;
    }
}
