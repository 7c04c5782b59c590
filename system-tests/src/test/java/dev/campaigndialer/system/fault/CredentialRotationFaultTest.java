package dev.campaigndialer.system.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.campaigndialer.core.telephony.SimulatedCarrier;
import dev.campaigndialer.report.CampaignReport;
import dev.campaigndialer.system.pipeline.Pipeline;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scenario 5: mid-campaign the database password is rotated (PostgreSQL, the proxy's user list and
 * the Secrets Manager secret, as RDS rotation does) and every pooled connection is then closed, as
 * maxLifetime or fresh Lambda containers would: each container's next login fails once, it re-reads
 * the secret, and the campaign completes without losing a message.
 */
@ExtendWith(ReliabilityTable.class)
class CredentialRotationFaultTest {

    @Test
    void passwordRotatedMidCampaignCostsOneSecretReadPerContainerAndNoMessage() throws Exception {
        var row = ReliabilityTable.row("5", "Credential rotation",
                "after 30 % of the calls: password changed in PostgreSQL, PgBouncer and the secret, every pooled "
                        + "connection evicted → old password refused, containers re-read the secret; COMPLETED, exact "
                        + "report, calls exact per number");
        var carrier = new SimulatedCarrier(10, 0);
        try (var pipeline = new Pipeline(carrier, Pipeline.setup().deadLetterQueues())) {
            var campaign = FaultCampaign.on(pipeline, "rotation");
            campaign.submit(10);
            String oldPassword = pipeline.proxied.applicationPassword();
            int readsBefore;
            int failedBefore;
            int callsAtRotation;
            CampaignReport report;
            try (var running = pipeline.start()) {
                running.await(() -> carrier.placedCalls() >= ExpectedOutcomes.totalCalls() * 3 / 10, Duration.ofSeconds(120));
                readsBefore = pipeline.proxied.secrets().reads();
                failedBefore = failed(pipeline);
                callsAtRotation = carrier.placedCalls();
                pipeline.proxied.rotatePassword("rotated-" + UUID.randomUUID());
                pipeline.evictConnections();
                report = campaign.awaitReport(running, Duration.ofSeconds(120));
            }
            int secretReads = pipeline.proxied.secrets().reads() - readsBefore;
            int failedAfter = failed(pipeline) - failedBefore;
            var deadLetters = campaign.deadLetters();
            int realDeadLetters = deadLetters.values().stream().mapToInt(List::size).sum();

            campaign.measure(row);
            row.figure("calls before rotation", callsAtRotation)
                    .figure("secret re-reads after rotation", secretReads)
                    .figure("messages failed after rotation", failedAfter)
                    .figure("real messages DLQ'd", FaultCampaign.describe(deadLetters));

            assertThatThrownBy(() -> DriverManager.getConnection(pipeline.proxied.database().directJdbcUrl(),
                    pipeline.proxied.database().applicationUser(), oldPassword).close())
                    .as("the old password no longer logs in").isInstanceOf(SQLException.class);
            assertThat(callsAtRotation).as("rotated mid-campaign").isLessThan(ExpectedOutcomes.totalCalls());
            // Every worker container and the shared pool re-read the secret at most once: 2 per queue, report, shared.
            assertThat(secretReads).as("secret re-reads").isBetween(1, 2 * 4 + 1 + 1);
            ExpectedOutcomes.assertReport(report);
            ExpectedOutcomes.assertFinalOutcomes(pipeline.finalOutcomes(campaign.id));
            ExpectedOutcomes.assertCarrier(carrier);
            assertThat(realDeadLetters).as("messages dead-lettered").isZero();
        }
    }

    private static int failed(Pipeline pipeline) {
        return pipeline.failedMessages().values().stream().mapToInt(Integer::intValue).sum();
    }
}
