package dev.campaigndialer.system.fault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.campaigndialer.report.CampaignReport;
import dev.campaigndialer.system.SystemStack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Scenario 4: mid-campaign, the proxy (PgBouncer) is stopped for 15 s and started again, then
 * PostgreSQL itself is stopped for 15 s and restarted on the same port and data directory, under
 * the functions running from their jars on the local stack. Functions fail, their messages return,
 * and the campaign completes with exact counts and exactly the expected calls.
 *
 * <p>The queues keep their DLQs (maxReceiveCount 5) with a 15 s visibility timeout (AWS: 360 s), so
 * that an outage (15 s, and up to 15 s more while PgBouncer waits to log in to a restarted server)
 * spends at most three receives of a message: dead-lettering is scenario 2's subject. This one
 * counts the receives and checks that every message returned during an outage is processed after it.
 */
@ExtendWith(ReliabilityTable.class)
class DatabaseOutageFaultTest {

    private static final Duration OUTAGE = Duration.ofSeconds(15);

    @Test
    void proxyThenDatabaseDownForFifteenSecondsEachAndTheCampaignStillCompletesExactly() throws Exception {
        var row = ReliabilityTable.row("4", "Database outage",
                "after 20 % of the calls: PgBouncer stopped 15 s, restarted; once calls flow again and every message "
                        + "returned meanwhile has been retried, PostgreSQL stopped 15 s, restarted (same port and data) "
                        + "→ functions fail, messages return; COMPLETED, exact report, calls exact per number, nothing "
                        + "dead-lettered (15 s visibility timeout; AWS: 360 s)");
        try (var system = SystemStack.start("outage", SystemStack.Options.defaults().visibilityTimeoutSeconds(15)
                .carrierLatencyMillis(20).restartableDatabase())) {
            var campaign = FaultCampaign.on(system, "outage", "555");
            var database = system.stack.database();
            // Three calls at a time, so the campaign is still running when the second outage starts.
            campaign.submit(3);
            int total = campaign.expected.totalCalls();
            system.await("a fifth of the calls", Duration.ofSeconds(120), () -> calls(campaign) >= total / 5);
            long callsBeforeProxyOutage = calls(campaign);
            List<String> outages = new ArrayList<>();
            outages.add(outage(system, campaign, database::stopProxy, database::startProxy));
            long callsBeforeDatabaseOutage = calls(campaign);
            assertThat(campaign.reportStored()).as("still running when the database goes down").isFalse();
            outages.add(outage(system, campaign, database::stopServer, database::restartServer));
            CampaignReport report = campaign.awaitReport(Duration.ofSeconds(240));
            int realDeadLetters = system.takeDeadLetters().values().stream().mapToInt(List::size).sum();

            campaign.measure(row);
            row.figure("calls before the proxy / the database stopped", callsBeforeProxyOutage + " / "
                            + callsBeforeDatabaseOutage)
                    .figure("proxy down", outages.get(0))
                    .figure("database down", outages.get(1))
                    .figure("most receives of one message", system.mostReceives())
                    .figure("real messages DLQ'd", realDeadLetters);

            campaign.assertExact(report);
            assertThat(realDeadLetters).as("messages dead-lettered").isZero();
        }
    }

    private static long calls(FaultCampaign campaign) {
        return campaign.expected.dialledNumbers().stream().mapToLong(campaign.system.carrier()::placedCallsTo).sum();
    }

    /**
     * Stops, waits out the outage, starts, then waits until calls flow again and every message returned
     * since the stop (its batch settled without deleting it) has been deleted by a later invocation.
     */
    private static String outage(SystemStack system, FaultCampaign campaign, Runnable stop, Runnable start)
            throws InterruptedException {
        int from = system.batches().size();
        stop.run();
        Thread.sleep(OUTAGE.toMillis());
        start.run();
        long calls = calls(campaign);
        int total = campaign.expected.totalCalls();
        system.await("calls flowing and every returned message processed", Duration.ofSeconds(180), () -> {
            Returned returned = Returned.since(system, from);
            return calls(campaign) >= Math.min(calls + 10, total) && returned.deleted.containsAll(returned.messages);
        });
        Returned returned = Returned.since(system, from);
        assertThat(returned.failures).as("messages whose function failed during the outage").isPositive();
        return "function failures " + returned.failures + ", distinct messages returned " + returned.messages.size()
                + ", all processed since";
    }

    /** Over the batches settled since an outage began: messages not deleted (returned), and those deleted. */
    private record Returned(Set<String> messages, Set<String> deleted, int failures) {
        static Returned since(SystemStack system, int from) {
            List<SystemStack.Batch> batches = system.batches();
            Set<String> messages = new HashSet<>();
            Set<String> deleted = new HashSet<>();
            int failures = 0;
            for (SystemStack.Batch batch : batches.subList(from, batches.size())) {
                for (Message message : batch.messages()) {
                    if (batch.deleted(message)) {
                        deleted.add(message.messageId());
                    } else {
                        messages.add(message.messageId());
                        failures++;
                    }
                }
            }
            return new Returned(messages, deleted, failures);
        }
    }
}
