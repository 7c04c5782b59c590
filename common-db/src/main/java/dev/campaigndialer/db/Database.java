package dev.campaigndialer.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import dev.campaigndialer.core.config.Env;
import dev.campaigndialer.core.lambda.ConnectDeadline;
import dev.campaigndialer.core.log.JsonLog;
import dev.campaigndialer.db.credentials.CredentialsProvider;
import dev.campaigndialer.db.credentials.CredentialsProviders;
import dev.campaigndialer.db.internal.Backoff;
import dev.campaigndialer.db.internal.ConflictRetryingTransactions;
import dev.campaigndialer.db.internal.CredentialedDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementExceptions;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/**
 * The only way to PostgreSQL: one pooled connection per Lambda container through RDS Proxy,
 * verified TLS, credentials from Secrets Manager (or IAM tokens), and connect retries bounded by
 * the invocation's remaining time.
 *
 * <p>Nothing here pins a proxy session: HikariCP is given no {@code transactionIsolation} and no
 * {@code connectionInitSql} (each sends a {@code SET}), and the driver never prepares named
 * statements ({@code prepareThreshold=0}). Thread-safe.
 */
public final class Database implements AutoCloseable, ConnectDeadline {

    private static final JsonLog LOG = JsonLog.forClass(Database.class);
    private static final Duration MIN_HIKARI_TIMEOUT = Duration.ofMillis(250);
    private static final Duration DEADLINE_MARGIN = Duration.ofMillis(500);

    private final DatabaseSettings settings;
    private final CredentialsProvider credentials;
    private final HikariDataSource pool;
    private final Jdbi jdbi;
    private final Backoff backoff;
    private final Clock clock;
    private final ThreadLocal<Instant> deadline = new ThreadLocal<>();
    // CRaC holds resources weakly: this field keeps the SnapStart hook alive as long as we are.
    @SuppressWarnings({"unused", "FieldCanBeLocal"})
    private final SnapStartHook snapStartHook;

    public Database(DatabaseSettings settings, CredentialsProvider credentials, Clock clock) {
        this.settings = settings;
        this.credentials = credentials;
        this.clock = clock;
        this.backoff = Backoff.defaults();
        this.pool = new HikariDataSource(poolConfig(settings, credentials));
        this.jdbi = Jdbi.create(this::openConnection).installPlugin(new SqlObjectPlugin());
        // Concurrent batches can deadlock on the same rows; PostgreSQL aborts one, which runs again.
        jdbi.setTransactionHandler(ConflictRetryingTransactions.local());
        // Jdbi's exception messages would carry the statement and its bound arguments (personal
        // data) into every log line and stack trace: the cause's own message is enough.
        jdbi.getConfig(StatementExceptions.class).setMessageRendering(StatementExceptions.MessageRendering.NONE);
        this.snapStartHook = SnapStartHook.register(this);
    }

    /** Reads {@link DatabaseSettings} from the environment and builds the real credential source. */
    public static Database fromEnvironment(Env env) {
        DatabaseSettings settings = DatabaseSettings.fromEnvironment(env);
        return new Database(settings, CredentialsProviders.forSettings(settings), Clock.systemUTC());
    }

    private static HikariConfig poolConfig(DatabaseSettings settings, CredentialsProvider credentials) {
        var config = new HikariConfig();
        config.setPoolName("proxy-" + settings.databaseName());
        config.setDataSource(new CredentialedDataSource(settings.jdbcUrl(), settings.connectionProperties(), credentials));
        // One connection per container: the proxy multiplexes, the container never needs two.
        config.setMaximumPoolSize(1);
        config.setMinimumIdle(0);
        config.setMaxLifetime(settings.maxLifetime().toMillis());
        config.setIdleTimeout(0);
        config.setConnectionTimeout(settings.connectBudget().toMillis());
        // Don't connect at construction: a cold start must not fail because the database is asleep.
        config.setInitializationFailTimeout(-1);
        config.setAutoCommit(true);
        return config;
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public DatabaseSettings settings() {
        return settings;
    }

    /**
     * Bounds connect retries on this thread by an invocation deadline (Lambda's remaining time);
     * {@code null} restores the default budget.
     */
    @Override
    public void connectDeadline(Instant until) {
        if (until == null) {
            deadline.remove();
        } else {
            deadline.set(until);
        }
    }

    /**
     * A pooled connection, retrying with backoff and jitter while the proxy or database is
     * unreachable (Aurora resuming, failover), until the deadline. Authentication failures are
     * handled below (one credentials refresh); anything else is not retried.
     */
    public Connection openConnection() throws SQLException {
        Instant start = clock.instant();
        Instant until = deadline.get() != null ? deadline.get().minus(DEADLINE_MARGIN) : start.plus(settings.connectBudget());
        SQLException last = null;
        for (int attempt = 1; ; attempt++) {
            Duration remaining = Duration.between(clock.instant(), until);
            if (remaining.compareTo(MIN_HIKARI_TIMEOUT) < 0) {
                throw new DatabaseUnavailableException("database not reachable through " + settings.proxyEndpoint()
                        + ":" + settings.port() + " within the connect budget of "
                        + Duration.between(start, until).toMillis() + " ms after " + (attempt - 1) + " attempt(s): "
                        + (last == null ? "no time left" : rootMessage(last)), last);
            }
            try {
                // HikariDataSource.getConnection() waits the configured connectionTimeout; the pool's
                // own method takes the bound we need: what is left of this invocation.
                var hikariPool = (HikariPool) pool.getHikariPoolMXBean();
                Connection connection = hikariPool.getConnection(Math.min(remaining.toMillis(), 5_000));
                if (connection.isClosed()) {
                    // HikariCP 5.1 can hand out a new connection whose first validation timed out
                    // (a long proxy queue) and that the driver has closed: replace it.
                    pool.evictConnection(connection);
                    throw new java.sql.SQLTransientConnectionException("pooled connection was closed", "08003");
                }
                if (attempt > 1) {
                    LOG.info("database reachable again", "attempts", attempt,
                            "waitedMs", Duration.between(start, clock.instant()).toMillis());
                }
                return connection;
            } catch (SQLException e) {
                if (!isTransient(e)) {
                    throw e;
                }
                last = e;
                Duration pause = backoff.delay(attempt);
                Duration left = Duration.between(clock.instant(), until);
                if (left.compareTo(pause) > 0) {
                    LOG.warn("database not reachable, retrying", "attempt", attempt, "pauseMs", pause.toMillis(),
                            "cause", rootMessage(e));
                    sleep(pause);
                } else if (left.compareTo(MIN_HIKARI_TIMEOUT) >= 0) {
                    sleep(left.minus(MIN_HIKARI_TIMEOUT).isNegative() ? Duration.ZERO : left.minus(MIN_HIKARI_TIMEOUT));
                }
            }
        }
    }

    /**
     * Worth retrying: the pool timed out waiting for a connection, or a connection-level failure
     * (class 08, 57P0x: shutdown, cannot connect now). Never an authentication failure: that had
     * its one credentials refresh already.
     */
    static boolean isTransient(SQLException e) {
        boolean connectionLevel = e instanceof SQLTransientConnectionException;
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                if (CredentialedDataSource.isAuthenticationFailure(sql)) {
                    return false;
                }
                String state = sql.getSQLState();
                connectionLevel |= state != null && (state.startsWith("08") || state.startsWith("57P"));
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return connectionLevel;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    /** Closes the pooled connection so the next use opens a new one (SnapStart checkpoint, tests). */
    public void evictConnections() {
        pool.getHikariPoolMXBean().softEvictConnections();
    }

    /** Called after a SnapStart restore: the snapshot's credentials may be stale. */
    void afterRestore() {
        evictConnections();
        credentials.refresh();
    }

    @Override
    public void close() {
        pool.close();
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
