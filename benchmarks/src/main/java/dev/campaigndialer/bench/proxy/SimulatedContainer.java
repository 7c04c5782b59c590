package dev.campaigndialer.bench.proxy;

import dev.campaigndialer.db.Database;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * One Lambda container: its own common-db {@link Database} (one pooled connection), invoked a fixed
 * number of times in a row. A failed transaction (no connection within the budget, "too many
 * clients") is counted and the container moves on to the next one, as the next SQS message would.
 *
 * <p>When its invocations are done it keeps its Database open until the whole fleet is done: a
 * warm container keeps its pooled connection between invocations, so during a burst a finished
 * container does not give its server slot back.
 */
final class SimulatedContainer implements Runnable {

    private final Database database;
    private final int transactions;
    private final CountDownLatch go;
    private final CountDownLatch finished;
    private final CountDownLatch release;
    private final long[] latenciesNanos;
    private final Map<String, Integer> errors = new HashMap<>();
    private int committed;
    private long firstCommitNanos = -1;

    SimulatedContainer(Database database, int transactions, CountDownLatch go, CountDownLatch finished,
            CountDownLatch release) {
        this.database = database;
        this.transactions = transactions;
        this.go = go;
        this.finished = finished;
        this.release = release;
        this.latenciesNanos = new long[transactions];
    }

    @Override
    public void run() {
        try (database) {
            go.await();
            try {
                invokeRepeatedly();
            } finally {
                finished.countDown();
            }
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void invokeRepeatedly() {
        for (int n = 0; n < transactions; n++) {
            long start = System.nanoTime();
            try {
                ClaimAndUpdate.run(database);
                long latency = System.nanoTime() - start;
                latenciesNanos[committed++] = latency;
                if (firstCommitNanos < 0) {
                    firstCommitNanos = latency;
                }
            } catch (RuntimeException e) {
                errors.merge(cause(e), 1, Integer::sum);
            }
        }
    }

    /** Latencies of the committed transactions; read after the thread has ended. */
    long[] latenciesNanos() {
        return Arrays.copyOf(latenciesNanos, committed);
    }

    /**
     * Latency of the container's first committed transaction, which opened its connection (TLS
     * handshake, SCRAM login, secret fetch); -1 when none committed. Read after the thread has ended.
     */
    long firstCommitNanos() {
        return firstCommitNanos;
    }

    /** Failed transactions by cause; read after the thread has ended. */
    Map<String, Integer> errors() {
        return errors;
    }

    /**
     * What the server or driver said at the bottom of the chain (Jdbi wraps common-db's
     * DatabaseUnavailableException, which wraps HikariCP's timeout, which wraps the login failure).
     */
    private static String cause(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = String.valueOf(root.getMessage()).lines().findFirst().orElse("")
                // HikariCP's timeout names the pool and the exact wait; group those together.
                .replaceFirst("^proxy-\\S+ - ", "")
                .replaceAll("after \\d+ms", "after the connect budget")
                .replaceAll(" \\(total=.*\\)$", "");
        String state = root instanceof SQLException sql && sql.getSQLState() != null ? " [" + sql.getSQLState() + "]" : "";
        return root.getClass().getSimpleName() + ": " + message + state;
    }
}
