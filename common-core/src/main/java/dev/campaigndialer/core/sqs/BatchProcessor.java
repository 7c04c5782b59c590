package dev.campaigndialer.core.sqs;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.campaigndialer.core.log.JsonLog;
import dev.campaigndialer.core.message.PoisonMessageException;
import java.util.ArrayList;
import java.util.List;

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

    private static final JsonLog LOG = JsonLog.forClass(BatchProcessor.class);
    private static final long MIN_MILLIS_PER_MESSAGE = 2_000;

    public SQSBatchResponse process(SQSEvent event, Context context, MessageWork work) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        List<SQSEvent.SQSMessage> records = event == null || event.getRecords() == null ? List.of() : event.getRecords();
        for (SQSEvent.SQSMessage message : records) {
            JsonLog.clearContext();
            JsonLog.put("requestId", context == null ? null : context.getAwsRequestId());
            JsonLog.put("messageId", message.getMessageId());
            try {
                if (context != null && context.getRemainingTimeInMillis() < MIN_MILLIS_PER_MESSAGE) {
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

    private static SQSBatchResponse.BatchItemFailure failure(SQSEvent.SQSMessage message) {
        return SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(message.getMessageId()).build();
    }

    private static String receiveCount(SQSEvent.SQSMessage message) {
        return message.getAttributes() == null ? null : message.getAttributes().get("ApproximateReceiveCount");
    }
}
