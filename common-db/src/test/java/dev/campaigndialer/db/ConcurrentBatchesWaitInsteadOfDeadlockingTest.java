package dev.campaigndialer.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.campaigndialer.core.config.Env;
import dev.campaigndialer.db.repository.DialTaskRepository;
import dev.campaigndialer.testkit.CampaignRows;
import dev.campaigndialer.testkit.ProxiedDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Status batches run side by side and share calls (a call's CONNECTED_TO_SYSTEM and DISCONNECTED
 * events land in different batches). A batch that locked its rows in its own order deadlocked
 * with another: PostgreSQL aborted one, the whole batch of ten returned to the queue and waited
 * out the visibility timeout (the demo reported a stall). Two defences, each shown here through
 * the transaction-pooling proxy, each container with its own connection:
 * <ul>
 *   <li>the status statements lock their rows in id order, so the later batch waits;</li>
 *   <li>a transaction PostgreSQL aborts to break a deadlock runs again, once the other commits.</li>
 * </ul>
 */
class ConcurrentBatchesWaitInsteadOfDeadlockingTest {

    private static final Instant NOW = Instant.parse("2026-11-23T20:00:00Z");

    private static ProxiedDatabase proxied;
    private static CampaignRows rows;
    private static Database batchA;
    private static Database batchB;

    @BeforeAll
    static void open() {
        proxied = ProxiedDatabase.create("deadlocks");
        rows = new CampaignRows(proxied.direct());
        batchA = Database.fromEnvironment(Env.of(proxied.env()));
        batchB = Database.fromEnvironment(Env.of(proxied.env()));
    }

    @AfterAll
    static void close() {
        batchA.close();
        batchB.close();
    }

    @Test
    void finishingCallsLocksThemInIdOrderSoAnotherBatchHoldingOneOfThemIsNotDeadlocked() throws Exception {
        UUID[] calls = twoCallsInProgress();
        UUID low = calls[0];
        UUID high = calls[1];

        List<UUID> finished = whileAnotherBatchHolds(low, then -> then.updateAmd(high), () -> batchB.jdbi()
                .withExtension(DialTaskRepository.class, tasks -> tasks.finishCalls(new UUID[] {high, low},
                        new String[] {"ANSWERED", "ANSWERED"}, new Integer[] {30, 30}, new String[] {null, null}, NOW)));

        assertThat(finished).containsExactlyInAnyOrder(low, high);
        assertThat(rows.taskStatus(low)).isEqualTo("ANSWERED");
        assertThat(rows.taskStatus(high)).isEqualTo("ANSWERED");
    }

    @Test
    void recordingAmdVerdictsLocksThemInIdOrderToo() throws Exception {
        UUID[] calls = twoCallsInProgress();
        UUID low = calls[0];
        UUID high = calls[1];

        int recorded = whileAnotherBatchHolds(low, then -> then.updateAmd(high), () -> batchB.jdbi()
                .withExtension(DialTaskRepository.class, tasks -> tasks.recordAmdStatuses(new UUID[] {high, low},
                        new String[] {"MACHINE", "MACHINE"}, NOW)));

        assertThat(recorded).isEqualTo(2);
    }

    @Test
    void aTransactionPostgresAbortsToBreakADeadlockRunsAgainAndCommits() throws Exception {
        UUID[] calls = twoCallsInProgress();
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch bothHoldTheirFirstRow = new CountDownLatch(2);

        CompletableFuture<Integer> a = CompletableFuture.supplyAsync(() -> batchA.jdbi().inTransaction(handle ->
                touchInOrder(handle, calls[0], calls[1], runs, bothHoldTheirFirstRow)));
        CompletableFuture<Integer> b = CompletableFuture.supplyAsync(() -> batchB.jdbi().inTransaction(handle ->
                touchInOrder(handle, calls[1], calls[0], runs, bothHoldTheirFirstRow)));

        assertThat(a.get(30, TimeUnit.SECONDS)).isEqualTo(2);
        assertThat(b.get(30, TimeUnit.SECONDS)).isEqualTo(2);
        // Each ran once, and PostgreSQL's victim once more.
        assertThat(runs).hasValue(3);
        assertThat(rows.taskStatus(calls[0])).isEqualTo("DIALING");
    }

    @Test
    void anyOtherFailureIsNotRunAgain() {
        UUID[] calls = twoCallsInProgress();
        AtomicInteger runs = new AtomicInteger();

        assertThatThrownBy(() -> batchA.jdbi().useTransaction(handle -> {
            runs.incrementAndGet();
            handle.execute("UPDATE dial_tasks SET updated_at = now() WHERE id = ?", calls[0]);
            handle.createQuery("SELECT 1 / 0").mapTo(Integer.class).one();
        })).isInstanceOf(UnableToExecuteStatementException.class);
        assertThat(runs).hasValue(1);
    }

    /** Two DIALING tasks of a new campaign, lower id (in PostgreSQL's order) first. */
    private static UUID[] twoCallsInProgress() {
        UUID campaign = UUID.randomUUID();
        rows.campaign(campaign, "owner-deadlocks", "RUNNING", 2, NOW);
        // PostgreSQL orders uuids by their bytes, Java by signed longs: ask PostgreSQL which is first.
        UUID[] ids = postgresOrder(new UUID[] {UUID.randomUUID(), UUID.randomUUID()});
        // Higher id stored first: a plan that visits the table in storage order meets it first too.
        for (int i = ids.length - 1; i >= 0; i--) {
            rows.task(ids[i], campaign, rows.contact(campaign, i + 1, "+1212555010" + i), "DIALING", "call-" + ids[i], NOW);
        }
        return ids;
    }

    private static UUID[] postgresOrder(UUID[] ids) {
        try (Connection connection = proxied.direct().getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT id FROM unnest(CAST(? AS uuid[])) AS v(id) ORDER BY id")) {
            statement.setArray(1, connection.createArrayOf("uuid", ids));
            try (ResultSet result = statement.executeQuery()) {
                UUID[] ordered = new UUID[ids.length];
                for (int i = 0; result.next(); i++) {
                    ordered[i] = result.getObject(1, UUID.class);
                }
                return ordered;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Opens a transaction that holds {@code held}, starts {@code statement} on the other container,
     * waits until that statement waits for a lock, lets the holder take its second row
     * ({@code then}) and commit, and returns the statement's result. Had the statement locked a
     * row the holder takes second, PostgreSQL would have aborted one of the two.
     */
    private static <T> T whileAnotherBatchHolds(UUID held, SecondStep then, Callable<T> statement)
            throws Exception {
        try (Connection holder = proxied.direct().getConnection()) {
            holder.setAutoCommit(false);
            Holder holding = new Holder(holder);
            holding.updateAmd(held);
            CompletableFuture<T> other = CompletableFuture.supplyAsync(() -> {
                try {
                    return statement.call();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            awaitSomeoneWaitingForALock(other);
            then.take(holding);
            holder.commit();
            return other.get(30, TimeUnit.SECONDS);
        }
    }

    @FunctionalInterface
    private interface SecondStep {
        void take(Holder holder) throws SQLException;
    }

    /** The first batch, straight to PostgreSQL, so its transaction spans statements under our control. */
    private record Holder(Connection connection) {
        void updateAmd(UUID task) throws SQLException {
            try (Statement timeout = connection.createStatement()) {
                // Fail the test rather than hang if the other batch does hold this row.
                timeout.execute("SET LOCAL lock_timeout = '10s'");
            }
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE dial_tasks SET amd_status = 'HUMAN' WHERE id = ?")) {
                update.setObject(1, task);
                assertThat(update.executeUpdate()).isEqualTo(1);
            }
        }
    }

    private static void awaitSomeoneWaitingForALock(CompletableFuture<?> other) throws Exception {
        Instant until = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(until)) {
            if (other.isDone()) {
                other.get();
                throw new AssertionError("the other batch finished while a row it needs was held");
            }
            try (Connection admin = proxied.direct().getConnection(); Statement query = admin.createStatement();
                    ResultSet waiting = query.executeQuery(
                            "SELECT count(*) FROM pg_locks WHERE NOT granted")) {
                waiting.next();
                if (waiting.getInt(1) > 0) {
                    return;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the other batch never waited for the held row");
    }

    /** Locks {@code first}, waits (on the first run only) until the other transaction holds its first, then {@code second}. */
    private static int touchInOrder(Handle handle, UUID first, UUID second, AtomicInteger runs, CountDownLatch meet) {
        runs.incrementAndGet();
        int touched = handle.execute("UPDATE dial_tasks SET updated_at = now() WHERE id = ?", first);
        meet.countDown();
        try {
            meet.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return touched + handle.execute("UPDATE dial_tasks SET updated_at = now() WHERE id = ?", second);
    }
}
