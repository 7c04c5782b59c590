package dev.campaigndialer.dial;

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
import dev.campaigndialer.core.telephony.CallRequest;
import dev.campaigndialer.core.telephony.PlacedCall;
import dev.campaigndialer.core.telephony.TelephonyProvider;
import dev.campaigndialer.db.CampaignCompletion;
import dev.campaigndialer.db.repository.DialTaskRepository;
import dev.campaigndialer.db.repository.DncRepository;
import dev.campaigndialer.db.repository.TaskContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.jdbi.v3.core.Jdbi;

/**
 * Places one task's call. The claim ({@code READY → DIALING}) is conditional and happens under a
 * lock on the campaign row, after counting the campaign's calls in progress, so
 * {@code maxConcurrentCalls} holds however many workers run. The call is placed with the task id
 * as idempotency token: a task found DIALING without a call id (a crash between the carrier
 * accepting and the row being updated) is placed again and the carrier returns the first call.
 * Thread-safe.
 */
public final class DialService {

    /** What became of a dial message. */
    public enum Result { PLACED, THROTTLED, PARKED, EARLY, SUPPRESSED, CANCELLED, NOTHING_TO_DO }

    /** BUSY: another worker is claiming for the same campaign right now; try again shortly. */
    private enum Claim { CLAIMED, ALREADY_CLAIMED, OVER_LIMIT, BUSY, CAMPAIGN_NOT_RUNNING }

    /** Tunables: the delay before the first status check and before retrying a throttled task. */
    public record Pacing(Duration statusPollDelay, Duration throttledRetry) {
    }

    private static final JsonLog LOG = JsonLog.forClass(DialService.class);

    private final Jdbi jdbi;
    private final TelephonyProvider provider;
    private final SqsPublisher publisher;
    private final QueueUrls queues;
    private final CampaignCompletion completion;
    private final Pacing pacing;
    private final Clock clock;

    public DialService(Jdbi jdbi, TelephonyProvider provider, SqsPublisher publisher, QueueUrls queues,
            CampaignCompletion completion, Pacing pacing, Clock clock) {
        this.jdbi = jdbi;
        this.provider = provider;
        this.publisher = publisher;
        this.queues = queues;
        this.completion = completion;
        this.pacing = pacing;
        this.clock = clock;
    }

    public Result dial(UUID taskId) {
        DialTaskRepository tasks = jdbi.onDemand(DialTaskRepository.class);
        TaskContext task = tasks.context(taskId).orElseThrow(() -> new PoisonMessageException("unknown dial task " + taskId));
        JsonLog.put("campaignId", task.campaignId().toString());
        JsonLog.put("taskId", taskId.toString());
        switch (task.status()) {
            case READY, SCHEDULED -> {
                return claimAndPlace(tasks, task);
            }
            case DIALING -> {
                if (task.providerCallId() != null) {
                    LOG.info("duplicate dial message: call already placed");
                    return Result.NOTHING_TO_DO;
                }
                LOG.warn("task is DIALING without a call id: placing again with the same idempotency token");
                return place(tasks, task);
            }
            default -> {
                LOG.info("nothing to dial: task is " + task.status());
                return Result.NOTHING_TO_DO;
            }
        }
    }

    private Result claimAndPlace(DialTaskRepository tasks, TaskContext task) {
        Instant now = clock.instant();
        if (task.campaignStatus() == CampaignStatus.CANCELLED) {
            if (tasks.finishUndialled(task.taskId(), TaskStatus.CANCELLED, "CAMPAIGN_CANCELLED", now) == 1) {
                completion.completeIfDone(task.campaignId());
            }
            return Result.CANCELLED;
        }
        if (task.campaignStatus() == CampaignStatus.PAUSED) {
            // Parked: the task keeps its state; resuming the campaign sends it again.
            LOG.info("campaign paused: task parked");
            return Result.PARKED;
        }
        if (task.status() == TaskStatus.SCHEDULED && task.notBefore() != null && task.notBefore().isAfter(now)) {
            long seconds = Math.min(900, (Duration.between(now, task.notBefore()).toMillis() + 999) / 1000);
            resend(task, (int) seconds);
            return Result.EARLY;
        }
        if (jdbi.withExtension(DncRepository.class, dnc -> dnc.contains(task.ownerId(), task.phone()))) {
            if (tasks.finishUndialled(task.taskId(), TaskStatus.SUPPRESSED, "DNC", now) == 1) {
                completion.completeIfDone(task.campaignId());
            }
            return Result.SUPPRESSED;
        }
        Claim claim = jdbi.inTransaction(handle -> {
            DialTaskRepository locked = handle.attach(DialTaskRepository.class);
            DialTaskRepository.ClaimGate gate = locked.lockCampaignForClaim(task.campaignId()).orElse(null);
            if (gate == null) {
                return Claim.BUSY;
            }
            // Re-read under the lock: a pause acknowledged before this point must stop this call.
            if (!gate.status().equals(CampaignStatus.RUNNING.name())
                    && !gate.status().equals(CampaignStatus.DISPATCHING.name())) {
                return Claim.CAMPAIGN_NOT_RUNNING;
            }
            if (locked.callsInProgress(task.campaignId()) >= gate.maxConcurrentCalls()) {
                return Claim.OVER_LIMIT;
            }
            return locked.claim(task.taskId(), clock.instant()) == 1 ? Claim.CLAIMED : Claim.ALREADY_CLAIMED;
        });
        if (claim == Claim.CAMPAIGN_NOT_RUNNING) {
            // Paused or cancelled meanwhile: the next message (resume, or this one again) decides.
            resend(task, (int) pacing.throttledRetry().toSeconds());
            return Result.PARKED;
        }
        if (claim == Claim.OVER_LIMIT || claim == Claim.BUSY) {
            // Over the campaign's limit: not a failure, the task simply waits its turn.
            int jitter = ThreadLocalRandom.current().nextInt(0, 3);
            resend(task, (int) pacing.throttledRetry().toSeconds() + jitter);
            return Result.THROTTLED;
        }
        if (claim == Claim.ALREADY_CLAIMED) {
            LOG.info("duplicate dial message: task already claimed");
            return Result.NOTHING_TO_DO;
        }
        return place(tasks, task);
    }

    private Result place(DialTaskRepository tasks, TaskContext task) {
        PlacedCall call = provider.place(new CallRequest(task.taskId().toString(), task.phone(), task.callerId(),
                task.attempt()));
        tasks.recordCall(task.taskId(), call.callId(), clock.instant());
        publisher.send(queues.url(QueueTopology.STATUS), new OutgoingMessage(task.taskId().toString(),
                Messages.write(DialTaskMessage.of(task.taskId(), task.campaignId())),
                (int) pacing.statusPollDelay().toSeconds()));
        LOG.info("call placed", "attempt", task.attempt());
        return Result.PLACED;
    }

    private void resend(TaskContext task, int delaySeconds) {
        publisher.send(queues.url(QueueTopology.DIAL), new OutgoingMessage(task.taskId().toString(),
                Messages.write(DialTaskMessage.of(task.taskId(), task.campaignId())), Math.min(900, delaySeconds)));
    }
}
