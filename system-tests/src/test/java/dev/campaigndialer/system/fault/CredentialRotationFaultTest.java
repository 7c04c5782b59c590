package dev.campaigndialer.system.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.campaigndialer.local.lambda.FunctionRuntime;
import dev.campaigndialer.report.CampaignReport;
import dev.campaigndialer.system.SystemStack;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Scenario 5: mid-campaign the database password is rotated (PostgreSQL, the proxy's user list and
 * the Secrets Manager secret, as RDS rotation does) and the proxy is then restarted, so that every
 * function container's pooled connection must log in again: each container's next login fails
 * once, it re-reads the secret, and the campaign completes without losing a message.
 */
@ExtendWith(ReliabilityTable.class)
class CredentialRotationFaultTest {

    @Test
    void passwordRotatedMidCampaignCostsOneSecretReadPerContainerAndNoMessage() throws Exception {
        var row = ReliabilityTable.row("5", "Credential rotation",
                "after 30 % of the calls: password changed in PostgreSQL, PgBouncer and the secret, the proxy "
                        + "restarted (every container's connection dropped) → old password refused, containers "
                        + "re-read the secret; COMPLETED, exact report, calls exact per number");
        var system = SystemStack.shared();
        var campaign = FaultCampaign.on(system, "rotation", "566");
        var database = system.stack.database();
        String oldPassword = database.endpoint().password();
        campaign.submit(10);
        int total = campaign.expected.totalCalls();
        system.await("30 % of the calls", Duration.ofSeconds(120), () -> calls(campaign) >= total * 3 / 10);
        int readsBefore = system.stack.secretReads();
        long callsAtRotation = calls(campaign);
        int batchesBefore = system.batches().size();
        system.stack.rotateDatabasePassword("rotated-" + UUID.randomUUID());
        database.stopProxy();
        database.startProxy();
        CampaignReport report = campaign.awaitReport(Duration.ofSeconds(180));
        int secretReads = system.stack.secretReads() - readsBefore;
        List<SystemStack.Batch> batches = system.batches();
        int failedAfter = batches.subList(batchesBefore, batches.size()).stream()
                .mapToInt(batch -> batch.messages().size() - batch.deleted().size()).sum();
        int containers = system.stack.functions().values().stream().mapToInt(FunctionRuntime::containersStarted).sum();
        var deadLetters = system.takeDeadLetters();
        int realDeadLetters = deadLetters.values().stream().mapToInt(List::size).sum();

        campaign.measure(row);
        row.figure("calls before rotation", callsAtRotation)
                .figure("secret re-reads after rotation", secretReads + " (" + containers + " containers)")
                .figure("messages returned after rotation", failedAfter)
                .figure("real messages DLQ'd", FaultCampaign.describe(deadLetters));

        var direct = (PGSimpleDataSource) system.stack.directDatabase();
        String url = "jdbc:postgresql://" + direct.getServerNames()[0] + ":" + direct.getPortNumbers()[0] + "/"
                + direct.getDatabaseName();
        assertThatThrownBy(() -> DriverManager.getConnection(url, database.endpoint().user(), oldPassword).close())
                .as("the old password no longer logs in").isInstanceOf(SQLException.class);
        assertThat(callsAtRotation).as("rotated mid-campaign").isLessThan(total);
        // Every container re-reads the secret at most once.
        assertThat(secretReads).as("secret re-reads").isBetween(1, containers);
        campaign.assertExact(report);
        assertThat(realDeadLetters).as("messages dead-lettered").isZero();
    }

    private static long calls(FaultCampaign campaign) {
        return campaign.expected.dialledNumbers().stream().mapToLong(campaign.system.carrier()::placedCallsTo).sum();
    }
}
