package dev.campaigndialer.system.window;

import static dev.campaigndialer.system.window.WindowStack.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.campaigndialer.core.message.DialTaskMessage;
import dev.campaigndialer.core.message.Messages;
import dev.campaigndialer.core.queue.QueueTopology;
import dev.campaigndialer.localaws.ConnectEndpoint;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A task left DIALING without a call id (the dialer died between the claim and the carrier, or the
 * carrier refused) is placed again only through the claim's checks: not while its campaign is
 * paused, not once its number is on the DNC list, not after its window closed; and a placement
 * that fails every time ends PLACEMENT_FAILED after the cap instead of being re-driven forever.
 * The tasks are put into that state directly in the database, then the dialer gets their message,
 * as after a crash. The functions' clock reads 03:00 in New York (the window is closed there), in
 * real time.
 */
class ClaimedButUnplacedTasksPassTheSameChecksTest {

    private static final Instant THREE_AM_NEW_YORK = Instant.parse("2026-11-23T08:00:00Z");
    private static final Instant NEW_YORK_OPENS = Instant.parse("2026-11-23T14:00:00Z");

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void theClaimsChecksApplyToPlacingAgain() throws Exception {
        List<String> phones = WindowStack.numbers("212", "235", 0, 5);
        try (WindowStack local = WindowStack.start(THREE_AM_NEW_YORK, 1)) {
            UUID campaign = local.submit("Unplaced", phones, 5, 2);
            await("every task SCHEDULED for 09:00", Duration.ofSeconds(60),
                    () -> local.campaign(campaign).path("tasks").path("SCHEDULED").asInt() == phones.size());
            assertThat(Instant.parse(local.campaign(campaign).path("nextCallAt").asText())).isEqualTo(NEW_YORK_OPENS);
            Map<String, UUID> tasks = tasksByPhone(local, campaign);
            Instant now = local.now();

            // Control: claimed, never placed, window open, campaign running, not on DNC → placed again.
            leftDialing(local, tasks.get(phones.get(0)), now.minusSeconds(3600), now.plusSeconds(3600));
            // On the owner's DNC list since the claim → SUPPRESSED, no call.
            assertThat(local.owner.post("/dnc", "{\"phones\": [\"" + phones.get(1) + "\"]}").status()).isEqualTo(200);
            leftDialing(local, tasks.get(phones.get(1)), now.minusSeconds(3600), now.plusSeconds(3600));
            // Its window closed since the claim → SCHEDULED at the next opening, no call.
            leftDialing(local, tasks.get(phones.get(2)), now.minusSeconds(7200), now.minusSeconds(3600));
            for (int i = 0; i < 3; i++) {
                sendDialMessage(local, tasks.get(phones.get(i)), campaign);
            }
            await("the control call placed and finished", Duration.ofSeconds(60),
                    () -> !status(local, tasks.get(phones.get(0))).equals("DIALING"));
            await("the DNC'd and the closed task handled", Duration.ofSeconds(30),
                    () -> status(local, tasks.get(phones.get(1))).equals("SUPPRESSED")
                            && status(local, tasks.get(phones.get(2))).equals("SCHEDULED"));
            assertThat(placedPhones(local)).containsExactly(phones.get(0));
            assertThat(notBefore(local, tasks.get(phones.get(2)))).isEqualTo(NEW_YORK_OPENS);

            // Paused campaign → back to READY (parked for resume), no call.
            assertThat(local.control(campaign, "pause")).isEqualTo("PAUSED");
            leftDialing(local, tasks.get(phones.get(3)), now.minusSeconds(3600), now.plusSeconds(3600));
            sendDialMessage(local, tasks.get(phones.get(3)), campaign);
            await("the paused campaign's task parked", Duration.ofSeconds(30),
                    () -> status(local, tasks.get(phones.get(3))).equals("READY"));
            assertThat(placedPhones(local)).containsExactly(phones.get(0));
            await("every freed call slot counted back", Duration.ofSeconds(30),
                    () -> callsInProgress(local, campaign) == 0);
        }
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aPlacementThatAlwaysFailsEndsPlacementFailedAndTheCampaignCompletes() throws Exception {
        try (WindowStack local = WindowStack.start(THREE_AM_NEW_YORK, 1)) {
            // A refusal retrying cannot fix: it counts towards the cap (a throttle or a 5xx would not).
            local.stack.connect().refuseStarts(ConnectEndpoint.Refusal.DESTINATION_NOT_ALLOWED);
            // 17:00 in Tokyo: the window is open for these two contacts.
            UUID campaign = local.submitContacts("Connect refuses", List.of(
                    "{\"phone\": \"+12122360001\", \"timezone\": \"Asia/Tokyo\"}",
                    "{\"phone\": \"+12122360002\", \"timezone\": \"Asia/Tokyo\"}"), 5, 2);

            await("campaign COMPLETED", Duration.ofMinutes(3),
                    () -> local.campaign(campaign).path("status").asText().equals("COMPLETED"));

            JsonNode report = local.report(campaign);
            assertThat(report.path("outcomes").path("FAILED").asInt()).isEqualTo(2);
            assertThat(report.path("attempts").path("total").asInt()).as("calls placed").isZero();
            assertThat(query(local, "SELECT outcome_reason || ':' || placement_failures FROM dial_tasks WHERE campaign_id = ?",
                    campaign)).containsExactly("PLACEMENT_FAILED:5", "PLACEMENT_FAILED:5");
            assertThat(local.stack.connect().startRequestBodies()).as("placements tried").hasSizeGreaterThanOrEqualTo(10);
            assertThat(local.stack.queues().deadLetterDepth(QueueTopology.DIAL).total()).as("dial DLQ").isZero();
            assertThat(callsInProgress(local, campaign)).isZero();
        }
    }

    private static void leftDialing(WindowStack local, UUID task, Instant opens, Instant closes) throws SQLException {
        try (Connection connection = local.stack.directDatabase().getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement update = connection.prepareStatement("""
                    UPDATE dial_tasks SET status = 'DIALING', provider_call_id = NULL, dial_started_at = ?,
                        window_opens_at = ?, window_closes_at = ? WHERE id = ? AND status = 'SCHEDULED'""")) {
                update.setTimestamp(1, Timestamp.from(local.now()));
                update.setTimestamp(2, Timestamp.from(opens));
                update.setTimestamp(3, Timestamp.from(closes));
                update.setObject(4, task);
                assertThat(update.executeUpdate()).isEqualTo(1);
            }
            try (PreparedStatement slot = connection.prepareStatement(
                    "UPDATE campaigns SET calls_in_progress = calls_in_progress + 1 WHERE id = (SELECT campaign_id FROM dial_tasks WHERE id = ?)")) {
                slot.setObject(1, task);
                slot.executeUpdate();
            }
            connection.commit();
        }
    }

    private static void sendDialMessage(WindowStack local, UUID task, UUID campaign) {
        local.stack.sqs().sendMessage(request -> request.queueUrl(local.stack.queues().queue(QueueTopology.DIAL).url())
                .messageBody(Messages.write(DialTaskMessage.of(task, campaign))));
    }

    private static List<String> placedPhones(WindowStack local) {
        return local.placements().stream().map(ConnectEndpoint.Placement::phone).toList();
    }

    private static Map<String, UUID> tasksByPhone(WindowStack local, UUID campaign) throws SQLException {
        Map<String, UUID> tasks = new LinkedHashMap<>();
        for (String row : query(local, "SELECT c.phone_e164 || ' ' || t.id FROM dial_tasks t JOIN contacts c ON c.id = "
                + "t.contact_id WHERE t.campaign_id = ?", campaign)) {
            String[] parts = row.split(" ");
            tasks.put(parts[0], UUID.fromString(parts[1]));
        }
        return tasks;
    }

    private static String status(WindowStack local, UUID task) {
        try {
            return query(local, "SELECT status FROM dial_tasks WHERE id = ?", task).get(0);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Instant notBefore(WindowStack local, UUID task) throws SQLException {
        return Instant.parse(query(local, "SELECT to_char(not_before AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') "
                + "FROM dial_tasks WHERE id = ?", task).get(0));
    }

    private static int callsInProgress(WindowStack local, UUID campaign) {
        try {
            return Integer.parseInt(query(local, "SELECT calls_in_progress::text FROM campaigns WHERE id = ?", campaign).get(0));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> query(WindowStack local, String sql, UUID id) throws SQLException {
        try (Connection connection = local.stack.directDatabase().getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, id);
            try (ResultSet rows = statement.executeQuery()) {
                var values = new java.util.ArrayList<String>();
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
                return values;
            }
        }
    }
}
