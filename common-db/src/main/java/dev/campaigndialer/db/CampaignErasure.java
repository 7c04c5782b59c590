package dev.campaigndialer.db;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Erases finished campaigns' personal data: their contacts (numbers, names, attributes), dial
 * tasks (carrier call ids, outcomes), idempotency records (the creating response lists rejected
 * numbers) and outbox rows, and marks them ERASED. Kept: the campaign row (name, settings, contact
 * counts) and its stored report, whose body holds aggregates only, so the report still answers
 * the same totals. The owner's DNC list is never touched.
 *
 * <p>One statement erases a batch of campaigns: data-modifying CTEs, so the batch is erased
 * whole or not at all, whoever runs it (the owner's {@code DELETE /campaigns/{id}} or the minute
 * sweep's retention). A campaign is erasable ({@link #ERASABLE}) when it is COMPLETED or
 * CANCELLED, no call of it is still open, and its final (not partial) report is stored: the
 * totals must be kept before the rows they come from go. Rows are locked with SKIP LOCKED, so an
 * owner's erasure and the sweep never wait for each other, and the conditions are re-checked on
 * the locked row. Every delete is found through an index (V7). Thread-safe (stateless).
 */
public final class CampaignErasure {

    /** What one statement erased. */
    public record Erased(List<UUID> campaigns, long contacts, long tasks, long idempotencyRecords, long outboxRows) {
    }

    /** A campaign row {@code c} that may be erased now. */
    public static final String ERASABLE = """
            c.status IN ('COMPLETED', 'CANCELLED')
            AND NOT EXISTS (SELECT 1 FROM dial_tasks t WHERE t.campaign_id = c.id
                            AND t.status IN ('PENDING', 'READY', 'SCHEDULED', 'DIALING'))
            AND EXISTS (SELECT 1 FROM reports r WHERE r.campaign_id = c.id AND r.body ->> 'partial' = 'false')
            """;

    private static final String ERASE = """
            WITH doomed AS (
                SELECT c.id FROM campaigns c WHERE c.id IN (%s) AND %s
                FOR UPDATE OF c SKIP LOCKED
            ), tasks AS (
                DELETE FROM dial_tasks t USING doomed d WHERE t.campaign_id = d.id RETURNING 1
            ), contacts AS (
                DELETE FROM contacts k USING doomed d WHERE k.campaign_id = d.id RETURNING 1
            ), keys AS (
                DELETE FROM idempotency_keys i USING doomed d WHERE i.campaign_id = d.id RETURNING 1
            ), messages AS (
                DELETE FROM outbox o USING doomed d WHERE o.campaign_id = d.id RETURNING 1
            ), erased AS (
                UPDATE campaigns c SET status = 'ERASED', erased_at = :now, updated_at = :now
                FROM doomed d WHERE c.id = d.id RETURNING c.id
            )
            SELECT coalesce((SELECT array_agg(id) FROM erased), CAST('{}' AS uuid[])) AS campaigns,
                   (SELECT count(*) FROM contacts) AS contacts, (SELECT count(*) FROM tasks) AS tasks,
                   (SELECT count(*) FROM keys) AS keys, (SELECT count(*) FROM messages) AS messages
            """;

    // The retention batch: the oldest finished campaigns, as many as fit in the row budget (and at
    // least one, however big: a campaign is erased whole). The running sum is evaluated lazily
    // over the index on completed_at, so the LIMIT stops the scan.
    private static final String EXPIRED = """
            SELECT e.id FROM (
                SELECT c.id, c.contacts_accepted + c.contacts_suppressed AS own,
                       sum(c.contacts_accepted + c.contacts_suppressed) OVER (ORDER BY c.completed_at, c.id) AS running
                FROM campaigns c
                WHERE c.status IN ('COMPLETED', 'CANCELLED') AND c.completed_at < :finishedBefore AND %s
                ORDER BY c.completed_at, c.id LIMIT :maxCampaigns) e
            WHERE e.running - e.own < :contactBudget
            """.formatted(ERASABLE);

    private CampaignErasure() {
    }

    /** Erases these campaigns, those of them that are erasable and not locked by another eraser. */
    public static Erased erase(Handle handle, List<UUID> campaignIds, Instant now) {
        return run(handle, ERASE.formatted("SELECT unnest(CAST(:ids AS uuid[]))", ERASABLE), now)
                .bind("ids", campaignIds.toArray(UUID[]::new)).map(CampaignErasure::erased).one();
    }

    /**
     * Erases the oldest campaigns finished before {@code finishedBefore}: at most {@code maxCampaigns},
     * holding about {@code contactBudget} stored contacts together (one bigger campaign alone).
     */
    public static Erased eraseFinishedBefore(Handle handle, Instant finishedBefore, int contactBudget, int maxCampaigns,
            Instant now) {
        return run(handle, ERASE.formatted(EXPIRED, ERASABLE), now).bind("finishedBefore", finishedBefore)
                .bind("contactBudget", contactBudget).bind("maxCampaigns", maxCampaigns)
                .map(CampaignErasure::erased).one();
    }

    private static org.jdbi.v3.core.statement.Query run(Handle handle, String sql, Instant now) {
        return handle.createQuery(sql).bind("now", now);
    }

    private static Erased erased(java.sql.ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx)
            throws java.sql.SQLException {
        return new Erased(List.of((UUID[]) rs.getArray("campaigns").getArray()), rs.getLong("contacts"),
                rs.getLong("tasks"), rs.getLong("keys"), rs.getLong("messages"));
    }
}
