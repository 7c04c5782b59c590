package dev.campaigndialer.core.api;

/** One problem with one field of a request, e.g. {@code retry.maxAttempts}: must be between 1 and 10. */
public record FieldError(String field, String message) {
}
