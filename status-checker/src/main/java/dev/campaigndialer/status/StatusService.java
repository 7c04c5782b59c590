package dev.campaigndialer.status;

import dev.campaigndialer.core.domain.CampaignStatus;
import dev.campaigndialer.core.domain.TaskStatus;
import dev.campaigndialer.core.log.JsonLog;
import dev.campaigndialer.core.message.DialTaskMessage;
import dev.campaigndialer.core.message.Messages;
import dev.campaigndialer.core.message.PoisonMessageException;
import dev.campaigndialer.core.queue.QueueTopology;
import dev.campaigndialer.core.sqs.OutgoingMessage;
import dev.campaigndialer.core.sqs.QueueUrls;
import dev.campaigndialer.core.sqs.SqsPublisher;
import dev.campaigndialer.core.telephony.CallStatus;
import dev.campaigndialer.core.telephony.TelephonyProvider;
import dev.campaigndialer.db.CampaignCompletion;
import dev.campaigndialer.db.OutboxRelay;
import dev.campaigndialer.db.repository.DialTaskRepository;
import dev.campaigndialer.db.repository.OutboxRepository;
import dev.campaigndialer.db.repository.TaskContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Polls a placed call. Still in progress → check again later, until the dial timeout, after which
 * the outcome is recorded as FAILED / STATUS_UNKNOWN and never redialled automatically. Finished →
 * the outcome, talk time and reason are recorded with a conditional {@code DIALING → outcome}; when
 * the outcome is retryable for this campaign, the next attempt's task and its enrich message (an
 * outbox row) commit in the same transaction. Then the campaign is completed if nothing is open.
 * Thread-safe.
 */
public final class StatusService {

    /** What became of a status message. */
    public enum Result { IN_PROGRESS, FINISHED, RETRY_SCHEDULED, TIMED_OUT, NOTHING_TO_DO }

    /** Tunables: how often to poll, and how long a call may stay unknown. */
    public record Polling(Duration interval, Duration dialTimeout) {
    }

    private static final JsonLog LOG = JsonLog.forClass(StatusService.class);

    private final Jdbi jdbi;
    private final TelephonyProvider provider;
    private final SqsPublisher publisher;
    private final QueueUrls queues;
    private final OutboxRelay relay;
    private final CampaignCompletion completion;
    private final Polling polling;
    private final Clock clock;

    public StatusService(Jdbi jdbi, TelephonyProvider provider, SqsPublisher publisher, QueueUrls queues,
            OutboxRelay relay, CampaignCompletion completion, Polling polling, Clock clock) {
        this.jdbi = jdbi;
        this.provider = provider;
        this.publisher = publisher;
        this.queues = queues;
        this.relay = relay;
        this.completion = completion;
        this.polling = polling;
        this.clock = clock;
    }

    public Result check(UUID taskId) {
        TaskContext task = jdbi.onDemand(DialTaskRepository.class).context(taskId)
                .orElseThrow(() -> new PoisonMessageException("unknown dial task " + taskId));
        JsonLog.put("campaignId", task.campaignId().toString());
        JsonLog.put("taskId", taskId.toString());
        if (task.status() != TaskStatus.DIALING || task.providerCallId() == null) {
            LOG.info("duplicate status message: task is " + task.status());
            return Result.NOTHING_TO_DO;
        }
        CallStatus status = provider.status(task.providerCallId());
        Instant now = clock.instant();
        if (!status.finished()) {
            if (task.dialStartedAt() != null && now.isAfter(task.dialStartedAt().plus(polling.dialTimeout()))) {
                LOG.warn("call outcome still unknown after the dial timeout: recorded as FAILED, not redialled");
                return finish(task, TaskStatus.FAILED, 0, "STATUS_UNKNOWN", false) ? Result.TIMED_OUT : Result.NOTHING_TO_DO;
            }
            publisher.send(queues.url(QueueTopology.STATUS), new OutgoingMessage(taskId.toString(),
                    Messages.write(DialTaskMessage.of(taskId, task.campaignId())), (int) polling.interval().toSeconds()));
            return Result.IN_PROGRESS;
        }
        TaskStatus outcome = TaskStatus.valueOf(status.outcome().name());
        boolean retry = task.retryOn().contains(outcome.name()) && task.attempt() < task.maxAttempts()
                && !status.permanent() && task.campaignStatus() != CampaignStatus.CANCELLED;
        if (!finish(task, outcome, status.talkSeconds(), status.reason(), retry)) {
            return Result.NOTHING_TO_DO;
        }
        return retry ? Result.RETRY_SCHEDULED : Result.FINISHED;
    }

    /** Records the outcome (and the next attempt); false when another checker recorded it first. */
    private boolean finish(TaskContext task, TaskStatus outcome, int talkSeconds, String reason, boolean retry) {
        Instant now = clock.instant();
        Optional<UUID> outboxId = jdbi.inTransaction(handle -> {
            DialTaskRepository tasks = handle.attach(DialTaskRepository.class);
            if (tasks.finishCall(task.taskId(), outcome, talkSeconds, reason, now) == 0) {
                return null;
            }
            if (!retry) {
                return Optional.<UUID>empty();
            }
            Instant notBefore = now.plusSeconds(task.backoffSeconds());
            Optional<UUID> next = tasks.createRetry(UUID.randomUUID(), task.campaignId(), task.contactId(),
                    task.attempt() + 1, notBefore, now);
            if (next.isEmpty()) {
                return Optional.<UUID>empty();
            }
            UUID id = UUID.randomUUID();
            handle.attach(OutboxRepository.class).add(id, QueueTopology.ENRICH,
                    Messages.write(DialTaskMessage.of(next.get(), task.campaignId())),
                    Math.min(900, task.backoffSeconds()), now);
            return Optional.of(id);
        });
        if (outboxId == null) {
            LOG.info("duplicate status message: outcome already recorded");
            return false;
        }
        LOG.info("call finished", "outcome", outcome.name(), "attempt", task.attempt(), "retry", retry);
        outboxId.ifPresent(id -> relay.relay(List.of(id)));
        if (!retry) {
            completion.completeIfDone(task.campaignId());
        }
        return true;
    }
}
