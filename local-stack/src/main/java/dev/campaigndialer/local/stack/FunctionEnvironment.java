package dev.campaigndialer.local.stack;

import dev.campaigndialer.core.config.Env;
import dev.campaigndialer.core.function.FunctionCatalog;
import dev.campaigndialer.core.function.FunctionManifest;
import dev.campaigndialer.core.sqs.QueueUrls;
import dev.campaigndialer.db.DataRetention;
import dev.campaigndialer.local.lambda.FunctionRuntime;
import dev.campaigndialer.local.lambda.FunctionSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The functions' environment, as Terraform gives it: what every function shares (the database
 * through the proxy, the secret, the local endpoints, the clock), published as
 * {@code campaigndialer.env.*} system properties for common-core's {@code Env.system()}; and per
 * container only what {@code FunctionCatalog} declares for its function (the queue URLs it sends
 * to, the Connect settings if it calls Connect), so a send the catalog lacks fails here exactly as
 * it would in AWS.
 */
final class FunctionEnvironment implements FunctionRuntime.ContainerEnvironment {

    private final Map<String, String> shared;
    private final Map<String, String> queueUrls;
    private final Map<String, String> telephony;
    private final StackSettings settings;
    private final StackClock clock;

    private FunctionEnvironment(Map<String, String> shared, Map<String, String> queueUrls, Map<String, String> telephony,
            StackSettings settings, StackClock clock) {
        this.shared = shared;
        this.queueUrls = queueUrls;
        this.telephony = telephony;
        this.settings = settings;
        this.clock = clock;
    }

    static FunctionEnvironment of(StackSettings settings, LocalDatabase.Endpoint database, LocalSecrets secrets,
            LocalSqs sqs, LocalCarrier carrier, StackClock clock, String region) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("RDS_PROXY_ENDPOINT", database.host());
        env.put("DATABASE_PORT", Integer.toString(database.port()));
        env.put("DATABASE_NAME", database.database());
        env.put("RDS_SECRET_ARN", secrets.databaseSecretArn());
        env.put("DB_SSL_ROOT_CERT", database.caCertificate().toAbsolutePath().toString());
        env.put("SECRETS_MANAGER_ENDPOINT", secrets.endpoint().endpoint().toString());
        env.put("AWS_REGION", region);
        env.put("SQS_ENDPOINT", sqs.endpoint().toString());
        // The sweep too needs to know whether contact events arrive (it then asks for the fallback poll).
        env.put("CONNECT_CONTACT_EVENTS", Boolean.toString(settings.connect().contactEvents()));
        env.put("CLOCK_START", settings.clockStart().toString());
        env.put("CLOCK_ANCHOR", clock.anchor().toString());
        if (settings.clockRate() != 1) {
            env.put("CLOCK_RATE", Double.toString(settings.clockRate()));
        }
        env.put("CALL_START_MARGIN_SECONDS", Long.toString(settings.callStartMarginSeconds()));
        env.put("STATUS_POLL_DELAY_SECONDS", Integer.toString(settings.statusPollDelaySeconds()));
        env.put("AWS_LAMBDA_FUNCTION_NAME", "campaign-dialer-local");
        return new FunctionEnvironment(env, sqs.queues().environment(), carrier.telephonyEnvironment(), settings, clock);
    }

    /** What every function shares, in order (the log names the variables). */
    Map<String, String> shared() {
        return shared;
    }

    /** Sets the shared environment as {@code campaigndialer.env.*} properties, restored when they close. */
    void publish(SystemProperties properties) {
        shared.forEach((name, value) -> properties.set(Env.OVERRIDE_PREFIX + name, value));
    }

    /**
     * CLOCK_START with CLOCK_ANCHOR, the real instant at which the stack's clock read it: every
     * container's clock is then the stack's, however long the container took to start (without the
     * anchor a handler's clock would start at CLOCK_START when its constructor got to it, and
     * containers cold-started seconds apart would disagree by that much).
     */
    @Override
    public Map<String, String> forNewContainer(FunctionSpec function) {
        Map<String, String> env = new LinkedHashMap<>(declared(FunctionCatalog.named(function.name())));
        env.put("CLOCK_START", settings.clockStart().toString());
        env.put("CLOCK_ANCHOR", clock.anchor().toString());
        return env;
    }

    /**
     * What FunctionCatalog says this function may use, and nothing more: the URLs of the queues it
     * sends to and, if it calls Amazon Connect, the telephony settings.
     */
    Map<String, String> declared(FunctionManifest function) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String queue : function.sendsTo()) {
            env.put(QueueUrls.variable(queue), queueUrls.get(QueueUrls.variable(queue)));
        }
        if (function.telephony()) {
            env.putAll(telephony);
        }
        // Terraform's defaults for the deployment settings a function declares.
        if (function.settings().contains(FunctionCatalog.DATA_RETENTION_DAYS)) {
            env.put(FunctionCatalog.DATA_RETENTION_DAYS, Integer.toString(DataRetention.DEFAULT_RETENTION_DAYS));
        }
        return env;
    }
}
