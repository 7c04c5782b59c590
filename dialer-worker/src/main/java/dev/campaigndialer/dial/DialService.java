package dev.campaigndialer.dial;

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
 * Places the calls of a batch of dial messages. The claim ({@code READY → DIALING}) is conditional
 * and happens under a lock on the campaign row, after counting the campaign's calls in progress,
 * so {@code maxConcurrentCalls} holds however many workers run; one claim covers every task of the
 * batch for that campaign. Each call is placed with its task id as idempotency token: a task found
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

    /** What one claim transaction did for the tasks it was given. */
    private record Claimed(ClaimGate gate, List<UUID> ids) {
    }

    /** Why a claim took nothing: the lock is held by another worker, or the campaign stopped. */
    private enum ClaimGate { OPEN, BUSY, CAMPAIGN_NOT_RUNNING }

    private static final JsonLog LOG = JsonLog.forClass(DialService.class);
    /**
     * Another worker holding the campaign's claim lock holds it for a few milliseconds: try again
     * a few times before sending the tasks back to the queue, which costs seconds and messages.
     */
    private static final int CLAIM_ATTEMPTS = 5;

    private final Jdbi jdbi;
    private final TelephonyProvider provider;
    private final SqsPublisher publisher;
    private final QueueUrls queues;
    private final CampaignCompletion completion;
    private final UndialledTasks undialled;
    private final Pacing pacing;
    private final Clock clock;

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
        Claimed claimed = claimUnderLock(campaign, waiting);
        Set<UUID> ids = Set.copyOf(claimed.ids());
        for (TaskContext task : waiting) {
            if (ids.contains(task.taskId())) {
                toPlace.add(task);
            } else if (claimed.gate() == ClaimGate.CAMPAIGN_NOT_RUNNING) {
                // Paused or cancelled meanwhile: the next message (resume, or this one again) decides.
                resends.add(message(task, pacing.throttledRetry().toSeconds()));
                results.put(task.taskId(), Result.PARKED);
            } else {
                // Over the campaign's limit (or claimed by a duplicate message): not a failure, the
                // task waits its turn; a duplicate finds it DIALING and does nothing.
                int jitter = ThreadLocalRandom.current().nextInt(0, 3);
                resends.add(message(task, pacing.throttledRetry().toSeconds() + jitter));
                results.put(task.taskId(), Result.THROTTLED);
            }
        }
        if (!claimed.ids().isEmpty() || claimed.gate() != ClaimGate.OPEN) {
            LOG.info("claim", "campaignId", campaign.toString(), "claimed", claimed.ids().size(),
                    "waiting", waiting.size(), "gate", claimed.gate().name());
        }
    }

    private Claimed claimUnderLock(UUID campaign, List<TaskContext> waiting) {
        UUID[] ids = waiting.stream().map(TaskContext::taskId).toArray(UUID[]::new);
        for (int attempt = 1; ; attempt++) {
            Claimed claimed = jdbi.inTransaction(handle -> {
                DialTaskRepository locked = handle.attach(DialTaskRepository.class);
                DialTaskRepository.ClaimGate gate = locked.lockCampaignForClaim(campaign).orElse(null);
                if (gate == null) {
                    return new Claimed(ClaimGate.BUSY, List.of());
                }
                // Re-read under the lock: a pause acknowledged before this point must stop these calls.
                if (!gate.status().equals(CampaignStatus.RUNNING.name())
                        && !gate.status().equals(CampaignStatus.DISPATCHING.name())) {
                    return new Claimed(ClaimGate.CAMPAIGN_NOT_RUNNING, List.of());
                }
                // Counted after taking the lock, in a statement of its own, so it sees every claim before it.
                int free = gate.maxConcurrentCalls() - locked.callsInProgress(campaign);
                return new Claimed(ClaimGate.OPEN, free <= 0 ? List.of() : locked.claim(ids, free, clock.instant()));
            });
            if (claimed.gate() != ClaimGate.BUSY || attempt == CLAIM_ATTEMPTS) {
                return claimed;
            }
            pause(ThreadLocalRandom.current().nextLong(5, 5L + 10L * attempt));
        }
    }

    private void place(List<TaskContext> toPlace, Map<UUID, Result> results) {
        Set<UUID> placedIds = new LinkedHashSet<>();
        List<String> callIds = new ArrayList<>();
        for (TaskContext task : toPlace) {
            try {
                PlacedCall call = provider.place(new CallRequest(task.taskId().toString(), task.phone(), task.callerId(),
                        task.attempt()));
                placedIds.add(task.taskId());
                callIds.add(call.callId());
            } catch (RuntimeException e) {
                // Left DIALING without a call id: the redelivered message places it again, same token.
                LOG.error("placing the call failed; the message returns to the queue", e,
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

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the claim lock", e);
        }
    }
}
