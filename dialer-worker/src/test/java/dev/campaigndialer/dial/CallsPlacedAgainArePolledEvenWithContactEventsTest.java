package dev.campaigndialer.dial;

import static org.assertj.core.api.Assertions.assertThat;

import dev.campaigndialer.core.calling.CallTiming;
import dev.campaigndialer.core.config.Env;
import dev.campaigndialer.core.function.FunctionCatalog;
import dev.campaigndialer.core.message.DialTaskMessage;
import dev.campaigndialer.core.message.Messages;
import dev.campaigndialer.core.queue.QueueSettings;
import dev.campaigndialer.core.queue.QueueTopology;
import dev.campaigndialer.core.sqs.QueueUrls;
import dev.campaigndialer.core.sqs.SqsPublisher;
import dev.campaigndialer.core.telephony.CallTracking;
import dev.campaigndialer.core.telephony.SimulatedCarrier;
import dev.campaigndialer.db.Database;
import dev.campaigndialer.localaws.LocalLambdaContext;
import dev.campaigndialer.testkit.CampaignRows;
import dev.campaigndialer.testkit.HandlerQueues;
import dev.campaigndialer.testkit.ProxiedDatabase;
import dev.campaigndialer.testkit.SqsHandlerFixtures;
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
 * With contact events on, the dialer sends no status message: the call's DISCONNECTED event is
 * one. A task DIALING without a call id (its placement's call id was never recorded, e.g. the
 * database was down) is the exception. Its events may have come while no task had its contact,
 * found nothing and been dropped, and Connect answers the same ClientToken with that same
 * contact. Left to the fallback poll, its outcome (and its campaign's call slot) waited ring
 * timeout + 30 s: the credential-rotation system test spent ~80 s on it. It is polled now.
 */
class CallsPlacedAgainArePolledEvenWithContactEventsTest {

    private static final Instant NOW = Instant.parse("2026-11-23T20:00:00Z");
    private static final UUID CAMPAIGN = UUID.fromString("cafe0000-0000-4000-8000-0000000000a0");
    private static final UUID FRESH = UUID.fromString("7a5c0000-0000-4000-8000-0000000000a1");
    private static final UUID PLACED_AGAIN = UUID.fromString("7a5c0000-0000-4000-8000-0000000000a2");
    private static final SimulatedCarrier CARRIER = new SimulatedCarrier(0, 1);
    private static final CallTracking CONTACT_EVENTS = new CallTracking(true, Duration.ofSeconds(60), Duration.ofSeconds(30));

    private static ProxiedDatabase proxied;
    private static Database database;
    private static HandlerQueues queues;
    private static CampaignRows rows;
    private static SqsHandlerFixtures batch;

    @BeforeAll
    static void start() {
        proxied = ProxiedDatabase.create("placed_again");
        database = Database.fromEnvironment(Env.of(proxied.env()));
        queues = HandlerQueues.create("placed-again", QueueTopology.all().stream().map(QueueSettings::name).toList());
        rows = new CampaignRows(proxied.direct());
        rows.campaign(CAMPAIGN, "owner", "RUNNING", 2, NOW);
        rows.task(FRESH, CAMPAIGN, rows.contact(CAMPAIGN, 1, "+12125550111"), "READY", null, NOW);
        rows.task(PLACED_AGAIN, CAMPAIGN, rows.contact(CAMPAIGN, 2, "+12125550112"), "DIALING", null, NOW);
        // A status poll delay of 0 s, so the check is visible at once.
        var handler = new DialerWorkerHandler(database, CARRIER, new SqsPublisher(queues.client()),
                QueueUrls.forFunction(FunctionCatalog.DIALER_WORKER, queues.urls()),
                new DialService.Pacing(Duration.ZERO, Duration.ofSeconds(3)), CallTiming.DEFAULT,
                Clock.fixed(NOW, ZoneOffset.UTC), Optional.empty(), CONTACT_EVENTS);
        batch = new SqsHandlerFixtures(handler, () -> LocalLambdaContext.of(DialerWorkerHandler.FUNCTION));
    }

    @AfterAll
    static void stop() {
        database.close();
        queues.close();
    }

    @Test
    void onlyTheCallPlacedAgainGetsAStatusCheck() {
        List<String> failed = batch.failedMessageIds("dial-placed-again.json");

        assertThat(failed).isEmpty();
        assertThat(rows.taskStatus(FRESH)).isEqualTo("DIALING");
        assertThat(rows.taskStatus(PLACED_AGAIN)).isEqualTo("DIALING");
        assertThat(CARRIER.placedCallsTo("+12125550111")).isEqualTo(1);
        assertThat(CARRIER.placedCallsTo("+12125550112")).isEqualTo(1);
        List<UUID> checked = queues.drain(QueueTopology.STATUS).stream()
                .map(body -> Messages.read(body, DialTaskMessage.class).taskId()).toList();
        assertThat(checked).as("status checks sent by the dialer").containsExactly(PLACED_AGAIN);
    }
}
