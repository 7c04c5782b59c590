package dev.campaigndialer.db;

import dev.campaigndialer.core.config.ConfigurationException;
import dev.campaigndialer.core.config.Env;
import dev.campaigndialer.core.function.FunctionCatalog;
import dev.campaigndialer.core.log.JsonLog;
import dev.campaigndialer.core.time.TimeScale;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jdbi.v3.core.Jdbi;

/**
 * Retention, run by the minute sweep: no table only grows.
 * <ul>
 * <li>Campaigns finished (COMPLETED or CANCELLED) more than {@code DATA_RETENTION_DAYS} ago
 *     (default 90) are erased as an owner's {@code DELETE /campaigns/{id}} erases them
 *     ({@link CampaignErasure}): contacts, tasks, idempotency records and outbox rows go, the
 *     campaign row and its aggregate report stay.</li>
 * <li>Idempotency records expire 24 hours after the request: a client retries within minutes.</li>
 * <li>Sent outbox rows are deleted a day after sending (unsent ones wait for the relay).</li>
 * </ul>
 * Each batch is one statement in its own transaction, bounded (about {@link Limits#contactsPerStatement}
 * contacts of erased campaigns, or {@link Limits#rowsPerStatement} expired rows) and found through an
 * index (V7), so no run holds a long transaction or a lock a function waits for; a run stops at its
 * time budget and the next minute continues. Thread-safe.
 */
public final class DataRetention {

    public static final String RETENTION_DAYS = FunctionCatalog.DATA_RETENTION_DAYS;
    public static final int DEFAULT_RETENTION_DAYS = 90;
    static final int MAX_RETENTION_DAYS = 3650;

    private static final JsonLog LOG = JsonLog.forClass(DataRetention.class);

    /**
     * How long rows are kept. {@code finishedCampaigns} is the owners' setting, read on the
     * functions' clock like every domain duration; the two machinery lifetimes are real time.
     */
    public record Policy(Duration finishedCampaigns, Duration idempotencyKeys, Duration sentOutboxRows) {

        public static Policy retainingDays(int days) {
            if (days < 1 || days > MAX_RETENTION_DAYS) {
                throw new ConfigurationException(RETENTION_DAYS + " must be between 1 and " + MAX_RETENTION_DAYS
                        + " days, was " + days);
            }
            return new Policy(Duration.ofDays(days), Duration.ofHours(24), Duration.ofDays(1));
        }

        public static Policy fromEnvironment(Env env) {
            return retainingDays(env.intOrDefault(RETENTION_DAYS, DEFAULT_RETENTION_DAYS));
        }

        /** The real-time lifetimes as a clock running at {@code scale} measures them. */
        public Policy onClock(TimeScale scale) {
            return new Policy(finishedCampaigns, scale.onClock(idempotencyKeys), scale.onClock(sentOutboxRows));
        }
    }

    /** The size of one statement's batch and of one run. */
    public record Limits(int contactsPerStatement, int campaignsPerStatement, int rowsPerStatement, Duration timeBudget) {
        /** A run fits well inside the sweep's 55 s timeout, next to its other work. */
        public static Limits defaults() {
            return new Limits(10_000, 1_000, 5_000, Duration.ofSeconds(20));
        }
    }

    /** What one run removed, in how many statements and how long. */
    public record Run(int campaignsErased, long contactsErased, long tasksErased, long idempotencyRecordsDeleted,
            long outboxRowsDeleted, int statements, long runMillis, boolean caughtUp) {

        public boolean removedAnything() {
            return campaignsErased + contactsErased + tasksErased + idempotencyRecordsDeleted + outboxRowsDeleted > 0;
        }
    }

    private final Jdbi jdbi;
    private final Policy policy;
    private final Limits limits;
    private final Clock clock;

    public DataRetention(Jdbi jdbi, Policy policy, Limits limits, Clock clock) {
        this.jdbi = jdbi;
        this.policy = policy;
        this.limits = limits;
        this.clock = clock;
    }

    /** One run: expired campaigns first (their rows are the bulk), then keys, then sent messages. */
    public Run run() {
        long started = System.nanoTime();
        long deadline = started + limits.timeBudget().toNanos();
        Instant now = clock.instant();
        Instant finishedBefore = now.minus(policy.finishedCampaigns());
        int statements = 0;
        int campaigns = 0;
        long contacts = 0;
        long tasks = 0;
        long keys = 0;
        long messages = 0;
        boolean caughtUp = false;
        while (System.nanoTime() < deadline) {
            CampaignErasure.Erased erased = jdbi.withHandle(handle -> CampaignErasure.eraseFinishedBefore(handle,
                    finishedBefore, limits.contactsPerStatement(), limits.campaignsPerStatement(), clock.instant()));
            statements++;
            campaigns += erased.campaigns().size();
            contacts += erased.contacts();
            tasks += erased.tasks();
            keys += erased.idempotencyRecords();
            messages += erased.outboxRows();
            if (erased.campaigns().isEmpty()) {
                caughtUp = true;
                break;
            }
        }
        Instant keysBefore = now.minus(policy.idempotencyKeys());
        boolean keysDone = false;
        while (caughtUp && !keysDone && System.nanoTime() < deadline) {
            int deleted = delete("""
                    DELETE FROM idempotency_keys WHERE (owner_id, idempotency_key) IN (
                        SELECT owner_id, idempotency_key FROM idempotency_keys WHERE created_at < :before
                        LIMIT :limit FOR UPDATE SKIP LOCKED)
                    """, keysBefore);
            statements++;
            keys += deleted;
            keysDone = deleted < limits.rowsPerStatement();
        }
        Instant sentBefore = now.minus(policy.sentOutboxRows());
        boolean outboxDone = false;
        while (keysDone && !outboxDone && System.nanoTime() < deadline) {
            int deleted = delete("""
                    DELETE FROM outbox WHERE id IN (
                        SELECT id FROM outbox WHERE sent_at < :before LIMIT :limit FOR UPDATE SKIP LOCKED)
                    """, sentBefore);
            statements++;
            messages += deleted;
            outboxDone = deleted < limits.rowsPerStatement();
        }
        Run run = new Run(campaigns, contacts, tasks, keys, messages, statements,
                (System.nanoTime() - started) / 1_000_000, outboxDone);
        if (run.removedAnything() || !run.caughtUp()) {
            LOG.info("retention", "runMs", run.runMillis(), "statements", statements, "campaignsErased", campaigns,
                    "contactsErased", contacts, "tasksErased", tasks, "idempotencyRecordsDeleted", keys,
                    "outboxRowsDeleted", messages, "caughtUp", run.caughtUp(), "retentionDays",
                    policy.finishedCampaigns().toDays());
        }
        return run;
    }

    private int delete(String sql, Instant before) {
        return jdbi.withHandle(handle -> handle.createUpdate(sql).bind("before", before)
                .bind("limit", limits.rowsPerStatement()).execute());
    }
}
