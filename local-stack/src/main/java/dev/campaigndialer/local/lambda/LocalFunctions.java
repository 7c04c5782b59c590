package dev.campaigndialer.local.lambda;

import dev.campaigndialer.core.queue.QueueSettings;
import dev.campaigndialer.core.queue.QueueTopology;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The eight Lambda functions of {@code terraform/main.tf}, one per handler class. A queue consumer's
 * timeout is its queue's {@code consumerTimeoutSeconds} from {@link QueueTopology}, as in Terraform.
 */
public final class LocalFunctions {

    public static final String VALIDATE_CAMPAIGN = "validate-campaign";
    public static final String REPORT_API = "report-api";
    public static final String DISPATCHER = "dispatcher";
    public static final String ENRICH_DIAL_TASK = "enrich-dial-task";
    public static final String DIALER_WORKER = "dialer-worker";
    public static final String STATUS_CHECKER = "status-checker";
    public static final String MINUTE_SWEEP = "minute-sweep";
    public static final String REPORT_GENERATOR = "report-generator";

    private static final List<FunctionSpec> ALL = List.of(
            api(VALIDATE_CAMPAIGN, "validate-campaign", "dev.campaigndialer.validate.ValidateCampaignHandler", 1536),
            api(REPORT_API, "report-generator", "dev.campaigndialer.report.ReportApiHandler", 1024),
            consumer(DISPATCHER, "dispatcher", "dev.campaigndialer.dispatch.DispatcherHandler", QueueTopology.DISPATCH, 1024),
            consumer(ENRICH_DIAL_TASK, "enrich-dial-task", "dev.campaigndialer.enrich.EnrichDialTaskHandler",
                    QueueTopology.ENRICH, 1024),
            consumer(DIALER_WORKER, "dialer-worker", "dev.campaigndialer.dial.DialerWorkerHandler", QueueTopology.DIAL, 1024),
            consumer(STATUS_CHECKER, "status-checker", "dev.campaigndialer.status.StatusCheckerHandler",
                    QueueTopology.STATUS, 1024),
            new FunctionSpec(MINUTE_SWEEP, "status-checker", "dev.campaigndialer.status.MinuteSweepHandler",
                    Optional.empty(), 55, 1024),
            consumer(REPORT_GENERATOR, "report-generator", "dev.campaigndialer.report.ReportGeneratorHandler",
                    QueueTopology.REPORT, 1536));

    private LocalFunctions() {
    }

    public static List<FunctionSpec> all() {
        return ALL;
    }

    public static FunctionSpec named(String name) {
        return ALL.stream().filter(function -> function.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no function named " + name));
    }

    /** The function consuming a queue. */
    public static FunctionSpec consumerOf(String queue) {
        return ALL.stream().filter(function -> function.queue().filter(queue::equals).isPresent()).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no function consumes " + queue));
    }

    /** Where a function's Lambda jar is, under the repository root. */
    public static Path jar(Path repoRoot, FunctionSpec function) {
        return repoRoot.resolve(function.module()).resolve("target").resolve(function.jarName());
    }

    /** The functions whose jar has not been built (yet). */
    public static List<FunctionSpec> missing(Path repoRoot) {
        return ALL.stream().filter(function -> !Files.isRegularFile(jar(repoRoot, function))).toList();
    }

    private static FunctionSpec api(String name, String module, String handler, int memoryMb) {
        // API Gateway's integration timeout is 30 s; Terraform gives the API functions 30 s too.
        return new FunctionSpec(name, module, handler, Optional.empty(), 30, memoryMb);
    }

    private static FunctionSpec consumer(String name, String module, String handler, String queue, int memoryMb) {
        QueueSettings settings = QueueTopology.of(queue);
        if (!settings.consumerModule().equals(module)) {
            throw new IllegalStateException("QueueTopology says " + queue + " is consumed by " + settings.consumerModule());
        }
        return new FunctionSpec(name, module, handler, Optional.of(queue), settings.consumerTimeoutSeconds(), memoryMb);
    }
}
