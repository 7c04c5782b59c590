package dev.campaigndialer.core.message;

/** A message that can never be processed (malformed, unknown type or version, missing ids). */
public final class PoisonMessageException extends RuntimeException {
    public PoisonMessageException(String message) {
        super(message);
    }

    public PoisonMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
