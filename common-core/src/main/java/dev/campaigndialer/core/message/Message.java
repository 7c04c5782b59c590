package dev.campaigndialer.core.message;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A message on one of the pipeline's queues: versioned JSON with a {@code type} discriminator,
 * e.g. {@code {"type":"campaign-accepted","version":1,"campaignId":"..."}}. Unknown fields are
 * rejected so a producer/consumer mismatch shows up as a poison message, not silent data loss.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = CampaignAccepted.class, name = CampaignAccepted.TYPE),
    @JsonSubTypes.Type(value = DialTaskMessage.class, name = DialTaskMessage.TYPE),
    @JsonSubTypes.Type(value = CampaignFinished.class, name = CampaignFinished.TYPE)
})
public sealed interface Message permits CampaignAccepted, DialTaskMessage, CampaignFinished {

    int CURRENT_VERSION = 1;

    int version();

    /** Throws {@link PoisonMessageException} when a required field is missing. */
    void validate();
}
