package dev.campaigndialer.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.campaigndialer.core.message.CampaignAccepted;
import dev.campaigndialer.core.message.Messages;
import dev.campaigndialer.core.sqs.OutgoingMessage;
import dev.campaigndialer.core.sqs.SqsPublisher;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The function dies between committing a campaign and sending its dispatch message: the message
 * stays in the outbox and the next invocation (after a grace period) sends it.
 */
class DispatchMessageSurvivesCrashAfterCommitTest {

    /** Stands for the process dying right after the commit: nothing reaches SQS. */
    private static final class DeadAfterCommit extends SqsPublisher {
        DeadAfterCommit() {
            super(null);
        }

        @Override
        public void sendBatch(String queueUrl, List<OutgoingMessage> batch) {
            throw new IllegalStateException("function died after commit");
        }
    }

    @Test
    void nextInvocationRelaysTheDispatchMessage() {
        try (var crashing = new OwnerApiClient("crash", new DeadAfterCommit())) {
            var created = crashing.post("/campaigns", "hank",
                    CampaignIntakeApiTest.campaign("[{\"phone\":\"+14155550141\"}]"));
            assertThat(created.status()).isEqualTo(201);
            UUID id = UUID.fromString(created.json().get("campaignId").asText());
            assertThat(crashing.drainDispatchQueue()).isEmpty();

            // The next container, a little later: any request relays what was left behind.
            var later = new ValidateCampaignHandler(crashing.database, new SqsPublisher(crashing.sqs),
                    crashing.queueUrls, Clock.offset(Clock.systemUTC(), Duration.ofSeconds(31)));
            var answer = later.handleRequest(dev.campaigndialer.testkit.LambdaEvents.fromResource(
                    "apigw-post-campaign.json", com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.class),
                    dev.campaigndialer.localaws.LocalLambdaContext.of(ValidateCampaignHandler.FUNCTION, Duration.ofSeconds(29)));
            dev.campaigndialer.testkit.OpenApiContract.load().assertConforms("POST", "/campaigns", answer.getStatusCode(),
                    answer.getHeaders(), answer.getBody());

            List<String> dispatched = crashing.drainDispatchQueue();
            assertThat(dispatched).contains(Messages.write(CampaignAccepted.of(id)));
            assertThat(dispatched.stream().filter(body -> body.contains(id.toString()))).hasSize(1);
        }
    }
}
