package dev.campaigndialer.local.stack;

import dev.campaigndialer.core.queue.QueueSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How to start the local stack.
 *
 * @param repoRoot                  where {@code <module>/target/<module>.jar} are
 * @param dataDirectory             keep PostgreSQL's data here between runs; empty: a temporary one
 * @param databaseUrl               an external PostgreSQL instead of the embedded one
 * @param clockStart                the functions' clock starts here ({@code CLOCK_START})
 * @param clockRate                 the functions' clock runs this many times real time ({@code CLOCK_RATE})
 * @param carrierLatencyMillis      added to every simulated carrier request
 * @param sweepInterval             how often the minute sweep runs
 * @param httpPort                  the API's port on 127.0.0.1 (0: any free port)
 * @param requireAllFunctions       fail when a function's jar is missing (the demo), or run what exists (serve)
 * @param logFile                   where the functions' output goes
 * @param visibilityTimeoutOverride every queue's visibility timeout, instead of QueueTopology's (tests)
 * @param statusPollDelaySeconds    the functions' {@code STATUS_POLL_DELAY_SECONDS}
 * @param useProxy                  run PgBouncer when installed (false: the no-pgbouncer fallback, for tests)
 * @param maxContainersPerFunction  at most this many containers per SQS-driven function (0: Terraform's maximum concurrency)
 * @param connect                   the local Amazon Connect endpoint's quotas and contact events
 * @param countSqsRequests          route all SQS traffic through a proxy that counts requests by action (benchmarks)
 */
public record StackSettings(
        Path repoRoot,
        Optional<Path> dataDirectory,
        Optional<String> databaseUrl,
        Instant clockStart,
        double clockRate,
        long carrierLatencyMillis,
        Duration sweepInterval,
        int httpPort,
        boolean requireAllFunctions,
        Path logFile,
        Optional<Integer> visibilityTimeoutOverride,
        int statusPollDelaySeconds,
        boolean useProxy,
        int maxContainersPerFunction,
        ConnectSettings connect,
        boolean countSqsRequests) {

    /**
     * The local Connect endpoint's API quota (a token bucket per API, which the functions' fleet
     * budget is set to as well, as Terraform sets it to the account's quota) and its contact events.
     *
     * @param requestsPerSecond  each API's rate ({@code --connect-rps})
     * @param burst              each API's burst ({@code --connect-burst})
     * @param contactEvents      send contact events to the status queue, as the EventBridge rule does
     * @param dropEventsPercent  drop this share of the events ({@code --drop-events}), to prove the fallback
     * @param ringTimeoutSeconds the functions' {@code RING_TIMEOUT_SECONDS}
     */
    public record ConnectSettings(double requestsPerSecond, double burst, boolean contactEvents,
            double dropEventsPercent, int ringTimeoutSeconds) {

        /** Generous, so the demo is not held back: the pipeline places well under 500 calls a second here. */
        public static final double DEFAULT_RPS = 500;
        public static final double DEFAULT_BURST = 1000;

        public static ConnectSettings defaults() {
            return new ConnectSettings(DEFAULT_RPS, DEFAULT_BURST, true, 0, 60);
        }

        public ConnectSettings withRate(double rps, double burst) {
            return new ConnectSettings(rps, burst, contactEvents, dropEventsPercent, ringTimeoutSeconds);
        }

        public ConnectSettings withDroppedEvents(double percent) {
            return new ConnectSettings(requestsPerSecond, burst, contactEvents, percent, ringTimeoutSeconds);
        }
    }

    /** These settings with other Connect settings. */
    public StackSettings with(ConnectSettings other) {
        return new StackSettings(repoRoot, dataDirectory, databaseUrl, clockStart, clockRate, carrierLatencyMillis,
                sweepInterval, httpPort, requireAllFunctions, logFile, visibilityTimeoutOverride, statusPollDelaySeconds,
                useProxy, maxContainersPerFunction, other, countSqsRequests);
    }

    /** These settings with every SQS request counted. */
    public StackSettings countingSqsRequests() {
        return new StackSettings(repoRoot, dataDirectory, databaseUrl, clockStart, clockRate, carrierLatencyMillis,
                sweepInterval, httpPort, requireAllFunctions, logFile, visibilityTimeoutOverride, statusPollDelaySeconds,
                useProxy, maxContainersPerFunction, connect, true);
    }

    /** A real-time second of latency between a claim and its call, at most, as the fast clock measures it. */
    private static final double PLACEMENT_LATENCY_ALLOWANCE_SECONDS = 0.5;

    /**
     * The functions' {@code CALL_START_MARGIN_SECONDS}: AWS's 60 s, or more with a fast clock, where
     * the real milliseconds between a claim and the carrier placing the call are minutes of clock
     * time: the margin covers half a real second of them.
     */
    public long callStartMarginSeconds() {
        return Math.max(60, (long) Math.ceil(clockRate * PLACEMENT_LATENCY_ALLOWANCE_SECONDS));
    }

    /** How often the sweep runs: every {@code sweepInterval}, or every clock minute when that is sooner, at most twice a second. */
    public Duration effectiveSweepInterval() {
        long clockMinuteMillis = (long) (60_000 / clockRate);
        return Duration.ofMillis(Math.max(500, Math.min(sweepInterval.toMillis(), clockMinuteMillis)));
    }

    /**
     * Containers for a queue's function: Terraform's maximum concurrency, capped by
     * {@code maxContainersPerFunction}. In AWS every container has its own CPU; here they share
     * this machine's cores, and beyond a few per core more containers only add start-up work.
     */
    public int containers(QueueSettings queue) {
        int cap = maxContainersPerFunction;
        return cap > 0 ? Math.min(cap, queue.maximumConcurrency()) : queue.maximumConcurrency();
    }
}
