package dev.campaigndialer.system.fault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.campaigndialer.core.telephony.SimulatedCarrier;
import dev.campaigndialer.db.testing.ProxiedDatabase;
import dev.campaigndialer.report.CampaignReport;
import dev.campaigndialer.system.pipeline.Pipeline;
import dev.campaigndialer.testkit.PgBouncer;
import dev.campaigndialer.testkit.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scenario 4: mid-campaign, the proxy (PgBouncer) is stopped for 15 s and started again, then
 * PostgreSQL itself is stopped for 15 s and restarted on the same port and data directory. Functions
 * fail, their messages return, and the campaign completes with exact counts and exactly the
 * expected calls. A dedicated server and proxy, so the JVM-shared ones other tests use stay up.
 *
 * <p>No dead-letter queues here: the harness's visibility timeout is 3 s where AWS's is 360 s, so a
 * 15 s outage spends several receives of a message where in AWS it spends one. Dead-lettering is
 * scenario 2's subject; this one counts the receives and checks that every returned message is
 * processed after the recovery.
 */
@ExtendWith(ReliabilityTable.class)
class DatabaseOutageFaultTest {

    private static final Duration OUTAGE = Duration.ofSeconds(15);

    @Test
    void proxyThenDatabaseDownForFifteenSecondsEachAndTheCampaignStillCompletesExactly() throws Exception {
        var row = ReliabilityTable.row("4", "Database outage",
                "after 20 % of the calls: PgBouncer stopped 15 s, restarted; once calls flow again and every message "
                        + "returned meanwhile has been retried, PostgreSQL stopped 15 s, restarted (same port and data) "
                        + "→ functions fail, messages return; COMPLETED, exact report, calls exact per number. No DLQs: the "
                        + "harness's 3 s visibility timeout (AWS: 360 s) would spend receives AWS would not");
        Path data = Files.createTempDirectory("pg-outage");
        PostgresServer server = PostgresServer.startEmbedded(Map.of("max_connections", "100"), data);
        // Retry PostgreSQL every second once it is back, rather than pgbouncer's default 15 s.
        PgBouncer proxy = PgBouncer.start(server, PgBouncer.Settings.defaults().withServerLoginRetrySeconds(1));
        try {
            ProxiedDatabase proxied = ProxiedDatabase.create("outage", server, proxy);
            var carrier = new SimulatedCarrier(20, 2);
            try (var pipeline = new Pipeline(carrier, Pipeline.setup().database(proxied))) {
                var campaign = FaultCampaign.on(pipeline, "outage");
                // Messages some invocation finished, and those returned (their step failed) in the current outage.
                Set<String> succeeded = ConcurrentHashMap.newKeySet();
                AtomicReference<Set<String>> returned = new AtomicReference<>();
                pipeline.onBatch(batch -> batch.messages().forEach(message -> {
                    Set<String> outage = returned.get();
                    if (batch.succeeded().contains(message.messageId())) {
                        succeeded.add(message.messageId());
                    } else if (outage != null) {
                        outage.add(message.messageId());
                    }
                }));
                // Three calls at a time, so the campaign is still running when the second outage starts.
                campaign.submit(3);
                CampaignReport report;
                int callsBeforeProxyOutage;
                int callsBeforeDatabaseOutage;
                List<String> outages = new ArrayList<>();
                try (var running = pipeline.start()) {
                    running.await(() -> carrier.placedCalls() >= ExpectedOutcomes.totalCalls() / 5, Duration.ofSeconds(120));
                    callsBeforeProxyOutage = carrier.placedCalls();
                    outages.add(outage(running, pipeline, carrier, succeeded, returned, proxy::stop, proxy::start));
                    callsBeforeDatabaseOutage = carrier.placedCalls();
                    assertThat(campaign.reportStored()).as("still running when the database goes down").isFalse();
                    outages.add(outage(running, pipeline, carrier, succeeded, returned, server::stop, server::restart));
                    report = campaign.awaitReport(running, Duration.ofSeconds(180));
                }

                campaign.measure(row);
                row.figure("calls before the proxy / the database stopped", callsBeforeProxyOutage + " / "
                                + callsBeforeDatabaseOutage)
                        .figure("proxy down", outages.get(0))
                        .figure("database down", outages.get(1))
                        .figure("most receives of one message", pipeline.mostReceives() + " (no DLQs in this scenario)");

                ExpectedOutcomes.assertReport(report);
                ExpectedOutcomes.assertFinalOutcomes(pipeline.finalOutcomes(campaign.id));
                ExpectedOutcomes.assertCarrier(carrier);
            }
        } finally {
            proxy.close();
            server.close();
            try (var files = Files.walk(data)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    /**
     * One outage: down for 15 s, up again, then wait until calls flow (ten more placed) and every
     * message returned during the outage has since been processed by some invocation (recovery, not
     * just a restart). Asserts that functions did fail; returns the figures.
     */
    private static String outage(Pipeline.Running running, Pipeline pipeline, SimulatedCarrier carrier,
            Set<String> succeeded, AtomicReference<Set<String>> returned, Runnable stop, Runnable start)
            throws InterruptedException {
        Set<String> returnedNow = ConcurrentHashMap.newKeySet();
        int failedBefore = failed(pipeline);
        returned.set(returnedNow);
        stop.run();
        Thread.sleep(OUTAGE.toMillis());
        start.run();
        int calls = carrier.placedCalls();
        running.await(() -> carrier.placedCalls() >= Math.min(calls + 10, ExpectedOutcomes.totalCalls())
                && succeeded.containsAll(returnedNow), Duration.ofSeconds(120));
        returned.set(null);
        int failedSteps = failed(pipeline) - failedBefore;
        assertThat(failedSteps).as("messages whose function failed during the outage").isPositive();
        return "function failures " + failedSteps + ", distinct messages returned " + returnedNow.size()
                + ", all processed since";
    }

    private static int failed(Pipeline pipeline) {
        return pipeline.failedMessages().values().stream().mapToInt(Integer::intValue).sum();
    }
}
