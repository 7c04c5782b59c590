package dev.campaigndialer.core.telephony;

/** Where a call is: still going, or how it ended. */
public enum CallOutcome {
    IN_PROGRESS, ANSWERED, VOICEMAIL, BUSY, NO_ANSWER, FAILED
}
