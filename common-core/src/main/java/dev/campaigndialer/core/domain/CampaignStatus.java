package dev.campaigndialer.core.domain;

/**
 * A campaign's life: ACCEPTED → DISPATCHING → RUNNING → COMPLETED, plus PAUSED, CANCELLED, REJECTED;
 * a COMPLETED or CANCELLED campaign may end ERASED (its contacts and tasks removed, its counts and
 * stored report kept).
 */
public enum CampaignStatus {
    ACCEPTED, DISPATCHING, RUNNING, PAUSED, COMPLETED, CANCELLED, REJECTED, ERASED;

    public boolean isFinal() {
        return this == COMPLETED || this == CANCELLED || this == REJECTED || this == ERASED;
    }
}
