package dev.campaigndialer.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.campaigndialer.core.config.Env;
import dev.campaigndialer.core.domain.CampaignStatus;
import dev.campaigndialer.core.function.FunctionCatalog;
import dev.campaigndialer.core.message.CampaignAccepted;
import dev.campaigndialer.core.message.Messages;
import dev.campaigndialer.core.queue.QueueTopology;
import dev.campaigndialer.db.DataRetention;
import dev.campaigndialer.db.Database;
import dev.campaigndialer.testkit.CampaignRows;
import dev.campaigndialer.core.queue.QueueSettings;
import dev.campaigndialer.core.sqs.QueueUrls;
import dev.campaigndialer.core.sqs.SqsPublisher;
import dev.campaigndialer.testkit.HandlerQueues;
import dev.campaigndialer.testkit.ProxiedDatabase;
import dev.campaigndialer.testkit.LambdaEvents;
import dev.campaigndialer.localaws.LocalLambdaContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The minute sweep's handler fed EventBridge's scheduled event (src/test/resources/events) through
 * the Lambda runtime's serializer, against PostgreSQL behind PgBouncer and ElasticMQ: a campaign
 * whose fan-out has not moved for an hour gets its dispatch message again; one accepted a minute
 * ago is left to its own message.
 */
class MinuteSweepHandlerRedrivesStuckDispatchTest {

    private static final Instant NOW = Instant.parse("2026-11-23T20:00:00Z");
    private static final UUID STUCK = UUID.fromString("cafe0000-0000-4000-8000-000000000009");
    private static final UUID FRESH = UUID.fromString("cafe0000-0000-4000-8000-000000000010");

    private static ProxiedDatabase proxied;

    private static Database database;
    private static HandlerQueues queues;
    private static MinuteSweepHandler handler;

    @BeforeAll
    static void start() {
        proxied = ProxiedDatabase.create("sweep_handler");
        database = Database.fromEnvironment(Env.of(proxied.env()));
        queues = HandlerQueues.create("sweep-handler", QueueTopology.all().stream().map(QueueSettings::name).toList());
        var rows = new CampaignRows(proxied.direct());
        rows.campaign(STUCK, "owner", "ACCEPTED", 0, NOW.minus(Duration.ofHours(1)));
        rows.campaign(FRESH, "owner", "ACCEPTED", 0, NOW.minus(Duration.ofMinutes(1)));
        handler = new MinuteSweepHandler(database, new SqsPublisher(queues.client()), QueueUrls.forFunction(FunctionCatalog.MINUTE_SWEEP, queues.urls()), MinuteSweep.Thresholds.defaults(),
                DataRetention.Policy.retainingDays(30), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterAll
    static void stop() {
        database.close();
        queues.close();
    }

    @Test
    void aScheduledEventRedrivesTheCampaignWhoseFanOutStalled() {
        ScheduledEvent event = LambdaEvents.fromResource("minute-schedule.json", ScheduledEvent.class);

        Map<String, Integer> done = handler.handleRequest(event, LocalLambdaContext.of(MinuteSweepHandler.FUNCTION));

        assertThat(done).containsEntry("dispatchRedriven", 1);
        assertThat(queues.drain(QueueTopology.DISPATCH)).containsExactly(Messages.write(CampaignAccepted.of(STUCK)));
    }
}
