package dev.campaigndialer.db.repository;

import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.KeyColumn;
import org.jdbi.v3.sqlobject.config.ValueColumn;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** How calls ended, for metrics: read after the status checker has recorded them. */
public interface CallOutcomeRepository {

    /** Among these tasks, how many ended in each call outcome (ANSWERED, VOICEMAIL, BUSY, NO_ANSWER, FAILED). */
    @SqlQuery("""
            SELECT status, count(*) AS n FROM dial_tasks
            WHERE id = ANY(:ids) AND status IN ('ANSWERED', 'VOICEMAIL', 'BUSY', 'NO_ANSWER', 'FAILED')
            GROUP BY status
            """)
    @KeyColumn("status")
    @ValueColumn("n")
    Map<String, Long> outcomesAmong(@Bind("ids") UUID[] taskIds);

    /** The same, for the tasks of these provider call ids (contact events name calls, not tasks). */
    @SqlQuery("""
            SELECT status, count(*) AS n FROM dial_tasks
            WHERE provider_call_id = ANY(:callIds) AND status IN ('ANSWERED', 'VOICEMAIL', 'BUSY', 'NO_ANSWER', 'FAILED')
            GROUP BY status
            """)
    @KeyColumn("status")
    @ValueColumn("n")
    Map<String, Long> outcomesAmongCalls(@Bind("callIds") String[] callIds);
}
