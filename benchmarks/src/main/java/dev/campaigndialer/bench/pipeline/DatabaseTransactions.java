package dev.campaigndialer.bench.pipeline;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Transactions the database committed or rolled back so far ({@code pg_stat_database}), read over a
 * direct connection. PostgreSQL publishes these counters from each backend at most about once a
 * second, so a reading after a run waits for them to settle. The reading itself is one transaction.
 */
public final class DatabaseTransactions {

    private DatabaseTransactions() {
    }

    public static long now(DataSource direct) {
        try (Connection connection = direct.getConnection();
                var query = connection.prepareStatement("SELECT xact_commit + xact_rollback FROM pg_stat_database "
                        + "WHERE datname = current_database()");
                ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read pg_stat_database", e);
        }
    }

    /** The counter once it has stopped moving (the stack idle), at most {@code waitMillis} later. */
    public static long settled(DataSource direct, long waitMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + waitMillis;
        long last = now(direct);
        while (System.currentTimeMillis() < deadline) {
            Thread.sleep(1_500);
            long next = now(direct);
            if (next - last <= 2) {
                return next;
            }
            last = next;
        }
        return last;
    }
}
