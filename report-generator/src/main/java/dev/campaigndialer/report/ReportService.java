package dev.campaigndialer.report;

import dev.campaigndialer.core.domain.Campaign;
import dev.campaigndialer.core.domain.CampaignStatus;
import dev.campaigndialer.core.json.Json;
import dev.campaigndialer.core.log.JsonLog;
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
            Campaign campaign = handle.attach(CampaignRepository.class).findForShare(campaignId)
                    .orElseThrow(() -> new dev.campaigndialer.core.message.PoisonMessageException(
                            "unknown campaign " + campaignId));
            if (campaign.status() == CampaignStatus.ERASED) {
                // Its rows are gone: recomputing would overwrite the kept totals with zeros (a late
                // or repeated report message after an erasure).
                return new Stored(storedReport(handle, campaignId).orElseThrow(() -> new IllegalStateException(
                        "erased campaign " + campaignId + " has no stored report")), false);
            }
            CampaignReport computed = compute(handle, campaign);
            boolean inserted = handle.attach(ReportRepository.class).store(campaignId, computed.generatedAt(),
                    Json.write(computed));
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
        if (campaign.status().isFinal() && !handle.attach(ReportRepository.class).hasOpenTasks(campaignId)) {
            Optional<CampaignReport> stored = storedReport(handle, campaignId);
            if (stored.isPresent()) {
                return stored.get();
            }
        }
        return compute(handle, campaign);
    }

    private static Optional<CampaignReport> storedReport(Handle handle, UUID campaignId) {
        return handle.attach(ReportRepository.class).storedJson(campaignId)
                .map(body -> Json.read(body, CampaignReport.class));
    }

    /** When the caller's campaign was erased, if it was: its report is the stored aggregate, it has no rows. */
    public Optional<Instant> erasedAt(String owner, UUID campaignId) {
        return jdbi.withExtension(CampaignRepository.class, campaigns -> campaigns.erasedAtForOwner(campaignId, owner));
    }

    CampaignReport compute(Handle handle, Campaign campaign) {
        UUID id = campaign.id();
        ReportRepository figures = handle.attach(ReportRepository.class);
        Map<String, Integer> outcomes = new LinkedHashMap<>();
        OUTCOMES.forEach(outcome -> outcomes.put(outcome, 0));
        figures.lastAttemptStatuses(id).forEach((status, contacts) -> outcomes.computeIfPresent(status, (s, n) -> contacts));

        Map<String, Integer> byNumber = figures.callsByAttempt(id);
        int totalAttempts = byNumber.values().stream().mapToInt(Integer::intValue).sum();
        ReportRepository.CallsPlaced calls = figures.callsPlaced(id);
        ReportRepository.TalkStatistics talk = figures.talkStatistics(id);

        double answerRate = calls.dialled() == 0 ? 0.0
                : Math.round(outcomes.get("ANSWERED") * 1000.0 / calls.dialled()) / 1000.0;
        boolean partial = campaign.status() != CampaignStatus.COMPLETED && (campaign.status() != CampaignStatus.CANCELLED
                || figures.hasOpenTasks(id));
        return new CampaignReport(id, campaign.status().name(), partial, clock.instant(), campaign.contacts(), outcomes,
                new CampaignReport.Attempts(totalAttempts, byNumber), answerRate,
                new CampaignReport.TalkSeconds(talk.total(), Math.round(talk.mean() * 10) / 10.0, talk.p50(), talk.p90()),
                calls.firstCall(), calls.lastCall());
    }
}
