package dev.campaigndialer.bench.coldstart;

/**
 * One fresh JVM's figures, in milliseconds. The phases add up to the cold start.
 *
 * @param jvmStartMs        from starting the process to the launcher's {@code main}
 * @param initMs            loading and constructing the handler (Lambda's init phase)
 * @param firstInvocationMs the first event: serializer set-up, deserialization, the handler's
 *                          work, the response's serialization
 * @param warmMs            the second event, in the same JVM
 */
public record MeasuredStart(double jvmStartMs, double initMs, double firstInvocationMs, double warmMs) {

    /** Process start to the first invocation's response: what the caller of a cold function waits. */
    public double coldMs() {
        return jvmStartMs + initMs + firstInvocationMs;
    }
}
