package dev.campaigndialer.db.repository;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.jdbi.v3.sqlobject.config.KeyColumn;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.config.ValueColumn;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.FetchSize;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * A campaign's report: its stored JSON, the figures it is computed from, the series its charts
 * draw and the CSV's rows, over the same populations: placed calls are tasks with a carrier call
 * id; outcomes, talk time and failure reasons are over each accepted contact's last attempt.
 */
@RegisterConstructorMapper(ReportRepository.CallsInBucket.class)
@RegisterConstructorMapper(ReportRepository.CallsPlaced.class)
@RegisterConstructorMapper(ReportRepository.TalkStatistics.class)
@RegisterConstructorMapper(ReportRepository.ContactRow.class)
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

    /** Contacts dialled at least once, and the first and last call's start. */
    record CallsPlaced(int dialled, Instant firstCall, Instant lastCall) {
    }

    /** Talk seconds of the answered contacts' last attempts: total, mean, median and 90th percentile. */
    record TalkStatistics(long total, double mean, int p50, int p90) {
    }

    /** One CSV row: a contact, its last attempt's outcome, and how many calls it got. */
    record ContactRow(String phoneE164, String name, String contactStatus, String outcome, int attempts,
            Integer talkSeconds, Instant lastAt, String reason) {
    }

    /** Stores the report; true when the campaign had none before (xmax = 0: inserted, not updated: PostgreSQL's upsert idiom). */
    @SqlQuery("INSERT INTO reports (campaign_id, generated_at, body) "
            + "VALUES (:id, :at, CAST(:body AS jsonb)) ON CONFLICT (campaign_id) DO UPDATE "
            + "SET generated_at = excluded.generated_at, body = excluded.body RETURNING (xmax = 0) AS inserted")
    boolean store(@Bind("id") UUID campaignId, @Bind("at") Instant generatedAt, @Bind("body") String json);

    @SqlQuery("SELECT body::text FROM reports WHERE campaign_id = :id")
    Optional<String> storedJson(@Bind("id") UUID campaignId);

    /** True while a task of the campaign may still change (PENDING, READY, SCHEDULED or DIALING). */
    @SqlQuery("SELECT EXISTS (SELECT 1 FROM dial_tasks WHERE campaign_id = :id "
            + "AND status IN ('PENDING', 'READY', 'SCHEDULED', 'DIALING'))")
    boolean hasOpenTasks(@Bind("id") UUID campaignId);

    /** Accepted contacts by the status of their last attempt. */
    @SqlQuery("""
            SELECT status, count(*) AS n FROM (
                SELECT DISTINCT ON (t.contact_id) t.status FROM dial_tasks t
                JOIN contacts c ON c.id = t.contact_id AND c.status = 'ACCEPTED'
                WHERE t.campaign_id = :id ORDER BY t.contact_id, t.attempt DESC) latest
            GROUP BY status
            """)
    @KeyColumn("status")
    @ValueColumn("n")
    Map<String, Integer> lastAttemptStatuses(@Bind("id") UUID campaignId);

    /** Calls placed per attempt number, in attempt order. */
    @SqlQuery("SELECT attempt, count(*) AS n FROM dial_tasks WHERE campaign_id = :id "
            + "AND provider_call_id IS NOT NULL GROUP BY attempt ORDER BY attempt")
    @KeyColumn("attempt")
    @ValueColumn("n")
    LinkedHashMap<String, Integer> callsByAttempt(@Bind("id") UUID campaignId);

    @SqlQuery("""
            SELECT count(DISTINCT contact_id) AS dialled, min(dial_started_at) AS first_call,
                   max(dial_started_at) AS last_call
            FROM dial_tasks WHERE campaign_id = :id AND provider_call_id IS NOT NULL
            """)
    CallsPlaced callsPlaced(@Bind("id") UUID campaignId);

    @SqlQuery("""
            SELECT coalesce(sum(talk_seconds), 0) AS total, coalesce(avg(talk_seconds), 0) AS mean,
                   coalesce(percentile_disc(0.5) WITHIN GROUP (ORDER BY talk_seconds), 0) AS p50,
                   coalesce(percentile_disc(0.9) WITHIN GROUP (ORDER BY talk_seconds), 0) AS p90
            FROM (SELECT DISTINCT ON (t.contact_id) t.status, t.talk_seconds FROM dial_tasks t
                  JOIN contacts c ON c.id = t.contact_id AND c.status = 'ACCEPTED'
                  WHERE t.campaign_id = :id ORDER BY t.contact_id, t.attempt DESC) latest
            WHERE status = 'ANSWERED'
            """)
    TalkStatistics talkStatistics(@Bind("id") UUID campaignId);

    /**
     * Every contact in submission order, read through a cursor 1,000 rows at a time (the caller
     * holds a transaction, so it works through a transaction-pooling proxy, and closes the stream).
     */
    @SqlQuery("""
            SELECT c.phone_e164, c.name, c.status AS contact_status, l.status AS outcome,
                   coalesce(a.placed, 0) AS attempts, l.talk_seconds, a.last_at,
                   coalesce(l.outcome_reason, CASE WHEN c.status = 'SUPPRESSED' THEN 'DNC' END) AS reason
            FROM contacts c
            LEFT JOIN LATERAL (SELECT status, talk_seconds, outcome_reason FROM dial_tasks t
                               WHERE t.contact_id = c.id ORDER BY attempt DESC LIMIT 1) l ON true
            LEFT JOIN LATERAL (SELECT count(*) FILTER (WHERE provider_call_id IS NOT NULL) AS placed,
                                      max(dial_started_at) AS last_at
                               FROM dial_tasks t WHERE t.contact_id = c.id) a ON true
            WHERE c.campaign_id = :id ORDER BY c.seq
            """)
    @FetchSize(1000)
    Stream<ContactRow> contactRows(@Bind("id") UUID campaignId);
}
