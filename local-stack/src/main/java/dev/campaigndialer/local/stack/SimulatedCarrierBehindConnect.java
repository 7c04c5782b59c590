package dev.campaigndialer.local.stack;

import dev.campaigndialer.core.telephony.CallRequest;
import dev.campaigndialer.core.telephony.CallStatus;
import dev.campaigndialer.core.telephony.SimulatedCarrier;
import dev.campaigndialer.localaws.ConnectEndpoint;
import dev.campaigndialer.localaws.ConnectEndpoint.ContactState;

/**
 * The one simulated carrier of the local stack, behind local-aws's local Amazon Connect endpoint.
 * dialer-worker and status-checker run in separate class loaders (separate Lambda functions), so
 * neither can hold the carrier in memory; both reach it through the Connect API
 * ({@code TELEPHONY_PROVIDER=connect}, {@code CONNECT_ENDPOINT}), as in AWS. Outcomes become the
 * contact states Connect would describe, which the functions' Connect adapter maps back. Public
 * for the coldstart benchmark, whose functions run in processes of their own. Thread-safe.
 */
public final class SimulatedCarrierBehindConnect implements ConnectEndpoint.Carrier {

    private final SimulatedCarrier carrier;

    public SimulatedCarrierBehindConnect(SimulatedCarrier carrier) {
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
