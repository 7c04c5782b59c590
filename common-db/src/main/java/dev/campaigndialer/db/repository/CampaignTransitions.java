package dev.campaigndialer.db.repository;

import dev.campaigndialer.core.domain.CampaignStatus;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Every change of a campaign's status but erasure (a bulk statement over several tables, {@code
 * CampaignErasure}), in one place. Each is one conditional UPDATE naming the states it expects;
 * from any other state it changes nothing and says so ({@code false} or empty), so a duplicate
 * message or a control that lost a race finds nothing to do instead of overwriting a later state.
 */
public interface CampaignTransitions {

    /** The states a campaign may be paused from (it is being fanned out or called). */
    Set<CampaignStatus> PAUSABLE = Set.copyOf(EnumSet.of(CampaignStatus.ACCEPTED, CampaignStatus.DISPATCHING,
            CampaignStatus.RUNNING));

    /** The states a campaign may be cancelled from: any that is not final. */
    Set<CampaignStatus> CANCELLABLE = Set.copyOf(EnumSet.complementOf(EnumSet.of(CampaignStatus.COMPLETED,
            CampaignStatus.CANCELLED, CampaignStatus.REJECTED, CampaignStatus.ERASED)));

    /** Moves {@code from → to}; false when the campaign was not in {@code from} (a duplicate message). */
    default boolean move(UUID id, CampaignStatus from, CampaignStatus to, Instant now) {
        return move(id, List.of(from), to, now);
    }

    @SqlUpdate("UPDATE campaigns SET status = :to, updated_at = :now, "
            + "completed_at = CASE WHEN :to IN ('COMPLETED', 'CANCELLED') THEN :now ELSE completed_at END "
            + "WHERE id = :id AND status IN (<expected>)")
    boolean move(@Bind("id") UUID id, @BindList("expected") Collection<CampaignStatus> expected,
            @Bind("to") CampaignStatus to, @Bind("now") Instant now);

    /** To PAUSED from a {@link #PAUSABLE} state, which it remembers for {@link #resume}. */
    default boolean pause(UUID id, Instant now) {
        return pause(id, PAUSABLE, now);
    }

    // paused_from = status: the right-hand side of SET reads the row as it was before the update.
    @SqlUpdate("UPDATE campaigns SET status = 'PAUSED', paused_from = status, updated_at = :now "
            + "WHERE id = :id AND status IN (<expected>)")
    boolean pause(@Bind("id") UUID id, @BindList("expected") Collection<CampaignStatus> expected,
            @Bind("now") Instant now);

    /** From PAUSED back to the state it was paused from (RUNNING when unknown); empty when it was not PAUSED. */
    @SqlQuery("UPDATE campaigns SET status = coalesce(paused_from, 'RUNNING'), paused_from = NULL, updated_at = :now "
            + "WHERE id = :id AND status = 'PAUSED' RETURNING status")
    Optional<CampaignStatus> resume(@Bind("id") UUID id, @Bind("now") Instant now);

    /** To CANCELLED from a {@link #CANCELLABLE} state. */
    default boolean cancel(UUID id, Instant now) {
        return cancel(id, CANCELLABLE, now);
    }

    @SqlUpdate("UPDATE campaigns SET status = 'CANCELLED', paused_from = NULL, completed_at = :now, updated_at = :now "
            + "WHERE id = :id AND status IN (<expected>)")
    boolean cancel(@Bind("id") UUID id, @BindList("expected") Collection<CampaignStatus> expected,
            @Bind("now") Instant now);

    /** RUNNING → COMPLETED, once no task of the campaign is open (PENDING, READY, SCHEDULED or DIALING). */
    @SqlUpdate("""
            UPDATE campaigns SET status = 'COMPLETED', completed_at = :now, updated_at = :now
            WHERE id = :id AND status = 'RUNNING' AND NOT EXISTS (
                SELECT 1 FROM dial_tasks WHERE campaign_id = :id
                AND status IN ('PENDING', 'READY', 'SCHEDULED', 'DIALING'))
            """)
    boolean completeIfNoOpenTasks(@Bind("id") UUID id, @Bind("now") Instant now);
}
