package dev.campaigndialer.core.domain;

/** A campaign's life: ACCEPTED → DISPATCHING → RUNNING → COMPLETED, plus PAUSED, CANCELLED, REJECTED. */
public enum CampaignStatus {
    ACCEPTED, DISPATCHING, RUNNING, PAUSED, COMPLETED, CANCELLED, REJECTED;

    public boolean isFinal() {
        return this == COMPLETED || this == CANCELLED || this == REJECTED;
    }
}
