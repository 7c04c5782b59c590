package dev.campaigndialer.core.queue;

/**
 * How one SQS queue and its Lambda event source mapping are set up. Terraform declares the same
 * values; {@code terraform-check} fails the build when the two disagree.
 *
 * @param name                     short queue name ({@code dispatch}, {@code enrich}, ...)
 * @param consumerModule           the Maven module whose function consumes the queue
 * @param consumerTimeoutSeconds   the consumer function's timeout
 * @param visibilityTimeoutSeconds at least 6 x the consumer timeout, as AWS advises for Lambda
 * @param maxReceiveCount          receives before a message moves to the DLQ
 * @param batchSize                messages per invocation
 * @param maximumConcurrency       concurrent invocations the event source mapping allows
 */
public record QueueSettings(
        String name,
        String consumerModule,
        int consumerTimeoutSeconds,
        int visibilityTimeoutSeconds,
        int maxReceiveCount,
        int batchSize,
        int maximumConcurrency) {

    public String deadLetterName() {
        return name + "-dlq";
    }
}
