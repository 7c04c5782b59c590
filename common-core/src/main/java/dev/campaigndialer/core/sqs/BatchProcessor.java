package dev.campaigndialer.core.sqs;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.campaigndialer.core.log.JsonLog;
import dev.campaigndialer.core.message.PoisonMessageException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The partial-batch template every SQS handler uses: one try/catch per message, a failed message
 * becomes a {@code BatchItemFailure} carrying its id, and its neighbours are unaffected. When the
 * invocation is about to run out of time, the messages not yet started are reported as failures
 * (they come back) instead of being half-done. Stateless and thread-safe.
 */
public final class BatchProcessor {

    /** Work for one message. Any exception marks that message, and only it, as failed. */
    @FunctionalInterface
    public interface MessageWork {
        void process(SQSEvent.SQSMessage message) throws Exception;
    }

    /** What became of one item of a batch; the step's own result enums implement it. */
    public interface ItemResult {
        /** True when the item's messages must return to the queue (a failure, or a poison message). */
        boolean returnsMessage();
    }

    /**
     * Work for a whole batch at once: set-based statements and one {@code SendMessageBatch} instead
     * of a round trip per message. Returns a result per item; the messages of items whose result
     * {@link ItemResult#returnsMessage() returns the message}, and only those, go back to the queue.
     * An exception fails every message of the batch.
     */
    @FunctionalInterface
    public interface BatchWork<T> {
        Map<T, ? extends ItemResult> process(List<T> items) throws Exception;
    }

    /** Reads one message; a {@link PoisonMessageException} fails that message alone. */
    @FunctionalInterface
    public interface MessageReader<T> {
        T read(SQSEvent.SQSMessage message);
    }

    private static final JsonLog LOG = JsonLog.forClass(BatchProcessor.class);
    private static final long MIN_MILLIS_PER_MESSAGE = 2_000;

    public SQSBatchResponse process(SQSEvent event, Context context, MessageWork work) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        List<SQSEvent.SQSMessage> records = event == null || event.getRecords() == null ? List.of() : event.getRecords();
        for (SQSEvent.SQSMessage message : records) {
            JsonLog.clearContext();
            JsonLog.put("requestId", context.getAwsRequestId());
            JsonLog.put("messageId", message.getMessageId());
            try {
                if (context.getRemainingTimeInMillis() < MIN_MILLIS_PER_MESSAGE) {
                    failures.add(failure(message));
                    LOG.warn("too little time left; message returned to the queue unprocessed");
                    continue;
                }
                work.process(message);
            } catch (PoisonMessageException e) {
                LOG.error("poison message: it will reach the DLQ after maxReceiveCount", e,
                        "receiveCount", receiveCount(message));
                failures.add(failure(message));
            } catch (Exception | LinkageError e) {
                LOG.error("message failed; it returns to the queue", e, "receiveCount", receiveCount(message));
                failures.add(failure(message));
            }
        }
        JsonLog.clearContext();
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }

    /**
     * Reads every message, then hands the readable ones to {@code work} together. Messages that
     * carry the same item share its fate. With too little time left, nothing is started and the
     * whole batch returns to the queue.
     */
    public <T> SQSBatchResponse processTogether(SQSEvent event, Context context, MessageReader<T> reader,
            BatchWork<T> work) {
        List<SQSEvent.SQSMessage> records = event == null || event.getRecords() == null ? List.of() : event.getRecords();
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        Map<SQSEvent.SQSMessage, T> readable = new LinkedHashMap<>();
        JsonLog.clearContext();
        JsonLog.put("requestId", context.getAwsRequestId());
        for (SQSEvent.SQSMessage message : records) {
            try {
                readable.put(message, reader.read(message));
            } catch (PoisonMessageException e) {
                LOG.error("poison message: it will reach the DLQ after maxReceiveCount", e,
                        "messageId", message.getMessageId(), "receiveCount", receiveCount(message));
                failures.add(failure(message));
            }
        }
        if (!readable.isEmpty() && context.getRemainingTimeInMillis() < MIN_MILLIS_PER_MESSAGE) {
            LOG.warn("too little time left; batch returned to the queue unprocessed", "messages", readable.size());
            readable.keySet().forEach(message -> failures.add(failure(message)));
        } else if (!readable.isEmpty()) {
            try {
                Map<T, ? extends ItemResult> results = work.process(List.copyOf(new LinkedHashSet<>(readable.values())));
                readable.forEach((message, item) -> {
                    ItemResult result = results.get(item);
                    if (result == null || result.returnsMessage()) {
                        failures.add(failure(message));
                    }
                });
            } catch (Exception | LinkageError e) {
                LOG.error("batch failed; all its messages return to the queue", e, "messages", readable.size());
                readable.keySet().forEach(message -> failures.add(failure(message)));
            }
        }
        JsonLog.clearContext();
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }

    private static SQSBatchResponse.BatchItemFailure failure(SQSEvent.SQSMessage message) {
        return SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(message.getMessageId()).build();
    }

    private static String receiveCount(SQSEvent.SQSMessage message) {
        return message.getAttributes() == null ? null : message.getAttributes().get("ApproximateReceiveCount");
    }
}
