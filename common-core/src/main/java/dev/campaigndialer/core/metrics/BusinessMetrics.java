package dev.campaigndialer.core.metrics;

/**
 * The catalogue of business metrics, namespace {@value Metrics#NAMESPACE}, every one with the
 * dimension {@value Metrics#FUNCTION} (the function's name in the code: validate-campaign,
 * enrich-dial-task, dialer-worker, status-checker, report-generator, report-api). Counts are
 * summed per invocation; alarms and dashboards use the Sum statistic (ReportGenerationTime: p50,
 * p90, Maximum).
 */
public final class BusinessMetrics {

    /** validate-campaign: a campaign stored by {@code POST /campaigns} (an idempotent replay is not counted). */
    public static final String CAMPAIGNS_ACCEPTED = "CampaignsAccepted";
    /** report-generator: a COMPLETED campaign's report stored for the first time. */
    public static final String CAMPAIGNS_COMPLETED = "CampaignsCompleted";
    /** report-generator: a CANCELLED campaign's report stored for the first time. */
    public static final String CAMPAIGNS_CANCELLED = "CampaignsCancelled";
    /** dialer-worker: calls the carrier accepted. */
    public static final String CALLS_PLACED = "CallsPlaced";
    /** dialer-worker: calls the carrier refused or that failed in transit; the task is retried from its queue. */
    public static final String PLACEMENT_FAILURES = "PlacementFailures";
    /** dialer-worker and status-checker: Connect requests answered 429 (never retried by the SDK; the task waits for the rate budget). */
    public static final String CONNECT_THROTTLES = "ConnectThrottles";
    /** dialer-worker: tasks sent back because their campaign was at its maxConcurrentCalls. */
    public static final String PACING_DEFERRALS = "PacingDeferrals";
    /** enrich-dial-task and dialer-worker: tasks moved to the next opening of the callee's calling window. */
    public static final String WINDOW_DEFERRALS = "WindowDeferrals";
    /** validate-campaign (at submission), enrich-dial-task and dialer-worker (later): contacts not called because of the DNC list. */
    public static final String DNC_SUPPRESSIONS = "DncSuppressions";
    /** status-checker: calls that ended, with dimension {@link #OUTCOME}. */
    public static final String CALL_OUTCOMES = "CallOutcomes";
    /** report-generator and report-api: milliseconds to produce a report, with dimension {@link #FORMAT}. */
    public static final String REPORT_GENERATION_TIME = "ReportGenerationTime";

    /** ANSWERED, VOICEMAIL, BUSY, NO_ANSWER or FAILED. */
    public static final String OUTCOME = "Outcome";
    /** stored (report-generator), json, csv or html (report-api). */
    public static final String FORMAT = "Format";

    private BusinessMetrics() {
    }
}
