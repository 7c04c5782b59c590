package dev.campaigndialer.core.message;

import dev.campaigndialer.core.sqs.OutgoingMessage;
import java.util.UUID;

/** Enrich, dial and status queues: work on this dial task (one contact, one attempt). */
public record DialTaskMessage(int version, UUID taskId, UUID campaignId) implements Message {

    public static final String TYPE = "dial-task";

    public static DialTaskMessage of(UUID taskId, UUID campaignId) {
        return new DialTaskMessage(CURRENT_VERSION, taskId, campaignId);
    }

    /**
     * The message for a task's next step, identified by the task id within a batch, delayed by
     * {@code delaySeconds} capped at SQS's 15 minutes (longer waits are the minute sweep's).
     */
    public static OutgoingMessage outgoing(UUID taskId, UUID campaignId, long delaySeconds) {
        return new OutgoingMessage(taskId.toString(), Messages.write(of(taskId, campaignId)),
                (int) Math.max(0, Math.min(900, delaySeconds)));
    }

    @Override
    public void validate() {
        if (taskId == null || campaignId == null) {
            throw new PoisonMessageException(TYPE + " without taskId or campaignId");
        }
    }
}
