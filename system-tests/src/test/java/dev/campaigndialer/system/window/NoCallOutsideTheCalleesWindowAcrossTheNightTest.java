package dev.campaigndialer.system.window;

import static dev.campaigndialer.system.window.WindowStack.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.campaigndialer.localaws.ConnectEndpoint;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 13's defect, on the whole local stack: New York contacts queued behind
 * {@code maxConcurrentCalls 1} kept being dialled after 20:00 local time, and a campaign paused
 * before the close and resumed after it dialled at once. The functions' clock starts at 09:30 in
 * New York and runs 900 times real time ({@code --clock-rate}), so the run crosses the 20:00 close
 * (42 s), the night (52 s) and the next morning's 09:00 opening in about two minutes. Every placement is checked,
 * at the instant the Connect endpoint started it, against the callee's local time in each of the
 * number's zones.
 */
class NoCallOutsideTheCalleesWindowAcrossTheNightTest {

    /** 09:30 in New York (EST) on Monday 2026-11-23; the West opens at 12:00 New York time. */
    private static final Instant MORNING_NEW_YORK = Instant.parse("2026-11-23T14:30:00Z");
    private static final Instant NEW_YORK_CLOSES = Instant.parse("2026-11-24T01:00:00Z");
    private static final Instant LOS_ANGELES_CLOSES = Instant.parse("2026-11-24T04:00:00Z");
    private static final Instant NEW_YORK_OPENS_NEXT_DAY = Instant.parse("2026-11-24T14:00:00Z");

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void callsStopAtTheCloseAndResumeAtTheNextOpeningInEveryZone() throws Exception {
        List<String> newYork = WindowStack.numbers("212", "231", 0, 200);
        List<String> pausedNumbers = WindowStack.numbers("718", "232", 0, 20);
        List<String> losAngeles = WindowStack.numbers("213", "233", 0, 20);
        // 208-555: Idaho numbers libphonenumber places in both Boise (Mountain) and Los Angeles (Pacific).
        List<String> idaho = WindowStack.numbers("208", "555", 100, 10);
        assertThat(idaho).allSatisfy(phone -> assertThat(WindowStack.zonesOf(phone))
                .containsExactlyInAnyOrder(WindowStack.BOISE, WindowStack.LOS_ANGELES));
        try (WindowStack local = WindowStack.start(MORNING_NEW_YORK, 900)) {
            UUID queued = local.submit("New York behind pacing", newYork, 1, 1);
            UUID paused = local.submit("Paused before the close", pausedNumbers, 1, 2);
            // Paused once dialling has begun, with its contacts queued behind its one call slot.
            await("the campaign to pause RUNNING", Duration.ofMinutes(1),
                    () -> local.campaign(paused).path("status").asText().equals("RUNNING"));
            assertThat(local.control(paused, "pause")).isEqualTo("PAUSED");
            Instant pausedAt = local.now();
            assertThat(pausedAt).as("paused before New York's close").isBefore(NEW_YORK_CLOSES);

            await("the clock past 20:05 in New York", Duration.ofMinutes(1),
                    () -> local.now().isAfter(NEW_YORK_CLOSES.plus(Duration.ofMinutes(5))));
            assertThat(local.control(paused, "resume")).isEqualTo("RUNNING");
            Instant resumedAt = local.now();
            // Submitted while New York is closed and Los Angeles (17:05) is open.
            UUID west = local.submit("West and Idaho", WindowStack.concat(losAngeles, idaho), 5, 2);

            // While every New York task waits for the morning, the owner sees why nothing moves.
            for (UUID campaign : List.of(queued, paused)) {
                await("nextCallAt on " + campaign, Duration.ofSeconds(40),
                        () -> local.campaign(campaign).hasNonNull("nextCallAt"));
                JsonNode waiting = local.campaign(campaign);
                assertThat(waiting.path("status").asText()).isEqualTo("RUNNING");
                assertThat(Instant.parse(waiting.path("nextCallAt").asText()))
                        .as("the next call of %s", waiting.path("name").asText()).isEqualTo(NEW_YORK_OPENS_NEXT_DAY);
                assertThat(waiting.path("tasks").path("SCHEDULED").asInt()).isPositive();
            }

            for (UUID campaign : List.of(queued, paused, west)) {
                await("campaign " + campaign + " COMPLETED", Duration.ofMinutes(5),
                        () -> local.campaign(campaign).path("status").asText().equals("COMPLETED"));
            }

            List<ConnectEndpoint.Placement> placements = local.placements();
            assertThat(local.placementsOutsideTheWindow()).as("calls placed outside the callee's 09:00-20:00").isEmpty();
            assertThat(placements).as("every call of the three campaigns").hasSize(
                    WindowStack.expectedOutcomes(newYork, 1).get("calls")
                            + WindowStack.expectedOutcomes(pausedNumbers, 2).get("calls")
                            + WindowStack.expectedOutcomes(WindowStack.concat(losAngeles, idaho), 2).get("calls"));

            List<Instant> queuedCalls = at(placements, "+1212");
            System.err.printf("[window] %d calls; New York: %d before the close, %d from the next opening; last call %s%n",
                    placements.size(), queuedCalls.stream().filter(at -> at.isBefore(NEW_YORK_CLOSES)).count(),
                    queuedCalls.stream().filter(at -> !at.isBefore(NEW_YORK_OPENS_NEXT_DAY)).count(),
                    placements.stream().map(ConnectEndpoint.Placement::at).max(Instant::compareTo).orElse(null));
            assertThat(queuedCalls).as("New York calls before the close").anyMatch(at -> at.isBefore(NEW_YORK_CLOSES));
            assertThat(queuedCalls).as("New York calls overnight")
                    .noneMatch(at -> !at.isBefore(NEW_YORK_CLOSES) && at.isBefore(NEW_YORK_OPENS_NEXT_DAY));
            assertThat(queuedCalls).as("New York calls the next morning")
                    .anyMatch(at -> !at.isBefore(NEW_YORK_OPENS_NEXT_DAY));

            assertThat(at(placements, "+1718")).as("calls of the paused campaign after the pause, before the next opening")
                    .noneMatch(at -> at.isAfter(pausedAt) && at.isBefore(NEW_YORK_OPENS_NEXT_DAY))
                    .anyMatch(at -> !at.isBefore(NEW_YORK_OPENS_NEXT_DAY));
            assertThat(resumedAt).isBefore(NEW_YORK_OPENS_NEXT_DAY);

            assertThat(at(placements, "+1213")).as("Los Angeles is dialled while New York is closed")
                    .anyMatch(at -> !at.isBefore(NEW_YORK_CLOSES) && at.isBefore(LOS_ANGELES_CLOSES));
            assertThat(at(placements, "+1208")).as("Idaho numbers (Boise and Los Angeles) are dialled").isNotEmpty();

            assertThat(WindowStack.reportedOutcomes(local.report(queued)))
                    .isEqualTo(WindowStack.expectedOutcomes(newYork, 1));
            assertThat(WindowStack.reportedOutcomes(local.report(paused)))
                    .isEqualTo(WindowStack.expectedOutcomes(pausedNumbers, 2));
            assertThat(WindowStack.reportedOutcomes(local.report(west)))
                    .isEqualTo(WindowStack.expectedOutcomes(WindowStack.concat(losAngeles, idaho), 2));
            assertThat(local.stack.queues().all()).allSatisfy(queue -> assertThat(
                    local.stack.queues().deadLetterDepth(queue.settings().name()).total())
                    .as("%s dead-letter queue", queue.settings().name()).isZero());
        }
    }

    private static List<Instant> at(List<ConnectEndpoint.Placement> placements, String prefix) {
        return placements.stream().filter(placement -> placement.phone().startsWith(prefix))
                .map(ConnectEndpoint.Placement::at).toList();
    }
}
