package dev.campaigndialer.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.campaigndialer.core.queue.QueueTopology;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A campaign flows from submission to COMPLETED through every function, each from its own Lambda
 * jar on the local stack (real queues, a real database behind the proxy), and the outcomes match
 * the simulated carrier's table exactly. The suite's shared stack; each campaign has its own numbers.
 */
class CallingPipelineTest {

    private static SystemStack system;

    @BeforeAll
    static void start() {
        system = SystemStack.shared();
    }

    @AfterEach
    void noFaultsForTheNextTest() {
        system.faults().clear();
    }

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

    private static long callsTo(List<String> phones) {
        return phones.stream().mapToLong(phone -> system.carrier().placedCallsTo(phone)).sum();
    }

    /** Report requests the functions sent for a campaign (through the outbox, which keeps sent rows). */
    private static int reportRequests(UUID campaign) {
        return system.query("SELECT count(*)::int FROM outbox WHERE queue = '" + QueueTopology.REPORT
                + "' AND body LIKE '%" + campaign + "%'", Integer.class).get(0);
    }

    @Test
    void retriesAndFinalOutcomesMatchTheCarrierTableForEveryDigitAndMaxAttempts() throws Exception {
        Map<UUID, Integer> campaigns = new HashMap<>();
        List<String> phones = new ArrayList<>();
        for (int maxAttempts = 1; maxAttempts <= 3; maxAttempts++) {
            phones.addAll(allDigits(10 + maxAttempts));
            campaigns.put(system.submit("retry", campaign(maxAttempts, 10, allDigits(10 + maxAttempts))), maxAttempts);
        }

        system.awaitFinished(List.copyOf(campaigns.keySet()), Duration.ofSeconds(120));

        int expectedCalls = 0;
        for (var entry : campaigns.entrySet()) {
            Map<String, String> outcomes = system.finalOutcomes(entry.getKey());
            assertThat(outcomes).hasSize(10);
            for (var outcome : outcomes.entrySet()) {
                int digit = outcome.getKey().charAt(outcome.getKey().length() - 1) - '0';
                String expected = expected(digit, entry.getValue());
                assertThat(outcome.getValue()).as("digit %d, maxAttempts %d", digit, entry.getValue()).isEqualTo(expected);
                expectedCalls += Integer.parseInt(expected.substring(expected.indexOf('/') + 1));
            }
            assertThat(reportRequests(entry.getKey())).as("one report request per campaign").isEqualTo(1);
        }
        assertThat(callsTo(phones)).as("calls placed").isEqualTo(expectedCalls);
    }

    @Test
    void everyMessageDeliveredTwicePlacesNoExtraCallAndCompletesOnce() throws Exception {
        system.faults().duplicateEverything();
        List<String> phones = allDigits(27);
        UUID campaign = system.submit("dup", campaign(3, 10, phones));

        system.awaitFinished(List.of(campaign), Duration.ofSeconds(120));

        Map<String, String> outcomes = system.finalOutcomes(campaign);
        int expectedCalls = 0;
        for (var outcome : outcomes.entrySet()) {
            String expected = expected(outcome.getKey().charAt(outcome.getKey().length() - 1) - '0', 3);
            assertThat(outcome.getValue()).isEqualTo(expected);
            expectedCalls += Integer.parseInt(expected.substring(expected.indexOf('/') + 1));
        }
        assertThat(system.faults().duplicated()).as("messages delivered twice").isNotEmpty();
        assertThat(callsTo(phones)).isEqualTo(expectedCalls);
        assertThat(reportRequests(campaign)).as("completion fired once").isEqualTo(1);
        assertThat(system.query("SELECT calls_in_progress FROM campaigns WHERE id = '" + campaign + "'",
                Integer.class)).as("every claim's slot freed exactly once, duplicates freeing nothing")
                .containsExactly(0);
    }

    @Test
    void maxConcurrentCallsHoldsWithFourDialerContainersOfTenMessageBatches() throws Exception {
        List<String> phones = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            phones.add(String.format("+1212556%03d0", i));
        }
        UUID campaign = system.submit("pacing", campaign(1, 5, phones));
        // Calls in progress as the database shows them (tasks DIALING), sampled while the campaign runs.
        AtomicInteger peak = new AtomicInteger();
        system.await("campaign COMPLETED", Duration.ofSeconds(120), () -> {
            peak.accumulateAndGet(system.query("SELECT count(*)::int FROM dial_tasks WHERE status = 'DIALING' "
                    + "AND campaign_id = '" + campaign + "'", Integer.class).get(0), Math::max);
            return system.status(campaign).name().equals("COMPLETED");
        });

        SystemStack.summary("pacing: peak calls in progress " + peak.get() + " (limit 5)");
        assertThat(callsTo(phones)).isEqualTo(30);
        assertThat(peak.get()).isPositive().isLessThanOrEqualTo(5);
        assertThat(system.query("SELECT calls_in_progress FROM campaigns WHERE id = '" + campaign + "'",
                Integer.class)).containsExactly(0);
    }

    @Test
    void aNumberAddedToTheDncListAfterSubmissionIsSuppressedAndNeverCalled() throws Exception {
        List<String> phones = allDigits(33);
        String late = phones.get(2);
        // The dispatcher waits until the number is on the list: added after submission, before any dial.
        system.hold(QueueTopology.DISPATCH);
        UUID campaign = system.submit("late-dnc", campaign(1, 10, phones));
        assertThat(system.owner("late-dnc").post("/dnc", "{\"phones\": [\"" + late + "\"]}").status()).isEqualTo(200);
        system.faults().release(QueueTopology.DISPATCH);

        system.awaitFinished(List.of(campaign), Duration.ofSeconds(120));

        assertThat(system.finalOutcomes(campaign)).containsEntry(late, "SUPPRESSED/1");
        assertThat(system.carrier().placedCallsTo(late)).isZero();
        assertThat(callsTo(phones)).isEqualTo(9);
    }
}
