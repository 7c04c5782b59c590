package dev.campaigndialer.db.repository;

import dev.campaigndialer.core.domain.Campaign;
import dev.campaigndialer.core.domain.CampaignStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.KeyColumn;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.config.ValueColumn;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Campaigns. Their state changes are {@link CampaignTransitions}. */
@RegisterRowMapper(CampaignMapper.class)
public interface CampaignRepository {

    @SqlUpdate("""
            INSERT INTO campaigns (id, owner_id, name, caller_id, default_region, timezone, window_start, window_end,
                max_attempts, backoff_seconds, retry_on, max_concurrent_calls, status, contacts_received,
                contacts_accepted, contacts_invalid, contacts_duplicate, contacts_suppressed, created_at, updated_at)
            VALUES (:id, :ownerId, :name, :callerId, :defaultRegion, :timezone, :windowStart, :windowEnd,
                :maxAttempts, :backoffSeconds, :retryOnArray, :maxConcurrentCalls, :statusName, :contacts.received,
                :contacts.accepted, :contacts.invalid, :contacts.duplicate, :contacts.suppressed, :createdAt, :updatedAt)
            """)
    void insert(@BindMethods Campaign campaign, @Bind("retryOnArray") String[] retryOn, @Bind("statusName") String status);

    default void insert(Campaign campaign) {
        insert(campaign, CampaignMapper.array(campaign.retryOn()), campaign.status().name());
    }

    @SqlQuery("SELECT * FROM campaigns WHERE id = :id")
    Optional<Campaign> find(@Bind("id") UUID id);

    /** Owner-scoped: another owner's campaign is indistinguishable from a missing one. */
    @SqlQuery("SELECT * FROM campaigns WHERE id = :id AND owner_id = :owner")
    Optional<Campaign> findForOwner(@Bind("id") UUID id, @Bind("owner") String owner);

    /** Read under a share lock: an erasure (FOR UPDATE) waits until the reader's transaction ends. */
    @SqlQuery("SELECT * FROM campaigns WHERE id = :id FOR SHARE")
    Optional<Campaign> findForShare(@Bind("id") UUID id);

    /** Owner-scoped and locked for this transaction: the state a control reads cannot change under it. */
    @SqlQuery("SELECT * FROM campaigns WHERE id = :id AND owner_id = :owner FOR UPDATE")
    Optional<Campaign> lockForOwner(@Bind("id") UUID id, @Bind("owner") String owner);

    /** When the owner's campaign was erased; empty when it is not ERASED (or not the owner's). */
    @SqlQuery("SELECT erased_at FROM campaigns WHERE id = :id AND owner_id = :owner AND status = 'ERASED'")
    Optional<Instant> erasedAtForOwner(@Bind("id") UUID id, @Bind("owner") String owner);

    /** Campaigns whose fan-out has not moved since {@code before} (its message was lost or it crashed). */
    @SqlQuery("SELECT id FROM campaigns WHERE status IN ('ACCEPTED', 'DISPATCHING') AND updated_at < :before LIMIT :limit")
    List<UUID> stuckInDispatch(@Bind("before") Instant before, @Bind("limit") int limit);

    @SqlQuery("SELECT * FROM campaigns WHERE owner_id = :owner ORDER BY created_at DESC, id LIMIT :limit")
    List<Campaign> listForOwner(@Bind("owner") String owner, @Bind("limit") int limit);

    /** When an ERASED campaign was erased. */
    @SqlQuery("SELECT erased_at FROM campaigns WHERE id = :id")
    Instant erasedAt(@Bind("id") UUID id);

    /** Advances the fan-out cursor; never moves it backwards. */
    @SqlUpdate("UPDATE campaigns SET dispatched_through = :seq, updated_at = :now "
            + "WHERE id = :id AND dispatched_through < :seq")
    int advanceDispatchCursor(@Bind("id") UUID id, @Bind("seq") int seq, @Bind("now") Instant now);

    /** Task counts by status over each contact's latest attempt (a retried contact counts once). */
    @SqlQuery("""
            SELECT status, count(*) FROM (
                SELECT DISTINCT ON (contact_id) status FROM dial_tasks
                WHERE campaign_id = :id ORDER BY contact_id, attempt DESC) latest
            GROUP BY status
            """)
    @KeyColumn("status")
    @ValueColumn("count")
    Map<String, Integer> latestTaskCounts(@Bind("id") UUID id);

    /**
     * When the next call may start, while every open task of the campaign waits for its calling
     * window (none PENDING, READY or DIALING): the earliest {@code not_before} of its SCHEDULED
     * tasks. Empty while calls are being made or nothing is left.
     */
    @SqlQuery("""
            SELECT min(not_before) FROM dial_tasks t
            WHERE t.campaign_id = :id AND t.status = 'SCHEDULED'
              AND NOT EXISTS (SELECT 1 FROM dial_tasks o WHERE o.campaign_id = :id
                              AND o.status IN ('PENDING', 'READY', 'DIALING'))
            """)
    Optional<Instant> nextCallAt(@Bind("id") UUID id);
}
