package dev.campaigndialer.db;

import dev.campaigndialer.core.log.JsonLog;
import dev.campaigndialer.core.sqs.OutgoingMessage;
import dev.campaigndialer.core.sqs.QueueUrls;
import dev.campaigndialer.core.sqs.SqsPublisher;
import dev.campaigndialer.db.repository.OutboxRepository;
import dev.campaigndialer.db.repository.OutboxRepository.OutboxMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;

/**
 * Sends outbox rows to their queues and marks them sent. The writer relays its own rows right
 * after committing; if it died first, the next invocation or the minute sweep relays rows older
 * than a grace period. Rows are locked with SKIP LOCKED, so relays never send a row twice at
 * once; a crash between send and mark can repeat a message, which consumers absorb (every
 * consumer's effect is conditional). Thread-safe.
 */
public final class OutboxRelay {

    private static final JsonLog LOG = JsonLog.forClass(OutboxRelay.class);

    private final Jdbi jdbi;
    private final SqsPublisher publisher;
    private final QueueUrls queues;
    private final Clock clock;

    public OutboxRelay(Jdbi jdbi, SqsPublisher publisher, QueueUrls queues, Clock clock) {
        this.jdbi = jdbi;
        this.publisher = publisher;
        this.queues = queues;
        this.clock = clock;
    }

    /** Relays the given rows (just committed by the caller). */
    public int relay(Collection<java.util.UUID> ids) {
        if (ids.isEmpty()) {
            return 0;
        }
        return send(outbox -> outbox.lockUnsent(ids));
    }

    /**
     * Relays rows left unsent for longer than {@code grace} (their writer died after committing),
     * of the queues this function may send to: the minute sweep, which may send to every queue,
     * relays the others.
     */
    public int relayStale(Duration grace, int limit) {
        Instant before = clock.instant().minus(grace);
        String[] own = queues.queues().toArray(String[]::new);
        int sent = send(outbox -> outbox.lockUnsent(before, own, limit));
        if (sent > 0) {
            LOG.warn("relayed outbox messages left behind by an earlier invocation", "count", sent);
        }
        return sent;
    }

    private int send(Function<OutboxRepository, List<OutboxMessage>> lock) {
        return jdbi.inTransaction(handle -> {
            OutboxRepository outbox = handle.attach(OutboxRepository.class);
            List<OutboxMessage> rows = lock.apply(outbox);
            if (rows.isEmpty()) {
                return 0;
            }
            rows.stream().collect(Collectors.groupingBy(OutboxMessage::queue)).forEach((queue, messages) ->
                    publisher.sendAll(queues.url(queue), messages.stream()
                            .map(row -> new OutgoingMessage(row.id().toString(), row.body(), row.delaySeconds()))
                            .toList()));
            outbox.markSent(rows.stream().map(OutboxMessage::id).toList(), clock.instant());
            return rows.size();
        });
    }
}
