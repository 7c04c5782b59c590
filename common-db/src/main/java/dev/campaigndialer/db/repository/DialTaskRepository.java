package dev.campaigndialer.db.repository;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Dial tasks: one row per contact per attempt, unique {@code (contact_id, attempt)}. */
@RegisterConstructorMapper(DialTaskRepository.FirstAttempt.class)
public interface DialTaskRepository {

    /** A first-attempt task and its contact's position in the fan-out. */
    record FirstAttempt(UUID taskId, int seq) {
    }

    /**
     * Creates the attempt-1 tasks for the accepted contacts with seq in {@code (after, through]};
     * a contact that already has one keeps it (a redelivered dispatch creates nothing twice).
     */
    @SqlUpdate("""
            INSERT INTO dial_tasks (id, campaign_id, contact_id, attempt, status, created_at, updated_at)
            SELECT gen_random_uuid(), campaign_id, id, 1, 'PENDING', :now, :now FROM contacts
            WHERE campaign_id = :campaign AND status = 'ACCEPTED' AND seq > :after AND seq <= :through
            ON CONFLICT (contact_id, attempt) DO NOTHING
            """)
    int createFirstAttempts(@Bind("campaign") UUID campaign, @Bind("after") int after, @Bind("through") int through,
            @Bind("now") Instant now);

    @SqlQuery("""
            SELECT t.id AS task_id, c.seq FROM dial_tasks t JOIN contacts c ON c.id = t.contact_id
            WHERE t.campaign_id = :campaign AND t.attempt = 1 AND c.seq > :after AND c.seq <= :through
            ORDER BY c.seq
            """)
    List<FirstAttempt> firstAttempts(@Bind("campaign") UUID campaign, @Bind("after") int after,
            @Bind("through") int through);

    @SqlQuery("SELECT coalesce(max(seq), 0) FROM contacts WHERE campaign_id = :campaign")
    int lastSeq(@Bind("campaign") UUID campaign);
}
