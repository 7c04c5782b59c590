package dev.campaigndialer.status;

import dev.campaigndialer.core.domain.TaskStatus;
import dev.campaigndialer.core.log.JsonLog;
import dev.campaigndialer.core.message.CampaignAccepted;
import dev.campaigndialer.core.message.DialTaskMessage;
import dev.campaigndialer.core.message.Messages;
import dev.campaigndialer.core.queue.QueueTopology;
import dev.campaigndialer.core.sqs.OutgoingMessage;
import dev.campaigndialer.core.sqs.QueueUrls;
import dev.campaigndialer.core.sqs.SqsPublisher;
import dev.campaigndialer.core.telephony.CallTracking;
import dev.campaigndialer.db.CampaignCompletion;
import dev.campaigndialer.db.DataRetention;
import dev.campaigndialer.db.OutboxRelay;
import dev.campaigndialer.db.repository.CampaignRepository;
import dev.campaigndialer.db.repository.DialTaskRepository;
import dev.campaigndialer.db.repository.DialTaskRepository.TaskRef;
import dev.campaigndialer.core.time.TimeScale;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;

/**
 * The minute sweep (EventBridge, every minute): releases due SCHEDULED tasks, re-drives tasks whose
 * message is overdue, relays outbox rows left behind, completes campaigns whose completion a
 * crash missed, and applies retention ({@link DataRetention}: campaigns finished longer ago than
 * DATA_RETENTION_DAYS erased, idempotency records and sent outbox rows expired). Idempotent: rows are locked with SKIP LOCKED in bounded batches and every message
 * it sends lands on a conditional transition. Thread-safe.
 */
public final class MinuteSweep {

    /**
     * How late a message must be before the sweep sends it again: real time, measured on the clock.
     * {@code callOverdue} is for a placed call still DIALING: the same as {@code overdue} while
     * every call is polled, and the fallback poll's delay (ring timeout plus margin, a clock
     * duration) when contact events are the primary source: then this sweep asks for the first poll.
     */
    public record Thresholds(Duration overdue, Duration outboxGrace, Duration stuckDispatch, Duration callOverdue) {

        public Thresholds(Duration overdue, Duration outboxGrace, Duration stuckDispatch) {
            this(overdue, outboxGrace, stuckDispatch, overdue);
        }

        public static Thresholds defaults() {
            return new Thresholds(Duration.ofMinutes(2), Duration.ofSeconds(30), Duration.ofMinutes(10));
        }

        /** These real-time thresholds as a clock running at {@code scale} measures them. */
        public Thresholds onClock(TimeScale scale) {
            return new Thresholds(scale.onClock(overdue), scale.onClock(outboxGrace), scale.onClock(stuckDispatch),
                    scale.onClock(callOverdue));
        }

        /** With contact events, a call is first polled once the fallback delay has passed without one. */
        public Thresholds following(CallTracking tracking) {
            return tracking.contactEvents() ? new Thresholds(overdue, outboxGrace, stuckDispatch, tracking.fallbackPoll())
                    : this;
        }
    }

    private static final JsonLog LOG = JsonLog.forClass(MinuteSweep.class);
    private static final int BATCH = 500;
    private static final int MAX_BATCHES = 20;

    private final Jdbi jdbi;
    private final SqsPublisher publisher;
    private final QueueUrls queues;
    private final OutboxRelay relay;
    private final CampaignCompletion completion;
    private final Thresholds thresholds;
    private final DataRetention retention;
    private final Clock clock;

    public MinuteSweep(Jdbi jdbi, SqsPublisher publisher, QueueUrls queues, OutboxRelay relay,
            CampaignCompletion completion, Thresholds thresholds, DataRetention retention, Clock clock) {
        this.jdbi = jdbi;
        this.publisher = publisher;
        this.queues = queues;
        this.relay = relay;
        this.completion = completion;
        this.thresholds = thresholds;
        this.retention = retention;
        this.clock = clock;
    }

    /** One sweep; returns what it did, by category. */
    public Map<String, Integer> sweep() {
        long started = System.nanoTime();
        Instant now = clock.instant();
        Instant overdue = now.minus(thresholds.overdue());
        var done = new LinkedHashMap<String, Integer>();
        done.put("released", redrive(QueueTopology.DIAL, tasks -> tasks.dueScheduled(now, overdue, BATCH)));
        done.put("readyRedriven", redrive(QueueTopology.DIAL, tasks -> tasks.overdue(TaskStatus.READY, null, overdue, BATCH)));
        done.put("unplacedRedriven", redrive(QueueTopology.DIAL,
                tasks -> tasks.overdue(TaskStatus.DIALING, false, overdue, BATCH)));
        Instant callOverdue = now.minus(thresholds.callOverdue());
        done.put("statusRedriven", redrive(QueueTopology.STATUS,
                tasks -> tasks.overdue(TaskStatus.DIALING, true, callOverdue, BATCH)));
        done.put("pendingRedriven", redrive(QueueTopology.ENRICH,
                tasks -> tasks.overdue(TaskStatus.PENDING, null, overdue, BATCH)));
        done.put("outboxRelayed", relay.relayStale(thresholds.outboxGrace(), BATCH));
        int completed = 0;
        for (UUID campaign : completion.missedCompletions(100)) {
            completed += completion.completeIfDone(campaign) ? 1 : 0;
        }
        done.put("completed", completed);
        done.put("dispatchRedriven", redriveStuckDispatch(now.minus(thresholds.stuckDispatch())));
        DataRetention.Run retained = retention.run();
        done.put("campaignsErased", retained.campaignsErased());
        done.put("idempotencyRecordsDeleted", (int) retained.idempotencyRecordsDeleted());
        done.put("outboxRowsDeleted", (int) retained.outboxRowsDeleted());
        if (done.values().stream().anyMatch(count -> count > 0)) {
            LOG.info("sweep", "runMs", (System.nanoTime() - started) / 1_000_000, "released", done.get("released"),
                    "redriven", done.get("readyRedriven") + done.get("unplacedRedriven") + done.get("statusRedriven")
                            + done.get("pendingRedriven"),
                    "outboxRelayed", done.get("outboxRelayed"), "completed", completed,
                    "campaignsErased", retained.campaignsErased(), "retentionMs", retained.runMillis());
        }
        return done;
    }

    private int redrive(String queue, Function<DialTaskRepository, List<TaskRef>> select) {
        int total = 0;
        for (int batch = 0; batch < MAX_BATCHES; batch++) {
            int sent = jdbi.inTransaction(handle -> {
                DialTaskRepository tasks = handle.attach(DialTaskRepository.class);
                List<TaskRef> due = select.apply(tasks);
                if (due.isEmpty()) {
                    return 0;
                }
                publisher.sendAll(queues.url(queue), due.stream()
                        .map(task -> OutgoingMessage.of(task.taskId().toString(),
                                Messages.write(DialTaskMessage.of(task.taskId(), task.campaignId()))))
                        .toList());
                tasks.markEnqueued(due.stream().map(TaskRef::taskId).toList(), clock.instant());
                return due.size();
            });
            total += sent;
            if (sent < BATCH) {
                break;
            }
        }
        return total;
    }

    private int redriveStuckDispatch(Instant before) {
        List<UUID> stuck = jdbi.withExtension(CampaignRepository.class, campaigns -> campaigns.stuckInDispatch(before, 100));
        stuck.forEach(campaign -> publisher.send(queues.url(QueueTopology.DISPATCH),
                OutgoingMessage.of(campaign.toString(), Messages.write(CampaignAccepted.of(campaign)))));
        return stuck.size();
    }
}
