package dev.campaigndialer.core.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.campaigndialer.core.message.PoisonMessageException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import dev.campaigndialer.localaws.LocalLambdaContext;

/** The batch mode the enrich, dial and status handlers use: what returns to the queue, and what does not. */
class BatchProcessorTogetherTest {

    private enum Outcome implements BatchProcessor.ItemResult {
        DONE, FAILED;

        @Override
        public boolean returnsMessage() {
            return this == FAILED;
        }
    }

    private final BatchProcessor processor = new BatchProcessor();

    private static LocalLambdaContext context() {
        return LocalLambdaContext.of("test");
    }
    private final List<List<String>> invocations = new ArrayList<>();

    @Test
    void anUnreadableMessageFailsAloneAndTheRestAreProcessedTogetherOnce() {
        SQSBatchResponse response = processor.processTogether(event("a", "poison", "b", "a"), context(), this::read,
                items -> {
                    invocations.add(items);
                    return outcomes(items, Outcome.DONE);
                });

        assertThat(failedIds(response)).containsExactly("m1");
        // One call for the whole batch; a message repeated in the batch is one item.
        assertThat(invocations).containsExactly(List.of("a", "b"));
    }

    @Test
    void onlyTheMessagesOfItemsReportedFailedReturnAndDuplicatesShareTheirItemsFate() {
        SQSBatchResponse response = processor.processTogether(event("a", "b", "c", "b"), context(), this::read, items -> {
            Map<String, Outcome> outcomes = outcomes(items, Outcome.DONE);
            outcomes.put("b", Outcome.FAILED);
            return outcomes;
        });

        assertThat(failedIds(response)).containsExactly("m1", "m3");
    }

    @Test
    void anItemWithoutAResultReturnsItsMessageRatherThanBeingDeleted() {
        SQSBatchResponse response = processor.processTogether(event("a", "b"), context(), this::read,
                items -> Map.of("a", Outcome.DONE));

        assertThat(failedIds(response)).containsExactly("m1");
    }

    @Test
    void anExceptionReturnsEveryReadableMessageButNotAsPoison() {
        SQSBatchResponse response = processor.processTogether(event("a", "poison", "b"), context(), this::read, items -> {
            throw new IllegalStateException("database down");
        });

        assertThat(failedIds(response)).containsExactlyInAnyOrder("m0", "m1", "m2");
    }

    private String read(SQSEvent.SQSMessage message) {
        if (message.getBody().equals("poison")) {
            throw new PoisonMessageException("unreadable");
        }
        return message.getBody();
    }

    private static Map<String, Outcome> outcomes(List<String> items, Outcome outcome) {
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        items.forEach(item -> outcomes.put(item, outcome));
        return outcomes;
    }

    private static SQSEvent event(String... bodies) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (int i = 0; i < bodies.length; i++) {
            var message = new SQSEvent.SQSMessage();
            message.setMessageId("m" + i);
            message.setBody(bodies[i]);
            records.add(message);
        }
        var event = new SQSEvent();
        event.setRecords(records);
        return event;
    }

    private static List<String> failedIds(SQSBatchResponse response) {
        return response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList();
    }
}
