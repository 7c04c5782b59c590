package dev.campaigndialer.core.function;

import static dev.campaigndialer.core.queue.QueueTopology.DIAL;
import static dev.campaigndialer.core.queue.QueueTopology.DISPATCH;
import static dev.campaigndialer.core.queue.QueueTopology.ENRICH;
import static dev.campaigndialer.core.queue.QueueTopology.REPORT;
import static dev.campaigndialer.core.queue.QueueTopology.STATUS;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Every Lambda function of the system and what it consumes, sends to and may call. The code
 * resolves only declared queues ({@code QueueUrls}), Terraform grants exactly this (terraform-check
 * compares), and the local stack gives each function only its declared environment, so a send the
 * declaration lacks fails in tests and locally instead of in AWS.
 *
 * <p>Where a send comes from when it is not obvious: completing a campaign writes a REPORT outbox
 * row and relays it (common-db's {@code CampaignCompletion}: validate-campaign's cancel,
 * enrich-dial-task and dialer-worker when the last open task is suppressed or cancelled,
 * status-checker and the sweep); resuming a campaign re-sends its parked tasks to DIAL and an
 * interrupted fan-out to DISPATCH; a relay of rows left behind by a dead writer sends only rows of
 * the relaying function's own queues ({@code OutboxRelay#relayStale}), the minute sweep relays the rest.
 */
public final class FunctionCatalog {

    public static final String START_OUTBOUND_VOICE_CONTACT = "connect:StartOutboundVoiceContact";
    public static final String DESCRIBE_CONTACT = "connect:DescribeContact";

    private static final Set<DatabaseSecret> APPLICATION = Set.of(DatabaseSecret.APPLICATION);

    public static final FunctionManifest VALIDATE_CAMPAIGN = new FunctionManifest("validate-campaign",
            "validate-campaign", "dev.campaigndialer.validate.ValidateCampaignHandler", Optional.empty(),
            Set.of(DISPATCH, DIAL, REPORT), Set.of(), APPLICATION);

    public static final FunctionManifest REPORT_API = new FunctionManifest("report-api",
            "report-generator", "dev.campaigndialer.report.ReportApiHandler", Optional.empty(),
            Set.of(), Set.of(), APPLICATION);

    public static final FunctionManifest DISPATCHER = new FunctionManifest("dispatcher",
            "dispatcher", "dev.campaigndialer.dispatch.DispatcherHandler", Optional.of(DISPATCH),
            Set.of(ENRICH, DISPATCH), Set.of(), APPLICATION);

    public static final FunctionManifest ENRICH_DIAL_TASK = new FunctionManifest("enrich-dial-task",
            "enrich-dial-task", "dev.campaigndialer.enrich.EnrichDialTaskHandler", Optional.of(ENRICH),
            Set.of(DIAL, REPORT), Set.of(), APPLICATION);

    public static final FunctionManifest DIALER_WORKER = new FunctionManifest("dialer-worker",
            "dialer-worker", "dev.campaigndialer.dial.DialerWorkerHandler", Optional.of(DIAL),
            Set.of(DIAL, STATUS, REPORT), Set.of(START_OUTBOUND_VOICE_CONTACT), APPLICATION);

    public static final FunctionManifest STATUS_CHECKER = new FunctionManifest("status-checker",
            "status-checker", "dev.campaigndialer.status.StatusCheckerHandler", Optional.of(STATUS),
            Set.of(STATUS, ENRICH, REPORT), Set.of(DESCRIBE_CONTACT), APPLICATION);

    /** How many days a finished campaign's contacts are kept before retention erases them (default 90). */
    public static final String DATA_RETENTION_DAYS = "DATA_RETENTION_DAYS";

    /**
     * The minute sweep re-drives every queue and relays any outbox row; it never calls the carrier.
     * It applies retention, so it alone reads {@link #DATA_RETENTION_DAYS}.
     */
    public static final FunctionManifest MINUTE_SWEEP = new FunctionManifest("minute-sweep",
            "status-checker", "dev.campaigndialer.status.MinuteSweepHandler", Optional.empty(),
            Set.of(DISPATCH, ENRICH, DIAL, STATUS, REPORT), Set.of(), APPLICATION, Set.of(DATA_RETENTION_DAYS));

    public static final FunctionManifest REPORT_GENERATOR = new FunctionManifest("report-generator",
            "report-generator", "dev.campaigndialer.report.ReportGeneratorHandler", Optional.of(REPORT),
            Set.of(), Set.of(), APPLICATION);

    /**
     * The admin function that applies the migrations (invoked after a deploy, not part of the
     * pipeline): it connects as the admin and sets the application role's password from its secret.
     */
    public static final FunctionManifest MIGRATE = new FunctionManifest("migrate",
            "common-db", "dev.campaigndialer.db.migrate.MigrateHandler", Optional.empty(),
            Set.of(), Set.of(), Set.of(DatabaseSecret.ADMIN, DatabaseSecret.APPLICATION));

    private static final List<FunctionManifest> PIPELINE = List.of(VALIDATE_CAMPAIGN, REPORT_API, DISPATCHER,
            ENRICH_DIAL_TASK, DIALER_WORKER, STATUS_CHECKER, MINUTE_SWEEP, REPORT_GENERATOR);

    private FunctionCatalog() {
    }

    /** The eight functions of the pipeline and its API, in flow order (not {@link #MIGRATE}). */
    public static List<FunctionManifest> all() {
        return PIPELINE;
    }

    public static FunctionManifest named(String name) {
        if (MIGRATE.name().equals(name)) {
            return MIGRATE;
        }
        return PIPELINE.stream().filter(function -> function.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no function named " + name));
    }

    /** The function whose event source mapping consumes the queue. */
    public static FunctionManifest consumerOf(String queue) {
        return PIPELINE.stream().filter(function -> function.consumes().filter(queue::equals).isPresent()).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no function consumes " + queue));
    }
}
