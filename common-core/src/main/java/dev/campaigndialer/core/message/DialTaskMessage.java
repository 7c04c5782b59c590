package dev.campaigndialer.core.message;

import java.util.UUID;

/** Enrich, dial and status queues: work on this dial task (one contact, one attempt). */
public record DialTaskMessage(int version, UUID taskId, UUID campaignId) implements Message {

    public static final String TYPE = "dial-task";

    public static DialTaskMessage of(UUID taskId, UUID campaignId) {
        return new DialTaskMessage(CURRENT_VERSION, taskId, campaignId);
    }

    @Override
    public void validate() {
        if (taskId == null || campaignId == null) {
            throw new PoisonMessageException(TYPE + " without taskId or campaignId");
        }
    }
}
