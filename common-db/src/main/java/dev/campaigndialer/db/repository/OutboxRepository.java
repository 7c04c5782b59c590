package dev.campaigndialer.db.repository;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Messages written in the same transaction as the change they announce. */
@RegisterConstructorMapper(OutboxRepository.OutboxMessage.class)
public interface OutboxRepository {

    record OutboxMessage(UUID id, String queue, String body, int delaySeconds) {
    }

    @SqlUpdate("INSERT INTO outbox (id, queue, body, delay_seconds, created_at) "
            + "VALUES (:id, :queue, :body, :delaySeconds, :now)")
    void add(@Bind("id") UUID id, @Bind("queue") String queue, @Bind("body") String body,
            @Bind("delaySeconds") int delaySeconds, @Bind("now") Instant now);

    /** Several rows for one queue in one statement. */
    @SqlUpdate("""
            INSERT INTO outbox (id, queue, body, delay_seconds, created_at)
            SELECT v.id, :queue, v.body, v.delay_seconds, :now
            FROM unnest(CAST(:ids AS uuid[]), CAST(:bodies AS text[]), CAST(:delays AS int[])) AS v(id, body, delay_seconds)
            """)
    int addAll(@Bind("queue") String queue, @Bind("ids") UUID[] ids, @Bind("bodies") String[] bodies,
            @Bind("delays") Integer[] delaySeconds, @Bind("now") Instant now);

    /**
     * Locks unsent rows for the given queues created before {@code before}; concurrent relays skip
     * each other's rows.
     */
    @SqlQuery("SELECT id, queue, body, delay_seconds FROM outbox WHERE sent_at IS NULL AND created_at <= :before "
            + "AND queue = ANY(:queues) ORDER BY created_at LIMIT :limit FOR UPDATE SKIP LOCKED")
    List<OutboxMessage> lockUnsent(@Bind("before") Instant before, @Bind("queues") String[] queues,
            @Bind("limit") int limit);

    // Ids travel as one array parameter: the statement text stays short (RDS Proxy pins over 16 KB).
    @SqlQuery("SELECT id, queue, body, delay_seconds FROM outbox WHERE id = ANY(:ids) AND sent_at IS NULL "
            + "FOR UPDATE SKIP LOCKED")
    List<OutboxMessage> lockUnsent(@Bind("ids") UUID[] ids);

    default List<OutboxMessage> lockUnsent(Collection<UUID> ids) {
        return lockUnsent(ids.toArray(UUID[]::new));
    }

    @SqlUpdate("UPDATE outbox SET sent_at = :now WHERE id = ANY(:ids) AND sent_at IS NULL")
    int markSent(@Bind("ids") UUID[] ids, @Bind("now") Instant now);

    default int markSent(Collection<UUID> ids, Instant now) {
        return markSent(ids.toArray(UUID[]::new), now);
    }

    @SqlQuery("SELECT count(*) FROM outbox WHERE sent_at IS NULL")
    int unsentCount();
}
