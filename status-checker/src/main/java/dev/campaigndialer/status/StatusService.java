package dev.campaigndialer.status;

import dev.campaigndialer.core.concurrent.ConcurrentCalls;
import dev.campaigndialer.core.calling.RetryRule;
import dev.campaigndialer.core.domain.TaskStatus;
import dev.campaigndialer.core.log.JsonLog;
import dev.campaigndialer.core.message.DialTaskMessage;
import dev.campaigndialer.core.message.Messages;
import dev.campaigndialer.core.queue.QueueTopology;
import dev.campaigndialer.core.sqs.BatchProcessor;
import dev.campaigndialer.core.sqs.OutgoingMessage;
import dev.campaigndialer.core.sqs.QueueUrls;
import dev.campaigndialer.core.sqs.SqsPublisher;
import dev.campaigndialer.core.telephony.CallStatus;
import dev.campaigndialer.core.telephony.CallTracking;
import dev.campaigndialer.core.telephony.CarrierUnavailableException;
import dev.campaigndialer.core.telephony.ConnectBudget;
import dev.campaigndialer.core.telephony.ConnectContactEvent;
import dev.campaigndialer.core.telephony.TelephonyProvider;
import dev.campaigndialer.core.time.TimeScale;
import dev.campaigndialer.db.CampaignCompletion;
import dev.campaigndialer.db.OutboxRelay;
import dev.campaigndialer.db.repository.ConnectRateBudget;
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
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;

/**
 * Polls the placed calls of a batch of status messages. Still in progress → check again later,
 * until the dial timeout, after which the outcome is recorded as FAILED / STATUS_UNKNOWN and never
 * redialled automatically. Finished → the outcome, talk time and reason are recorded with a
 * conditional {@code DIALING → outcome}; when the outcome is retryable for its campaign, the next
 * attempt's task and its enrich message (an outbox row) commit in the same transaction. Then each
 * campaign that may be done is completed. One transaction records the whole batch.
 *
 * <p>Amazon Connect contact events on the status queue ({@link ConnectContactEvent}) go through the
 * same outcome table as a poll ({@code ConnectOutcomes}) and the same recording: a DISCONNECTED
 * event finishes its call; a CONNECTED_TO_SYSTEM event keeps its answering machine verdict for a
 * DISCONNECTED event that comes without one. An event for a contact no task knows (or not yet: the
 * fallback poll covers that), or for a call already recorded, is a no-op, so duplicate and
 * out-of-order events are harmless.
 *
 * <p>With a {@link ConnectBudget} every poll takes a token of the fleet's DescribeContact bucket
 * first; a poll without one waits (its message comes back when the token is due). A poll Connect
 * does not answer (throttled, a fault, a timeout) is sent again with a backoff rather than failed,
 * so it never spends the queue's receive count. Thread-safe.
 */
public final class StatusService {

    /** What became of a status message. RETRY: it failed and returns to the queue; UNKNOWN_TASK: poison. */
    public enum Result implements BatchProcessor.ItemResult {
        IN_PROGRESS, FINISHED, RETRY_SCHEDULED, TIMED_OUT, NOTHING_TO_DO, NO_TOKEN, POLL_DEFERRED, RETRY,
        UNKNOWN_TASK;

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
    private final Optional<ConnectBudget> budget;
    private final CallTracking tracking;
    private final AtomicBoolean budgetConfigured = new AtomicBoolean();
    /** The batch's calls are polled at the same time: each is a carrier request. */
    private final ConcurrentCalls carrierCalls = new ConcurrentCalls("poll-call");

    /** Without a Connect budget or contact events: the in-process carrier of tests. */
    public StatusService(Jdbi jdbi, TelephonyProvider provider, SqsPublisher publisher, QueueUrls queues,
            OutboxRelay relay, CampaignCompletion completion, Polling polling, Clock clock) {
        this(jdbi, provider, publisher, queues, relay, completion, polling, clock, Optional.empty(), CallTracking.POLLING);
    }

    public StatusService(Jdbi jdbi, TelephonyProvider provider, SqsPublisher publisher, QueueUrls queues,
            OutboxRelay relay, CampaignCompletion completion, Polling polling, Clock clock,
            Optional<ConnectBudget> budget, CallTracking tracking) {
        this.budget = budget;
        this.tracking = tracking;
        this.jdbi = jdbi;
        this.provider = provider;
        this.publisher = publisher;
        this.queues = queues;
        this.relay = relay;
        this.completion = completion;
        this.polling = polling;
        this.clock = clock;
    }

    /** A batch of the status queue: polls and contact events, each item with its result. */
    Map<StatusItem, Result> process(List<StatusItem> items) {
        Map<StatusItem, Result> results = new LinkedHashMap<>();
        List<UUID> checks = new ArrayList<>();
        List<ConnectContactEvent> events = new ArrayList<>();
        for (StatusItem item : items) {
            if (item instanceof StatusItem.TaskCheck check) {
                checks.add(check.taskId());
            } else if (item instanceof StatusItem.ContactEvent event) {
                events.add(event.event());
            }
        }
        Map<UUID, Result> checked = checks.isEmpty() ? Map.of() : checkAll(checks);
        Map<ConnectContactEvent, Result> applied = events.isEmpty() ? Map.of() : applyEvents(events);
        for (StatusItem item : items) {
            results.put(item, item instanceof StatusItem.TaskCheck check ? checked.get(check.taskId())
                    : applied.get(((StatusItem.ContactEvent) item).event()));
        }
        return results;
    }

    /**
     * Applies contact events: finished calls are recorded like polled ones; CONNECTED_TO_SYSTEM's
     * AMD verdict is kept; anything else (unknown contact, call already recorded, an event type
     * that does not finish a call) is a no-op.
     */
    public Map<ConnectContactEvent, Result> applyEvents(List<ConnectContactEvent> events) {
        Map<ConnectContactEvent, Result> results = new LinkedHashMap<>();
        Map<String, TaskContext> byCall = jdbi.onDemand(DialTaskRepository.class).contextsByCallIds(events.stream()
                        .map(ConnectContactEvent::contactId).distinct().toArray(String[]::new)).stream()
                .collect(Collectors.toMap(TaskContext::providerCallId, task -> task, (a, b) -> a));
        Instant now = clock.instant();
        Map<UUID, Outcome> outcomes = new LinkedHashMap<>();
        Map<UUID, String> verdicts = new LinkedHashMap<>();
        Map<ConnectContactEvent, UUID> eventTasks = new LinkedHashMap<>();
        for (ConnectContactEvent event : events) {
            TaskContext task = byCall.get(event.contactId());
            if (task == null || task.status() != TaskStatus.DIALING) {
                LOG.info("contact event with nothing to do: " + (task == null ? "no task has this contact (yet)"
                        : "the call is recorded already (" + task.status() + ")"), "eventType", event.eventType(),
                        "contactId", event.contactId(), "taskId", task == null ? null : task.taskId().toString());
                results.put(event, Result.NOTHING_TO_DO);
                continue;
            }
            CallStatus status = event.status(Optional.ofNullable(task.amdStatus()));
            if (!status.finished()) {
                if (event.amdStatus() != null) {
                    verdicts.put(task.taskId(), event.amdStatus());
                }
                results.put(event, Result.IN_PROGRESS);
                continue;
            }
            eventTasks.put(event, task.taskId());
            outcomes.putIfAbsent(task.taskId(), outcome(task, status, now));
        }
        if (!verdicts.isEmpty()) {
            jdbi.useExtension(DialTaskRepository.class, tasks -> tasks.recordAmdStatuses(
                    verdicts.keySet().toArray(UUID[]::new), verdicts.values().toArray(String[]::new), now));
        }
        Map<UUID, Result> recorded = new LinkedHashMap<>();
        record(new ArrayList<>(outcomes.values()), recorded);
        eventTasks.forEach((event, taskId) -> results.put(event, recorded.getOrDefault(taskId, Result.NOTHING_TO_DO)));
        return results;
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
        List<OutgoingMessage> pollAgain = new ArrayList<>();
        placed = withinBudget(placed, pollAgain, results);
        List<ConcurrentCalls.Result<CallStatus>> polls = carrierCalls.map(placed,
                task -> provider.status(task.providerCallId()));
        List<Outcome> outcomes = new ArrayList<>();
        Instant now = clock.instant();
        for (int i = 0; i < placed.size(); i++) {
            TaskContext task = placed.get(i);
            ConcurrentCalls.Result<CallStatus> poll = polls.get(i);
            if (!poll.ok() && poll.error() instanceof CarrierUnavailableException unavailable) {
                long backoff = 2 + ThreadLocalRandom.current().nextInt(0, 4);
                LOG.warn("Connect did not answer the poll (" + unavailable.reason() + "): polling again", "taskId",
                        task.taskId().toString(), "retryInSeconds", backoff);
                pollAgain.add(message(task, backoff));
                results.put(task.taskId(), Result.POLL_DEFERRED);
                continue;
            }
            if (!poll.ok()) {
                LOG.error("polling the call failed; the message returns to the queue", poll.error(), "taskId",
                        task.taskId().toString());
                results.put(task.taskId(), Result.RETRY);
                continue;
            }
            Outcome outcome = outcome(task, poll.value(), now);
            if (outcome == null) {
                // With contact events, the call's DISCONNECTED event is what normally finishes it.
                pollAgain.add(message(task, polling.scale().realDelaySeconds(
                        tracking.contactEvents() ? tracking.fallbackPoll() : polling.interval())));
                results.put(task.taskId(), Result.IN_PROGRESS);
            } else {
                outcomes.add(outcome);
            }
        }
        record(outcomes, results);
        publisher.sendAll(queues.url(QueueTopology.STATUS), pollAgain);
        return results;
    }

    /**
     * The calls of the batch that get a DescribeContact token now; the others' messages come back
     * when their tokens are due (without a budget, all of them).
     */
    private List<TaskContext> withinBudget(List<TaskContext> placed, List<OutgoingMessage> pollAgain,
            Map<UUID, Result> results) {
        if (budget.isEmpty() || placed.isEmpty()) {
            return placed;
        }
        ConnectBudget configured = budget.get();
        if (!budgetConfigured.get()) {
            jdbi.useExtension(ConnectRateBudget.class, buckets -> buckets.configure(configured.instanceId(),
                    ConnectRateBudget.DESCRIBE_CONTACT, configured.describe().perSecond(), configured.describe().capacity()));
            budgetConfigured.set(true);
        }
        Optional<ConnectRateBudget.Grant> grant = jdbi.withExtension(ConnectRateBudget.class, buckets -> buckets.take(
                configured.instanceId(), ConnectRateBudget.DESCRIBE_CONTACT, placed.size()));
        int granted = grant.map(ConnectRateBudget.Grant::granted).orElse(placed.size());
        for (int i = granted; i < placed.size(); i++) {
            TaskContext task = placed.get(i);
            long wait = (long) Math.ceil(grant.orElseThrow().secondsUntilToken(i - granted))
                    + ThreadLocalRandom.current().nextInt(0, 3);
            pollAgain.add(message(task, Math.max(1, wait)));
            results.put(task.taskId(), Result.NO_TOKEN);
        }
        return placed.subList(0, granted);
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
        boolean retry = RetryRule.retries(outcome, status.permanent(), task.attempt(), task.maxAttempts(), task.retryOn(),
                task.campaignStatus());
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
        // A deadlock runs this transaction again: it returns what it did rather than adding to a list.
        Recorded written = jdbi.inTransaction(handle -> {
            DialTaskRepository tasks = handle.attach(DialTaskRepository.class);
            Set<UUID> finished = Set.copyOf(tasks.finishCalls(
                    outcomes.stream().map(o -> o.task().taskId()).toArray(UUID[]::new),
                    outcomes.stream().map(o -> o.status().name()).toArray(String[]::new),
                    outcomes.stream().map(Outcome::talkSeconds).toArray(Integer[]::new),
                    outcomes.stream().map(Outcome::reason).toArray(String[]::new), now));
            List<TaskContext> retrying = outcomes.stream()
                    .filter(o -> o.retry() && finished.contains(o.task().taskId())).map(Outcome::task).toList();
            return new Recorded(finished,
                    retrying.isEmpty() ? List.of() : scheduleNextAttempts(handle, tasks, retrying, polling.scale(), now));
        });
        Set<UUID> recorded = written.finished();
        List<UUID> outbox = written.outbox();
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

    /** What one outcome transaction wrote: the tasks it finished and the outbox rows of their retries. */
    private record Recorded(Set<UUID> finished, List<UUID> outbox) {
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
