package dev.campaigndialer.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.campaigndialer.core.config.Env;
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
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dispatcher's handler fed AWS-shaped SQS events (src/test/resources/events) through the
 * Lambda runtime's serializer, against PostgreSQL behind PgBouncer and ElasticMQ: a poison message
 * is reported alone, its neighbour is done, and the same message twice fans its campaign out once.
 */
class DispatcherHandlerFailsOnlyPoisonMessagesTest {

    private static final Instant NOW = Instant.parse("2026-11-23T20:00:00Z");

    private static ProxiedDatabase proxied;

    private static Database database;
    private static HandlerQueues queues;
    private static CampaignRows rows;
    private static SqsHandlerFixtures batch;

    @BeforeAll
    static void start() {
        proxied = ProxiedDatabase.create("dispatch_handler");
        database = Database.fromEnvironment(Env.of(proxied.env()));
        queues = HandlerQueues.create("dispatch-handler", QueueTopology.all().stream().map(QueueSettings::name).toList());
        rows = new CampaignRows(proxied.direct());
        for (int n = 1; n <= 4; n++) {
            rows.campaign(campaign(n), "owner", "ACCEPTED", 2, NOW);
            rows.contact(campaign(n), 1, "+1212555" + n + "101");
            rows.contact(campaign(n), 2, "+1212555" + n + "102");
        }
        var handler = new DispatcherHandler(database, new SqsPublisher(queues.client()), QueueUrls.forFunction(FunctionCatalog.DISPATCHER, queues.urls()), Clock.fixed(NOW, ZoneOffset.UTC));
        batch = new SqsHandlerFixtures(handler, () -> LocalLambdaContext.of(DispatcherHandler.FUNCTION, Duration.ofMinutes(5)));
    }

    @AfterAll
    static void stop() {
        database.close();
        queues.close();
    }

    @Test
    void aValidMessageFansItsCampaignOut() {
        List<String> failed = batch.failedMessageIds("dispatch-valid.json");

        assertThat(failed).isEmpty();
        assertThat(rows.campaignStatus(campaign(1))).isEqualTo("RUNNING");
        assertThat(rows.tasksOf(campaign(1))).isEqualTo(2);
    }

    @Test
    void aMalformedBodyIsReportedAloneAndItsNeighbourIsDone() {
        List<String> failed = batch.failedMessageIds("dispatch-malformed.json");

        assertThat(failed).containsExactly("5f1d7c3e-0002-4a55-9c1e-000000000002");
        assertThat(rows.campaignStatus(campaign(2))).isEqualTo("RUNNING");
    }

    @Test
    void anUnknownMessageTypeIsReportedAloneAndItsNeighbourIsDone() {
        List<String> failed = batch.failedMessageIds("dispatch-unknown-type.json");

        assertThat(failed).containsExactly("5f1d7c3e-0005-4a55-9c1e-000000000005");
        assertThat(rows.campaignStatus(campaign(3))).isEqualTo("RUNNING");
    }

    @Test
    void theSameMessageTwiceInOneBatchFansOutOnce() {
        List<String> failed = batch.failedMessageIds("dispatch-duplicate.json");

        assertThat(failed).isEmpty();
        assertThat(rows.tasksOf(campaign(4))).isEqualTo(2);
        List<String> enrich = queues.drain(QueueTopology.ENRICH).stream()
                .filter(body -> Messages.read(body, DialTaskMessage.class).campaignId().equals(campaign(4))).toList();
        assertThat(enrich).hasSize(2);
    }

    private static UUID campaign(int n) {
        return UUID.fromString(String.format("cafe0000-0000-4000-8000-%012d", n));
    }
}
