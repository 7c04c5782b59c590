package dev.campaigndialer.system.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.campaigndialer.core.queue.QueueTopology;
import dev.campaigndialer.core.telephony.SimulatedCarrier;
import dev.campaigndialer.db.repository.DncRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A campaign flows from submission to COMPLETED through every step against real queues and a real
 * database, and the outcomes match the simulated carrier's table exactly.
 */
class CallingPipelineTest {

    /** What the carrier table and the default retry rules give: digit → attempts allowed → "STATUS/attempts". */
    static String expected(int digit, int maxAttempts) {
        return switch (digit) {
            case 0, 1, 2, 3, 4 -> "ANSWERED/1";
            case 5 -> "VOICEMAIL/1";
            case 6 -> maxAttempts == 1 ? "BUSY/1" : "ANSWERED/2";
            case 7 -> "NO_ANSWER/" + maxAttempts;
            case 8 -> "FAILED/" + maxAttempts;
            case 9 -> "FAILED/1";
            default -> throw new IllegalArgumentException();
        };
    }

    static String campaign(int maxAttempts, int maxConcurrentCalls, List<String> phones) {
        var contacts = new StringBuilder();
        for (String phone : phones) {
            contacts.append(contacts.isEmpty() ? "" : ",").append("{\"phone\":\"").append(phone).append("\"}");
        }
        return "{\"name\":\"pipeline\",\"callerId\":\"+14155550100\",\"retry\":{\"maxAttempts\":" + maxAttempts
                + ",\"backoffSeconds\":0},\"maxConcurrentCalls\":" + maxConcurrentCalls + ",\"contacts\":[" + contacts + "]}";
    }

    /** Ten numbers ending in 0-9 in several US zones (NY, Chicago, Denver, LA, Honolulu). */
    static List<String> allDigits(int block) {
        String[] areas = {"212", "312", "303", "415", "808"};
        List<String> phones = new ArrayList<>();
        for (int digit = 0; digit <= 9; digit++) {
            phones.add("+1" + areas[digit % areas.length] + "555" + String.format("%02d", block % 100) + "1" + digit);
        }
        return phones;
    }

    @Test
    void retriesAndFinalOutcomesMatchTheCarrierTableForEveryDigitAndMaxAttempts() throws Exception {
        try (var pipeline = new Pipeline(new SimulatedCarrier())) {
            Map<UUID, Integer> campaigns = new HashMap<>();
            for (int maxAttempts = 1; maxAttempts <= 3; maxAttempts++) {
                campaigns.put(pipeline.submit("retry", campaign(maxAttempts, 10, allDigits(maxAttempts))), maxAttempts);
            }

            pipeline.runUntilCompleted(List.copyOf(campaigns.keySet()), Duration.ofSeconds(90));

            int expectedCalls = 0;
            for (var entry : campaigns.entrySet()) {
                Map<String, String> outcomes = pipeline.finalOutcomes(entry.getKey());
                assertThat(outcomes).hasSize(10);
                for (var outcome : outcomes.entrySet()) {
                    int digit = outcome.getKey().charAt(outcome.getKey().length() - 1) - '0';
                    String expected = expected(digit, entry.getValue());
                    assertThat(outcome.getValue()).as("digit %d, maxAttempts %d", digit, entry.getValue()).isEqualTo(expected);
                    expectedCalls += Integer.parseInt(expected.substring(expected.indexOf('/') + 1));
                }
            }
            assertThat(pipeline.carrier.placedCalls()).as("calls placed").isEqualTo(expectedCalls);
            assertThat(pipeline.reportMessages()).as("one report message per campaign").isEqualTo(3);
        }
    }

    @Test
    void everyMessageDeliveredTwicePlacesNoExtraCallAndCompletesOnce() throws Exception {
        try (var pipeline = new Pipeline(new SimulatedCarrier()).duplicateEverything()
                .workers(QueueTopology.STATUS, 4)) {
            UUID campaign = pipeline.submit("dup", campaign(3, 10, allDigits(7)));

            pipeline.runUntilCompleted(List.of(campaign), Duration.ofSeconds(90));

            Map<String, String> outcomes = pipeline.finalOutcomes(campaign);
            int expectedCalls = 0;
            for (var outcome : outcomes.entrySet()) {
                String expected = expected(outcome.getKey().charAt(outcome.getKey().length() - 1) - '0', 3);
                assertThat(outcome.getValue()).isEqualTo(expected);
                expectedCalls += Integer.parseInt(expected.substring(expected.indexOf('/') + 1));
            }
            assertThat(pipeline.carrier.placedCalls()).isEqualTo(expectedCalls);
            assertThat(pipeline.reportMessages()).as("completion fired once").isEqualTo(1);
            assertThat(pipeline.query("SELECT calls_in_progress FROM campaigns WHERE id = '" + campaign + "'",
                    Integer.class)).as("every claim's slot freed exactly once, duplicates freeing nothing")
                    .containsExactly(0);
        }
    }

    @Test
    void maxConcurrentCallsHoldsWithEightParallelDialWorkers() throws Exception {
        // Each call stays in progress for three status polls, so calls overlap.
        try (var pipeline = new Pipeline(new SimulatedCarrier(0, 3)).workers(QueueTopology.DIAL, 8)
                .workers(QueueTopology.STATUS, 4)) {
            List<String> phones = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                phones.add(String.format("+1212555%03d0", i));
            }
            UUID campaign = pipeline.submit("pacing", campaign(1, 5, phones));

            pipeline.runUntilCompleted(List.of(campaign), Duration.ofSeconds(120));

            System.out.printf("pacing: peak calls in progress %d (limit 5)%n", pipeline.carrier.peakCallsInProgress());
            assertThat(pipeline.carrier.placedCalls()).isEqualTo(60);
            assertThat(pipeline.carrier.peakCallsInProgress()).isPositive().isLessThanOrEqualTo(5);
            assertThat(pipeline.query("SELECT calls_in_progress FROM campaigns WHERE id = '" + campaign + "'",
                    Integer.class)).containsExactly(0);
        }
    }

    @Test
    void aNumberAddedToTheDncListAfterSubmissionIsSuppressedAndNeverCalled() throws Exception {
        try (var pipeline = new Pipeline(new SimulatedCarrier())) {
            List<String> phones = allDigits(3);
            UUID campaign = pipeline.submit("late-dnc", campaign(1, 10, phones));
            String late = phones.get(2);
            pipeline.database.jdbi().useExtension(DncRepository.class,
                    dnc -> dnc.add("late-dnc", List.of(late), Instant.now()));

            pipeline.runUntilCompleted(List.of(campaign), Duration.ofSeconds(60));

            assertThat(pipeline.finalOutcomes(campaign)).containsEntry(late, "SUPPRESSED/1");
            assertThat(pipeline.carrier.placedCallsTo(late)).isZero();
            assertThat(pipeline.carrier.placedCalls()).isEqualTo(9);
        }
    }
}
