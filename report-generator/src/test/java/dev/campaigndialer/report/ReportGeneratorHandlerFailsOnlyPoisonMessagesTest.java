package dev.campaigndialer.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.campaigndialer.core.config.Env;
import dev.campaigndialer.core.domain.CampaignStatus;
import dev.campaigndialer.db.Database;
import dev.campaigndialer.testkit.CampaignRows;
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
 * The report generator's handler fed AWS-shaped SQS events (src/test/resources/events) through the
 * Lambda runtime's serializer, against PostgreSQL behind PgBouncer: a poison message is reported
 * alone, its neighbour's report is stored, and the same message twice stores one report.
 */
class ReportGeneratorHandlerFailsOnlyPoisonMessagesTest {

    private static final Instant NOW = Instant.parse("2026-11-23T20:00:00Z");

    private static ProxiedDatabase proxied;

    private static Database database;
    private static CampaignRows rows;
    private static SqsHandlerFixtures batch;

    @BeforeAll
    static void start() {
        proxied = ProxiedDatabase.create("report_handler");
        database = Database.fromEnvironment(Env.of(proxied.env()));
        rows = new CampaignRows(proxied.direct());
        for (int n = 1; n <= 4; n++) {
            rows.campaign(campaign(n), "owner", "COMPLETED", 0, NOW);
        }
        var handler = new ReportGeneratorHandler(database, Clock.fixed(NOW, ZoneOffset.UTC));
        batch = new SqsHandlerFixtures(handler, () -> LocalLambdaContext.of(ReportGeneratorHandler.FUNCTION));
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    @Test
    void aValidMessageStoresTheReport() {
        List<String> failed = batch.failedMessageIds("report-valid.json");

        assertThat(failed).isEmpty();
        assertThat(rows.storedReportStatus(campaign(1))).contains("COMPLETED");
    }

    @Test
    void aMalformedBodyIsReportedAloneAndItsNeighbourIsDone() {
        List<String> failed = batch.failedMessageIds("report-malformed.json");

        assertThat(failed).containsExactly("5f1d7c3e-0002-4a55-9c1e-000000000002");
        assertThat(rows.storedReportStatus(campaign(2))).contains("COMPLETED");
    }

    @Test
    void anUnknownMessageTypeIsReportedAloneAndItsNeighbourIsDone() {
        List<String> failed = batch.failedMessageIds("report-unknown-type.json");

        assertThat(failed).containsExactly("5f1d7c3e-0005-4a55-9c1e-000000000005");
        assertThat(rows.storedReportStatus(campaign(3))).contains("COMPLETED");
    }

    @Test
    void theSameMessageTwiceInOneBatchStoresOneReport() {
        List<String> failed = batch.failedMessageIds("report-duplicate.json");

        assertThat(failed).isEmpty();
        assertThat(rows.storedReportStatus(campaign(4))).contains("COMPLETED");
        int reports = database.jdbi().withHandle(handle -> handle.createQuery(
                "SELECT count(*) FROM reports WHERE campaign_id = :id").bind("id", campaign(4)).mapTo(Integer.class).one());
        assertThat(reports).isEqualTo(1);
    }

    private static UUID campaign(int n) {
        return UUID.fromString(String.format("cafe0000-0000-4000-8000-%012d", n));
    }
}
