package dev.campaigndialer.enrich;

import dev.campaigndialer.core.calling.CallTiming;
import dev.campaigndialer.core.calling.CallingWindow.OpenSpell;
import dev.campaigndialer.core.domain.CampaignStatus;
import dev.campaigndialer.core.domain.TaskStatus;
import dev.campaigndialer.core.log.JsonLog;
import dev.campaigndialer.core.message.DialTaskMessage;
import dev.campaigndialer.core.queue.QueueTopology;
import dev.campaigndialer.core.sqs.BatchProcessor;
import dev.campaigndialer.core.sqs.OutgoingMessage;
import dev.campaigndialer.core.sqs.QueueUrls;
import dev.campaigndialer.core.sqs.SqsPublisher;
import dev.campaigndialer.db.CampaignCompletion;
import dev.campaigndialer.db.UndialledTasks;
import dev.campaigndialer.db.repository.DialTaskRepository;
import dev.campaigndialer.db.repository.TaskContext;
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
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;

/**
 * Prepares PENDING tasks for dialling: the callee's zones and line type, a DNC re-check against
 * the owner's current list, and the calling window. Open now (and for at least the margin) →
 * READY, on to the dial queue; closed → SCHEDULED at the next callable spell, sent with a delay when
 * that is at most 15 minutes away, otherwise released by the minute sweep. Either way the task
 * keeps its spell, which the dialer's claim checks at the instant of the call. A batch of messages costs one read, one DNC lookup and
 * one write per kind of change. Thread-safe.
 */
public final class EnrichService {

    /** What became of a task. UNKNOWN_TASK: a poison message. */
    public enum Result implements BatchProcessor.ItemResult {
        READY, SCHEDULED, SUPPRESSED, CANCELLED, NO_WINDOW, NOTHING_TO_DO, UNKNOWN_TASK;

        @Override
        public boolean returnsMessage() {
            return this == UNKNOWN_TASK;
        }
    }

    static final Duration MAX_SQS_DELAY = Duration.ofMinutes(15);
    private static final JsonLog LOG = JsonLog.forClass(EnrichService.class);

    private final Jdbi jdbi;
    private final SqsPublisher publisher;
    private final QueueUrls queues;
    private final UndialledTasks undialled;
    private final CallTiming timing;
    private final Clock clock;
    private final CalleeZones zones = new CalleeZones();

    public EnrichService(Jdbi jdbi, SqsPublisher publisher, QueueUrls queues, CampaignCompletion completion,
            CallTiming timing, Clock clock) {
        this.jdbi = jdbi;
        this.publisher = publisher;
        this.queues = queues;
        this.undialled = new UndialledTasks(jdbi, completion);
        this.timing = timing;
        this.clock = clock;
    }

    public Map<UUID, Result> enrichAll(List<UUID> taskIds) {
        DialTaskRepository repository = jdbi.onDemand(DialTaskRepository.class);
        Map<UUID, TaskContext> tasks = repository.contexts(new LinkedHashSet<>(taskIds)).stream()
                .collect(Collectors.toMap(TaskContext::taskId, task -> task));
        Map<UUID, Result> results = new LinkedHashMap<>();
        List<TaskContext> pending = new ArrayList<>();
        UndialledTasks.Batch ended = undialled.batch();
        for (UUID id : new LinkedHashSet<>(taskIds)) {
            TaskContext task = tasks.get(id);
            if (task == null) {
                LOG.warn("poison message: unknown dial task; it reaches the DLQ after maxReceiveCount", "taskId",
                        id.toString());
                results.put(id, Result.UNKNOWN_TASK);
            } else if (task.status() != TaskStatus.PENDING) {
                LOG.info("duplicate enrich message: task is already " + task.status(), "taskId", id.toString());
                results.put(id, Result.NOTHING_TO_DO);
            } else if (task.campaignStatus() == CampaignStatus.CANCELLED) {
                ended.add(task, TaskStatus.CANCELLED, "CAMPAIGN_CANCELLED");
                results.put(id, Result.CANCELLED);
            } else {
                pending.add(task);
            }
        }
        recordLineTypes(repository, pending);
        Set<String> onDncLists = undialled.onDncLists(pending);
        Instant now = clock.instant();
        Map<UUID, String> readyZones = new LinkedHashMap<>();
        Map<UUID, OpenSpell> readySpells = new LinkedHashMap<>();
        List<OutgoingMessage> dial = new ArrayList<>();
        for (TaskContext task : pending) {
            if (onDncLists.contains(UndialledTasks.dncKey(task))) {
                LOG.info("number is on the owner's DNC list now: suppressed", "taskId", task.taskId().toString());
                ended.add(task, TaskStatus.SUPPRESSED, "DNC");
                results.put(task.taskId(), Result.SUPPRESSED);
                continue;
            }
            List<ZoneId> calleeZones = zones.resolve(task.phone(), task.contactTimezone(), task.campaignTimezone());
            String[] zoneNames = calleeZones.stream().map(ZoneId::getId).toArray(String[]::new);
            Instant earliest = task.notBefore() != null && task.notBefore().isAfter(now) ? task.notBefore() : now;
            Optional<OpenSpell> spell = task.window().callableSpell(earliest, timing.margin(), calleeZones);
            if (spell.isEmpty()) {
                LOG.warn("the callee's zones never share an open calling window", "taskId", task.taskId().toString(),
                        "zones", String.join(",", zoneNames));
                ended.add(task, TaskStatus.FAILED, "NO_CALLING_WINDOW");
                results.put(task.taskId(), Result.NO_WINDOW);
            } else if (spell.get().admitsCallAt(now, timing.margin())) {
                readyZones.put(task.taskId(), String.join(",", zoneNames));
                readySpells.put(task.taskId(), spell.get());
                results.put(task.taskId(), Result.READY);
            } else {
                schedule(repository, task, zoneNames, spell.get(), now).ifPresent(dial::add);
                results.put(task.taskId(), Result.SCHEDULED);
            }
        }
        ended.finish(now);
        if (!readyZones.isEmpty()) {
            // Only the tasks this call moved to READY are sent: a duplicate message sends nothing twice.
            List<UUID> ready = repository.markReady(readyZones.keySet().toArray(UUID[]::new),
                    readyZones.values().toArray(String[]::new),
                    readySpells.values().stream().map(spell -> spell.opens().toString()).toArray(String[]::new),
                    readySpells.values().stream().map(spell -> spell.closes().toString()).toArray(String[]::new), now);
            ready.forEach(id -> dial.add(DialTaskMessage.outgoing(id, tasks.get(id).campaignId(), 0)));
        }
        publisher.sendAll(queues.url(QueueTopology.DIAL), dial);
        return results;
    }

    private void recordLineTypes(DialTaskRepository repository, List<TaskContext> pending) {
        if (!pending.isEmpty()) {
            repository.recordLineTypes(pending.stream().map(TaskContext::contactId).toArray(UUID[]::new),
                    pending.stream().map(task -> zones.lineType(task.phone())).toArray(String[]::new));
        }
    }

    /** SCHEDULED at the spell's opening; the delayed message when that is within SQS's 15 minutes. */
    private Optional<OutgoingMessage> schedule(DialTaskRepository repository, TaskContext task, String[] zoneNames,
            OpenSpell spell, Instant now) {
        long delay = timing.scale().realDelaySeconds(Duration.between(now, spell.opens()));
        boolean sendNow = delay <= MAX_SQS_DELAY.toSeconds();
        LOG.info("outside the calling window: scheduled", "taskId", task.taskId().toString(),
                "notBefore", spell.opens().toString());
        if (repository.markScheduled(task.taskId(), zoneNames, spell.opens(), spell.closes(), sendNow ? now : null, now) == 1
                && sendNow) {
            return Optional.of(DialTaskMessage.outgoing(task.taskId(), task.campaignId(), delay));
        }
        return Optional.empty();
    }
}
