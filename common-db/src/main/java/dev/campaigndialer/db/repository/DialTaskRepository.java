package dev.campaigndialer.db.repository;

import dev.campaigndialer.core.domain.TaskStatus;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Dial tasks: one row per contact per attempt, unique {@code (contact_id, attempt)}. Every
 * transition names the state(s) it expects; 0 rows means a duplicate message found nothing to do.
 */
@RegisterConstructorMapper(DialTaskRepository.FirstAttempt.class)
@RegisterConstructorMapper(DialTaskRepository.TaskRef.class)
@RegisterConstructorMapper(DialTaskRepository.ClaimGate.class)
@RegisterRowMapper(TaskContext.Mapper.class)
public interface DialTaskRepository {

    /** A first-attempt task and its contact's position in the fan-out. */
    record FirstAttempt(UUID taskId, int seq) {
    }

    /** A task id with its campaign, for re-driving messages. */
    record TaskRef(UUID taskId, UUID campaignId) {
    }

    // ---- dispatch --------------------------------------------------------------------------

    /**
     * Creates the attempt-1 tasks for the accepted contacts with seq in {@code (after, through]};
     * a contact that already has one keeps it (a redelivered dispatch creates nothing twice).
     */
    @SqlUpdate("""
            INSERT INTO dial_tasks (id, campaign_id, contact_id, attempt, status, created_at, updated_at)
            SELECT gen_random_uuid(), campaign_id, id, 1, 'PENDING', :now, :now FROM contacts
            WHERE campaign_id = :campaign AND status = 'ACCEPTED' AND seq > :after AND seq <= :through
            ON CONFLICT (contact_id, attempt) DO NOTHING
            """)
    int createFirstAttempts(@Bind("campaign") UUID campaign, @Bind("after") int after, @Bind("through") int through,
            @Bind("now") Instant now);

    @SqlQuery("""
            SELECT t.id AS task_id, c.seq FROM dial_tasks t JOIN contacts c ON c.id = t.contact_id
            WHERE t.campaign_id = :campaign AND t.attempt = 1 AND c.seq > :after AND c.seq <= :through
            ORDER BY c.seq
            """)
    List<FirstAttempt> firstAttempts(@Bind("campaign") UUID campaign, @Bind("after") int after,
            @Bind("through") int through);

    @SqlQuery("SELECT coalesce(max(seq), 0) FROM contacts WHERE campaign_id = :campaign")
    int lastSeq(@Bind("campaign") UUID campaign);

    // ---- reads -----------------------------------------------------------------------------

    @SqlQuery(TaskContext.SELECT + " WHERE t.id = :id")
    Optional<TaskContext> context(@Bind("id") UUID id);

    // ---- enrich ----------------------------------------------------------------------------

    @SqlUpdate("UPDATE dial_tasks SET status = 'READY', timezones = :zones, enqueued_at = :now, updated_at = :now "
            + "WHERE id = :id AND status = 'PENDING'")
    int markReady(@Bind("id") UUID id, @Bind("zones") String[] zones, @Bind("now") Instant now);

    @SqlUpdate("UPDATE dial_tasks SET status = 'SCHEDULED', timezones = :zones, not_before = :notBefore, "
            + "enqueued_at = :enqueuedAt, updated_at = :now WHERE id = :id AND status = 'PENDING'")
    int markScheduled(@Bind("id") UUID id, @Bind("zones") String[] zones, @Bind("notBefore") Instant notBefore,
            @Bind("enqueuedAt") Instant enqueuedAt, @Bind("now") Instant now);

    /** Ends a task that was never dialled (DNC, cancelled campaign, no calling window). */
    @SqlUpdate("UPDATE dial_tasks SET status = :to, outcome_reason = :reason, finished_at = :now, updated_at = :now "
            + "WHERE id = :id AND status IN ('PENDING', 'READY', 'SCHEDULED')")
    int finishUndialled(@Bind("id") UUID id, @Bind("to") TaskStatus to, @Bind("reason") String reason,
            @Bind("now") Instant now);

    @SqlUpdate("UPDATE contacts SET line_type = :lineType WHERE id = :id AND line_type IS NULL")
    int recordLineType(@Bind("id") UUID contactId, @Bind("lineType") String lineType);

    // ---- dial ------------------------------------------------------------------------------

    /** The campaign as a claim sees it, under its row lock. */
    record ClaimGate(String status, int maxConcurrentCalls) {
    }

    /**
     * Locks the campaign row: claims for one campaign are serialised so pacing holds, and a claim
     * sees a pause or cancel that committed before it (they update the same row). SKIP LOCKED:
     * empty when another claim holds the lock. Waiting would hold one of the proxy's ~20 server
     * connections per waiting worker and starve every other function.
     */
    @SqlQuery("SELECT status, max_concurrent_calls FROM campaigns WHERE id = :campaign FOR UPDATE SKIP LOCKED")
    Optional<ClaimGate> lockCampaignForClaim(@Bind("campaign") UUID campaign);

    @SqlQuery("SELECT count(*) FROM dial_tasks WHERE campaign_id = :campaign AND status = 'DIALING'")
    int callsInProgress(@Bind("campaign") UUID campaign);

    @SqlUpdate("UPDATE dial_tasks SET status = 'DIALING', dial_started_at = :now, enqueued_at = :now, updated_at = :now "
            + "WHERE id = :id AND (status = 'READY' OR (status = 'SCHEDULED' AND not_before <= :now))")
    int claim(@Bind("id") UUID id, @Bind("now") Instant now);

    @SqlUpdate("UPDATE dial_tasks SET provider_call_id = :callId, enqueued_at = :now, updated_at = :now "
            + "WHERE id = :id AND status = 'DIALING' AND provider_call_id IS NULL")
    int recordCall(@Bind("id") UUID id, @Bind("callId") String callId, @Bind("now") Instant now);

    // ---- status ----------------------------------------------------------------------------

    @SqlUpdate("UPDATE dial_tasks SET status = :to, talk_seconds = :talk, outcome_reason = :reason, finished_at = :now, "
            + "updated_at = :now WHERE id = :id AND status = 'DIALING'")
    int finishCall(@Bind("id") UUID id, @Bind("to") TaskStatus to, @Bind("talk") int talkSeconds,
            @Bind("reason") String reason, @Bind("now") Instant now);

    @SqlUpdate("UPDATE dial_tasks SET enqueued_at = :now WHERE id = ANY(:ids)")
    int markEnqueued(@Bind("ids") UUID[] ids, @Bind("now") Instant now);

    default int markEnqueued(Collection<UUID> ids, Instant now) {
        return markEnqueued(ids.toArray(UUID[]::new), now);
    }

    /** The next attempt for a contact; nothing when it exists already (a duplicate status message). */
    @SqlQuery("""
            INSERT INTO dial_tasks (id, campaign_id, contact_id, attempt, status, not_before, created_at, updated_at)
            VALUES (:id, :campaign, :contact, :attempt, 'PENDING', :notBefore, :now, :now)
            ON CONFLICT (contact_id, attempt) DO NOTHING RETURNING id
            """)
    Optional<UUID> createRetry(@Bind("id") UUID id, @Bind("campaign") UUID campaign, @Bind("contact") UUID contact,
            @Bind("attempt") int attempt, @Bind("notBefore") Instant notBefore, @Bind("now") Instant now);

    // ---- sweep -----------------------------------------------------------------------------

    @SqlQuery("""
            SELECT t.id AS task_id, t.campaign_id FROM dial_tasks t
            WHERE t.status = 'SCHEDULED' AND t.not_before <= :now
              AND (t.enqueued_at IS NULL OR t.enqueued_at < :overdue)
              AND NOT EXISTS (SELECT 1 FROM campaigns c WHERE c.id = t.campaign_id AND c.status = 'PAUSED')
            ORDER BY t.not_before LIMIT :limit FOR UPDATE OF t SKIP LOCKED
            """)
    List<TaskRef> dueScheduled(@Bind("now") Instant now, @Bind("overdue") Instant overdue, @Bind("limit") int limit);

    @SqlQuery("""
            SELECT t.id AS task_id, t.campaign_id FROM dial_tasks t
            WHERE t.status = :status AND coalesce(t.enqueued_at, t.updated_at) < :overdue
              AND (CAST(:placed AS boolean) IS NULL OR (t.provider_call_id IS NOT NULL) = CAST(:placed AS boolean))
              -- A paused campaign's parked tasks wait for resume; its calls in progress are still checked.
              AND (t.status = 'DIALING'
                   OR NOT EXISTS (SELECT 1 FROM campaigns c WHERE c.id = t.campaign_id AND c.status = 'PAUSED'))
            ORDER BY t.updated_at LIMIT :limit FOR UPDATE OF t SKIP LOCKED
            """)
    List<TaskRef> overdue(@Bind("status") TaskStatus status, @Bind("placed") Boolean placed,
            @Bind("overdue") Instant overdue, @Bind("limit") int limit);

    @SqlQuery("SELECT id AS task_id, campaign_id FROM dial_tasks WHERE campaign_id = :campaign AND status = 'READY'")
    List<TaskRef> ready(@Bind("campaign") UUID campaign);
}
