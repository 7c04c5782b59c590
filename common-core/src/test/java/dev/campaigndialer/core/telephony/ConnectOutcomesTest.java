package dev.campaigndialer.core.telephony;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.connect.model.AnsweringMachineDetectionStatus;
import software.amazon.awssdk.services.connect.model.Contact;

/** The Connect contact → CallStatus table, row by row, without any I/O. */
class ConnectOutcomesTest {

    private static final Instant INITIATED = Instant.parse("2026-03-08T14:00:00Z");
    private static final Instant CONNECTED = INITIATED.plusSeconds(4);
    private static final Instant DISCONNECTED = CONNECTED.plusMillis(42_400);

    private static final CallStatus ANSWERED_42 = new CallStatus(CallOutcome.ANSWERED, 42, null, false);
    private static final CallStatus VOICEMAIL_42 = new CallStatus(CallOutcome.VOICEMAIL, 42, null, false);
    private static final CallStatus BUSY = new CallStatus(CallOutcome.BUSY, 0, null, false);
    private static final CallStatus NO_ANSWER = new CallStatus(CallOutcome.NO_ANSWER, 0, null, false);
    private static final CallStatus CARRIER_ERROR = new CallStatus(CallOutcome.FAILED, 0, "CARRIER_ERROR", false);
    private static final CallStatus UNALLOCATED = new CallStatus(CallOutcome.FAILED, 0, "UNALLOCATED_NUMBER", true);

    /**
     * Every AMD status the SDK knows, for a call that connected, talked 42.4 s and was hung up by
     * the customer. A new status in a later SDK fails this test until someone decides its row.
     */
    @Test
    void everyAnsweringMachineDetectionStatusHasADecidedOutcome() {
        Map<AnsweringMachineDetectionStatus, CallStatus> expected = Map.ofEntries(
                Map.entry(AnsweringMachineDetectionStatus.ANSWERED, ANSWERED_42),
                Map.entry(AnsweringMachineDetectionStatus.HUMAN_ANSWERED, ANSWERED_42),
                Map.entry(AnsweringMachineDetectionStatus.VOICEMAIL_BEEP, VOICEMAIL_42),
                Map.entry(AnsweringMachineDetectionStatus.VOICEMAIL_NO_BEEP, VOICEMAIL_42),
                Map.entry(AnsweringMachineDetectionStatus.SIT_TONE_BUSY, BUSY),
                Map.entry(AnsweringMachineDetectionStatus.AMD_UNANSWERED, NO_ANSWER),
                Map.entry(AnsweringMachineDetectionStatus.SIT_TONE_INVALID_NUMBER, UNALLOCATED),
                Map.entry(AnsweringMachineDetectionStatus.SIT_TONE_DETECTED, CARRIER_ERROR),
                Map.entry(AnsweringMachineDetectionStatus.FAX_MACHINE_DETECTED, CARRIER_ERROR),
                Map.entry(AnsweringMachineDetectionStatus.AMD_ERROR, CARRIER_ERROR),
                Map.entry(AnsweringMachineDetectionStatus.ERROR, CARRIER_ERROR),
                // No verdict, but the call connected: a conversation took place.
                Map.entry(AnsweringMachineDetectionStatus.AMD_UNRESOLVED, ANSWERED_42),
                Map.entry(AnsweringMachineDetectionStatus.UNDETECTED, ANSWERED_42),
                Map.entry(AnsweringMachineDetectionStatus.AMD_NOT_APPLICABLE, ANSWERED_42));
        assertThat(expected.keySet()).containsExactlyInAnyOrderElementsOf(AnsweringMachineDetectionStatus.knownValues());

        Map<String, CallStatus> actual = new TreeMap<>();
        for (AnsweringMachineDetectionStatus status : EnumSet.copyOf(AnsweringMachineDetectionStatus.knownValues())) {
            Contact contact = Contact.builder().id("c").initiationTimestamp(INITIATED)
                    .connectedToSystemTimestamp(CONNECTED).disconnectTimestamp(DISCONNECTED)
                    .answeringMachineDetectionStatus(status).disconnectReason("CUSTOMER_DISCONNECT").build();
            actual.put(status.toString(), ConnectOutcomes.of(contact));
        }
        Map<String, CallStatus> expectedByName = new TreeMap<>();
        expected.forEach((status, outcome) -> expectedByName.put(status.toString(), outcome));
        assertThat(actual).isEqualTo(expectedByName);
    }

    @Test
    void noDisconnectTimestampIsInProgressWhateverElseIsSet() {
        assertThat(ConnectOutcomes.of(null, null, null, null)).isEqualTo(CallStatus.inProgress());
        assertThat(ConnectOutcomes.of(CONNECTED, null, "ANSWERED", null)).isEqualTo(CallStatus.inProgress());
        assertThat(ConnectOutcomes.of(null, null, "SIT_TONE_BUSY", "TELECOM_PROBLEM"))
                .isEqualTo(CallStatus.inProgress());
    }

    @ParameterizedTest(name = "AMD {0}, reason {1}, connected {2} -> {3} {4}")
    @CsvSource(nullValues = "-", value = {
            // amd status,           disconnect reason,                    connected, outcome,   reason
            "-,                      CUSTOMER_DISCONNECT,                  true,      ANSWERED,  -",
            "-,                      CUSTOMER_DISCONNECT,                  false,     NO_ANSWER, -",
            "-,                      -,                                    false,     NO_ANSWER, -",
            "-,                      TELECOM_PROBLEM,                      false,     FAILED,    CARRIER_ERROR",
            "-,                      TELECOM_PROBLEM,                      true,      FAILED,    CARRIER_ERROR",
            "-,                      OUTBOUND_ATTEMPT_FAILED,              false,     FAILED,    CARRIER_ERROR",
            "-,                      OUTBOUND_DESTINATION_ENDPOINT_ERROR,  false,     FAILED,    CARRIER_ERROR",
            "-,                      OUTBOUND_RESOURCE_ERROR,              false,     FAILED,    CARRIER_ERROR",
            "AMD_UNRESOLVED,         TELECOM_PROBLEM,                      true,      FAILED,    CARRIER_ERROR",
            "AMD_NOT_APPLICABLE,     CONTACT_FLOW_DISCONNECT,              false,     NO_ANSWER, -",
            // A verdict wins over the disconnect reason.
            "ANSWERED,               TELECOM_PROBLEM,                      true,      ANSWERED,  -",
            "SIT_TONE_BUSY,          TELECOM_PROBLEM,                      false,     BUSY,      -",
            "AMD_UNANSWERED,         -,                                    false,     NO_ANSWER, -",
            "SIT_TONE_INVALID_NUMBER, -,                                   false,     FAILED,    UNALLOCATED_NUMBER",
            // Values this code has never seen: a transient failure, never a silent success.
            "SOMETHING_NEW,          CUSTOMER_DISCONNECT,                  true,      FAILED,    CARRIER_ERROR",
    })
    void disconnectReasonsAndMissingVerdicts(String amdStatus, String disconnectReason, boolean connected,
            CallOutcome outcome, String reason) {
        CallStatus status = ConnectOutcomes.of(connected ? CONNECTED : null, DISCONNECTED, amdStatus,
                disconnectReason);

        assertThat(status.outcome()).isEqualTo(outcome);
        assertThat(status.reason()).isEqualTo(reason);
        assertThat(status.permanent()).isEqualTo("UNALLOCATED_NUMBER".equals(reason));
        assertThat(status.talkSeconds()).isEqualTo(outcome == CallOutcome.ANSWERED ? 42 : 0);
    }

    @Test
    void unknownAmdStatusThroughTheSdkModelIsATransientFailure() {
        Contact contact = Contact.builder().connectedToSystemTimestamp(CONNECTED).disconnectTimestamp(DISCONNECTED)
                .answeringMachineDetectionStatus("SOMETHING_NEW").build();

        assertThat(contact.answeringMachineDetectionStatus())
                .isEqualTo(AnsweringMachineDetectionStatus.UNKNOWN_TO_SDK_VERSION);
        assertThat(ConnectOutcomes.of(contact)).isEqualTo(CARRIER_ERROR);
    }

    @Test
    void talkSecondsAreRoundedAndNeverNegative() {
        assertThat(ConnectOutcomes.talkSeconds(CONNECTED, CONNECTED.plusMillis(2_499))).isEqualTo(2);
        assertThat(ConnectOutcomes.talkSeconds(CONNECTED, CONNECTED.plusMillis(2_500))).isEqualTo(3);
        assertThat(ConnectOutcomes.talkSeconds(CONNECTED, CONNECTED.plusMillis(400))).isZero();
        assertThat(ConnectOutcomes.talkSeconds(CONNECTED, CONNECTED.minusSeconds(5))).isZero();
        assertThat(ConnectOutcomes.talkSeconds(null, DISCONNECTED)).isZero();
        // An answered call whose connect time is missing still counts as answered, with no talk time.
        assertThat(ConnectOutcomes.of(null, DISCONNECTED, "HUMAN_ANSWERED", null))
                .isEqualTo(new CallStatus(CallOutcome.ANSWERED, 0, null, false));
        // Clock skew between the two timestamps never makes negative talk time.
        assertThat(ConnectOutcomes.of(DISCONNECTED.plusSeconds(1), DISCONNECTED, "VOICEMAIL_BEEP", null))
                .isEqualTo(new CallStatus(CallOutcome.VOICEMAIL, 0, null, false));
    }
}
