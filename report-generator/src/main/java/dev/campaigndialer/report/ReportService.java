package dev.campaigndialer.report;

import dev.campaigndialer.core.domain.Campaign;
import dev.campaigndialer.core.domain.CampaignStatus;
import dev.campaigndialer.core.json.Json;
import dev.campaigndialer.core.log.JsonLog;
import dev.campaigndialer.db.repository.CampaignMapper;
import dev.campaigndialer.db.repository.CampaignRepository;
import dev.campaigndialer.db.repository.ReportRepository;
import dev.campaigndialer.report.html.ReportPage;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Computes reports with SQL aggregates (reproducible from the database: regenerating gives the same
 * numbers), stores a finished campaign's report, and serves the stored or a fresh partial one.
 * Thread-safe.
 */
public final class ReportService {

    static final List<String> OUTCOMES = List.of("ANSWERED", "VOICEMAIL", "BUSY", "NO_ANSWER", "FAILED", "CANCELLED",
            "SUPPRESSED");
    private static final JsonLog LOG = JsonLog.forClass(ReportService.class);

    private final Jdbi jdbi;
    private final Clock clock;

    public ReportService(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** A stored report, and whether this was its first storing (a repeat or a regeneration is not). */
    public record Stored(CampaignReport report, boolean first) {
    }

    /**
     * Computes and stores the report (report queue); a repeat overwrites it with the same numbers.
     * Tells whether the campaign had no stored report before.
     */
    public Stored save(UUID campaignId) {
        Stored stored = jdbi.inTransaction(handle -> {
            // FOR SHARE: an erasure (FOR UPDATE) cannot commit between this read and the report's
            // write, which would store the totals of rows it had just deleted; it waits, or skips
            // this campaign and the owner retries.
            Campaign campaign = handle.createQuery("SELECT * FROM campaigns WHERE id = :id FOR SHARE")
                    .bind("id", campaignId).map(new CampaignMapper()).findOne()
                    .orElseThrow(() -> new dev.campaigndialer.core.message.PoisonMessageException(
                            "unknown campaign " + campaignId));
            if (campaign.status() == CampaignStatus.ERASED) {
                // Its rows are gone: recomputing would overwrite the kept totals with zeros (a late
                // or repeated report message after an erasure).
                return new Stored(storedReport(handle, campaignId).orElseThrow(() -> new IllegalStateException(
                        "erased campaign " + campaignId + " has no stored report")), false);
            }
            CampaignReport computed = compute(handle, campaign);
            // xmax = 0: the row was inserted by this statement, not updated (PostgreSQL's upsert idiom).
            boolean inserted = handle.createQuery("INSERT INTO reports (campaign_id, generated_at, body) "
                    + "VALUES (:id, :at, CAST(:body AS jsonb)) ON CONFLICT (campaign_id) DO UPDATE "
                    + "SET generated_at = excluded.generated_at, body = excluded.body RETURNING (xmax = 0) AS inserted")
                    .bind("id", campaignId).bind("at", computed.generatedAt()).bind("body", Json.write(computed))
                    .mapTo(Boolean.class).one();
            return new Stored(computed, inserted);
        });
        CampaignReport report = stored.report();
        LOG.info("report stored", "campaignId", campaignId.toString(), "status", report.status(), "partial", report.partial());
        return stored;
    }

    /** The caller's report: stored when the campaign is finished and settled, else computed now. */
    public Optional<CampaignReport> forOwner(String owner, UUID campaignId) {
        return jdbi.inTransaction(handle -> handle.attach(CampaignRepository.class).findForOwner(campaignId, owner)
                .map(campaign -> reportOf(handle, campaign)));
    }

    /** The caller's report with what its page draws, read in one transaction so the charts agree with the figures. */
    public Optional<ReportPage.Input> pageForOwner(String owner, UUID campaignId) {
        return jdbi.inTransaction(handle -> handle.attach(CampaignRepository.class).findForOwner(campaignId, owner)
                .map(campaign -> {
                    CampaignReport report = reportOf(handle, campaign);
                    ReportRepository series = handle.attach(ReportRepository.class);
                    long bucket = ReportPage.callBucketSeconds(report.firstCallAt(), report.lastCallAt());
                    Instant from = report.firstCallAt() == null ? Instant.EPOCH
                            : Instant.ofEpochSecond(report.firstCallAt().getEpochSecond() / bucket * bucket);
                    return new ReportPage.Input(report, campaign.name(),
                            new ReportPage.CallsOverTime(from, bucket, series.callsOverTime(campaignId, from, bucket)),
                            series.talkTimes(campaignId), series.failureReasons(campaignId));
                }));
    }

    private CampaignReport reportOf(Handle handle, Campaign campaign) {
        UUID campaignId = campaign.id();
        if (campaign.status().isFinal() && !hasOpenTasks(handle, campaignId)) {
            Optional<CampaignReport> stored = storedReport(handle, campaignId);
            if (stored.isPresent()) {
                return stored.get();
            }
        }
        return compute(handle, campaign);
    }

    private static Optional<CampaignReport> storedReport(Handle handle, UUID campaignId) {
        return handle.createQuery("SELECT body::text FROM reports WHERE campaign_id = :id").bind("id", campaignId)
                .mapTo(String.class).findOne().map(body -> Json.read(body, CampaignReport.class));
    }

    /** When the caller's campaign was erased, if it was: its report is the stored aggregate, it has no rows. */
    public Optional<Instant> erasedAt(String owner, UUID campaignId) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT erased_at FROM campaigns "
                        + "WHERE id = :id AND owner_id = :owner AND status = 'ERASED'")
                .bind("id", campaignId).bind("owner", owner).mapTo(Instant.class).findOne());
    }

    private static boolean hasOpenTasks(Handle handle, UUID campaignId) {
        return handle.createQuery("SELECT EXISTS (SELECT 1 FROM dial_tasks WHERE campaign_id = :id "
                + "AND status IN ('PENDING', 'READY', 'SCHEDULED', 'DIALING'))").bind("id", campaignId)
                .mapTo(Boolean.class).one();
    }

    CampaignReport compute(Handle handle, Campaign campaign) {
        UUID id = campaign.id();
        Map<String, Integer> outcomes = new LinkedHashMap<>();
        OUTCOMES.forEach(outcome -> outcomes.put(outcome, 0));
        handle.createQuery("""
                SELECT status, count(*) AS n FROM (
                    SELECT DISTINCT ON (t.contact_id) t.status FROM dial_tasks t
                    JOIN contacts c ON c.id = t.contact_id AND c.status = 'ACCEPTED'
                    WHERE t.campaign_id = :id ORDER BY t.contact_id, t.attempt DESC) latest
                GROUP BY status
                """).bind("id", id).map((rs, ctx) -> Map.entry(rs.getString("status"), rs.getInt("n")))
                .forEach(entry -> {
                    if (outcomes.containsKey(entry.getKey())) {
                        outcomes.put(entry.getKey(), entry.getValue());
                    }
                });

        Map<String, Integer> byNumber = new LinkedHashMap<>();
        handle.createQuery("SELECT attempt, count(*) AS n FROM dial_tasks WHERE campaign_id = :id "
                        + "AND provider_call_id IS NOT NULL GROUP BY attempt ORDER BY attempt")
                .bind("id", id).map((rs, ctx) -> Map.entry(rs.getString("attempt"), rs.getInt("n")))
                .forEach(entry -> byNumber.put(entry.getKey(), entry.getValue()));
        int totalAttempts = byNumber.values().stream().mapToInt(Integer::intValue).sum();

        var calls = handle.createQuery("""
                SELECT count(DISTINCT contact_id) AS dialled, min(dial_started_at) AS first_call,
                       max(dial_started_at) AS last_call
                FROM dial_tasks WHERE campaign_id = :id AND provider_call_id IS NOT NULL
                """).bind("id", id).map((rs, ctx) -> new Object[] {rs.getInt("dialled"),
                        toInstant(rs.getTimestamp("first_call")), toInstant(rs.getTimestamp("last_call"))}).one();
        int dialled = (int) calls[0];

        var talk = handle.createQuery("""
                SELECT coalesce(sum(talk_seconds), 0) AS total, coalesce(avg(talk_seconds), 0) AS mean,
                       coalesce(percentile_disc(0.5) WITHIN GROUP (ORDER BY talk_seconds), 0) AS p50,
                       coalesce(percentile_disc(0.9) WITHIN GROUP (ORDER BY talk_seconds), 0) AS p90
                FROM (SELECT DISTINCT ON (t.contact_id) t.status, t.talk_seconds FROM dial_tasks t
                      JOIN contacts c ON c.id = t.contact_id AND c.status = 'ACCEPTED'
                      WHERE t.campaign_id = :id ORDER BY t.contact_id, t.attempt DESC) latest
                WHERE status = 'ANSWERED'
                """).bind("id", id).map((rs, ctx) -> new CampaignReport.TalkSeconds(rs.getLong("total"),
                        Math.round(rs.getDouble("mean") * 10) / 10.0, rs.getInt("p50"), rs.getInt("p90"))).one();

        double answerRate = dialled == 0 ? 0.0 : Math.round(outcomes.get("ANSWERED") * 1000.0 / dialled) / 1000.0;
        boolean partial = campaign.status() != CampaignStatus.COMPLETED && (campaign.status() != CampaignStatus.CANCELLED
                || hasOpenTasks(handle, id));
        return new CampaignReport(id, campaign.status().name(), partial, clock.instant(), campaign.contacts(), outcomes,
                new CampaignReport.Attempts(totalAttempts, byNumber), answerRate, talk, (Instant) calls[1],
                (Instant) calls[2]);
    }

    private static Instant toInstant(java.sql.Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
