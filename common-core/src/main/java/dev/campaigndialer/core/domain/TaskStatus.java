package dev.campaigndialer.core.domain;

/**
 * A dial task (one contact, one attempt): PENDING → READY | SCHEDULED → DIALING → an outcome,
 * or SUPPRESSED (DNC), INVALID, CANCELLED.
 */
public enum TaskStatus {
    PENDING, READY, SCHEDULED, DIALING, ANSWERED, VOICEMAIL, BUSY, NO_ANSWER, FAILED, SUPPRESSED, INVALID, CANCELLED;

    public boolean isTerminal() {
        return switch (this) {
            case PENDING, READY, SCHEDULED, DIALING -> false;
            default -> true;
        };
    }
}
