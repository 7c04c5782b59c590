package dev.campaigndialer.db.repository;

import dev.campaigndialer.core.domain.TaskStatus;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
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
@RegisterConstructorMapper(DialTaskRepository.NewTask.class)
@RegisterRowMapper(TaskContext.Mapper.class)
public interface DialTaskRepository {

    /** A first-attempt task and its contact's position in the fan-out. */
    record FirstAttempt(UUID taskId, int seq) {
    }

    /** A task id with its campaign, for re-driving messages. */
    record TaskRef(UUID taskId, UUID campaignId) {
    }

    /** A task just created for a contact's next attempt. */
    record NewTask(UUID taskId, UUID campaignId, UUID contactId) {
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

    /**
     * The attempt-1 tasks with seq in {@code (after, through]} whose enrich message has not been
     * sent yet ({@code enqueued_at} is set once SQS accepted it): what a continued dispatch still owes.
     */
    @SqlQuery("""
            SELECT t.id AS task_id, c.seq FROM dial_tasks t JOIN contacts c ON c.id = t.contact_id
            WHERE t.campaign_id = :campaign AND t.attempt = 1 AND c.seq > :after AND c.seq <= :through
              AND t.enqueued_at IS NULL
            ORDER BY c.seq
            """)
    List<FirstAttempt> unannouncedFirstAttempts(@Bind("campaign") UUID campaign, @Bind("after") int after,
            @Bind("through") int through);

    @SqlQuery("SELECT coalesce(max(seq), 0) FROM contacts WHERE campaign_id = :campaign")
    int lastSeq(@Bind("campaign") UUID campaign);

    // ---- reads -----------------------------------------------------------------------------

    /** The contexts of a whole SQS batch in one round trip; unknown ids are simply absent. */
    @SqlQuery(TaskContext.SELECT + " WHERE t.id = ANY(:ids)")
    List<TaskContext> contexts(@Bind("ids") UUID[] ids);

    default List<TaskContext> contexts(Collection<UUID> ids) {
        return contexts(ids.toArray(UUID[]::new));
    }

    // ---- enrich ----------------------------------------------------------------------------

    /** PENDING → SCHEDULED at the task's next callable spell ({@code not_before} = its opening). */
    @SqlUpdate("UPDATE dial_tasks SET status = 'SCHEDULED', timezones = :zones, not_before = :opens, "
            + "window_opens_at = :opens, window_closes_at = :closes, enqueued_at = :enqueuedAt, updated_at = :now "
            + "WHERE id = :id AND status = 'PENDING'")
    int markScheduled(@Bind("id") UUID id, @Bind("zones") String[] zones, @Bind("opens") Instant opens,
            @Bind("closes") Instant closes, @Bind("enqueuedAt") Instant enqueuedAt, @Bind("now") Instant now);

    /** Tasks made READY together, each with its spell; returns the ids that were still PENDING (a duplicate gets none). */
    @SqlQuery("""
            UPDATE dial_tasks t SET status = 'READY', timezones = string_to_array(v.zones, ','),
                window_opens_at = v.opens, window_closes_at = v.closes, enqueued_at = :now, updated_at = :now
            FROM unnest(CAST(:ids AS uuid[]), CAST(:zones AS text[]), CAST(:opens AS timestamptz[]),
                        CAST(:closes AS timestamptz[])) AS v(id, zones, opens, closes)
            WHERE t.id = v.id AND t.status = 'PENDING' RETURNING t.id
            """)
    List<UUID> markReady(@Bind("ids") UUID[] ids, @Bind("zones") String[] commaSeparatedZones,
            @Bind("opens") String[] opensIso, @Bind("closes") String[] closesIso, @Bind("now") Instant now);

    /** Ends tasks that were never dialled, each with its own status and reason; returns those that were open. */
    @SqlQuery("""
            UPDATE dial_tasks t SET status = v.status, outcome_reason = v.reason, finished_at = :now, updated_at = :now
            FROM unnest(CAST(:ids AS uuid[]), CAST(:statuses AS text[]), CAST(:reasons AS text[])) AS v(id, status, reason)
            WHERE t.id = v.id AND t.status IN ('PENDING', 'READY', 'SCHEDULED') RETURNING t.id AS task_id, t.campaign_id
            """)
    List<TaskRef> finishUndialled(@Bind("ids") UUID[] ids, @Bind("statuses") String[] statuses,
            @Bind("reasons") String[] reasons, @Bind("now") Instant now);

    /**
     * Ends claimed tasks whose call was never placed (DIALING without a call id: cancelled, now on
     * the DNC list, or out of placement attempts), freeing their call slots in the same statement.
     */
    @SqlQuery("""
            WITH ended AS (
                UPDATE dial_tasks t SET status = v.status, outcome_reason = v.reason, finished_at = :now, updated_at = :now
                FROM unnest(CAST(:ids AS uuid[]), CAST(:statuses AS text[]), CAST(:reasons AS text[]))
                    AS v(id, status, reason)
                WHERE t.id = v.id AND t.status = 'DIALING' AND t.provider_call_id IS NULL
                RETURNING t.id, t.campaign_id
            ), freed AS (
                UPDATE campaigns c SET calls_in_progress = greatest(0, c.calls_in_progress - f.calls)
                FROM (SELECT campaign_id, count(*) AS calls FROM ended GROUP BY campaign_id) f
                WHERE c.id = f.campaign_id
            )
            SELECT id AS task_id, campaign_id FROM ended
            """)
    List<TaskRef> finishUnplaced(@Bind("ids") UUID[] ids, @Bind("statuses") String[] statuses,
            @Bind("reasons") String[] reasons, @Bind("now") Instant now);

    /**
     * Moves waiting tasks to SCHEDULED at their next callable spell, each only if it is still in
     * the status the caller read ({@code expected}: READY, SCHEDULED, or DIALING without a call id),
     * freeing the call slot of those that were DIALING. {@code enqueuedAt} is set where the delayed
     * message is sent now (null: the minute sweep releases the task). Returns the moved ids.
     */
    @SqlQuery("""
            WITH moved AS (
                UPDATE dial_tasks t SET status = 'SCHEDULED', not_before = v.opens, window_opens_at = v.opens,
                    window_closes_at = v.closes, dial_started_at = NULL, enqueued_at = v.enqueued_at,
                    updated_at = :now
                FROM unnest(CAST(:ids AS uuid[]), CAST(:expected AS text[]), CAST(:opens AS timestamptz[]),
                            CAST(:closes AS timestamptz[]), CAST(:enqueuedAt AS timestamptz[]))
                    AS v(id, expected, opens, closes, enqueued_at)
                WHERE t.id = v.id AND t.status = v.expected AND v.expected IN ('READY', 'SCHEDULED', 'DIALING')
                  AND (v.expected <> 'DIALING' OR t.provider_call_id IS NULL)
                RETURNING t.id, t.campaign_id, v.expected AS was
            ), freed AS (
                UPDATE campaigns c SET calls_in_progress = greatest(0, c.calls_in_progress - f.calls)
                FROM (SELECT campaign_id, count(*) AS calls FROM moved WHERE was = 'DIALING' GROUP BY campaign_id) f
                WHERE c.id = f.campaign_id
            )
            SELECT id FROM moved
            """)
    List<UUID> reschedule(@Bind("ids") UUID[] ids, @Bind("expected") String[] expectedStatuses,
            @Bind("opens") String[] opensIso, @Bind("closes") String[] closesIso,
            @Bind("enqueuedAt") String[] enqueuedAtIso, @Bind("now") Instant now);

    /**
     * A paused campaign's claimed but unplaced tasks go back to READY and free their call slots;
     * resume sends READY tasks to the dialer again. Returns the parked ids.
     */
    @SqlQuery("""
            WITH parked AS (
                UPDATE dial_tasks SET status = 'READY', dial_started_at = NULL, updated_at = :now
                WHERE id = ANY(:ids) AND status = 'DIALING' AND provider_call_id IS NULL
                RETURNING id, campaign_id
            ), freed AS (
                UPDATE campaigns c SET calls_in_progress = greatest(0, c.calls_in_progress - f.calls)
                FROM (SELECT campaign_id, count(*) AS calls FROM parked GROUP BY campaign_id) f
                WHERE c.id = f.campaign_id
            )
            SELECT id FROM parked
            """)
    List<UUID> parkUnplaced(@Bind("ids") UUID[] ids, @Bind("now") Instant now);

    @SqlUpdate("""
            UPDATE contacts c SET line_type = v.line_type
            FROM unnest(CAST(:ids AS uuid[]), CAST(:lineTypes AS text[])) AS v(id, line_type)
            WHERE c.id = v.id AND c.line_type IS NULL
            """)
    int recordLineTypes(@Bind("ids") UUID[] contactIds, @Bind("lineTypes") String[] lineTypes);

    // ---- dial ------------------------------------------------------------------------------

    /**
     * Claims at most as many of the given tasks ({@code READY}, or {@code SCHEDULED} and due) as the
     * campaign has free call slots and the fleet's Connect budget has whole tokens, counts them in
     * the campaign's {@code calls_in_progress} and takes their tokens, in one statement: the
     * campaign row and the budget row are locked (FOR UPDATE returns their latest versions, so a
     * pause or cancel committed before is seen, and so is every earlier claim and token taken)
     * only while this statement runs. A campaign not RUNNING or DISPATCHING grants nothing.
     *
     * <p>The calling window is checked here, at the claim's own instant: a task is claimed only when
     * its spell (computed by common-core's {@code CallingWindow}) has begun at {@code :now} and is
     * still open at {@code :latestStart} ({@code now} plus the margin), i.e. {@code
     * OpenSpell.admitsCallAt(now, margin)}. Tasks claimed before but never placed (DIALING without
     * a call id) pass the same checks to be placed again, holding the slot they have; they take
     * their tokens first.
     *
     * <p>The budget is {@code connect_rate_budget}'s row for {@code :instance} and
     * StartOutboundVoiceContact, refilled from the database's clock (see {@link ConnectRateBudget});
     * while it is paused it grants nothing. A null {@code :instance} (no budget configured, e.g.
     * the in-process simulated carrier) limits nothing. Returns a row per task to place, then one
     * row without a task id that tells what is left of the budget (absent without a budget).
     */
    @SqlQuery("""
            WITH bucket AS (
                SELECT instance_id, api, rate, paused_until,
                       least(burst, tokens + rate * greatest(0, extract(epoch FROM statement_timestamp() - refreshed_at)))
                           AS refilled
                FROM connect_rate_budget WHERE instance_id = :instance AND api = 'StartOutboundVoiceContact' FOR UPDATE
            ), tokens AS (
                SELECT coalesce((SELECT CASE WHEN paused_until > statement_timestamp() THEN 0
                                             ELSE floor(refilled)::int END FROM bucket),
                                cardinality(CAST(:ids AS uuid[]))) AS whole
            ), gate AS (
                SELECT id, greatest(0, least(cardinality(CAST(:ids AS uuid[])),
                                             max_concurrent_calls - calls_in_progress)) AS slots
                FROM campaigns WHERE id = :campaign AND status IN ('RUNNING', 'DISPATCHING') FOR UPDATE
            ), placedAgain AS (
                UPDATE dial_tasks SET dial_started_at = :now, enqueued_at = :now, updated_at = :now
                WHERE id IN (SELECT id FROM dial_tasks WHERE id = ANY(:ids) AND campaign_id = :campaign
                             AND status = 'DIALING' AND provider_call_id IS NULL AND EXISTS (SELECT 1 FROM gate)
                             AND window_opens_at <= :now AND window_closes_at > :latestStart
                             ORDER BY id LIMIT (SELECT whole FROM tokens))
                  AND status = 'DIALING' AND provider_call_id IS NULL
                RETURNING id
            ), claimed AS (
                UPDATE dial_tasks SET status = 'DIALING', dial_started_at = :now, enqueued_at = :now, updated_at = :now
                WHERE id IN (SELECT id FROM dial_tasks WHERE id = ANY(:ids) AND campaign_id = :campaign
                             AND (status = 'READY' OR (status = 'SCHEDULED' AND not_before <= :now))
                             AND window_opens_at <= :now AND window_closes_at > :latestStart
                             ORDER BY id LIMIT greatest(0, least(coalesce((SELECT slots FROM gate), 0),
                                 (SELECT whole FROM tokens) - (SELECT count(*) FROM placedAgain))))
                  AND (status = 'READY' OR (status = 'SCHEDULED' AND not_before <= :now))
                  AND window_opens_at <= :now AND window_closes_at > :latestStart
                RETURNING id
            ), waiting AS (
                -- The READY tasks left waiting (no slot or no token) get their messages back from the
                -- dialer now: mark them sent, so the sweep does not re-drive a task merely waiting.
                UPDATE dial_tasks SET enqueued_at = :now
                WHERE id = ANY(:ids) AND campaign_id = :campaign AND status = 'READY'
                  AND id NOT IN (SELECT id FROM claimed)
            ), counted AS (
                UPDATE campaigns SET calls_in_progress = calls_in_progress + (SELECT count(*) FROM claimed)
                WHERE id = (SELECT id FROM gate)
            ), spent AS (
                UPDATE connect_rate_budget r SET refreshed_at = statement_timestamp(),
                    tokens = b.refilled - (SELECT count(*) FROM claimed) - (SELECT count(*) FROM placedAgain)
                FROM bucket b WHERE r.instance_id = b.instance_id AND r.api = b.api
            )
            SELECT id AS task_id, CAST(NULL AS double precision) AS tokens_left, CAST(NULL AS double precision) AS rate,
                   CAST(NULL AS double precision) AS paused_seconds FROM claimed
            UNION ALL SELECT id, NULL, NULL, NULL FROM placedAgain
            UNION ALL SELECT CAST(NULL AS uuid),
                             b.refilled - (SELECT count(*) FROM claimed) - (SELECT count(*) FROM placedAgain), b.rate,
                             CAST(greatest(0, coalesce(extract(epoch FROM b.paused_until - statement_timestamp()), 0))
                                  AS double precision)
                      FROM bucket b
            """)
    @RegisterConstructorMapper(ClaimRow.class)
    List<ClaimRow> claimRows(@Bind("campaign") UUID campaign, @Bind("ids") UUID[] ids, @Bind("now") Instant now,
            @Bind("latestStart") Instant latestStart, @Bind("instance") String instance);

    /** A row of {@link #claimRows}: a task to place, or (task id null) what is left of the budget. */
    record ClaimRow(UUID taskId, Double tokensLeft, Double rate, Double pausedSeconds) {
    }

    /**
     * The result of a claim: the tasks to place and, with a budget, what is left of it.
     *
     * @param budget empty without a budget; else the tokens left, the rate and any pause
     */
    record Claim(List<UUID> taskIds, java.util.Optional<ConnectRateBudget.Grant> budget) {
    }

    /** {@link #claimRows} without a budget row: the campaign's slots and the window decide. */
    default List<UUID> claim(UUID campaign, UUID[] ids, Instant now, Instant latestStart) {
        return claim(campaign, ids, now, latestStart, null).taskIds();
    }

    /** {@link #claimRows}, read into a {@link Claim}. */
    default Claim claim(UUID campaign, UUID[] ids, Instant now, Instant latestStart, String instance) {
        List<ClaimRow> rows = claimRows(campaign, ids, now, latestStart, instance);
        List<UUID> taskIds = rows.stream().filter(row -> row.taskId() != null).map(ClaimRow::taskId).toList();
        java.util.Optional<ConnectRateBudget.Grant> budget = rows.stream().filter(row -> row.taskId() == null)
                .findFirst().map(row -> new ConnectRateBudget.Grant(taskIds.size(), row.tokensLeft(), row.rate(),
                        row.pausedSeconds()));
        return new Claim(taskIds, budget);
    }

    /**
     * Claimed tasks whose placement Connect did not take for a reason that is not about the call
     * (throttled, a fault, a full quota) go back to READY and free their call slots: not an
     * attempt, {@code placement_failures} untouched. Returns each released task's count of such
     * refusals so far (for the backoff); absent: the task had moved on.
     */
    @SqlQuery("""
            WITH released AS (
                UPDATE dial_tasks SET status = 'READY', dial_started_at = NULL, enqueued_at = :now, updated_at = :now,
                    carrier_unavailable = carrier_unavailable + 1
                WHERE id = ANY(:ids) AND status = 'DIALING' AND provider_call_id IS NULL
                RETURNING id, campaign_id, carrier_unavailable
            ), freed AS (
                UPDATE campaigns c SET calls_in_progress = greatest(0, c.calls_in_progress - f.calls)
                FROM (SELECT campaign_id, count(*) AS calls FROM released GROUP BY campaign_id) f
                WHERE c.id = f.campaign_id
            )
            SELECT id AS task_id, carrier_unavailable AS failures FROM released
            """)
    @RegisterConstructorMapper(PlacementFailures.class)
    List<PlacementFailures> releaseUnplaced(@Bind("ids") UUID[] ids, @Bind("now") Instant now);

    /**
     * Counts a failed placement of a claimed task; returns the tasks' failure counts after it
     * (absent: the task is no longer DIALING without a call id).
     */
    @SqlQuery("""
            UPDATE dial_tasks SET placement_failures = placement_failures + 1, updated_at = :now
            WHERE id = ANY(:ids) AND status = 'DIALING' AND provider_call_id IS NULL
            RETURNING id AS task_id, placement_failures AS failures
            """)
    @RegisterConstructorMapper(PlacementFailures.class)
    List<PlacementFailures> countPlacementFailures(@Bind("ids") UUID[] ids, @Bind("now") Instant now);

    /** A task's failed placements so far. */
    record PlacementFailures(UUID taskId, int failures) {
    }

    /** Records the carriers' call ids of several tasks in one statement. */
    @SqlUpdate("""
            UPDATE dial_tasks t SET provider_call_id = v.call_id, enqueued_at = :now, updated_at = :now
            FROM unnest(CAST(:ids AS uuid[]), CAST(:callIds AS text[])) AS v(id, call_id)
            WHERE t.id = v.id AND t.status = 'DIALING' AND t.provider_call_id IS NULL
            """)
    int recordCalls(@Bind("ids") UUID[] ids, @Bind("callIds") String[] callIds, @Bind("now") Instant now);

    // ---- status ----------------------------------------------------------------------------

    /**
     * Records several outcomes and frees their campaigns' call slots in the same statement;
     * returns the ids that were still DIALING (the others were recorded before, and free nothing).
     *
     * <p>Status batches run concurrently and often share calls (a call's CONNECTED_TO_SYSTEM and
     * DISCONNECTED events, a fallback poll), each in its own order: the rows are locked in id order
     * before the update, so two batches wait for each other rather than deadlock.
     */
    @SqlQuery("""
            WITH locked AS MATERIALIZED (
                SELECT id FROM dial_tasks WHERE id = ANY(:ids) AND status = 'DIALING' ORDER BY id FOR UPDATE
            ), finished AS (
                UPDATE dial_tasks t SET status = v.status, talk_seconds = v.talk, outcome_reason = v.reason,
                    finished_at = :now, updated_at = :now
                FROM unnest(CAST(:ids AS uuid[]), CAST(:statuses AS text[]), CAST(:talk AS int[]),
                            CAST(:reasons AS text[])) AS v(id, status, talk, reason), locked l
                WHERE t.id = v.id AND t.id = l.id AND t.status = 'DIALING' RETURNING t.id, t.campaign_id
            ), freed AS (
                UPDATE campaigns c SET calls_in_progress = greatest(0, c.calls_in_progress - f.calls)
                FROM (SELECT campaign_id, count(*) AS calls FROM finished GROUP BY campaign_id) f
                WHERE c.id = f.campaign_id
            )
            SELECT id FROM finished
            """)
    List<UUID> finishCalls(@Bind("ids") UUID[] ids, @Bind("statuses") String[] statuses, @Bind("talk") Integer[] talk,
            @Bind("reasons") String[] reasons, @Bind("now") Instant now);

    /**
     * The next attempts of several contacts, each due at its own time; a contact whose next
     * attempt exists already (a duplicate status message) gets nothing. Returns the new tasks.
     */
    @SqlQuery("""
            INSERT INTO dial_tasks (id, campaign_id, contact_id, attempt, status, not_before, created_at, updated_at)
            SELECT v.id, v.campaign_id, v.contact_id, v.attempt, 'PENDING', v.not_before, :now, :now
            FROM unnest(CAST(:ids AS uuid[]), CAST(:campaigns AS uuid[]), CAST(:contacts AS uuid[]),
                        CAST(:attempts AS int[]), CAST(:notBefore AS timestamptz[]))
                AS v(id, campaign_id, contact_id, attempt, not_before)
            ON CONFLICT (contact_id, attempt) DO NOTHING RETURNING id AS task_id, campaign_id, contact_id
            """)
    List<NewTask> createRetries(@Bind("ids") UUID[] ids, @Bind("campaigns") UUID[] campaigns,
            @Bind("contacts") UUID[] contacts, @Bind("attempts") Integer[] attempts,
            @Bind("notBefore") String[] notBeforeIso, @Bind("now") Instant now);

    @SqlUpdate("UPDATE dial_tasks SET enqueued_at = :now WHERE id = ANY(:ids)")
    int markEnqueued(@Bind("ids") UUID[] ids, @Bind("now") Instant now);

    default int markEnqueued(Collection<UUID> ids, Instant now) {
        return markEnqueued(ids.toArray(UUID[]::new), now);
    }

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

    // ---- contact events ---------------------------------------------------------------------

    /** The tasks whose calls are these Connect contacts; unknown contacts are simply absent. */
    @SqlQuery(TaskContext.SELECT + " WHERE t.provider_call_id = ANY(:callIds)")
    List<TaskContext> contextsByCallIds(@Bind("callIds") String[] callIds);

    /**
     * Keeps the AMD verdicts of CONNECTED_TO_SYSTEM events on calls still in progress. Locks the
     * rows in id order first, like {@link #finishCalls}: a concurrent batch finishing the same calls
     * then waits instead of deadlocking.
     */
    @SqlUpdate("""
            WITH locked AS MATERIALIZED (
                SELECT id FROM dial_tasks WHERE id = ANY(:ids) AND status = 'DIALING' ORDER BY id FOR UPDATE
            )
            UPDATE dial_tasks t SET amd_status = v.amd_status, updated_at = :now
            FROM unnest(CAST(:ids AS uuid[]), CAST(:statuses AS text[])) AS v(id, amd_status), locked l
            WHERE t.id = v.id AND t.id = l.id AND t.status = 'DIALING'
            """)
    int recordAmdStatuses(@Bind("ids") UUID[] ids, @Bind("statuses") String[] statuses, @Bind("now") Instant now);

    @SqlQuery("SELECT id AS task_id, campaign_id FROM dial_tasks WHERE campaign_id = :campaign AND status = 'READY'")
    List<TaskRef> ready(@Bind("campaign") UUID campaign);

    // ---- campaign controls -------------------------------------------------------------------

    /** What a resumed campaign dials again: its READY tasks (parked by the pause) and its SCHEDULED ones now due. */
    @SqlQuery("SELECT id FROM dial_tasks WHERE campaign_id = :campaign "
            + "AND (status = 'READY' OR (status = 'SCHEDULED' AND not_before <= :now))")
    List<UUID> readyOrDue(@Bind("campaign") UUID campaign, @Bind("now") Instant now);

    /** A cancelled campaign's undialled tasks become CANCELLED; calls in progress finish. */
    @SqlUpdate("UPDATE dial_tasks SET status = 'CANCELLED', outcome_reason = 'CAMPAIGN_CANCELLED', "
            + "finished_at = :now, updated_at = :now "
            + "WHERE campaign_id = :campaign AND status IN ('PENDING', 'READY', 'SCHEDULED')")
    int cancelUndialled(@Bind("campaign") UUID campaign, @Bind("now") Instant now);

    /**
     * Contacts the fan-out had not reached yet get a CANCELLED first attempt, so dialled plus
     * cancelled adds up to accepted.
     */
    @SqlUpdate("""
            INSERT INTO dial_tasks (id, campaign_id, contact_id, attempt, status, outcome_reason, finished_at,
                                    created_at, updated_at)
            SELECT gen_random_uuid(), campaign_id, c.id, 1, 'CANCELLED', 'CAMPAIGN_CANCELLED', :now, :now, :now
            FROM contacts c WHERE c.campaign_id = :campaign AND c.status = 'ACCEPTED'
              AND NOT EXISTS (SELECT 1 FROM dial_tasks t WHERE t.contact_id = c.id)
            ON CONFLICT (contact_id, attempt) DO NOTHING
            """)
    int cancelUndispatched(@Bind("campaign") UUID campaign, @Bind("now") Instant now);
}
