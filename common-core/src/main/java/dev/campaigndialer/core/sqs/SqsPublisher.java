package dev.campaigndialer.core.sqs;

import dev.campaigndialer.core.log.JsonLog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * Sends messages with {@code SendMessageBatch}, ten per call, and resends only the entries SQS
 * reported as failed. Returns only when every message was accepted, so callers may record
 * progress after it returns. Thread-safe (the SDK client is).
 */
public class SqsPublisher {

    public static final int MAX_BATCH = 10;
    private static final int MAX_ROUNDS = 5;
    private static final JsonLog LOG = JsonLog.forClass(SqsPublisher.class);

    private final SqsClient sqs;

    public SqsPublisher(SqsClient sqs) {
        this.sqs = sqs;
    }

    public void send(String queueUrl, OutgoingMessage message) {
        sendBatch(queueUrl, List.of(message));
    }

    /** Sends any number of messages, in batches of ten. */
    public void sendAll(String queueUrl, List<OutgoingMessage> messages) {
        for (int from = 0; from < messages.size(); from += MAX_BATCH) {
            sendBatch(queueUrl, messages.subList(from, Math.min(messages.size(), from + MAX_BATCH)));
        }
    }

    /** Sends at most ten messages; failed entries are resent with backoff, a few rounds at most. */
    public void sendBatch(String queueUrl, List<OutgoingMessage> batch) {
        if (batch.size() > MAX_BATCH) {
            throw new IllegalArgumentException("at most " + MAX_BATCH + " messages per batch");
        }
        Map<String, OutgoingMessage> pending = new HashMap<>();
        batch.forEach(message -> pending.put(message.id(), message));
        for (int round = 1; !pending.isEmpty(); round++) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            pending.values().forEach(message -> entries.add(SendMessageBatchRequestEntry.builder()
                    .id(message.id()).messageBody(message.body()).delaySeconds(message.delaySeconds()).build()));
            SendMessageBatchResponse response = sqs.sendMessageBatch(request -> request.queueUrl(queueUrl).entries(entries));
            response.successful().forEach(ok -> pending.remove(ok.id()));
            if (pending.isEmpty()) {
                return;
            }
            List<BatchResultErrorEntry> failed = response.failed();
            if (round == MAX_ROUNDS || failed.stream().anyMatch(BatchResultErrorEntry::senderFault)) {
                throw new IllegalStateException("SQS rejected " + pending.size() + " message(s) on " + queueUrl + ": "
                        + failed.stream().map(f -> f.code() + " " + f.message()).distinct().toList());
            }
            LOG.warn("resending failed batch entries", "count", pending.size(), "round", round);
            pause(50L << round);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while resending", e);
        }
    }
}
