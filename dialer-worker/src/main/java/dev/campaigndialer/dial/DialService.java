package dev.campaigndialer.dial;

import dev.campaigndialer.core.concurrent.ConcurrentCalls;
import dev.campaigndialer.core.calling.CallTiming;
import dev.campaigndialer.core.calling.CallingWindow.OpenSpell;
import dev.campaigndialer.core.calling.DialDecision;
import dev.campaigndialer.core.domain.TaskStatus;
import dev.campaigndialer.core.log.JsonLog;
import dev.campaigndialer.core.message.DialTaskMessage;
import dev.campaigndialer.core.queue.QueueTopology;
import dev.campaigndialer.core.sqs.BatchProcessor;
import dev.campaigndialer.core.sqs.OutgoingMessage;
import dev.campaigndialer.core.sqs.QueueUrls;
import dev.campaigndialer.core.sqs.SqsPublisher;
import dev.campaigndialer.core.telephony.CallRequest;
import dev.campaigndialer.core.telephony.CallTracking;
import dev.campaigndialer.core.telephony.CarrierUnavailableException;
import dev.campaigndialer.core.telephony.ConnectBudget;
import dev.campaigndialer.core.telephony.PlacedCall;
import dev.campaigndialer.core.telephony.TelephonyProvider;
import dev.campaigndialer.db.CampaignCompletion;
import dev.campaigndialer.db.repository.ConnectRateBudget;
import dev.campaigndialer.db.repository.DialTaskRepository;
import dev.campaigndialer.db.repository.TaskContext;
import dev.campaigndialer.db.UndialledTasks;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
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
 * Places the calls of a batch of dial messages. What to do with each task is {@link DialDecision}'s
 * (common-core): claim, place again, park, cancel, suppress, wait, or reschedule because the
 * callee's calling window is closed. The claim ({@code READY → DIALING}) is one conditional
 * statement per campaign that checks the window at its own instant, takes only as many tasks as
 * the campaign has free call slots and counts them in the same statement, so {@code
 * maxConcurrentCalls} holds however many workers run, and the campaign row is locked only while
 * that statement runs. Each call is placed with its task id as idempotency token: a task found
 * DIALING without a call id (a crash between the carrier accepting and the row being updated, or a
 * failed placement) goes through the same claim checks and is placed again, and the carrier
 * returns the first call; after {@link #PLACEMENT_ATTEMPTS} failed placements it ends FAILED with
 * reason PLACEMENT_FAILED.
 *
 * <p>With a {@link ConnectBudget} the claim also takes a token of the fleet's
 * StartOutboundVoiceContact bucket per call, in the same statement, so however many containers run,
 * Connect is never asked faster than the configured rate and burst; a task that gets no token
 * stays READY and its message comes back when the next token is due (no receive spent). A
 * placement Connect does not take for a reason that is not about the call ({@link
 * CarrierUnavailableException}: throttled, a fault, a timeout, a full quota) is not an attempt: the
 * task goes back to READY with its slot freed and its message is sent again with a backoff and
 * jitter; a full quota also pauses placement for the instance. Only other refusals count towards
 * the cap. Thread-safe.
 */
public final class DialService {

    /** What became of a dial message. RETRY: it failed and returns to the queue; UNKNOWN_TASK: poison. */
    public enum Result implements BatchProcessor.ItemResult {
        PLACED, THROTTLED, NO_TOKEN, PARKED, EARLY, DEFERRED, SUPPRESSED, CANCELLED, NO_WINDOW, PLACEMENT_RETRY,
        CARRIER_UNAVAILABLE, PLACEMENT_FAILED, NOTHING_TO_DO, RETRY, UNKNOWN_TASK;

        @Override
        public boolean returnsMessage() {
            return this == RETRY || this == UNKNOWN_TASK;
        }
    }

    /** Tunables: the delay before the first status check (on the clock) and before retrying a throttled task (real). */
    public record Pacing(Duration statusPollDelay, Duration throttledRetry) {
    }

    /** Failed placements after which a task ends FAILED / PLACEMENT_FAILED. */
    public static final int PLACEMENT_ATTEMPTS = 5;
    /** How long placement stops for the instance after Connect says a quota is full. */
    static final long QUOTA_PAUSE_SECONDS = 60;
    /** The longest backoff after Connect faults (real seconds). */
    private static final long MAX_FAULT_BACKOFF_SECONDS = 30;
    private static final JsonLog LOG = JsonLog.forClass(DialService.class);
    private static final long MAX_SQS_DELAY_SECONDS = 900;

    private final Jdbi jdbi;
    private final TelephonyProvider provider;
    private final SqsPublisher publisher;
    private final QueueUrls queues;
    private final UndialledTasks undialled;
    private final Pacing pacing;
    private final CallTiming timing;
    private final Clock clock;
    private final Optional<ConnectBudget> budget;
    private final CallTracking tracking;
    /** The budget's bucket row is written once per container, before its first claim. */
    private final AtomicBoolean budgetConfigured = new AtomicBoolean();
    /** The batch's calls are placed at the same time: a carrier request takes a good part of a second. */
    private final ConcurrentCalls carrierCalls = new ConcurrentCalls("place-call");

    /** Without a Connect budget, polling every call: the in-process carrier of tests. */
    public DialService(Jdbi jdbi, TelephonyProvider provider, SqsPublisher publisher, QueueUrls queues,
            CampaignCompletion completion, Pacing pacing, CallTiming timing, Clock clock) {
        this(jdbi, provider, publisher, queues, completion, pacing, timing, clock, Optional.empty(), CallTracking.POLLING);
    }

    public DialService(Jdbi jdbi, TelephonyProvider provider, SqsPublisher publisher, QueueUrls queues,
            CampaignCompletion completion, Pacing pacing, CallTiming timing, Clock clock,
            Optional<ConnectBudget> budget, CallTracking tracking) {
        this.budget = budget;
        this.tracking = tracking;
        this.jdbi = jdbi;
        this.provider = provider;
        this.publisher = publisher;
        this.queues = queues;
        this.undialled = new UndialledTasks(jdbi, completion);
        this.pacing = pacing;
        this.timing = timing;
        this.clock = clock;
    }

    /** Dials every task of a batch: one read, one claim per campaign, one write, one send per queue. */
    public Map<UUID, Result> dialAll(List<UUID> taskIds) {
        Map<UUID, Result> results = new LinkedHashMap<>();
        Map<UUID, TaskContext> tasks = jdbi.onDemand(DialTaskRepository.class).contexts(new LinkedHashSet<>(taskIds))
                .stream().collect(Collectors.toMap(TaskContext::taskId, task -> task));
        Instant now = clock.instant();
        List<TaskContext> claimable = new ArrayList<>();
        List<TaskContext> toReschedule = new ArrayList<>();
        List<UUID> toPark = new ArrayList<>();
        List<OutgoingMessage> resends = new ArrayList<>();
        UndialledTasks.Batch ended = undialled.batch();
        Set<String> onDncLists = undialled.onDncLists(tasks.values().stream().filter(DialService::mayBeDialled).toList());
        for (UUID id : new LinkedHashSet<>(taskIds)) {
            TaskContext task = tasks.get(id);
            if (task == null) {
                LOG.warn("poison message: unknown dial task; it reaches the DLQ after maxReceiveCount", "taskId", id.toString());
                results.put(id, Result.UNKNOWN_TASK);
                continue;
            }
            DialDecision decision = DialDecision.decide(new DialDecision.Task(task.status(), task.providerCallId() != null,
                    task.campaignStatus(), onDncLists.contains(UndialledTasks.dncKey(task)), task.spell()),
                    now, timing.margin());
            switch (decision) {
                case NOTHING_TO_DO -> {
                    log(task, "nothing to dial: task is " + task.status()
                            + (task.providerCallId() != null ? " and its call was placed" : ""));
                    results.put(id, Result.NOTHING_TO_DO);
                }
                case CANCEL -> {
                    ended.add(task, TaskStatus.CANCELLED, "CAMPAIGN_CANCELLED");
                    results.put(id, Result.CANCELLED);
                }
                case PARK -> {
                    // The task keeps (or gets back) its waiting state; resuming the campaign sends it again.
                    log(task, "campaign " + task.campaignStatus() + ": task parked");
                    if (task.status() == TaskStatus.DIALING) {
                        toPark.add(id);
                    }
                    results.put(id, Result.PARKED);
                }
                case SUPPRESS -> {
                    ended.add(task, TaskStatus.SUPPRESSED, "DNC");
                    results.put(id, Result.SUPPRESSED);
                }
                case EARLY -> {
                    long delay = timing.scale().realDelaySeconds(Duration.between(now, task.spell().opens()));
                    if (delay <= MAX_SQS_DELAY_SECONDS) {
                        resends.add(message(task, delay));
                    }
                    results.put(id, Result.EARLY);
                }
                case RESCHEDULE -> toReschedule.add(task);
                case CLAIM, PLACE_AGAIN -> {
                    if (decision == DialDecision.PLACE_AGAIN) {
                        LOG.warn("task is DIALING without a call id: placing again with the same idempotency token",
                                "taskId", id.toString(), "campaignId", task.campaignId().toString());
                    }
                    claimable.add(task);
                }
            }
        }
        if (!toPark.isEmpty()) {
            jdbi.useExtension(DialTaskRepository.class, repository -> repository.parkUnplaced(toPark.toArray(UUID[]::new), now));
        }
        reschedule(toReschedule, now, ended, resends, results);
        ended.finish(now);
        List<TaskContext> toPlace = new ArrayList<>();
        claimable.stream().collect(Collectors.groupingBy(TaskContext::campaignId, LinkedHashMap::new, Collectors.toList()))
                .forEach((campaign, waiting) -> claim(campaign, waiting, toPlace, resends, results));
        place(toPlace, resends, results);
        publisher.sendAll(queues.url(QueueTopology.DIAL), resends);
        return results;
    }

    /** Waiting for a call, or claimed and not placed: the tasks whose number is checked against DNC. */
    private static boolean mayBeDialled(TaskContext task) {
        return task.status() == TaskStatus.READY || task.status() == TaskStatus.SCHEDULED
                || (task.status() == TaskStatus.DIALING && task.providerCallId() == null);
    }

    /**
     * The window is closed (or closes within the margin) for these tasks: SCHEDULED at their next
     * callable spell, a slot they held freed, and their message delayed to the opening when SQS can
     * hold it that long (otherwise the minute sweep releases them). Never dropped.
     */
    private void reschedule(List<TaskContext> closed, Instant now, UndialledTasks.Batch ended,
            List<OutgoingMessage> resends, Map<UUID, Result> results) {
        List<TaskContext> moving = new ArrayList<>();
        List<OpenSpell> spells = new ArrayList<>();
        List<Long> delays = new ArrayList<>();
        for (TaskContext task : closed) {
            Optional<OpenSpell> spell = task.window().callableSpell(now, timing.margin(), zones(task));
            if (spell.isEmpty()) {
                ended.add(task, TaskStatus.FAILED, "NO_CALLING_WINDOW");
                results.put(task.taskId(), Result.NO_WINDOW);
                continue;
            }
            moving.add(task);
            spells.add(spell.get());
            delays.add(timing.scale().realDelaySeconds(Duration.between(now, spell.get().opens())));
        }
        if (moving.isEmpty()) {
            return;
        }
        String sent = now.toString();
        Set<UUID> moved = Set.copyOf(jdbi.withExtension(DialTaskRepository.class, repository -> repository.reschedule(
                moving.stream().map(TaskContext::taskId).toArray(UUID[]::new),
                moving.stream().map(task -> task.status().name()).toArray(String[]::new),
                spells.stream().map(spell -> spell.opens().toString()).toArray(String[]::new),
                spells.stream().map(spell -> spell.closes().toString()).toArray(String[]::new),
                delays.stream().map(delay -> delay <= MAX_SQS_DELAY_SECONDS ? sent : null).toArray(String[]::new), now)));
        for (int i = 0; i < moving.size(); i++) {
            TaskContext task = moving.get(i);
            if (!moved.contains(task.taskId())) {
                log(task, "nothing to reschedule: the task changed since it was read");
                results.put(task.taskId(), Result.NOTHING_TO_DO);
                continue;
            }
            LOG.info("calling window closed at the claim: rescheduled", "taskId", task.taskId().toString(),
                    "campaignId", task.campaignId().toString(), "notBefore", spells.get(i).opens().toString());
            if (delays.get(i) <= MAX_SQS_DELAY_SECONDS) {
                resends.add(message(task, delays.get(i)));
            }
            results.put(task.taskId(), Result.DEFERRED);
        }
    }

    private static List<ZoneId> zones(TaskContext task) {
        List<String> names = task.timezones().isEmpty() ? List.of(task.campaignTimezone()) : task.timezones();
        return names.stream().map(ZoneId::of).toList();
    }

    private void claim(UUID campaign, List<TaskContext> waiting, List<TaskContext> toPlace,
            List<OutgoingMessage> resends, Map<UUID, Result> results) {
        configureBudget();
        Instant now = clock.instant();
        DialTaskRepository.Claim claim = jdbi.withExtension(DialTaskRepository.class, tasks -> tasks.claim(campaign,
                waiting.stream().map(TaskContext::taskId).toArray(UUID[]::new), now, now.plus(timing.margin()),
                budget.map(ConnectBudget::instanceId).orElse(null)));
        Set<UUID> claimed = Set.copyOf(claim.taskIds());
        int waitingForToken = 0;
        for (TaskContext task : waiting) {
            if (claimed.contains(task.taskId())) {
                toPlace.add(task);
                continue;
            }
            Optional<ConnectRateBudget.Grant> left = claim.budget()
                    .filter(grant -> grant.pausedSeconds() > 0 || grant.tokensLeft() < 1);
            if (left.isPresent()) {
                // No Connect token for it: back when its token is due, counting the batch's others
                // ahead of it, so a backlog drains at the budget's rate without spending receives.
                double due = left.get().secondsUntilToken(waitingForToken++);
                // Spread the batch's retries over the time its tokens take, so the fleet's waiting
                // messages do not all come back in the same second.
                long wait = (long) Math.ceil(due + ThreadLocalRandom.current().nextDouble(0, 1 + due));
                resends.add(message(task, Math.max(1, wait)));
                results.put(task.taskId(), Result.NO_TOKEN);
            } else {
                // Over the campaign's limit, paused or cancelled since it was read, the window closing
                // since it was read, or claimed by a duplicate message: not a failure. The task comes
                // back shortly and its state decides (a duplicate then finds it DIALING and does nothing).
                resends.add(message(task, pacing.throttledRetry().toSeconds() + ThreadLocalRandom.current().nextInt(0, 3)));
                results.put(task.taskId(), Result.THROTTLED);
            }
        }
        if (claimed.size() < waiting.size()) {
            LOG.info("claim: campaign at its concurrent-call limit, out of Connect tokens, not running, or window closing",
                    "campaignId", campaign.toString(), "claimed", claimed.size(), "waiting", waiting.size(),
                    "waitingForToken", waitingForToken);
        }
    }

    /** Writes this container's configured rate and burst into the budget's bucket row, once. */
    private void configureBudget() {
        if (budget.isEmpty() || budgetConfigured.get()) {
            return;
        }
        ConnectBudget configured = budget.get();
        jdbi.useExtension(ConnectRateBudget.class, buckets -> buckets.configure(configured.instanceId(),
                ConnectRateBudget.START_OUTBOUND_VOICE_CONTACT, configured.start().perSecond(),
                configured.start().capacity()));
        budgetConfigured.set(true);
    }

    private void place(List<TaskContext> toPlace, List<OutgoingMessage> resends, Map<UUID, Result> results) {
        Set<UUID> placedIds = new LinkedHashSet<>();
        List<String> callIds = new ArrayList<>();
        List<TaskContext> failed = new ArrayList<>();
        Map<TaskContext, CarrierUnavailableException> unavailable = new LinkedHashMap<>();
        List<ConcurrentCalls.Result<PlacedCall>> calls = carrierCalls.map(toPlace, task -> provider.place(
                new CallRequest(task.taskId().toString(), task.phone(), task.callerId(), task.attempt())));
        for (int i = 0; i < toPlace.size(); i++) {
            TaskContext task = toPlace.get(i);
            ConcurrentCalls.Result<PlacedCall> call = calls.get(i);
            if (call.ok()) {
                placedIds.add(task.taskId());
                callIds.add(call.value().callId());
            } else if (call.error() instanceof CarrierUnavailableException notTaken) {
                unavailable.put(task, notTaken);
            } else {
                LOG.error("placing the call failed", call.error(), "taskId", task.taskId().toString(),
                        "campaignId", task.campaignId().toString());
                failed.add(task);
            }
        }
        placementFailed(failed, resends, results);
        carrierUnavailable(unavailable, resends, results);
        if (placedIds.isEmpty()) {
            return;
        }
        jdbi.useExtension(DialTaskRepository.class, tasks -> tasks.recordCalls(placedIds.toArray(UUID[]::new),
                callIds.toArray(String[]::new), clock.instant()));
        List<OutgoingMessage> checks = new ArrayList<>();
        long pollDelay = timing.scale().realDelaySeconds(pacing.statusPollDelay());
        for (TaskContext task : toPlace) {
            if (placedIds.contains(task.taskId())) {
                // With contact events the call's DISCONNECTED event is the status message; the
                // minute sweep asks for a poll only when none came (CallTracking). A call placed
                // again is polled all the same: its call id was never recorded, so its events may
                // have come already, found no task and been dropped, and Connect answers the same
                // ClientToken with that same contact.
                if (!tracking.contactEvents() || task.status() == TaskStatus.DIALING) {
                    checks.add(message(task, pollDelay));
                }
                results.put(task.taskId(), Result.PLACED);
                LOG.info("call placed", "taskId", task.taskId().toString(), "campaignId", task.campaignId().toString(),
                        "attempt", task.attempt());
            }
        }
        publisher.sendAll(queues.url(QueueTopology.STATUS), checks);
    }

    /**
     * A failed placement leaves the task DIALING without a call id. It is counted; under the cap
     * the message is sent again after a backoff (by us, so the queue's receive count is not spent),
     * and the next try passes the claim's checks again; at the cap the task ends PLACEMENT_FAILED.
     */
    private void placementFailed(List<TaskContext> failed, List<OutgoingMessage> resends, Map<UUID, Result> results) {
        if (failed.isEmpty()) {
            return;
        }
        Map<UUID, Integer> failures = jdbi.withExtension(DialTaskRepository.class, tasks -> tasks.countPlacementFailures(
                        failed.stream().map(TaskContext::taskId).toArray(UUID[]::new), clock.instant())).stream()
                .collect(Collectors.toMap(DialTaskRepository.PlacementFailures::taskId,
                        DialTaskRepository.PlacementFailures::failures));
        UndialledTasks.Batch ended = undialled.batch();
        for (TaskContext task : failed) {
            Integer count = failures.get(task.taskId());
            if (count == null) {
                log(task, "placement failed, and the task has moved on since (a duplicate placed it or it was released)");
                results.put(task.taskId(), Result.NOTHING_TO_DO);
            } else if (count >= PLACEMENT_ATTEMPTS) {
                LOG.error("placement failed " + count + " times: the task ends FAILED / PLACEMENT_FAILED", null,
                        "taskId", task.taskId().toString(), "campaignId", task.campaignId().toString());
                ended.add(task, TaskStatus.FAILED, "PLACEMENT_FAILED");
                results.put(task.taskId(), Result.PLACEMENT_FAILED);
            } else {
                long backoff = Math.min(60, 1L << (count - 1)) + ThreadLocalRandom.current().nextInt(0, 2);
                resends.add(message(task, backoff));
                results.put(task.taskId(), Result.PLACEMENT_RETRY);
            }
        }
        ended.finish(clock.instant());
    }

    /**
     * Placements Connect did not take for reasons that are not about the call: not attempts. The
     * tasks go back to READY (slots freed, the same ClientToken next time) and their messages come
     * back after a backoff with jitter: about a second when throttled (the claim's token budget
     * then spaces them), growing to {@value #MAX_FAULT_BACKOFF_SECONDS} s for faults, and the
     * quota pause for a full quota, which also stops placement for the whole instance.
     */
    private void carrierUnavailable(Map<TaskContext, CarrierUnavailableException> unavailable,
            List<OutgoingMessage> resends, Map<UUID, Result> results) {
        if (unavailable.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        boolean quotaFull = unavailable.values().stream()
                .anyMatch(e -> e.reason() == CarrierUnavailableException.Reason.QUOTA_EXCEEDED);
        if (quotaFull) {
            LOG.error("Connect says a quota is full (e.g. concurrent calls): placement paused for "
                    + QUOTA_PAUSE_SECONDS + " s on this instance; an operator must raise the quota or lower "
                    + "maxConcurrentCalls", unavailable.values().stream().filter(e -> e.reason()
                            == CarrierUnavailableException.Reason.QUOTA_EXCEEDED).findFirst().orElse(null));
            budget.ifPresent(configured -> jdbi.useExtension(ConnectRateBudget.class, buckets -> buckets.pause(
                    configured.instanceId(), ConnectRateBudget.START_OUTBOUND_VOICE_CONTACT, QUOTA_PAUSE_SECONDS)));
        }
        Map<UUID, Integer> counts = jdbi.withExtension(DialTaskRepository.class, tasks -> tasks.releaseUnplaced(
                        unavailable.keySet().stream().map(TaskContext::taskId).toArray(UUID[]::new), now)).stream()
                .collect(Collectors.toMap(DialTaskRepository.PlacementFailures::taskId,
                        DialTaskRepository.PlacementFailures::failures));
        unavailable.forEach((task, refusal) -> {
            Integer count = counts.get(task.taskId());
            if (count == null) {
                log(task, "Connect did not take the call, and the task has moved on since");
                results.put(task.taskId(), Result.NOTHING_TO_DO);
                return;
            }
            ThreadLocalRandom random = ThreadLocalRandom.current();
            long backoff = switch (refusal.reason()) {
                case THROTTLED -> 1 + random.nextInt(0, 3);
                case FAULT -> Math.min(MAX_FAULT_BACKOFF_SECONDS, 1L << Math.min(5, count - 1)) + random.nextInt(0, 3);
                case QUOTA_EXCEEDED -> QUOTA_PAUSE_SECONDS + random.nextInt(0, 10);
            };
            LOG.warn("Connect did not take the call (" + refusal.reason() + "): not an attempt; task back to READY",
                    "taskId", task.taskId().toString(), "campaignId", task.campaignId().toString(),
                    "error", String.valueOf(refusal.getMessage()), "retryInSeconds", backoff);
            resends.add(message(task, backoff));
            results.put(task.taskId(), Result.CARRIER_UNAVAILABLE);
        });
    }

    private static OutgoingMessage message(TaskContext task, long delaySeconds) {
        return DialTaskMessage.outgoing(task.taskId(), task.campaignId(), delaySeconds);
    }

    private static void log(TaskContext task, String message) {
        LOG.info(message, "taskId", task.taskId().toString(), "campaignId", task.campaignId().toString());
    }
}
