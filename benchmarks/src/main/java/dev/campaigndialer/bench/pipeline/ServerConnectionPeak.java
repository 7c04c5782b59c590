package dev.campaigndialer.bench.pipeline;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * Samples {@code pg_stat_activity} every few milliseconds for the peak number of client backends
 * in the database, not counting its own: how many server connections the proxy really opened.
 */
public final class ServerConnectionPeak implements AutoCloseable {

    private static final long INTERVAL_MILLIS = 20;

    private final Connection connection;
    private final AtomicInteger peak = new AtomicInteger();
    private final AtomicInteger samples = new AtomicInteger();
    private final Thread thread;
    private volatile boolean running = true;

    private ServerConnectionPeak(DataSource direct) throws SQLException {
        this.connection = direct.getConnection();
        this.thread = new Thread(this::sample, "server-connection-sampler");
        thread.setDaemon(true);
    }

    public static ServerConnectionPeak start(DataSource direct) {
        try {
            var sampler = new ServerConnectionPeak(direct);
            sampler.thread.start();
            return sampler;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the sampling connection", e);
        }
    }

    public int peak() {
        return peak.get();
    }

    /** Queries run so far: each is a database transaction of its own (autocommit). */
    public int samples() {
        return samples.get();
    }

    private void sample() {
        try (var query = connection.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE datname = "
                + "current_database() AND backend_type = 'client backend' AND pid <> pg_backend_pid()")) {
            while (running) {
                try (ResultSet rows = query.executeQuery()) {
                    rows.next();
                    peak.accumulateAndGet(rows.getInt(1), Math::max);
                    samples.incrementAndGet();
                }
                Thread.sleep(INTERVAL_MILLIS);
            }
        } catch (SQLException e) {
            if (running) {
                throw new IllegalStateException("sampling pg_stat_activity failed", e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws SQLException, InterruptedException {
        running = false;
        thread.join(1_000);
        connection.close();
    }
}
