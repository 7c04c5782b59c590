package dev.campaigndialer.bench.proxy;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

/**
 * What one run of the fleet on one route measured.
 *
 * @param route                 {@code direct} or {@code via_proxy}
 * @param containers            simulated function containers
 * @param transactionsEach      transactions each container attempted
 * @param committed             transactions that committed
 * @param errors                transaction attempts that failed (mostly: no connection)
 * @param errorCauses           failed attempts by root cause, for the console
 * @param serverConnectionsPeak peak client backends in the route's database ({@code pg_stat_activity})
 * @param p50Millis             median latency of a committed transaction, connection wait included
 * @param p99Millis             99th percentile of the same
 * @param firstP50Millis        median latency of each container's first committed transaction, the
 *                              one that opened its connection (secret fetch, TLS handshake, SCRAM login)
 * @param firstMaxMillis        the slowest of those
 * @param wall                  from the start signal until the last container finished its attempts
 */
public record FleetResult(
        String route,
        int containers,
        int transactionsEach,
        long committed,
        long errors,
        Map<String, Integer> errorCauses,
        int serverConnectionsPeak,
        double p50Millis,
        double p99Millis,
        double firstP50Millis,
        double firstMaxMillis,
        Duration wall) {

    static FleetResult of(String route, int containers, int transactionsEach, long[] latenciesNanos,
            long[] firstLatenciesNanos, Map<String, Integer> errorCauses, int serverConnectionsPeak, Duration wall) {
        long[] sorted = sorted(latenciesNanos);
        long[] first = sorted(firstLatenciesNanos);
        long errors = errorCauses.values().stream().mapToLong(Integer::longValue).sum();
        return new FleetResult(route, containers, transactionsEach, sorted.length, errors, Map.copyOf(errorCauses),
                serverConnectionsPeak, percentileMillis(sorted, 50), percentileMillis(sorted, 99),
                percentileMillis(first, 50), percentileMillis(first, 100), wall);
    }

    private static long[] sorted(long[] values) {
        long[] copy = values.clone();
        Arrays.sort(copy);
        return copy;
    }

    /** Committed transactions per second of the run's wall time (failed attempts' waits included). */
    public double transactionsPerSecond() {
        return committed / (wall.toNanos() / 1e9);
    }

    /** Nearest-rank percentile; NaN when nothing committed. */
    private static double percentileMillis(long[] sortedNanos, int percentile) {
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(percentile / 100.0 * sortedNanos.length);
        return sortedNanos[Math.max(0, rank - 1)] / 1e6;
    }
}
