package dev.campaigndialer.core.telephony;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
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
 * It is stateless where it matters, so it works across separately running functions (deployed with
 * {@code TELEPHONY_PROVIDER=simulated}, the dialer places calls in one Lambda function and the status
 * checker polls them in another): the call id carries what the outcome depends on, the number's
 * last digit and the attempt ({@code sim-<digit>-<attempt>-<uuid>}), and the uuid is derived from
 * the idempotency token, so every instance gives the same token the same call id and every instance
 * answers any call id with the table's outcome. Only the last digit travels, never the number.
 *
 * <p>In memory, per instance, and so only exact within one process (tests, the local stack's one
 * carrier behind its Connect endpoint): the count of placed calls, latency, and a number of
 * "in progress" answers per call before the outcome. Thread-safe.
 */
public final class SimulatedCarrier implements TelephonyProvider {

    private record Call(String callId, CallRequest request) {
    }

    private static final String PREFIX = "sim-";

    private final Map<String, Call> byToken = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> polls = new ConcurrentHashMap<>();
    private final Set<String> placedHere = ConcurrentHashMap.newKeySet();
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
        return outcomeFor(lastDigit(e164), attempt);
    }

    private static int lastDigit(String e164) {
        int digit = e164.isEmpty() ? -1 : e164.charAt(e164.length() - 1) - '0';
        if (digit < 0 || digit > 9) {
            throw new IllegalArgumentException("not an E.164 number");
        }
        return digit;
    }

    private static CallStatus outcomeFor(int digit, int attempt) {
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

    /** The call id for a request: the same on every instance for the same token. */
    static String callIdFor(CallRequest request) {
        UUID id = UUID.nameUUIDFromBytes(request.idempotencyToken().getBytes(StandardCharsets.UTF_8));
        return PREFIX + lastDigit(request.to()) + "-" + request.attempt() + "-" + id;
    }

    @Override
    public PlacedCall place(CallRequest request) {
        pause();
        Call call = byToken.computeIfAbsent(request.idempotencyToken(), token -> {
            var created = new Call(callIdFor(request), request);
            placedHere.add(created.callId());
            placed.incrementAndGet();
            inProgressPeak.accumulateAndGet(inProgressNow.incrementAndGet(), Math::max);
            if (inProgressPolls == 0) {
                inProgressNow.decrementAndGet();
            }
            return created;
        });
        return new PlacedCall(call.callId());
    }

    /** Answers any call id this carrier (on any instance) gave out: the outcome is in the id. */
    @Override
    public CallStatus status(String callId) {
        pause();
        String[] parts = callId.startsWith(PREFIX) ? callId.substring(PREFIX.length()).split("-", 3) : new String[0];
        if (parts.length != 3 || !parts[0].matches("[0-9]") || !parts[1].matches("[1-9][0-9]?")) {
            throw new IllegalArgumentException("unknown call " + callId);
        }
        int poll = polls.computeIfAbsent(callId, id -> new AtomicInteger()).incrementAndGet();
        if (poll <= inProgressPolls) {
            return CallStatus.inProgress();
        }
        if (poll == inProgressPolls + 1 && inProgressPolls > 0 && placedHere.contains(callId)) {
            inProgressNow.decrementAndGet();
        }
        return outcomeFor(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
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
