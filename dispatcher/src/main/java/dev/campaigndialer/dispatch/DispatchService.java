package dev.campaigndialer.dispatch;

import dev.campaigndialer.core.concurrent.ConcurrentCalls;
import dev.campaigndialer.core.domain.Campaign;
import dev.campaigndialer.core.domain.CampaignStatus;
import dev.campaigndialer.core.log.JsonLog;
import dev.campaigndialer.core.message.CampaignAccepted;
import dev.campaigndialer.core.message.DialTaskMessage;
import dev.campaigndialer.core.message.Messages;
import dev.campaigndialer.core.message.PoisonMessageException;
import dev.campaigndialer.core.queue.QueueTopology;
import dev.campaigndialer.core.sqs.OutgoingMessage;
import dev.campaigndialer.core.sqs.QueueUrls;
import dev.campaigndialer.core.sqs.SqsPublisher;
import dev.campaigndialer.db.repository.CampaignRepository;
import dev.campaigndialer.db.repository.CampaignTransitions;
import dev.campaigndialer.db.repository.DialTaskRepository;
import dev.campaigndialer.db.repository.DialTaskRepository.FirstAttempt;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Fans a campaign out: one attempt-1 dial task per accepted contact, each announced on the enrich
 * queue in batches of ten.
 *
 * <p>Resumable by construction. Contacts are numbered ({@code seq}); tasks are created per chunk
 * with {@code ON CONFLICT DO NOTHING} on {@code (contact_id, attempt)}; their messages go out
 * several batches of ten at once, and the batches SQS accepted are marked sent ({@code enqueued_at})
 * right after; the campaign's cursor passes a chunk once all of it was sent. A redelivered or
 * continued dispatch starts at the cursor and sends only unmarked tasks: no contact gets a second
 * attempt-1 task, and only a crash in the instant between SQS accepting a group of batches and their
 * mark can repeat messages — with the same task ids, which the enrich step's conditional transition
 * absorbs. Thread-safe.
 */
public final class DispatchService {

    /** What an invocation did with a campaign. */
    public enum Outcome { COMPLETED, CONTINUED, STOPPED, NOTHING_TO_DO }

    private static final JsonLog LOG = JsonLog.forClass(DispatchService.class);
    /** Batches of ten in flight at once: a SendMessageBatch is a round trip of tens of milliseconds. */
    private static final int CONCURRENT_BATCHES = 8;

    private final Jdbi jdbi;
    private final SqsPublisher publisher;
    private final QueueUrls queues;
    private final Clock clock;
    private final Duration safetyMargin;
    private final int chunkSize;
    private final ConcurrentCalls sends = new ConcurrentCalls("dispatch-send");

    public DispatchService(Jdbi jdbi, SqsPublisher publisher, QueueUrls queues, Clock clock, Duration safetyMargin,
            int chunkSize) {
        this.jdbi = jdbi;
        this.publisher = publisher;
        this.queues = queues;
        this.clock = clock;
        this.safetyMargin = safetyMargin;
        this.chunkSize = chunkSize;
    }

    /** Dispatches until done or until {@code deadline - safetyMargin}, then re-enqueues itself. */
    public Outcome dispatch(UUID campaignId, Instant deadline) {
        JsonLog.put("campaignId", campaignId.toString());
        CampaignRepository campaigns = jdbi.onDemand(CampaignRepository.class);
        CampaignTransitions transitions = jdbi.onDemand(CampaignTransitions.class);
        Campaign campaign = campaigns.find(campaignId)
                .orElseThrow(() -> new PoisonMessageException("unknown campaign " + campaignId));
        if (campaign.status() == CampaignStatus.ACCEPTED
                && transitions.move(campaignId, CampaignStatus.ACCEPTED, CampaignStatus.DISPATCHING, clock.instant())) {
            LOG.info("dispatch started", "accepted", campaign.contacts().accepted());
        } else if (campaign.status() != CampaignStatus.DISPATCHING) {
            LOG.info("nothing to dispatch: campaign is " + campaign.status());
            return campaign.status() == CampaignStatus.PAUSED || campaign.status() == CampaignStatus.CANCELLED
                    ? Outcome.STOPPED : Outcome.NOTHING_TO_DO;
        }

        DialTaskRepository tasks = jdbi.onDemand(DialTaskRepository.class);
        int lastSeq = tasks.lastSeq(campaignId);
        int cursor = campaigns.find(campaignId).map(Campaign::dispatchedThrough).orElse(0);
        while (cursor < lastSeq) {
            if (pastDeadline(deadline)) {
                continueLater(campaignId, cursor, lastSeq);
                return Outcome.CONTINUED;
            }
            CampaignStatus status = campaigns.find(campaignId).map(Campaign::status).orElseThrow();
            if (status != CampaignStatus.DISPATCHING) {
                LOG.info("dispatch stopped: campaign is " + status, "cursor", cursor);
                return Outcome.STOPPED;
            }
            int through = Math.min(lastSeq, cursor + chunkSize);
            tasks.createFirstAttempts(campaignId, cursor, through, clock.instant());
            if (!announce(campaignId, tasks.unannouncedFirstAttempts(campaignId, cursor, through), deadline)) {
                continueLater(campaignId, cursor, lastSeq);
                return Outcome.CONTINUED;
            }
            // Suppressed contacts have a seq but no task: the cursor moves past them too.
            campaigns.advanceDispatchCursor(campaignId, through, clock.instant());
            cursor = through;
        }
        if (transitions.move(campaignId, CampaignStatus.DISPATCHING, CampaignStatus.RUNNING, clock.instant())) {
            LOG.info("dispatch complete", "contacts", lastSeq);
        }
        return Outcome.COMPLETED;
    }

    /**
     * Sends the tasks' enrich messages, {@link #CONCURRENT_BATCHES} batches of ten at a time, and
     * marks each group's accepted batches sent in one statement. False when the deadline came
     * first. A failed batch fails the invocation after its group's accepted batches are marked, so
     * the redelivery resends only what SQS did not take.
     */
    private boolean announce(UUID campaignId, List<FirstAttempt> unannounced, Instant deadline) {
        String enrichQueue = queues.url(QueueTopology.ENRICH);
        List<List<FirstAttempt>> batches = new ArrayList<>();
        for (int from = 0; from < unannounced.size(); from += SqsPublisher.MAX_BATCH) {
            batches.add(unannounced.subList(from, Math.min(unannounced.size(), from + SqsPublisher.MAX_BATCH)));
        }
        for (int from = 0; from < batches.size(); from += CONCURRENT_BATCHES) {
            if (from > 0 && pastDeadline(deadline)) {
                return false;
            }
            List<List<FirstAttempt>> group = batches.subList(from, Math.min(batches.size(), from + CONCURRENT_BATCHES));
            List<ConcurrentCalls.Result<List<FirstAttempt>>> sent = sends.map(group, batch -> {
                publisher.sendBatch(enrichQueue, batch.stream()
                        .map(task -> DialTaskMessage.outgoing(task.taskId(), campaignId, 0)).toList());
                return batch;
            });
            List<UUID> accepted = sent.stream().filter(ConcurrentCalls.Result::ok)
                    .flatMap(result -> result.value().stream()).map(FirstAttempt::taskId).toList();
            if (!accepted.isEmpty()) {
                jdbi.useExtension(DialTaskRepository.class, tasks -> tasks.markEnqueued(accepted, clock.instant()));
            }
            for (ConcurrentCalls.Result<List<FirstAttempt>> result : sent) {
                if (!result.ok()) {
                    throw result.error();
                }
            }
        }
        return true;
    }

    // The deadline is real time (Lambda's remaining time), not the business clock.
    private boolean pastDeadline(Instant deadline) {
        return Instant.now().isAfter(deadline.minus(safetyMargin));
    }

    private void continueLater(UUID campaignId, int cursor, int lastSeq) {
        publisher.send(queues.url(QueueTopology.DISPATCH),
                OutgoingMessage.of("continue", Messages.write(CampaignAccepted.of(campaignId))));
        LOG.info("dispatch continues in a new invocation", "cursor", cursor, "lastSeq", lastSeq);
    }
}
