package dev.campaigndialer.validate.campaign;

import dev.campaigndialer.core.api.ApiException;
import dev.campaigndialer.core.domain.Campaign;
import dev.campaigndialer.core.domain.CampaignStatus;
import dev.campaigndialer.core.log.JsonLog;
import dev.campaigndialer.core.message.CampaignAccepted;
import dev.campaigndialer.core.message.CampaignFinished;
import dev.campaigndialer.core.message.DialTaskMessage;
import dev.campaigndialer.core.message.Messages;
import dev.campaigndialer.core.queue.QueueTopology;
import dev.campaigndialer.db.CampaignCompletion;
import dev.campaigndialer.db.CampaignErasure;
import dev.campaigndialer.db.OutboxRelay;
import dev.campaigndialer.db.repository.CampaignRepository;
import dev.campaigndialer.db.repository.OutboxRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Pause, resume and cancel (API.md). Each is one transaction whose state change is conditional on
 * the state read under a row lock, so two concurrent controls cannot both win; the messages they
 * imply are outbox rows in the same transaction.
 * <ul>
 * <li>Pause: no call starts after it commits (the dialer re-reads the campaign before each claim
 *     and parks the task); calls in progress finish and are recorded.</li>
 * <li>Resume: back to the state paused from; parked READY tasks and due SCHEDULED ones go back to
 *     the dial queue, an interrupted fan-out continues. Claims are conditional, so nothing is
 *     dialled twice.</li>
 * <li>Cancel: every undialled task, and every contact not yet dispatched, becomes CANCELLED; calls
 *     in progress finish; the campaign gets its report.</li>
 * <li>Erase (an addition to API.md, {@code DELETE /campaigns/{id}}): a COMPLETED or CANCELLED
 *     campaign loses its contacts, tasks, idempotency records and outbox rows in one statement
 *     ({@link CampaignErasure}) and becomes ERASED; its counts and stored report stay.</li>
 * </ul>
 * Thread-safe.
 */
public final class CampaignControls {

    public record ControlResult(UUID campaignId, String status) {
    }

    /** The answer to {@code DELETE /campaigns/{id}}. */
    public record ErasureResult(UUID campaignId, String status, Instant erasedAt) {
    }

    private static final JsonLog LOG = JsonLog.forClass(CampaignControls.class);
    private static final Set<CampaignStatus> ACTIVE =
            Set.of(CampaignStatus.ACCEPTED, CampaignStatus.DISPATCHING, CampaignStatus.RUNNING);

    private final Jdbi jdbi;
    private final OutboxRelay relay;
    private final CampaignCompletion completion;
    private final Clock clock;

    public CampaignControls(Jdbi jdbi, OutboxRelay relay, CampaignCompletion completion, Clock clock) {
        this.jdbi = jdbi;
        this.relay = relay;
        this.completion = completion;
        this.clock = clock;
    }

    public ControlResult pause(String owner, UUID id) {
        jdbi.useTransaction(handle -> {
            Campaign campaign = lock(handle, owner, id);
            if (!ACTIVE.contains(campaign.status())) {
                throw conflict("pause", campaign.status());
            }
            handle.createUpdate("UPDATE campaigns SET status = 'PAUSED', paused_from = :from, updated_at = :now "
                    + "WHERE id = :id").bind("from", campaign.status().name()).bind("now", clock.instant())
                    .bind("id", id).execute();
        });
        LOG.info("campaign paused", "campaignId", id.toString());
        return new ControlResult(id, CampaignStatus.PAUSED.name());
    }

    public ControlResult resume(String owner, UUID id) {
        List<UUID> outbox = new ArrayList<>();
        CampaignStatus resumed = jdbi.inTransaction(handle -> {
            Campaign campaign = lock(handle, owner, id);
            if (campaign.status() != CampaignStatus.PAUSED) {
                throw conflict("resume", campaign.status());
            }
            CampaignStatus target = handle.createQuery("SELECT paused_from FROM campaigns WHERE id = :id").bind("id", id)
                    .mapTo(String.class).findOne().map(CampaignStatus::valueOf).orElse(CampaignStatus.RUNNING);
            Instant now = clock.instant();
            handle.createUpdate("UPDATE campaigns SET status = :to, paused_from = NULL, updated_at = :now WHERE id = :id")
                    .bind("to", target.name()).bind("now", now).bind("id", id).execute();
            OutboxRepository messages = handle.attach(OutboxRepository.class);
            if (target == CampaignStatus.RUNNING) {
                List<UUID> parked = handle.createQuery("SELECT id FROM dial_tasks WHERE campaign_id = :id "
                        + "AND (status = 'READY' OR (status = 'SCHEDULED' AND not_before <= :now))")
                        .bind("id", id).bind("now", now).mapTo(UUID.class).list();
                for (UUID task : parked) {
                    outbox.add(add(messages, QueueTopology.DIAL, Messages.write(DialTaskMessage.of(task, id)), now));
                }
            } else {
                outbox.add(add(messages, QueueTopology.DISPATCH, Messages.write(CampaignAccepted.of(id)), now));
            }
            return target;
        });
        relayQuietly(outbox);
        if (resumed == CampaignStatus.RUNNING) {
            // Calls that finished while paused may have been the last ones.
            completion.completeIfDone(id);
        }
        LOG.info("campaign resumed", "campaignId", id.toString(), "status", resumed.name(), "redriven", outbox.size());
        return new ControlResult(id, jdbi.withExtension(CampaignRepository.class, campaigns -> campaigns.find(id))
                .map(campaign -> campaign.status().name()).orElse(resumed.name()));
    }

    public ControlResult cancel(String owner, UUID id) {
        List<UUID> outbox = new ArrayList<>();
        jdbi.useTransaction(handle -> {
            Campaign campaign = lock(handle, owner, id);
            if (campaign.status().isFinal()) {
                throw conflict("cancel", campaign.status());
            }
            Instant now = clock.instant();
            handle.createUpdate("UPDATE campaigns SET status = 'CANCELLED', paused_from = NULL, completed_at = :now, "
                    + "updated_at = :now WHERE id = :id").bind("now", now).bind("id", id).execute();
            handle.createUpdate("UPDATE dial_tasks SET status = 'CANCELLED', outcome_reason = 'CAMPAIGN_CANCELLED', "
                    + "finished_at = :now, updated_at = :now "
                    + "WHERE campaign_id = :id AND status IN ('PENDING', 'READY', 'SCHEDULED')")
                    .bind("now", now).bind("id", id).execute();
            // Contacts the fan-out had not reached yet: their first attempt is cancelled too, so
            // dialled + cancelled adds up to accepted.
            handle.createUpdate("""
                    INSERT INTO dial_tasks (id, campaign_id, contact_id, attempt, status, outcome_reason, finished_at,
                                            created_at, updated_at)
                    SELECT gen_random_uuid(), campaign_id, c.id, 1, 'CANCELLED', 'CAMPAIGN_CANCELLED', :now, :now, :now
                    FROM contacts c WHERE c.campaign_id = :id AND c.status = 'ACCEPTED'
                      AND NOT EXISTS (SELECT 1 FROM dial_tasks t WHERE t.contact_id = c.id)
                    ON CONFLICT (contact_id, attempt) DO NOTHING
                    """).bind("now", now).bind("id", id).execute();
            outbox.add(add(handle.attach(OutboxRepository.class), QueueTopology.REPORT,
                    Messages.write(CampaignFinished.of(id)), now));
        });
        relayQuietly(outbox);
        LOG.info("campaign cancelled", "campaignId", id.toString());
        return new ControlResult(id, CampaignStatus.CANCELLED.name());
    }

    public ErasureResult erase(String owner, UUID id) {
        // As PostgreSQL stores it, so the answer and GET /campaigns/{id} tell the same instant.
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        CampaignErasure.Erased erased = jdbi.inTransaction(handle -> {
            Campaign campaign = lock(handle, owner, id);
            if (campaign.status() != CampaignStatus.COMPLETED && campaign.status() != CampaignStatus.CANCELLED) {
                throw conflict("erase", campaign.status());
            }
            CampaignErasure.Erased result = CampaignErasure.erase(handle, List.of(id), now);
            if (result.campaigns().isEmpty()) {
                // Locked by us, so only the other conditions can have failed: the totals are not final yet.
                throw new ApiException(409, "Conflict", "the campaign's calls or its final report are not settled yet "
                        + "(a cancelled campaign's calls in progress finish first); retry in a minute",
                        List.of(new dev.campaigndialer.core.api.FieldError("status", campaign.status().name())));
            }
            return result;
        });
        LOG.info("campaign erased", "campaignId", id.toString(), "contacts", erased.contacts(), "tasks", erased.tasks(),
                "idempotencyRecords", erased.idempotencyRecords(), "outboxRows", erased.outboxRows());
        return new ErasureResult(id, CampaignStatus.ERASED.name(), now);
    }

    private static Campaign lock(Handle handle, String owner, UUID id) {
        return handle.createQuery("SELECT * FROM campaigns WHERE id = :id AND owner_id = :owner FOR UPDATE")
                .bind("id", id).bind("owner", owner)
                .map(new dev.campaigndialer.db.repository.CampaignMapper()).findOne()
                .orElseThrow(() -> ApiException.notFound("campaign " + id));
    }

    private static UUID add(OutboxRepository outbox, String queue, String body, Instant now) {
        UUID id = UUID.randomUUID();
        outbox.add(id, queue, body, 0, now);
        return id;
    }

    private void relayQuietly(List<UUID> ids) {
        try {
            relay.relay(ids);
        } catch (RuntimeException e) {
            LOG.error("control messages not sent yet; the sweep relays them", e);
        }
    }

    private static ApiException conflict(String action, CampaignStatus status) {
        return new ApiException(409, "Conflict", "cannot " + action + " a campaign that is " + status,
                List.of(new dev.campaigndialer.core.api.FieldError("status", status.name())));
    }
}
