package dev.campaigndialer.core.telephony;

/** The provider's id for a placed call (Connect's ContactId). */
public record PlacedCall(String callId) {
}
