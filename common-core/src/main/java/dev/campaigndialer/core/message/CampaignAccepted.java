package dev.campaigndialer.core.message;

import java.util.UUID;

/** Dispatch queue: fan this campaign out (also sent by the dispatcher to continue itself). */
public record CampaignAccepted(int version, UUID campaignId) implements Message {

    public static final String TYPE = "campaign-accepted";

    public static CampaignAccepted of(UUID campaignId) {
        return new CampaignAccepted(CURRENT_VERSION, campaignId);
    }

    @Override
    public void validate() {
        if (campaignId == null) {
            throw new PoisonMessageException(TYPE + " without campaignId");
        }
    }
}
