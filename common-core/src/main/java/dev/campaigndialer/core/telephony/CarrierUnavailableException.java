package dev.campaigndialer.core.telephony;

/**
 * The carrier did not take the request, for a reason that says nothing about the call: it throttled
 * us, it had a fault (5xx), the request timed out or never connected, or an account quota (such as
 * concurrent calls) is full. Such a refusal is not an attempt: the caller keeps the task as it was
 * (the same idempotency token goes out again later) and backs off; it never spends a queue's
 * receive count on it. A refusal that retrying cannot fix (an invalid parameter, a destination that
 * is not allowed) is not this exception.
 */
public final class CarrierUnavailableException extends RuntimeException {

    /** Why the carrier did not take the request. */
    public enum Reason {
        /** Over the API's rate (HTTP 429, {@code TooManyRequestsException}, {@code ThrottlingException}). */
        THROTTLED,
        /** A 5xx, a timeout or a connection error: the carrier may or may not have seen the request. */
        FAULT,
        /** An account quota is full ({@code ServiceQuotaExceededException}): an operator must act. */
        QUOTA_EXCEEDED
    }

    private final Reason reason;

    public CarrierUnavailableException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
