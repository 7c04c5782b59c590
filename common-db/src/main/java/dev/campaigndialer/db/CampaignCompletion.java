package dev.campaigndialer.db;

import dev.campaigndialer.core.log.JsonLog;
import dev.campaigndialer.core.message.CampaignFinished;
import dev.campaigndialer.core.message.Messages;
import dev.campaigndialer.core.queue.QueueTopology;
import dev.campaigndialer.db.repository.CampaignTransitions;
import dev.campaigndialer.db.repository.OutboxRepository;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Marks a campaign COMPLETED when no task of it is open any more, exactly once: the transition is
 * one conditional UPDATE (a concurrent checker blocks on the row, then finds it COMPLETED), and the
 * report message is an outbox row in the same transaction. Call it after committing the change that
 * finished a task, so the last of two concurrent finishers always sees both. Thread-safe.
 */
public final class CampaignCompletion {

    private static final JsonLog LOG = JsonLog.forClass(CampaignCompletion.class);

    private final Jdbi jdbi;
    private final OutboxRelay relay;
    private final Clock clock;

    public CampaignCompletion(Jdbi jdbi, OutboxRelay relay, Clock clock) {
        this.jdbi = jdbi;
        this.relay = relay;
        this.clock = clock;
    }

    /** True when this call finished the campaign (completed it, or settled a cancelled one). */
    public boolean completeIfDone(UUID campaignId) {
        Optional<UUID> outboxId = jdbi.inTransaction(handle -> {
            boolean completed = handle.attach(CampaignTransitions.class).completeIfNoOpenTasks(campaignId, clock.instant());
            if (!completed && !cancelledAndSettled(handle, campaignId)) {
                return Optional.<UUID>empty();
            }
            UUID id = UUID.randomUUID();
            handle.attach(OutboxRepository.class).add(id, QueueTopology.REPORT,
                    Messages.write(CampaignFinished.of(campaignId)), 0, clock.instant());
            return Optional.of(id);
        });
        outboxId.ifPresent(id -> {
            LOG.info("campaign finished: report requested", "campaignId", campaignId.toString());
            try {
                relay.relay(List.of(id));
            } catch (RuntimeException e) {
                LOG.error("report message not sent yet; the sweep relays it", e);
            }
        });
        return outboxId.isPresent();
    }

    // A cancelled campaign got its report at cancel time; calls still in progress then finish
    // later, and when the last one has, the report is generated again with their outcomes.
    private static boolean cancelledAndSettled(org.jdbi.v3.core.Handle handle, UUID campaignId) {
        return handle.createQuery("""
                SELECT EXISTS (SELECT 1 FROM campaigns WHERE id = :id AND status = 'CANCELLED')
                   AND NOT EXISTS (SELECT 1 FROM dial_tasks WHERE campaign_id = :id
                                   AND status IN ('PENDING', 'READY', 'SCHEDULED', 'DIALING'))
                """).bind("id", campaignId).mapTo(Boolean.class).one();
    }

    /** Running campaigns with no open task left: completions a crash may have missed (the sweep). */
    public List<UUID> missedCompletions(int limit) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                SELECT id FROM campaigns c WHERE status = 'RUNNING' AND NOT EXISTS (
                    SELECT 1 FROM dial_tasks t WHERE t.campaign_id = c.id
                    AND t.status IN ('PENDING', 'READY', 'SCHEDULED', 'DIALING'))
                LIMIT :limit
                """).bind("limit", limit).mapTo(UUID.class).list());
    }
}
