package dev.campaigndialer.local.lambda;

import dev.campaigndialer.core.function.FunctionCatalog;
import dev.campaigndialer.core.function.FunctionManifest;
import dev.campaigndialer.core.queue.QueueSettings;
import dev.campaigndialer.core.queue.QueueTopology;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The eight Lambda functions of {@link FunctionCatalog} (and {@code terraform/main.tf}), one per
 * handler class. A queue consumer's timeout is its queue's {@code consumerTimeoutSeconds} from
 * {@link QueueTopology}, as in Terraform.
 */
public final class LocalFunctions {

    public static final String VALIDATE_CAMPAIGN = FunctionCatalog.VALIDATE_CAMPAIGN.name();
    public static final String REPORT_API = FunctionCatalog.REPORT_API.name();
    public static final String DISPATCHER = FunctionCatalog.DISPATCHER.name();
    public static final String ENRICH_DIAL_TASK = FunctionCatalog.ENRICH_DIAL_TASK.name();
    public static final String DIALER_WORKER = FunctionCatalog.DIALER_WORKER.name();
    public static final String STATUS_CHECKER = FunctionCatalog.STATUS_CHECKER.name();
    public static final String MINUTE_SWEEP = FunctionCatalog.MINUTE_SWEEP.name();
    public static final String REPORT_GENERATOR = FunctionCatalog.REPORT_GENERATOR.name();

    // What each function is (module, handler, queue) comes from FunctionCatalog; its timeout and
    // memory are Terraform's (terraform/main.tf, local.functions).
    private static final List<FunctionSpec> ALL = List.of(
            api(FunctionCatalog.VALIDATE_CAMPAIGN, 1536),
            api(FunctionCatalog.REPORT_API, 1024),
            consumer(FunctionCatalog.DISPATCHER, 1024),
            consumer(FunctionCatalog.ENRICH_DIAL_TASK, 1024),
            consumer(FunctionCatalog.DIALER_WORKER, 1024),
            consumer(FunctionCatalog.STATUS_CHECKER, 1024),
            spec(FunctionCatalog.MINUTE_SWEEP, 55, 1024),
            consumer(FunctionCatalog.REPORT_GENERATOR, 1536));

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

    private static FunctionSpec api(FunctionManifest function, int memoryMb) {
        // API Gateway's integration timeout is 30 s; Terraform gives the API functions 30 s too.
        return spec(function, 30, memoryMb);
    }

    private static FunctionSpec consumer(FunctionManifest function, int memoryMb) {
        QueueSettings settings = QueueTopology.of(function.consumes().orElseThrow());
        if (!settings.consumerModule().equals(function.module())) {
            throw new IllegalStateException("QueueTopology says " + settings.name() + " is consumed by "
                    + settings.consumerModule());
        }
        return spec(function, settings.consumerTimeoutSeconds(), memoryMb);
    }

    private static FunctionSpec spec(FunctionManifest function, int timeoutSeconds, int memoryMb) {
        return new FunctionSpec(function.name(), function.module(), function.handlerClass(), function.consumes(),
                timeoutSeconds, memoryMb);
    }
}
