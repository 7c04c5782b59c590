package dev.campaigndialer.dispatch;

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
import dev.campaigndialer.db.repository.DialTaskRepository;
import dev.campaigndialer.db.repository.DialTaskRepository.FirstAttempt;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Fans a campaign out: one attempt-1 dial task per accepted contact, each announced on the enrich
 * queue in batches of ten.
 *
 * <p>Resumable by construction. Contacts are numbered ({@code seq}); tasks are created per chunk
 * with {@code ON CONFLICT DO NOTHING} on {@code (contact_id, attempt)}, and the campaign's cursor
 * advances after each batch of ten that SQS accepted. A redelivered or continued dispatch starts
 * after the cursor: no contact gets a second attempt-1 task, and only a crash in the instant
 * between SQS accepting a batch and the cursor update can repeat messages — with the same task
 * ids, which the enrich step's conditional transition absorbs. Thread-safe.
 */
public final class DispatchService {

    /** What an invocation did with a campaign. */
    public enum Outcome { COMPLETED, CONTINUED, STOPPED, NOTHING_TO_DO }

    private static final JsonLog LOG = JsonLog.forClass(DispatchService.class);

    private final Jdbi jdbi;
    private final SqsPublisher publisher;
    private final QueueUrls queues;
    private final Clock clock;
    private final Duration safetyMargin;
    private final int chunkSize;

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
        Campaign campaign = campaigns.find(campaignId)
                .orElseThrow(() -> new PoisonMessageException("unknown campaign " + campaignId));
        if (campaign.status() == CampaignStatus.ACCEPTED
                && campaigns.transition(campaignId, CampaignStatus.ACCEPTED, CampaignStatus.DISPATCHING, clock.instant()) == 1) {
            LOG.info("dispatch started", "accepted", campaign.contacts().accepted());
        } else if (campaign.status() != CampaignStatus.DISPATCHING) {
            LOG.info("nothing to dispatch: campaign is " + campaign.status());
            return campaign.status() == CampaignStatus.PAUSED || campaign.status() == CampaignStatus.CANCELLED
                    ? Outcome.STOPPED : Outcome.NOTHING_TO_DO;
        }

        DialTaskRepository tasks = jdbi.onDemand(DialTaskRepository.class);
        int lastSeq = tasks.lastSeq(campaignId);
        int cursor = campaigns.find(campaignId).map(Campaign::dispatchedThrough).orElse(0);
        String enrichQueue = queues.url(QueueTopology.ENRICH);
        while (cursor < lastSeq) {
            // The deadline is real time (Lambda's remaining time), not the business clock.
            if (Instant.now().isAfter(deadline.minus(safetyMargin))) {
                publisher.send(queues.url(QueueTopology.DISPATCH),
                        OutgoingMessage.of("continue", Messages.write(CampaignAccepted.of(campaignId))));
                LOG.info("dispatch continues in a new invocation", "cursor", cursor, "lastSeq", lastSeq);
                return Outcome.CONTINUED;
            }
            CampaignStatus status = campaigns.find(campaignId).map(Campaign::status).orElseThrow();
            if (status != CampaignStatus.DISPATCHING) {
                LOG.info("dispatch stopped: campaign is " + status, "cursor", cursor);
                return Outcome.STOPPED;
            }
            int through = Math.min(lastSeq, cursor + chunkSize);
            int after = cursor;
            tasks.createFirstAttempts(campaignId, after, through, clock.instant());
            List<FirstAttempt> chunk = tasks.firstAttempts(campaignId, after, through);
            for (int from = 0; from < chunk.size(); from += SqsPublisher.MAX_BATCH) {
                List<FirstAttempt> batch = chunk.subList(from, Math.min(chunk.size(), from + SqsPublisher.MAX_BATCH));
                publisher.sendBatch(enrichQueue, batch.stream()
                        .map(task -> OutgoingMessage.of(task.taskId().toString(),
                                Messages.write(DialTaskMessage.of(task.taskId(), campaignId))))
                        .toList());
                campaigns.advanceDispatchCursor(campaignId, batch.get(batch.size() - 1).seq(), clock.instant());
            }
            // Suppressed contacts have a seq but no task: the cursor still moves past them.
            campaigns.advanceDispatchCursor(campaignId, through, clock.instant());
            cursor = through;
        }
        if (campaigns.transition(campaignId, CampaignStatus.DISPATCHING, CampaignStatus.RUNNING, clock.instant()) == 1) {
            LOG.info("dispatch complete", "contacts", lastSeq);
        }
        return Outcome.COMPLETED;
    }
}
