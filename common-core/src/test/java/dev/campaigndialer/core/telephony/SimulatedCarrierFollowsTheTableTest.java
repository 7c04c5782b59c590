package dev.campaigndialer.core.telephony;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The simulated carrier against the table in API.md, written out here independently of its code. */
class SimulatedCarrierFollowsTheTableTest {

    @ParameterizedTest(name = "last digit {0}: attempt 1 {1}, later {3}")
    @CsvSource(nullValues = "-", value = {
            // digit, attempt 1, talk, later attempts, talk, reason,             permanent
            "0,       ANSWERED,  10,   ANSWERED,       10,   -,                  false",
            "1,       ANSWERED,  20,   ANSWERED,       20,   -,                  false",
            "2,       ANSWERED,  30,   ANSWERED,       30,   -,                  false",
            "3,       ANSWERED,  40,   ANSWERED,       40,   -,                  false",
            "4,       ANSWERED,  50,   ANSWERED,       50,   -,                  false",
            "5,       VOICEMAIL, 15,   VOICEMAIL,      15,   -,                  false",
            "6,       BUSY,      0,    ANSWERED,       60,   -,                  false",
            "7,       NO_ANSWER, 0,    NO_ANSWER,      0,    -,                  false",
            "8,       FAILED,    0,    FAILED,         0,    CARRIER_ERROR,      false",
            "9,       FAILED,    0,    FAILED,         0,    UNALLOCATED_NUMBER, true",
    })
    void everyLastDigitAndAttemptGivesTheTablesOutcome(int digit, CallOutcome first, int firstTalk,
            CallOutcome later, int laterTalk, String reason, boolean permanent) {
        var carrier = new SimulatedCarrier();
        String to = "+1415555010" + digit;
        for (int attempt = 1; attempt <= 3; attempt++) {
            CallStatus expected = attempt == 1 ? new CallStatus(first, firstTalk, reason, permanent)
                    : new CallStatus(later, laterTalk, reason, permanent);

            PlacedCall call = carrier.place(new CallRequest("task-" + digit + "-" + attempt, to, "+14155550100", attempt));

            assertThat(carrier.status(call.callId())).as("attempt %d", attempt).isEqualTo(expected);
            assertThat(SimulatedCarrier.outcomeFor(to, attempt)).as("outcomeFor, attempt %d", attempt)
                    .isEqualTo(expected);
        }
        assertThat(carrier.placedCalls()).isEqualTo(3);
        assertThat(carrier.placedCallsTo(to)).isEqualTo(3);
    }

    @Test
    void theSameTokenReturnsTheFirstCallAndPlacesNothingNew() {
        var carrier = new SimulatedCarrier();

        PlacedCall first = carrier.place(new CallRequest("task-1", "+14155550106", "+14155550100", 1));
        // A redelivered message, even one that claims another attempt, gets the first call back.
        PlacedCall again = carrier.place(new CallRequest("task-1", "+14155550106", "+14155550100", 2));
        PlacedCall other = carrier.place(new CallRequest("task-2", "+14155550106", "+14155550100", 2));

        assertThat(again).isEqualTo(first);
        assertThat(other.callId()).isNotEqualTo(first.callId());
        assertThat(carrier.status(first.callId()).outcome()).isEqualTo(CallOutcome.BUSY);
        assertThat(carrier.status(other.callId()).outcome()).isEqualTo(CallOutcome.ANSWERED);
        assertThat(carrier.placedCalls()).isEqualTo(2);
        assertThat(carrier.placedCallsTo("+14155550106")).isEqualTo(2);
    }

    @Test
    void concurrentPlacementsWithOneTokenPlaceOneCall() throws Exception {
        var carrier = new SimulatedCarrier();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            var go = new CountDownLatch(1);
            List<CompletableFuture<PlacedCall>> calls = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                calls.add(CompletableFuture.supplyAsync(() -> {
                    awaitQuietly(go);
                    return carrier.place(new CallRequest("task-race", "+14155550101", "+14155550100", 1));
                }, pool));
            }
            go.countDown();

            assertThat(calls.stream().map(CompletableFuture::join).distinct()).hasSize(1);
            assertThat(carrier.placedCalls()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void reportsInProgressForTheConfiguredNumberOfPollsThenTheOutcomeForGood() {
        var carrier = new SimulatedCarrier(0, 3);
        PlacedCall call = carrier.place(new CallRequest("task-1", "+14155550102", "+14155550100", 1));
        PlacedCall second = carrier.place(new CallRequest("task-2", "+14155550107", "+14155550100", 1));

        for (int poll = 1; poll <= 3; poll++) {
            assertThat(carrier.status(call.callId())).as("poll %d", poll).isEqualTo(CallStatus.inProgress());
        }
        for (int poll = 4; poll <= 6; poll++) {
            assertThat(carrier.status(call.callId())).as("poll %d", poll)
                    .isEqualTo(new CallStatus(CallOutcome.ANSWERED, 30, null, false));
        }
        assertThat(carrier.status(second.callId()).finished()).isFalse();
        assertThat(carrier.peakCallsInProgress()).isEqualTo(2);
    }

    @Test
    void latencyChangesNoOutcome() {
        // Latency only delays the answers; its timing is not asserted (the machine may be busy).
        var carrier = new SimulatedCarrier(5, 0);
        for (int digit = 0; digit <= 9; digit++) {
            String to = "+1415555010" + digit;
            PlacedCall call = carrier.place(new CallRequest("slow-" + digit, to, "+14155550100", 1));
            assertThat(carrier.status(call.callId())).isEqualTo(SimulatedCarrier.outcomeFor(to, 1));
        }
        assertThat(carrier.placedCalls()).isEqualTo(10);
    }

    @Test
    void anUnknownCallIsAnError() {
        var carrier = new SimulatedCarrier();

        assertThatThrownBy(() -> carrier.status("no-such-call")).isInstanceOf(IllegalArgumentException.class);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
