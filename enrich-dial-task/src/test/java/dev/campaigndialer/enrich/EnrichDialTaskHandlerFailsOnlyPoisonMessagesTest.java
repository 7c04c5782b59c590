package dev.campaigndialer.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import dev.campaigndialer.core.config.Env;
import dev.campaigndialer.core.calling.CallTiming;
import dev.campaigndialer.core.domain.CampaignStatus;
import dev.campaigndialer.core.function.FunctionCatalog;
import dev.campaigndialer.core.message.DialTaskMessage;
import dev.campaigndialer.core.message.Messages;
import dev.campaigndialer.core.queue.QueueTopology;
import dev.campaigndialer.db.Database;
import dev.campaigndialer.testkit.CampaignRows;
import dev.campaigndialer.core.queue.QueueSettings;
import dev.campaigndialer.core.sqs.QueueUrls;
import dev.campaigndialer.core.sqs.SqsPublisher;
import dev.campaigndialer.testkit.HandlerQueues;
import dev.campaigndialer.testkit.ProxiedDatabase;
import dev.campaigndialer.testkit.SqsHandlerFixtures;
import dev.campaigndialer.localaws.LocalLambdaContext;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * enrich-dial-task's handler fed AWS-shaped SQS events (src/test/resources/events) through the
 * Lambda runtime's serializer, against PostgreSQL behind PgBouncer and ElasticMQ: a poison message
 * is reported alone, its neighbour's task is made READY (15:00 in New York, inside the window), and
 * the same message twice sends the task to the dial queue once.
 */
class EnrichDialTaskHandlerFailsOnlyPoisonMessagesTest {

    private static final Instant NOW = Instant.parse("2026-11-23T20:00:00Z");

    private static ProxiedDatabase proxied;

    private static Database database;
    private static HandlerQueues queues;
    private static CampaignRows rows;
    private static SqsHandlerFixtures batch;

    @BeforeAll
    static void start() {
        proxied = ProxiedDatabase.create("enrich_handler");
        database = Database.fromEnvironment(Env.of(proxied.env()));
        queues = HandlerQueues.create("enrich-handler", QueueTopology.all().stream().map(QueueSettings::name).toList());
        rows = new CampaignRows(proxied.direct());
        rows.campaign(campaign(), "owner", "RUNNING", 4, NOW);
        for (int n = 1; n <= 4; n++) {
            rows.task(task(n), campaign(), rows.contact(campaign(), n, "+1212555010" + n), "PENDING", null, NOW);
        }
        var handler = new EnrichDialTaskHandler(database, new SqsPublisher(queues.client()), QueueUrls.forFunction(FunctionCatalog.ENRICH_DIAL_TASK, queues.urls()), CallTiming.DEFAULT,
                Clock.fixed(NOW, ZoneOffset.UTC));
        batch = new SqsHandlerFixtures(handler, () -> LocalLambdaContext.of(EnrichDialTaskHandler.FUNCTION));
    }

    @AfterAll
    static void stop() {
        database.close();
        queues.close();
    }

    @Test
    void aValidMessageMakesItsTaskReady() {
        List<String> failed = batch.failedMessageIds("enrich-valid.json");

        assertThat(failed).isEmpty();
        assertThat(rows.taskStatus(task(1))).isEqualTo("READY");
    }

    @Test
    void aMalformedBodyIsReportedAloneAndItsNeighbourIsDone() {
        List<String> failed = batch.failedMessageIds("enrich-malformed.json");

        assertThat(failed).containsExactly("5f1d7c3e-0002-4a55-9c1e-000000000002");
        assertThat(rows.taskStatus(task(2))).isEqualTo("READY");
    }

    @Test
    void anUnknownMessageTypeIsReportedAloneAndItsNeighbourIsDone() {
        List<String> failed = batch.failedMessageIds("enrich-unknown-type.json");

        assertThat(failed).containsExactly("5f1d7c3e-0005-4a55-9c1e-000000000005");
        assertThat(rows.taskStatus(task(3))).isEqualTo("READY");
    }

    @Test
    void theSameMessageTwiceInOneBatchSendsTheTaskOnce() {
        List<String> failed = batch.failedMessageIds("enrich-duplicate.json");

        assertThat(failed).isEmpty();
        assertThat(rows.taskStatus(task(4))).isEqualTo("READY");
        assertThat(queues.drain(QueueTopology.DIAL).stream()
                .filter(body -> Messages.read(body, DialTaskMessage.class).taskId().equals(task(4)))).hasSize(1);
    }

    private static UUID campaign() {
        return UUID.fromString("cafe0000-0000-4000-8000-000000000001");
    }

    private static UUID task(int n) {
        return UUID.fromString(String.format("7a5c0000-0000-4000-8000-%012d", n));
    }
}
