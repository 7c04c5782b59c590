package dev.campaigndialer.core.telephony;

/**
 * One call to place.
 *
 * @param idempotencyToken the dial task id (Amazon Connect's ClientToken, at most 200 characters)
 * @param to               callee, E.164
 * @param from             the campaign's caller id, E.164
 * @param attempt          1-based attempt number for this contact
 */
public record CallRequest(String idempotencyToken, String to, String from, int attempt) {
}
