package dev.campaigndialer.core.lambda;

import dev.campaigndialer.core.metrics.Metrics;
import java.time.Instant;

/**
 * What a handler's work knows about the invocation it runs in: Lambda's request id, when the
 * invocation ends (real time, see {@link Deadlines}), and its business metrics, written as EMF
 * when the invocation ends.
 */
public record Invocation(String requestId, Instant deadline, Metrics metrics) {
}
