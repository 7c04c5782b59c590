package dev.campaigndialer.enrich;

import dev.campaigndialer.core.domain.CampaignStatus;
import dev.campaigndialer.core.domain.TaskStatus;
import dev.campaigndialer.core.log.JsonLog;
import dev.campaigndialer.core.message.DialTaskMessage;
import dev.campaigndialer.core.message.Messages;
import dev.campaigndialer.core.queue.QueueTopology;
import dev.campaigndialer.core.sqs.OutgoingMessage;
import dev.campaigndialer.core.sqs.QueueUrls;
import dev.campaigndialer.core.sqs.SqsPublisher;
import dev.campaigndialer.db.CampaignCompletion;
import dev.campaigndialer.db.repository.DialTaskRepository;
import dev.campaigndialer.db.repository.DncRepository;
import dev.campaigndialer.db.repository.TaskContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Prepares a PENDING task for dialling: the callee's zones and line type, a DNC re-check against
 * the owner's current list, and the calling window. Open now → READY, on to the dial queue;
 * closed → SCHEDULED at the next opening, sent with a delay when that is at most 15 minutes away,
 * otherwise released by the minute sweep. Thread-safe.
 */
public final class EnrichService {

    /** What became of a task. */
    public enum Result { READY, SCHEDULED, SUPPRESSED, CANCELLED, NO_WINDOW, NOTHING_TO_DO }

    static final Duration MAX_SQS_DELAY = Duration.ofMinutes(15);
    private static final JsonLog LOG = JsonLog.forClass(EnrichService.class);

    private final Jdbi jdbi;
    private final SqsPublisher publisher;
    private final QueueUrls queues;
    private final CampaignCompletion completion;
    private final Clock clock;
    private final CalleeZones zones = new CalleeZones();

    public EnrichService(Jdbi jdbi, SqsPublisher publisher, QueueUrls queues, CampaignCompletion completion, Clock clock) {
        this.jdbi = jdbi;
        this.publisher = publisher;
        this.queues = queues;
        this.completion = completion;
        this.clock = clock;
    }

    public Result enrich(UUID taskId) {
        DialTaskRepository tasks = jdbi.onDemand(DialTaskRepository.class);
        Optional<TaskContext> found = tasks.context(taskId);
        if (found.isEmpty()) {
            throw new dev.campaigndialer.core.message.PoisonMessageException("unknown dial task " + taskId);
        }
        TaskContext task = found.get();
        JsonLog.put("campaignId", task.campaignId().toString());
        JsonLog.put("taskId", taskId.toString());
        if (task.status() != TaskStatus.PENDING) {
            LOG.info("duplicate enrich message: task is already " + task.status());
            return Result.NOTHING_TO_DO;
        }
        Instant now = clock.instant();
        if (task.campaignStatus() == CampaignStatus.CANCELLED) {
            return finish(tasks, task, TaskStatus.CANCELLED, "CAMPAIGN_CANCELLED", Result.CANCELLED);
        }
        tasks.recordLineType(task.contactId(), zones.lineType(task.phone()));
        if (jdbi.withExtension(DncRepository.class, dnc -> dnc.contains(task.ownerId(), task.phone()))) {
            LOG.info("number is on the owner's DNC list now: suppressed");
            return finish(tasks, task, TaskStatus.SUPPRESSED, "DNC", Result.SUPPRESSED);
        }
        List<ZoneId> calleeZones = zones.resolve(task.phone(), task.contactTimezone(), task.campaignTimezone());
        String[] zoneNames = calleeZones.stream().map(ZoneId::getId).toArray(String[]::new);
        Instant earliest = task.notBefore() != null && task.notBefore().isAfter(now) ? task.notBefore() : now;
        Optional<Instant> opening = new CallingWindow(task.windowStart(), task.windowEnd()).nextOpening(earliest, calleeZones);
        if (opening.isEmpty()) {
            LOG.warn("the callee's zones never share an open calling window", "zones", String.join(",", zoneNames));
            return finish(tasks, task, TaskStatus.FAILED, "NO_CALLING_WINDOW", Result.NO_WINDOW);
        }
        String body = Messages.write(DialTaskMessage.of(taskId, task.campaignId()));
        if (!opening.get().isAfter(now)) {
            if (tasks.markReady(taskId, zoneNames, now) == 1) {
                publisher.send(queues.url(QueueTopology.DIAL), OutgoingMessage.of(taskId.toString(), body));
            }
            return Result.READY;
        }
        Duration wait = Duration.between(now, opening.get());
        boolean sendNow = wait.compareTo(MAX_SQS_DELAY) <= 0;
        if (tasks.markScheduled(taskId, zoneNames, opening.get(), sendNow ? now : null, now) == 1 && sendNow) {
            // Round up so the message never arrives before the window opens.
            int delay = (int) Math.min(MAX_SQS_DELAY.toSeconds(), (wait.toMillis() + 999) / 1000);
            publisher.send(queues.url(QueueTopology.DIAL), new OutgoingMessage(taskId.toString(), body, delay));
        }
        LOG.info("outside the calling window: scheduled", "notBefore", opening.get().toString());
        return Result.SCHEDULED;
    }

    private Result finish(DialTaskRepository tasks, TaskContext task, TaskStatus status, String reason, Result result) {
        if (tasks.finishUndialled(task.taskId(), status, reason, clock.instant()) == 1) {
            completion.completeIfDone(task.campaignId());
        }
        return result;
    }
}
