package dev.campaigndialer.db.internal;

import dev.campaigndialer.core.log.JsonLog;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.transaction.DelegatingTransactionHandler;
import org.jdbi.v3.core.transaction.LocalTransactionHandler;
import org.jdbi.v3.core.transaction.TransactionHandler;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * Runs a transaction again when PostgreSQL rolled it back to break a deadlock ({@code 40P01}) or
 * could not serialize it ({@code 40001}). PostgreSQL's manual says both are to be retried by the
 * application: the transaction did nothing, and running it again usually succeeds.
 *
 * <p>Without this, a status-checker batch that lost a deadlock to a concurrent batch failed
 * whole, and its ten messages waited out the queue's visibility timeout before anyone tried again.
 *
 * <p>Only an outermost transaction is run again (a nested one belongs to a transaction that is
 * already aborted), at most {@value #ATTEMPTS} times in all, after a short jittered pause so that
 * the two sides of the deadlock do not meet again. A callback must therefore return what it did
 * rather than add to a list outside it. Messages it sent to SQS before the rollback are sent
 * again: a duplicate, which every consumer already absorbs (delivery is at least once anyway).
 */
public final class ConflictRetryingTransactions extends DelegatingTransactionHandler {

    static final int ATTEMPTS = 3;

    private static final JsonLog LOG = JsonLog.forClass(ConflictRetryingTransactions.class);
    private static final String DEADLOCK = "40P01";
    private static final String SERIALIZATION_FAILURE = "40001";

    private ConflictRetryingTransactions(TransactionHandler delegate) {
        super(delegate);
    }

    /** Jdbi's own local transactions, run again on a deadlock or serialization failure. */
    public static TransactionHandler local() {
        return new ConflictRetryingTransactions(LocalTransactionHandler.binding());
    }

    @Override
    public <R, X extends Exception> R inTransaction(Handle handle, HandleCallback<R, X> callback) throws X {
        if (isInTransaction(handle)) {
            return super.inTransaction(handle, callback);
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return super.inTransaction(handle, callback);
            } catch (Exception e) {
                String state = conflictState(e);
                if (state == null || attempt == ATTEMPTS) {
                    throw e;
                }
                Duration pause = Duration.ofMillis(ThreadLocalRandom.current().nextLong(5, 25L * attempt + 1));
                LOG.warn("transaction rolled back by PostgreSQL (" + (DEADLOCK.equals(state) ? "deadlock"
                        : "serialization failure") + "): running it again", "sqlState", state, "attempt", attempt,
                        "pauseMs", pause.toMillis());
                sleep(pause);
            }
        }
    }

    @Override
    public <R, X extends Exception> R inTransaction(Handle handle, TransactionIsolationLevel level,
            HandleCallback<R, X> callback) throws X {
        TransactionIsolationLevel initial = handle.getTransactionIsolationLevel();
        handle.setTransactionIsolationLevel(level);
        try {
            return inTransaction(handle, callback);
        } finally {
            handle.setTransactionIsolationLevel(initial);
        }
    }

    /** Each handle gets its own bound delegate, still wrapped, so its transactions keep the retry. */
    @Override
    public TransactionHandler specialize(Handle handle) throws SQLException {
        return new ConflictRetryingTransactions(getDelegate().specialize(handle));
    }

    /** The SQL state of a deadlock or serialization failure anywhere in the chain; otherwise null. */
    static String conflictState(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException sql
                    && (DEADLOCK.equals(sql.getSQLState()) || SERIALIZATION_FAILURE.equals(sql.getSQLState()))) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
