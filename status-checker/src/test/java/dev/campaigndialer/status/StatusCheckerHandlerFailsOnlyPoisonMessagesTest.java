package dev.campaigndialer.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.campaigndialer.core.config.Env;
import dev.campaigndialer.core.domain.CampaignStatus;
import dev.campaigndialer.core.function.FunctionCatalog;
import dev.campaigndialer.core.telephony.CallRequest;
import dev.campaigndialer.core.telephony.CallTracking;
import dev.campaigndialer.core.telephony.SimulatedCarrier;
import dev.campaigndialer.core.time.TimeScale;
import dev.campaigndialer.db.Database;
import dev.campaigndialer.testkit.CampaignRows;
import dev.campaigndialer.core.queue.QueueTopology;
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
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * status-checker's handler fed AWS-shaped SQS events (src/test/resources/events) through the
 * Lambda runtime's serializer, against PostgreSQL behind PgBouncer, ElasticMQ and the simulated
 * carrier: a poison message is reported alone, its neighbour's call outcome is recorded, and the
 * same poll twice records the outcome once.
 */
class StatusCheckerHandlerFailsOnlyPoisonMessagesTest {

    private static final Instant NOW = Instant.parse("2026-11-23T20:00:00Z");

    private static ProxiedDatabase proxied;

    private static Database database;
    private static HandlerQueues queues;
    private static CampaignRows rows;
    private static final SimulatedCarrier CARRIER = new SimulatedCarrier(0, 0);
    private static SqsHandlerFixtures batch;

    @BeforeAll
    static void start() {
        proxied = ProxiedDatabase.create("status_handler");
        database = Database.fromEnvironment(Env.of(proxied.env()));
        queues = HandlerQueues.create("status-handler", QueueTopology.all().stream().map(QueueSettings::name).toList());
        rows = new CampaignRows(proxied.direct());
        rows.campaign(campaign(), "owner", "RUNNING", 4, NOW);
        for (int n = 1; n <= 4; n++) {
            String phone = "+1212555010" + n;
            String callId = CARRIER.place(new CallRequest(task(n).toString(), phone, "+14155550100", 1)).callId();
            rows.task(task(n), campaign(), rows.contact(campaign(), n, phone), "DIALING", callId, NOW);
        }
        var handler = new StatusCheckerHandler(database, CARRIER, new SqsPublisher(queues.client()), QueueUrls.forFunction(FunctionCatalog.STATUS_CHECKER, queues.urls()),
                new StatusService.Polling(Duration.ofSeconds(10), Duration.ofSeconds(900), TimeScale.REAL_TIME),
                Clock.fixed(NOW, ZoneOffset.UTC), Optional.empty(), CallTracking.POLLING);
        batch = new SqsHandlerFixtures(handler, () -> LocalLambdaContext.of(StatusCheckerHandler.FUNCTION));
    }

    @AfterAll
    static void stop() {
        database.close();
        queues.close();
    }

    @Test
    void aValidMessageRecordsItsCallsOutcome() {
        List<String> failed = batch.failedMessageIds("status-valid.json");

        assertThat(failed).isEmpty();
        assertThat(rows.taskStatus(task(1))).isEqualTo("ANSWERED");
    }

    @Test
    void aMalformedBodyIsReportedAloneAndItsNeighbourIsDone() {
        List<String> failed = batch.failedMessageIds("status-malformed.json");

        assertThat(failed).containsExactly("5f1d7c3e-0002-4a55-9c1e-000000000002");
        assertThat(rows.taskStatus(task(2))).isEqualTo("ANSWERED");
    }

    @Test
    void anUnknownMessageTypeIsReportedAloneAndItsNeighbourIsDone() {
        List<String> failed = batch.failedMessageIds("status-unknown-type.json");

        assertThat(failed).containsExactly("5f1d7c3e-0005-4a55-9c1e-000000000005");
        assertThat(rows.taskStatus(task(3))).isEqualTo("ANSWERED");
    }

    @Test
    void theSameMessageTwiceInOneBatchRecordsTheOutcomeOnce() {
        List<String> failed = batch.failedMessageIds("status-duplicate.json");

        assertThat(failed).isEmpty();
        assertThat(rows.taskStatus(task(4))).isEqualTo("ANSWERED");
        assertThat(rows.tasksOf(campaign())).as("no second attempt for an answered call").isEqualTo(4);
    }

    private static UUID campaign() {
        return UUID.fromString("cafe0000-0000-4000-8000-000000000001");
    }

    private static UUID task(int n) {
        return UUID.fromString(String.format("7a5c0000-0000-4000-8000-%012d", n));
    }
}
