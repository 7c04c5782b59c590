package dev.campaigndialer.dial;

import dev.campaigndialer.core.concurrent.ConcurrentCalls;
import dev.campaigndialer.core.domain.CampaignStatus;
import dev.campaigndialer.core.domain.TaskStatus;
import dev.campaigndialer.core.log.JsonLog;
import dev.campaigndialer.core.message.DialTaskMessage;
import dev.campaigndialer.core.message.PoisonMessageException;
import dev.campaigndialer.core.queue.QueueTopology;
import dev.campaigndialer.core.sqs.BatchProcessor;
import dev.campaigndialer.core.sqs.OutgoingMessage;
import dev.campaigndialer.core.sqs.QueueUrls;
import dev.campaigndialer.core.sqs.SqsPublisher;
import dev.campaigndialer.core.telephony.CallRequest;
import dev.campaigndialer.core.telephony.PlacedCall;
import dev.campaigndialer.core.telephony.TelephonyProvider;
import dev.campaigndialer.db.CampaignCompletion;
import dev.campaigndialer.db.repository.DialTaskRepository;
import dev.campaigndialer.db.repository.TaskContext;
import dev.campaigndialer.db.UndialledTasks;
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
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;

/**
 * Places the calls of a batch of dial messages. The claim ({@code READY → DIALING}) is one
 * conditional statement per campaign that takes only as many tasks as the campaign has free call
 * slots and counts them in the same statement, so {@code maxConcurrentCalls} holds however many
 * workers run, and the campaign row is locked only while that statement runs. Each call is placed with its task id as idempotency token: a task found
 * DIALING without a call id (a crash between the carrier accepting and the row being updated) is
 * placed again and the carrier returns the first call. Thread-safe.
 */
public final class DialService {

    /** What became of a dial message. RETRY: it failed and returns to the queue; UNKNOWN_TASK: poison. */
    public enum Result implements BatchProcessor.ItemResult {
        PLACED, THROTTLED, PARKED, EARLY, SUPPRESSED, CANCELLED, NOTHING_TO_DO, RETRY, UNKNOWN_TASK;

        @Override
        public boolean returnsMessage() {
            return this == RETRY || this == UNKNOWN_TASK;
        }
    }

    /** Tunables: the delay before the first status check and before retrying a throttled task. */
    public record Pacing(Duration statusPollDelay, Duration throttledRetry) {
    }

    private static final JsonLog LOG = JsonLog.forClass(DialService.class);

    private final Jdbi jdbi;
    private final TelephonyProvider provider;
    private final SqsPublisher publisher;
    private final QueueUrls queues;
    private final CampaignCompletion completion;
    private final UndialledTasks undialled;
    private final Pacing pacing;
    private final Clock clock;
    /** The batch's calls are placed at the same time: a carrier request takes a good part of a second. */
    private final ConcurrentCalls carrierCalls = new ConcurrentCalls("place-call");

    public DialService(Jdbi jdbi, TelephonyProvider provider, SqsPublisher publisher, QueueUrls queues,
            CampaignCompletion completion, Pacing pacing, Clock clock) {
        this.jdbi = jdbi;
        this.provider = provider;
        this.publisher = publisher;
        this.queues = queues;
        this.completion = completion;
        this.undialled = new UndialledTasks(jdbi, completion);
        this.pacing = pacing;
        this.clock = clock;
    }

    /** One message's worth: {@link #dialAll} for a single task; an unknown task is a poison message. */
    public Result dial(UUID taskId) {
        Result result = dialAll(List.of(taskId)).get(taskId);
        if (result == Result.UNKNOWN_TASK) {
            throw new PoisonMessageException("unknown dial task " + taskId);
        }
        if (result == Result.RETRY) {
            throw new IllegalStateException("dial task " + taskId + " failed; see the log");
        }
        return result;
    }

    /** Dials every task of a batch: one read, one claim per campaign, one write, one send per queue. */
    public Map<UUID, Result> dialAll(List<UUID> taskIds) {
        Map<UUID, Result> results = new LinkedHashMap<>();
        Map<UUID, TaskContext> tasks = jdbi.onDemand(DialTaskRepository.class).contexts(new LinkedHashSet<>(taskIds))
                .stream().collect(Collectors.toMap(TaskContext::taskId, task -> task));
        Instant now = clock.instant();
        List<TaskContext> claimable = new ArrayList<>();
        List<TaskContext> toPlace = new ArrayList<>();
        List<OutgoingMessage> resends = new ArrayList<>();
        UndialledTasks.Batch ended = undialled.batch();
        Set<String> onDncLists = undialled.onDncLists(tasks.values().stream().filter(DialService::waitingToDial).toList());
        for (UUID id : new LinkedHashSet<>(taskIds)) {
            TaskContext task = tasks.get(id);
            if (task == null) {
                LOG.warn("poison message: unknown dial task; it reaches the DLQ after maxReceiveCount", "taskId", id.toString());
                results.put(id, Result.UNKNOWN_TASK);
            } else if (task.status() == TaskStatus.DIALING) {
                if (task.providerCallId() != null) {
                    log(task, "duplicate dial message: call already placed");
                    results.put(id, Result.NOTHING_TO_DO);
                } else {
                    LOG.warn("task is DIALING without a call id: placing again with the same idempotency token",
                            "taskId", id.toString(), "campaignId", task.campaignId().toString());
                    toPlace.add(task);
                }
            } else if (!waitingToDial(task)) {
                log(task, "nothing to dial: task is " + task.status());
                results.put(id, Result.NOTHING_TO_DO);
            } else if (task.campaignStatus() == CampaignStatus.CANCELLED) {
                ended.add(task, TaskStatus.CANCELLED, "CAMPAIGN_CANCELLED");
                results.put(id, Result.CANCELLED);
            } else if (task.campaignStatus() == CampaignStatus.PAUSED) {
                // Parked: the task keeps its state; resuming the campaign sends it again.
                log(task, "campaign paused: task parked");
                results.put(id, Result.PARKED);
            } else if (task.status() == TaskStatus.SCHEDULED && task.notBefore() != null && task.notBefore().isAfter(now)) {
                long seconds = (Duration.between(now, task.notBefore()).toMillis() + 999) / 1000;
                resends.add(message(task, seconds));
                results.put(id, Result.EARLY);
            } else if (onDncLists.contains(UndialledTasks.dncKey(task))) {
                ended.add(task, TaskStatus.SUPPRESSED, "DNC");
                results.put(id, Result.SUPPRESSED);
            } else {
                claimable.add(task);
            }
        }
        ended.finish(now);
        claimable.stream().collect(Collectors.groupingBy(TaskContext::campaignId, LinkedHashMap::new, Collectors.toList()))
                .forEach((campaign, waiting) -> claim(campaign, waiting, toPlace, resends, results));
        place(toPlace, results);
        publisher.sendAll(queues.url(QueueTopology.DIAL), resends);
        return results;
    }

    private static boolean waitingToDial(TaskContext task) {
        return task.status() == TaskStatus.READY || task.status() == TaskStatus.SCHEDULED;
    }

    private void claim(UUID campaign, List<TaskContext> waiting, List<TaskContext> toPlace,
            List<OutgoingMessage> resends, Map<UUID, Result> results) {
        Set<UUID> claimed = Set.copyOf(jdbi.withExtension(DialTaskRepository.class, tasks -> tasks.claim(campaign,
                waiting.stream().map(TaskContext::taskId).toArray(UUID[]::new), clock.instant())));
        for (TaskContext task : waiting) {
            if (claimed.contains(task.taskId())) {
                toPlace.add(task);
            } else {
                // Over the campaign's limit, paused or cancelled since it was read, or claimed by a
                // duplicate message: not a failure. The task comes back shortly and its state
                // decides (a duplicate then finds it DIALING and does nothing).
                int jitter = ThreadLocalRandom.current().nextInt(0, 3);
                resends.add(message(task, pacing.throttledRetry().toSeconds() + jitter));
                results.put(task.taskId(), Result.THROTTLED);
            }
        }
        if (claimed.size() < waiting.size()) {
            LOG.info("claim: campaign at its concurrent-call limit or not running", "campaignId", campaign.toString(),
                    "claimed", claimed.size(), "waiting", waiting.size());
        }
    }

    private void place(List<TaskContext> toPlace, Map<UUID, Result> results) {
        Set<UUID> placedIds = new LinkedHashSet<>();
        List<String> callIds = new ArrayList<>();
        List<ConcurrentCalls.Result<PlacedCall>> calls = carrierCalls.map(toPlace, task -> provider.place(
                new CallRequest(task.taskId().toString(), task.phone(), task.callerId(), task.attempt())));
        for (int i = 0; i < toPlace.size(); i++) {
            TaskContext task = toPlace.get(i);
            ConcurrentCalls.Result<PlacedCall> call = calls.get(i);
            if (call.ok()) {
                placedIds.add(task.taskId());
                callIds.add(call.value().callId());
            } else {
                // Left DIALING without a call id: the redelivered message places it again, same token.
                LOG.error("placing the call failed; the message returns to the queue", call.error(),
                        "taskId", task.taskId().toString(), "campaignId", task.campaignId().toString());
                results.put(task.taskId(), Result.RETRY);
            }
        }
        if (placedIds.isEmpty()) {
            return;
        }
        jdbi.useExtension(DialTaskRepository.class, tasks -> tasks.recordCalls(placedIds.toArray(UUID[]::new),
                callIds.toArray(String[]::new), clock.instant()));
        List<OutgoingMessage> checks = new ArrayList<>();
        for (TaskContext task : toPlace) {
            if (placedIds.contains(task.taskId())) {
                checks.add(message(task, pacing.statusPollDelay().toSeconds()));
                results.put(task.taskId(), Result.PLACED);
                LOG.info("call placed", "taskId", task.taskId().toString(), "campaignId", task.campaignId().toString(),
                        "attempt", task.attempt());
            }
        }
        publisher.sendAll(queues.url(QueueTopology.STATUS), checks);
    }

    private static OutgoingMessage message(TaskContext task, long delaySeconds) {
        return DialTaskMessage.outgoing(task.taskId(), task.campaignId(), delaySeconds);
    }

    private static void log(TaskContext task, String message) {
        LOG.info(message, "taskId", task.taskId().toString(), "campaignId", task.campaignId().toString());
    }
}
