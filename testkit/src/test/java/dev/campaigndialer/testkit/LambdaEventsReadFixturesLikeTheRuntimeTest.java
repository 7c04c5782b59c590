package dev.campaigndialer.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Event fixtures go through the Lambda runtime's serializer, both ways. */
class LambdaEventsReadFixturesLikeTheRuntimeTest {

    @Test
    void sqsEventJsonDeserializesThroughTheLambdaRuntimeSerializer() {
        SQSEvent event = LambdaEvents.fromResource("sqs-two-messages.json", SQSEvent.class);

        List<SQSEvent.SQSMessage> records = event.getRecords();
        assertThat(records).hasSize(2);
        assertThat(records.get(0).getMessageId()).isEqualTo("059f36b4-87a3-44ab-83d2-661975830a7d");
        assertThat(records.get(1).getBody()).isEqualTo("not json at all");
        assertThat(records.get(1).getAttributes()).containsEntry("ApproximateReceiveCount", "3");
        assertThat(LambdaEvents.toJson(event, SQSEvent.class)).contains("059f36b4-87a3-44ab-83d2-661975830a7d");
    }
}
