package dev.campaigndialer.core.sqs;

/**
 * One message to send. {@code id} must be unique within a batch (SQS batch entry id rules:
 * alphanumeric, hyphen, underscore, at most 80 characters).
 */
public record OutgoingMessage(String id, String body, int delaySeconds) {

    public OutgoingMessage {
        if (delaySeconds < 0 || delaySeconds > 900) {
            throw new IllegalArgumentException("SQS delay must be 0..900 s, was " + delaySeconds);
        }
    }

    public static OutgoingMessage of(String id, String body) {
        return new OutgoingMessage(id, body, 0);
    }
}
