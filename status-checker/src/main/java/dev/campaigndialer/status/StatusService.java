package dev.campaigndialer.status;

import dev.campaigndialer.core.concurrent.ConcurrentCalls;
import dev.campaigndialer.core.domain.CampaignStatus;
import dev.campaigndialer.core.domain.TaskStatus;
import dev.campaigndialer.core.log.JsonLog;
import dev.campaigndialer.core.message.DialTaskMessage;
import dev.campaigndialer.core.message.Messages;
import dev.campaigndialer.core.message.PoisonMessageException;
import dev.campaigndialer.core.queue.QueueTopology;
import dev.campaigndialer.core.sqs.BatchProcessor;
import dev.campaigndialer.core.sqs.OutgoingMessage;
import dev.campaigndialer.core.sqs.QueueUrls;
import dev.campaigndialer.core.sqs.SqsPublisher;
import dev.campaigndialer.core.telephony.CallStatus;
import dev.campaigndialer.core.telephony.TelephonyProvider;
import dev.campaigndialer.core.time.TimeScale;
import dev.campaigndialer.db.CampaignCompletion;
import dev.campaigndialer.db.OutboxRelay;
import dev.campaigndialer.db.repository.DialTaskRepository;
import dev.campaigndialer.db.repository.OutboxRepository;
import dev.campaigndialer.db.repository.TaskContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;

/**
 * Polls the placed calls of a batch of status messages. Still in progress → check again later,
 * until the dial timeout, after which the outcome is recorded as FAILED / STATUS_UNKNOWN and never
 * redialled automatically. Finished → the outcome, talk time and reason are recorded with a
 * conditional {@code DIALING → outcome}; when the outcome is retryable for its campaign, the next
 * attempt's task and its enrich message (an outbox row) commit in the same transaction. Then each
 * campaign that may be done is completed. One transaction records the whole batch. Thread-safe.
 */
public final class StatusService {

    /** What became of a status message. RETRY: it failed and returns to the queue; UNKNOWN_TASK: poison. */
    public enum Result implements BatchProcessor.ItemResult {
        IN_PROGRESS, FINISHED, RETRY_SCHEDULED, TIMED_OUT, NOTHING_TO_DO, RETRY, UNKNOWN_TASK;

        @Override
        public boolean returnsMessage() {
            return this == RETRY || this == UNKNOWN_TASK;
        }
    }

    /**
     * Tunables: how often to poll and how long a call may stay unknown (both on the functions'
     * clock), and how that clock relates to real time (for SQS delays).
     */
    public record Polling(Duration interval, Duration dialTimeout, TimeScale scale) {
    }

    /** An outcome to record, and whether the contact gets another attempt. */
    private record Outcome(TaskContext task, TaskStatus status, int talkSeconds, String reason, boolean retry,
            Result result) {
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
    /** The batch's calls are polled at the same time: each is a carrier request. */
    private final ConcurrentCalls carrierCalls = new ConcurrentCalls("poll-call");

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

    /** One message's worth: {@link #checkAll} for a single task; an unknown task is a poison message. */
    public Result check(UUID taskId) {
        Result result = checkAll(List.of(taskId)).get(taskId);
        if (result == Result.UNKNOWN_TASK) {
            throw new PoisonMessageException("unknown dial task " + taskId);
        }
        if (result == Result.RETRY) {
            throw new IllegalStateException("status of dial task " + taskId + " failed; see the log");
        }
        return result;
    }

    /** Checks every call of a batch: one read, a poll per call, one transaction, one send per queue. */
    public Map<UUID, Result> checkAll(List<UUID> taskIds) {
        Map<UUID, Result> results = new LinkedHashMap<>();
        Map<UUID, TaskContext> tasks = jdbi.onDemand(DialTaskRepository.class).contexts(new LinkedHashSet<>(taskIds))
                .stream().collect(Collectors.toMap(TaskContext::taskId, task -> task));
        List<TaskContext> placed = new ArrayList<>();
        for (UUID id : new LinkedHashSet<>(taskIds)) {
            TaskContext task = tasks.get(id);
            if (task == null) {
                LOG.warn("poison message: unknown dial task; it reaches the DLQ after maxReceiveCount", "taskId",
                        id.toString());
                results.put(id, Result.UNKNOWN_TASK);
            } else if (task.status() != TaskStatus.DIALING || task.providerCallId() == null) {
                LOG.info("duplicate status message: task is " + task.status(), "taskId", id.toString());
                results.put(id, Result.NOTHING_TO_DO);
            } else {
                placed.add(task);
            }
        }
        List<ConcurrentCalls.Result<CallStatus>> polls = carrierCalls.map(placed,
                task -> provider.status(task.providerCallId()));
        List<Outcome> outcomes = new ArrayList<>();
        List<OutgoingMessage> pollAgain = new ArrayList<>();
        Instant now = clock.instant();
        for (int i = 0; i < placed.size(); i++) {
            TaskContext task = placed.get(i);
            ConcurrentCalls.Result<CallStatus> poll = polls.get(i);
            if (!poll.ok()) {
                LOG.error("polling the call failed; the message returns to the queue", poll.error(), "taskId",
                        task.taskId().toString());
                results.put(task.taskId(), Result.RETRY);
                continue;
            }
            Outcome outcome = outcome(task, poll.value(), now);
            if (outcome == null) {
                pollAgain.add(message(task, polling.scale().realDelaySeconds(polling.interval())));
                results.put(task.taskId(), Result.IN_PROGRESS);
            } else {
                outcomes.add(outcome);
            }
        }
        record(outcomes, results);
        publisher.sendAll(queues.url(QueueTopology.STATUS), pollAgain);
        return results;
    }

    /** The outcome to record, or null when the call is still in progress and has time left. */
    private Outcome outcome(TaskContext task, CallStatus status, Instant now) {
        if (!status.finished()) {
            if (task.dialStartedAt() != null && now.isAfter(task.dialStartedAt().plus(polling.dialTimeout()))) {
                LOG.warn("call outcome still unknown after the dial timeout: recorded as FAILED, not redialled",
                        "taskId", task.taskId().toString());
                return new Outcome(task, TaskStatus.FAILED, 0, "STATUS_UNKNOWN", false, Result.TIMED_OUT);
            }
            return null;
        }
        TaskStatus outcome = TaskStatus.valueOf(status.outcome().name());
        boolean retry = task.retryOn().contains(outcome.name()) && task.attempt() < task.maxAttempts()
                && !status.permanent() && task.campaignStatus() != CampaignStatus.CANCELLED;
        return new Outcome(task, outcome, status.talkSeconds(), status.reason(), retry,
                retry ? Result.RETRY_SCHEDULED : Result.FINISHED);
    }

    /**
     * Records the outcomes and the next attempts in one transaction, relays the next attempts'
     * messages, then completes the campaigns whose last open task this may have been.
     */
    private void record(List<Outcome> outcomes, Map<UUID, Result> results) {
        if (outcomes.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        List<UUID> outbox = new ArrayList<>();
        Set<UUID> recorded = jdbi.inTransaction(handle -> {
            DialTaskRepository tasks = handle.attach(DialTaskRepository.class);
            Set<UUID> finished = Set.copyOf(tasks.finishCalls(
                    outcomes.stream().map(o -> o.task().taskId()).toArray(UUID[]::new),
                    outcomes.stream().map(o -> o.status().name()).toArray(String[]::new),
                    outcomes.stream().map(Outcome::talkSeconds).toArray(Integer[]::new),
                    outcomes.stream().map(Outcome::reason).toArray(String[]::new), now));
            List<TaskContext> retrying = outcomes.stream()
                    .filter(o -> o.retry() && finished.contains(o.task().taskId())).map(Outcome::task).toList();
            if (!retrying.isEmpty()) {
                outbox.addAll(scheduleNextAttempts(handle, tasks, retrying, polling.scale(), now));
            }
            return finished;
        });
        Set<UUID> campaignsToComplete = new LinkedHashSet<>();
        for (Outcome outcome : outcomes) {
            UUID id = outcome.task().taskId();
            if (!recorded.contains(id)) {
                LOG.info("duplicate status message: outcome already recorded", "taskId", id.toString());
                results.put(id, Result.NOTHING_TO_DO);
                continue;
            }
            LOG.info("call finished", "taskId", id.toString(), "campaignId", outcome.task().campaignId().toString(),
                    "outcome", outcome.status().name(), "attempt", outcome.task().attempt(), "retry", outcome.retry());
            results.put(id, outcome.result());
            if (!outcome.retry()) {
                campaignsToComplete.add(outcome.task().campaignId());
            }
        }
        relay.relay(outbox);
        campaignsToComplete.forEach(completion::completeIfDone);
    }

    /** The next attempts' tasks and their enrich messages as outbox rows; returns the rows' ids. */
    private static List<UUID> scheduleNextAttempts(org.jdbi.v3.core.Handle handle, DialTaskRepository tasks,
            List<TaskContext> retrying, TimeScale scale, Instant now) {
        Map<UUID, TaskContext> byContact = retrying.stream()
                .collect(Collectors.toMap(TaskContext::contactId, task -> task, (a, b) -> a, LinkedHashMap::new));
        List<DialTaskRepository.NewTask> created = tasks.createRetries(
                byContact.values().stream().map(task -> UUID.randomUUID()).toArray(UUID[]::new),
                byContact.values().stream().map(TaskContext::campaignId).toArray(UUID[]::new),
                byContact.keySet().toArray(UUID[]::new),
                byContact.values().stream().map(task -> task.attempt() + 1).toArray(Integer[]::new),
                byContact.values().stream().map(task -> now.plusSeconds(task.backoffSeconds()).toString())
                        .toArray(String[]::new), now);
        if (created.isEmpty()) {
            return List.of();
        }
        UUID[] ids = created.stream().map(task -> UUID.randomUUID()).toArray(UUID[]::new);
        handle.attach(OutboxRepository.class).addAll(QueueTopology.ENRICH, ids,
                created.stream().map(task -> Messages.write(DialTaskMessage.of(task.taskId(), task.campaignId())))
                        .toArray(String[]::new),
                created.stream().map(task -> (int) Math.min(900, scale.realDelaySeconds(
                        Duration.ofSeconds(byContact.get(task.contactId()).backoffSeconds())))).toArray(Integer[]::new), now);
        return List.of(ids);
    }

    private static OutgoingMessage message(TaskContext task, long delaySeconds) {
        return DialTaskMessage.outgoing(task.taskId(), task.campaignId(), delaySeconds);
    }
}
