package dev.campaigndialer.core.telephony;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import software.amazon.awssdk.services.connect.model.Contact;

/**
 * How an Amazon Connect contact ({@code DescribeContact}) reads as one of our call outcomes. Pure:
 * no I/O, no clock; the first matching row wins.
 *
 * <pre>
 * | DisconnectTimestamp | AnsweringMachineDetectionStatus          | other                               | CallStatus                                 |
 * |---------------------|------------------------------------------|-------------------------------------|--------------------------------------------|
 * | absent              | any                                      |                                     | IN_PROGRESS                                |
 * | set                 | ANSWERED, HUMAN_ANSWERED                 |                                     | ANSWERED, talk = disconnect - connected    |
 * | set                 | VOICEMAIL_BEEP, VOICEMAIL_NO_BEEP        |                                     | VOICEMAIL, talk = disconnect - connected   |
 * | set                 | SIT_TONE_BUSY                            |                                     | BUSY                                       |
 * | set                 | AMD_UNANSWERED                           |                                     | NO_ANSWER                                  |
 * | set                 | SIT_TONE_INVALID_NUMBER                  |                                     | FAILED UNALLOCATED_NUMBER, permanent       |
 * | set                 | AMD_ERROR, ERROR, SIT_TONE_DETECTED,     |                                     | FAILED CARRIER_ERROR, transient            |
 * |                     | FAX_MACHINE_DETECTED, any unknown value  |                                     |                                            |
 * | set                 | no verdict: absent, AMD_NOT_APPLICABLE,  | DisconnectReason is a failure:      | FAILED CARRIER_ERROR, transient            |
 * |                     | UNDETECTED, AMD_UNRESOLVED               | TELECOM_PROBLEM, OUTBOUND_*_ERROR,  |                                            |
 * |                     |                                          | OUTBOUND_ATTEMPT_FAILED             |                                            |
 * | set                 | no verdict                               | ConnectedToSystemTimestamp set      | ANSWERED, talk = disconnect - connected    |
 * | set                 | no verdict                               | never connected                     | NO_ANSWER                                  |
 * </pre>
 *
 * Talk seconds are {@code DisconnectTimestamp - ConnectedToSystemTimestamp}, rounded to the nearest
 * second and never negative; 0 when the contact never connected. Non-answered outcomes carry 0.
 * An AMD verdict wins over the disconnect reason: a human who answered and then lost the line
 * (TELECOM_PROBLEM) was still answered.
 */
public final class ConnectOutcomes {

    public static final String CARRIER_ERROR = "CARRIER_ERROR";
    public static final String UNALLOCATED_NUMBER = "UNALLOCATED_NUMBER";

    /** AMD statuses that carry no verdict: the connected/never-connected rows decide. */
    private static final Set<String> NO_VERDICT = Set.of("AMD_NOT_APPLICABLE", "UNDETECTED", "AMD_UNRESOLVED");

    /** Disconnect reasons that mean the call failed in the network or in Connect, not at the callee. */
    private static final Set<String> FAILURE_REASONS = Set.of("TELECOM_PROBLEM",
            "OUTBOUND_DESTINATION_ENDPOINT_ERROR", "OUTBOUND_RESOURCE_ERROR", "OUTBOUND_ATTEMPT_FAILED");

    private ConnectOutcomes() {
    }

    /** The outcome of a {@code DescribeContact} response's contact. */
    public static CallStatus of(Contact contact) {
        return of(contact.connectedToSystemTimestamp(), contact.disconnectTimestamp(),
                contact.answeringMachineDetectionStatusAsString(), contact.disconnectReason());
    }

    /**
     * @param connectedToSystem {@code ConnectedToSystemTimestamp}, null when the call never connected
     * @param disconnected      {@code DisconnectTimestamp}, null while the call is going on
     * @param amdStatus         {@code AnsweringMachineDetectionStatus} as sent, null when absent
     * @param disconnectReason  {@code DisconnectReason} as sent, null when absent
     */
    public static CallStatus of(Instant connectedToSystem, Instant disconnected, String amdStatus,
            String disconnectReason) {
        if (disconnected == null) {
            return CallStatus.inProgress();
        }
        if (amdStatus != null && !NO_VERDICT.contains(amdStatus)) {
            return switch (amdStatus) {
                case "ANSWERED", "HUMAN_ANSWERED" ->
                        finished(CallOutcome.ANSWERED, talkSeconds(connectedToSystem, disconnected));
                case "VOICEMAIL_BEEP", "VOICEMAIL_NO_BEEP" ->
                        finished(CallOutcome.VOICEMAIL, talkSeconds(connectedToSystem, disconnected));
                case "SIT_TONE_BUSY" -> finished(CallOutcome.BUSY, 0);
                case "AMD_UNANSWERED" -> finished(CallOutcome.NO_ANSWER, 0);
                case "SIT_TONE_INVALID_NUMBER" -> new CallStatus(CallOutcome.FAILED, 0, UNALLOCATED_NUMBER, true);
                // AMD_ERROR, ERROR, SIT_TONE_DETECTED, FAX_MACHINE_DETECTED and anything this code
                // does not know yet: a failure worth one more try, never a silent success.
                default -> carrierError();
            };
        }
        if (disconnectReason != null && FAILURE_REASONS.contains(disconnectReason)) {
            return carrierError();
        }
        if (connectedToSystem != null) {
            return finished(CallOutcome.ANSWERED, talkSeconds(connectedToSystem, disconnected));
        }
        return finished(CallOutcome.NO_ANSWER, 0);
    }

    /** Whole seconds between connect and disconnect, rounded half up, never negative; 0 if never connected. */
    static int talkSeconds(Instant connectedToSystem, Instant disconnected) {
        if (connectedToSystem == null || disconnected == null) {
            return 0;
        }
        long millis = Duration.between(connectedToSystem, disconnected).toMillis();
        if (millis <= 0) {
            return 0;
        }
        return (int) Math.min(Integer.MAX_VALUE, (millis + 500) / 1000);
    }

    private static CallStatus finished(CallOutcome outcome, int talkSeconds) {
        return new CallStatus(outcome, talkSeconds, null, false);
    }

    private static CallStatus carrierError() {
        return new CallStatus(CallOutcome.FAILED, 0, CARRIER_ERROR, false);
    }
}
