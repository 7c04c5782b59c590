package dev.campaigndialer.bench.proxy;

import dev.campaigndialer.localaws.PostgresServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Polls {@code pg_stat_activity} for the peak number of client backends (server connections) in
 * one database while a run is under way. It keeps a single superuser connection to the
 * {@code postgres} database: that takes a reserved superuser slot, is not counted itself, and
 * does not churn connections while the run is measured.
 */
final class BackendSampler implements AutoCloseable {

    private static final long INTERVAL_MILLIS = 10;

    private final Connection connection;
    private final PreparedStatement query;
    private final AtomicInteger peak = new AtomicInteger();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile SQLException failure;

    private BackendSampler(PostgresServer server, String database) throws SQLException {
        this.connection = server.admin("postgres");
        this.query = connection.prepareStatement(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = ? AND backend_type = 'client backend'");
        query.setString(1, database);
        this.thread = new Thread(this::sample, "backend-sampler");
        thread.setDaemon(true);
    }

    static BackendSampler start(PostgresServer server, String database) {
        try {
            var sampler = new BackendSampler(server, database);
            sampler.thread.start();
            return sampler;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the sampling connection", e);
        }
    }

    /**
     * Waits until at most {@code kept} client backends are left in the database: a closed
     * connection's backend exits a moment after the client has gone.
     */
    static void awaitAtMost(PostgresServer server, String database, int kept, Duration timeout) throws SQLException {
        try (var sampler = new BackendSampler(server, database)) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (sampler.current() > kept) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(sampler.current() + " backends still connected to " + database
                            + " after " + timeout.toSeconds() + " s");
                }
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Backends right now, from the sampling connection (also used to wait for a quiet server). */
    int current() throws SQLException {
        synchronized (query) {
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        }
    }

    int peak() {
        return peak.get();
    }

    private void sample() {
        while (running) {
            try {
                peak.accumulateAndGet(current(), Math::max);
                Thread.sleep(INTERVAL_MILLIS);
            } catch (SQLException e) {
                failure = e;
                return;
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() throws SQLException {
        running = false;
        if (thread.isAlive()) {
            thread.interrupt();
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        connection.close();
        if (failure != null) {
            throw new SQLException("sampling pg_stat_activity failed; the peak would be wrong", failure);
        }
    }
}
