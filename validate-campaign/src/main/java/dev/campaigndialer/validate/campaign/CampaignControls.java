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
import dev.campaigndialer.db.repository.CampaignTransitions;
import dev.campaigndialer.db.repository.DialTaskRepository;
import dev.campaigndialer.db.repository.OutboxRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Pause, resume and cancel (API.md). Each is one transaction: the campaign is read under a row
 * lock (so two concurrent controls cannot both win) and its state change is a {@link
 * CampaignTransitions} update conditional on the states it may leave; the messages they imply are
 * outbox rows in the same transaction.
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
            if (!handle.attach(CampaignTransitions.class).pause(id, clock.instant())) {
                throw conflict("pause", campaign.status());
            }
        });
        LOG.info("campaign paused", "campaignId", id.toString());
        return new ControlResult(id, CampaignStatus.PAUSED.name());
    }

    public ControlResult resume(String owner, UUID id) {
        // Each run of the transaction (a deadlock runs it again) builds its own list of outbox rows.
        Resumed resumed = jdbi.inTransaction(handle -> {
            Campaign campaign = lock(handle, owner, id);
            Instant now = clock.instant();
            CampaignStatus target = handle.attach(CampaignTransitions.class).resume(id, now)
                    .orElseThrow(() -> conflict("resume", campaign.status()));
            OutboxRepository messages = handle.attach(OutboxRepository.class);
            List<UUID> outbox = new ArrayList<>();
            if (target == CampaignStatus.RUNNING) {
                for (UUID task : handle.attach(DialTaskRepository.class).readyOrDue(id, now)) {
                    outbox.add(add(messages, QueueTopology.DIAL, Messages.write(DialTaskMessage.of(task, id)), now));
                }
            } else {
                outbox.add(add(messages, QueueTopology.DISPATCH, Messages.write(CampaignAccepted.of(id)), now));
            }
            return new Resumed(target, outbox);
        });
        relayQuietly(resumed.outbox());
        if (resumed.status() == CampaignStatus.RUNNING) {
            // Calls that finished while paused may have been the last ones.
            completion.completeIfDone(id);
        }
        LOG.info("campaign resumed", "campaignId", id.toString(), "status", resumed.status().name(),
                "redriven", resumed.outbox().size());
        return new ControlResult(id, jdbi.withExtension(CampaignRepository.class, campaigns -> campaigns.find(id))
                .map(campaign -> campaign.status().name()).orElse(resumed.status().name()));
    }

    /** What resume's transaction did: the campaign's new status and the outbox rows to relay. */
    private record Resumed(CampaignStatus status, List<UUID> outbox) {
    }

    public ControlResult cancel(String owner, UUID id) {
        List<UUID> outbox = jdbi.inTransaction(handle -> {
            Campaign campaign = lock(handle, owner, id);
            Instant now = clock.instant();
            if (!handle.attach(CampaignTransitions.class).cancel(id, now)) {
                throw conflict("cancel", campaign.status());
            }
            DialTaskRepository tasks = handle.attach(DialTaskRepository.class);
            tasks.cancelUndialled(id, now);
            tasks.cancelUndispatched(id, now);
            return List.of(add(handle.attach(OutboxRepository.class), QueueTopology.REPORT,
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
        return handle.attach(CampaignRepository.class).lockForOwner(id, owner)
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
