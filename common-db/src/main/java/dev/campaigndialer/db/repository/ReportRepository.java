package dev.campaigndialer.db.repository;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * The series a report's charts draw, over the same populations as the report's figures: placed
 * calls are tasks with a carrier call id; talk time and failure reasons are over each accepted
 * contact's last attempt.
 */
@RegisterConstructorMapper(ReportRepository.CallsInBucket.class)
@RegisterConstructorMapper(ReportRepository.TalkTime.class)
@RegisterConstructorMapper(ReportRepository.FailureReason.class)
public interface ReportRepository {

    /** Calls placed (and how many of them were answered) per time bucket, counted from {@code from}. */
    record CallsInBucket(int bucket, int placed, int answered) {
    }

    /** How many answered contacts talked exactly this many seconds. */
    record TalkTime(int seconds, int contacts) {
    }

    /** How many contacts ended FAILED for this reason. */
    record FailureReason(String reason, int contacts) {
    }

    @SqlQuery("""
            SELECT floor(extract(epoch FROM dial_started_at - CAST(:from AS timestamptz)) / :width)::int AS bucket,
                   count(*) AS placed, count(*) FILTER (WHERE status = 'ANSWERED') AS answered
            FROM dial_tasks
            WHERE campaign_id = :id AND provider_call_id IS NOT NULL AND dial_started_at IS NOT NULL
            GROUP BY 1 ORDER BY 1
            """)
    List<CallsInBucket> callsOverTime(@Bind("id") UUID campaignId, @Bind("from") Instant from,
            @Bind("width") long bucketSeconds);

    @SqlQuery("""
            SELECT talk_seconds AS seconds, count(*) AS contacts FROM (
                SELECT DISTINCT ON (t.contact_id) t.status, t.talk_seconds FROM dial_tasks t
                JOIN contacts c ON c.id = t.contact_id AND c.status = 'ACCEPTED'
                WHERE t.campaign_id = :id ORDER BY t.contact_id, t.attempt DESC) latest
            WHERE status = 'ANSWERED' AND talk_seconds IS NOT NULL
            GROUP BY talk_seconds ORDER BY talk_seconds
            """)
    List<TalkTime> talkTimes(@Bind("id") UUID campaignId);

    @SqlQuery("""
            SELECT coalesce(outcome_reason, 'UNKNOWN') AS reason, count(*) AS contacts FROM (
                SELECT DISTINCT ON (t.contact_id) t.status, t.outcome_reason FROM dial_tasks t
                JOIN contacts c ON c.id = t.contact_id AND c.status = 'ACCEPTED'
                WHERE t.campaign_id = :id ORDER BY t.contact_id, t.attempt DESC) latest
            WHERE status = 'FAILED'
            GROUP BY 1 ORDER BY 2 DESC, 1
            """)
    List<FailureReason> failureReasons(@Bind("id") UUID campaignId);
}
