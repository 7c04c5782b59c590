package dev.campaigndialer.core.message;

import java.util.UUID;

/** Report queue: the campaign reached COMPLETED or CANCELLED; build its report. */
public record CampaignFinished(int version, UUID campaignId) implements Message {

    public static final String TYPE = "campaign-finished";

    public static CampaignFinished of(UUID campaignId) {
        return new CampaignFinished(CURRENT_VERSION, campaignId);
    }

    @Override
    public void validate() {
        if (campaignId == null) {
            throw new PoisonMessageException(TYPE + " without campaignId");
        }
    }
}
