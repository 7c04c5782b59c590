package dev.campaigndialer.db.repository;

import static org.assertj.core.api.Assertions.assertThat;

import dev.campaigndialer.core.config.Env;
import dev.campaigndialer.core.domain.Campaign;
import dev.campaigndialer.core.domain.CampaignStatus;
import dev.campaigndialer.core.domain.ContactCounts;
import dev.campaigndialer.db.Database;
import dev.campaigndialer.testkit.ProxiedDatabase;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every campaign transition is one conditional UPDATE: from a state it does not expect it changes
 * nothing and says so. Pause, resume and cancel used to be unconditional UPDATEs trusting an
 * earlier read; here they refuse on their own, through the transaction-pooling proxy.
 */
class CampaignStatusMovesOnlyFromTheStatesItExpectsTest {

    private static final Instant NOW = Instant.parse("2026-11-23T20:00:00Z");

    private static ProxiedDatabase proxied;

    private static Database database;

    @BeforeAll
    static void open() {
        proxied = ProxiedDatabase.create("transitions");
        database = Database.fromEnvironment(Env.of(proxied.env()));
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @ParameterizedTest(name = "pause from {0}: moves = {1}")
    @CsvSource(textBlock = """
            # from          moves
            ACCEPTED,       true
            DISPATCHING,    true
            RUNNING,        true
            PAUSED,         false
            COMPLETED,      false
            CANCELLED,      false
            REJECTED,       false
            ERASED,         false
            """)
    void pauseMovesOnlyAnActiveCampaignAndRemembersWhereFrom(CampaignStatus from, boolean moves) {
        UUID id = campaignIn(from);

        boolean moved = transitions().pause(id, NOW);

        assertThat(moved).isEqualTo(moves);
        assertThat(status(id)).isEqualTo(moves ? CampaignStatus.PAUSED : from);
        if (moves) {
            assertThat(transitions().resume(id, NOW)).contains(from);
            assertThat(status(id)).isEqualTo(from);
        }
    }

    @ParameterizedTest(name = "cancel from {0}: moves = {1}")
    @CsvSource(textBlock = """
            # from          moves
            ACCEPTED,       true
            DISPATCHING,    true
            RUNNING,        true
            PAUSED,         true
            COMPLETED,      false
            CANCELLED,      false
            REJECTED,       false
            ERASED,         false
            """)
    void cancelMovesOnlyACampaignThatIsNotFinal(CampaignStatus from, boolean moves) {
        UUID id = campaignIn(from);

        boolean moved = transitions().cancel(id, NOW);

        assertThat(moved).isEqualTo(moves);
        assertThat(status(id)).isEqualTo(moves ? CampaignStatus.CANCELLED : from);
    }

    @Test
    void resumeOfACampaignThatIsNotPausedChangesNothing() {
        UUID completed = campaignIn(CampaignStatus.COMPLETED);
        UUID running = campaignIn(CampaignStatus.RUNNING);

        assertThat(transitions().resume(completed, NOW)).isEmpty();
        assertThat(transitions().resume(running, NOW)).isEmpty();

        assertThat(status(completed)).isEqualTo(CampaignStatus.COMPLETED);
        assertThat(status(running)).isEqualTo(CampaignStatus.RUNNING);
    }

    @Test
    void aDuplicatedMoveFindsNothingToDo() {
        UUID id = campaignIn(CampaignStatus.ACCEPTED);

        assertThat(transitions().move(id, CampaignStatus.ACCEPTED, CampaignStatus.DISPATCHING, NOW)).isTrue();
        assertThat(transitions().move(id, CampaignStatus.ACCEPTED, CampaignStatus.DISPATCHING, NOW)).isFalse();
        assertThat(transitions().move(id, CampaignStatus.DISPATCHING, CampaignStatus.RUNNING, NOW)).isTrue();
        // A stale fan-out message must not pull a cancelled campaign back to RUNNING.
        assertThat(transitions().cancel(id, NOW)).isTrue();
        assertThat(transitions().move(id, CampaignStatus.DISPATCHING, CampaignStatus.RUNNING, NOW)).isFalse();
        assertThat(status(id)).isEqualTo(CampaignStatus.CANCELLED);
    }

    @Test
    void completionWaitsForARunningCampaignWithNoOpenTask() {
        UUID running = campaignIn(CampaignStatus.RUNNING);
        UUID paused = campaignIn(CampaignStatus.PAUSED);

        assertThat(transitions().completeIfNoOpenTasks(paused, NOW)).isFalse();
        assertThat(transitions().completeIfNoOpenTasks(running, NOW)).isTrue();
        assertThat(transitions().completeIfNoOpenTasks(running, NOW)).isFalse();
        assertThat(status(running)).isEqualTo(CampaignStatus.COMPLETED);
        assertThat(status(paused)).isEqualTo(CampaignStatus.PAUSED);
    }

    private static CampaignTransitions transitions() {
        return database.jdbi().onDemand(CampaignTransitions.class);
    }

    private static UUID campaignIn(CampaignStatus status) {
        UUID id = UUID.randomUUID();
        database.jdbi().useExtension(CampaignRepository.class, campaigns -> campaigns.insert(new Campaign(id, "owner",
                "transitions", "+14155550100", "US", "America/New_York", LocalTime.of(9, 0), LocalTime.of(20, 0), 3, 0,
                List.of("BUSY"), 10, status, new ContactCounts(0, 0, 0, 0, 0), 0, NOW, NOW, null)));
        return id;
    }

    private static CampaignStatus status(UUID id) {
        return database.jdbi().withExtension(CampaignRepository.class, campaigns -> campaigns.find(id)).orElseThrow()
                .status();
    }
}
