package dev.campaigndialer.core.telephony;

import dev.campaigndialer.localaws.ConnectEndpoint;
import dev.campaigndialer.localaws.ConnectEndpoint.ContactState;

/**
 * The simulated carrier behind local-aws's {@link ConnectEndpoint}: its outcomes become the contact
 * states Amazon Connect would describe, so the real SDK client and {@link ConnectOutcomes} have to
 * turn them back into the same {@link CallStatus}. Each outcome uses a different part of the
 * mapping (a verdict, a disconnect reason, never connected).
 */
final class SimulatedCarrierOverConnect implements ConnectEndpoint.Carrier {

    private final SimulatedCarrier carrier;

    SimulatedCarrierOverConnect(SimulatedCarrier carrier) {
        this.carrier = carrier;
    }

    @Override
    public String start(String clientToken, String destination, String source, int attempt) {
        return carrier.place(new CallRequest(clientToken, destination, source, attempt)).callId();
    }

    @Override
    public ContactState describe(String contactId) {
        CallStatus status;
        try {
            status = carrier.status(contactId);
        } catch (IllegalArgumentException unknown) {
            return null;
        }
        return switch (status.outcome()) {
            case IN_PROGRESS -> ContactState.ringing();
            case ANSWERED -> ContactState.ended("ANSWERED", status.talkSeconds());
            case VOICEMAIL -> ContactState.ended("VOICEMAIL_BEEP", status.talkSeconds());
            case BUSY -> ContactState.neverConnected("SIT_TONE_BUSY", null);
            case NO_ANSWER -> ContactState.neverConnected("AMD_UNANSWERED", null);
            case FAILED -> status.permanent()
                    ? ContactState.neverConnected("SIT_TONE_INVALID_NUMBER", null)
                    : ContactState.neverConnected(null, "TELECOM_PROBLEM");
        };
    }
}
