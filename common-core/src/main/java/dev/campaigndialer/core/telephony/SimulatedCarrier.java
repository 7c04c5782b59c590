package dev.campaigndialer.core.telephony;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The simulated carrier of API.md: a call's outcome depends only on the last digit of the callee's
 * number and the attempt number, so every result can be predicted exactly.
 *
 * <pre>
 * 0-4 ANSWERED, talk (digit + 1) x 10 s      5 VOICEMAIL, 15 s
 * 6   BUSY on attempt 1, then ANSWERED 60 s  7 NO_ANSWER
 * 8   FAILED CARRIER_ERROR (transient)       9 FAILED UNALLOCATED_NUMBER (permanent)
 * </pre>
 *
 * It honours the idempotency token (the same token returns the first call), keeps a record of
 * placed calls for tests to count, and can add latency and report a number of "in progress" polls
 * before the outcome. Thread-safe.
 */
public final class SimulatedCarrier implements TelephonyProvider {

    private record Call(String callId, CallRequest request, AtomicInteger polls) {
    }

    private final Map<String, Call> byToken = new ConcurrentHashMap<>();
    private final Map<String, Call> byId = new ConcurrentHashMap<>();
    private final AtomicInteger placed = new AtomicInteger();
    private final AtomicInteger inProgressNow = new AtomicInteger();
    private final AtomicInteger inProgressPeak = new AtomicInteger();
    private final long latencyMillis;
    private final int inProgressPolls;

    public SimulatedCarrier() {
        this(0, 0);
    }

    /**
     * @param latencyMillis   added to every request, as a real carrier's API would
     * @param inProgressPolls how many status polls report IN_PROGRESS before the outcome
     */
    public SimulatedCarrier(long latencyMillis, int inProgressPolls) {
        this.latencyMillis = latencyMillis;
        this.inProgressPolls = inProgressPolls;
    }

    /** The outcome the table gives for a number and attempt: what tests compute independently too. */
    public static CallStatus outcomeFor(String e164, int attempt) {
        int digit = e164.charAt(e164.length() - 1) - '0';
        return switch (digit) {
            case 0, 1, 2, 3, 4 -> new CallStatus(CallOutcome.ANSWERED, (digit + 1) * 10, null, false);
            case 5 -> new CallStatus(CallOutcome.VOICEMAIL, 15, null, false);
            case 6 -> attempt == 1 ? new CallStatus(CallOutcome.BUSY, 0, null, false)
                    : new CallStatus(CallOutcome.ANSWERED, 60, null, false);
            case 7 -> new CallStatus(CallOutcome.NO_ANSWER, 0, null, false);
            case 8 -> new CallStatus(CallOutcome.FAILED, 0, "CARRIER_ERROR", false);
            case 9 -> new CallStatus(CallOutcome.FAILED, 0, "UNALLOCATED_NUMBER", true);
            default -> throw new IllegalArgumentException("not an E.164 number");
        };
    }

    @Override
    public PlacedCall place(CallRequest request) {
        pause();
        Call call = byToken.computeIfAbsent(request.idempotencyToken(), token -> {
            var created = new Call(UUID.randomUUID().toString(), request, new AtomicInteger());
            byId.put(created.callId(), created);
            placed.incrementAndGet();
            inProgressPeak.accumulateAndGet(inProgressNow.incrementAndGet(), Math::max);
            if (inProgressPolls == 0) {
                inProgressNow.decrementAndGet();
            }
            return created;
        });
        return new PlacedCall(call.callId());
    }

    @Override
    public CallStatus status(String callId) {
        pause();
        Call call = byId.get(callId);
        if (call == null) {
            throw new IllegalArgumentException("unknown call " + callId);
        }
        int poll = call.polls().incrementAndGet();
        if (poll <= inProgressPolls) {
            return CallStatus.inProgress();
        }
        if (poll == inProgressPolls + 1 && inProgressPolls > 0) {
            inProgressNow.decrementAndGet();
        }
        return outcomeFor(call.request().to(), call.request().attempt());
    }

    /** Calls placed (distinct idempotency tokens). */
    public int placedCalls() {
        return placed.get();
    }

    /** Calls placed for one number, by attempt order. */
    public long placedCallsTo(String e164) {
        return byToken.values().stream().filter(call -> call.request().to().equals(e164)).count();
    }

    /** The most calls this carrier saw in progress at once (only meaningful with in-progress polls). */
    public int peakCallsInProgress() {
        return inProgressPeak.get();
    }

    private void pause() {
        if (latencyMillis > 0) {
            try {
                Thread.sleep(latencyMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
