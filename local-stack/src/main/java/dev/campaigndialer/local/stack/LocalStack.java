package dev.campaigndialer.local.stack;

import dev.campaigndialer.core.log.JsonLog;
import dev.campaigndialer.core.telephony.SimulatedCarrier;
import dev.campaigndialer.local.http.ApiGateway;
import dev.campaigndialer.local.lambda.Faults;
import dev.campaigndialer.local.lambda.FunctionRuntime;
import dev.campaigndialer.local.lambda.FunctionSpec;
import dev.campaigndialer.local.lambda.LocalFunctions;
import dev.campaigndialer.local.lambda.MinuteSweepTimer;
import dev.campaigndialer.local.lambda.SqsEventSource;
import dev.campaigndialer.localaws.ConnectEndpoint;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javax.sql.DataSource;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Everything of the system on this machine, as closeable components started in order by
 * {@link #start}: the database (PostgreSQL behind PgBouncer, the local RDS Proxy), the queues
 * (ElasticMQ with {@code QueueTopology}), the functions (each from its own Lambda jar), the secret,
 * the carrier (behind a local Amazon Connect endpoint), the functions' environment, the pollers (an
 * SQS event source mapping per queue), the minute sweep on the functions' clock and the HTTP API.
 * {@link #close()} closes them in the reverse order.
 *
 * <p>While the stack runs, {@code System.out} and {@code System.err} go to the log file
 * ({@link LogRedirect}), and the functions read their environment from system properties
 * ({@link FunctionEnvironment}); both are restored on close.
 */
public final class LocalStack implements AutoCloseable {

    private static final JsonLog LOG = JsonLog.forClass(LocalStack.class);
    /** The region every local endpoint pretends to be in. */
    private static final String REGION = "us-east-1";

    private final StackSettings settings;
    private final OpenedResources resources;
    private final LocalDatabase database;
    private final LocalSqs sqs;
    private final LocalFunctionSet functions;
    private final LocalSecrets secrets;
    private final LocalCarrier carrier;
    private final StackClock clock;
    private final Pollers pollers;
    private final ApiGateway gateway;

    private LocalStack(StackSettings settings, OpenedResources resources, LocalDatabase database, LocalSqs sqs,
            LocalFunctionSet functions, LocalSecrets secrets, LocalCarrier carrier, StackClock clock, Pollers pollers,
            ApiGateway gateway) {
        this.settings = settings;
        this.resources = resources;
        this.database = database;
        this.sqs = sqs;
        this.functions = functions;
        this.secrets = secrets;
        this.carrier = carrier;
        this.clock = clock;
        this.pollers = pollers;
        this.gateway = gateway;
    }

    /**
     * Starts everything, reporting each step on {@code progress} (the terminal) with its duration.
     *
     * @throws MissingFunctionsException when {@code requireAllFunctions} and a function jar is missing
     */
    public static LocalStack start(StackSettings settings, Consumer<String> progress, Consumer<String> warn) {
        List<FunctionSpec> missing = LocalFunctions.missing(settings.repoRoot());
        if (settings.requireAllFunctions() && !missing.isEmpty()) {
            throw new MissingFunctionsException(settings.repoRoot(), missing);
        }
        var resources = new OpenedResources();
        try {
            return start(settings, resources, new StartupLog(progress), warn);
        } catch (RuntimeException | Error e) {
            resources.close();
            throw e;
        }
    }

    private static LocalStack start(StackSettings settings, OpenedResources resources, StartupLog log,
            Consumer<String> warn) {
        LogRedirect output = resources.own(LogRedirect.to(settings.logFile()));
        SystemProperties properties = resources.own(SystemProperties.forLocalAws(REGION));
        WorkDirectory work = resources.own(WorkDirectory.create());

        // The queues and the functions' class loaders start while PostgreSQL does: none needs another.
        // A container asks for its environment when it starts: none does before it is complete
        // (the pollers, the sweep and the gateway start after it).
        var environment = new CompletableFuture<FunctionEnvironment>();
        Background<LocalSqs> queuesStarting = Background.start(() -> LocalSqs.start(settings, REGION), resources);
        Background<LocalFunctionSet> functionsLoading = Background.start(() -> LocalFunctionSet.load(settings, work,
                output.log(), function -> environment.join().forNewContainer(function), warn), resources);
        LocalDatabase database;
        LocalSqs sqs;
        LocalFunctionSet functions;
        try {
            database = resources.own(LocalDatabase.start(settings.dataDirectory(), settings.databaseUrl(), work.path(),
                    warn, settings.useProxy() ? LocalDatabase.pgbouncer() : Optional.empty()));
            log.step("database    " + database.endpoint().description()
                    + settings.dataDirectory().map(dir -> ", data kept in " + dir).orElse(""));
            sqs = queuesStarting.join();
            log.step("queues      " + sqs.describe());
            functions = functionsLoading.join();
            log.step("functions   " + functions.describe());
        } finally {
            queuesStarting.settle();
            functionsLoading.settle();
        }

        LocalSecrets secrets = resources.own(LocalSecrets.start(database.endpoint()));
        StackClock clock = StackClock.startingNow(settings);
        LocalCarrier carrier = resources.own(LocalCarrier.start(settings, clock.clock(), sqs));
        log.step("carrier     " + carrier.describe());

        FunctionEnvironment functionEnvironment = FunctionEnvironment.of(settings, database.endpoint(), secrets, sqs,
                carrier, clock, REGION);
        functionEnvironment.publish(properties);
        environment.complete(functionEnvironment);
        LOG.info("function environment", "variables", String.join(",", functionEnvironment.shared().keySet()));

        Pollers pollers = resources.own(Pollers.start(settings, sqs, functions));
        log.step("pollers     " + pollers.describe());

        Optional<MinuteSweepTimer> sweep = functions.get(LocalFunctions.MINUTE_SWEEP).map(function -> resources.own(
                MinuteSweepTimer.start(function, clock.clock(), settings.effectiveSweepInterval())));
        ApiGateway gateway = resources.own(ApiGateway.start(settings.httpPort(), functions::get,
                functions::unavailableReason));
        log.step("clock       functions' clock starts at " + settings.clockStart()
                + (settings.clockRate() != 1 ? ", runs " + Numbers.plain(settings.clockRate()) + " x real time" : "")
                + (sweep.isPresent() ? "; minute sweep every " + settings.effectiveSweepInterval().toMillis() / 1000.0
                + " s" : ""));
        return new LocalStack(settings, resources, database, sqs, functions, secrets, carrier, clock, pollers, gateway);
    }

    public URI apiBaseUrl() {
        return gateway.baseUrl();
    }

    public Path logFile() {
        return settings.logFile();
    }

    public LocalQueues queues() {
        return sqs.queues();
    }

    /** SQS requests so far by action, when counted ({@link StackSettings#countSqsRequests()}); else empty. */
    public Map<String, Long> sqsRequests() {
        return sqs.requestCounts();
    }

    /** The local SQS itself (ElasticMQ), not through the counting proxy. */
    public URI sqsEndpointDirect() {
        return sqs.directEndpoint();
    }

    /** A client of the local SQS (ElasticMQ), to send a message as another function would. */
    public SqsClient sqs() {
        return sqs.client();
    }

    /** The local Amazon Connect endpoint the functions place calls through. */
    public ConnectEndpoint connect() {
        return carrier.connect();
    }

    /** The functions' clock. */
    public Clock clock() {
        return clock.clock();
    }

    public SimulatedCarrier carrier() {
        return carrier.carrier();
    }

    /** Messages the event source mappings delivered to functions so far, by queue (redeliveries included). */
    public Map<String, Long> deliveredMessages() {
        return pollers.deliveredMessages();
    }

    /** The database itself, bypassing the proxy: for measurements (e.g. counting server connections). */
    public DataSource directDatabase() {
        return database.direct();
    }

    public Map<String, FunctionRuntime> functions() {
        return functions.all();
    }

    /** What the event source mappings inject (fault tests); nothing unless configured. */
    public Faults faults() {
        return pollers.faults();
    }

    /** Also tell {@code listener} what every event source mapping delivers and settles. */
    public void addListener(SqsEventSource.Listener listener) {
        pollers.addListener(listener);
    }

    /** PostgreSQL and its proxy, for outages injected by the fault tests. */
    public LocalDatabase database() {
        return database;
    }

    /**
     * Rotates the functions' database password as a Secrets Manager rotation does: in PostgreSQL,
     * in the proxy's user list and in the secret. Open connections keep working until they close.
     */
    public void rotateDatabasePassword(String newPassword) {
        database.rotatePassword(newPassword);
        secrets.endpoint().putDatabaseSecret(LocalSecrets.DATABASE_SECRET_NAME, database.endpoint().user(), newPassword);
    }

    /** How many times the functions read a secret so far. */
    public int secretReads() {
        return secrets.endpoint().reads();
    }

    @Override
    public synchronized void close() {
        resources.close();
    }

    /** Each start-up step's line with the time it took, as the demo prints it. */
    private static final class StartupLog {

        private final Consumer<String> progress;
        private long stepStarted = System.nanoTime();

        StartupLog(Consumer<String> progress) {
            this.progress = progress;
        }

        void step(String line) {
            long millis = (System.nanoTime() - stepStarted) / 1_000_000;
            progress.accept(line + String.format(" [%.1f s]", millis / 1000.0));
            stepStarted = System.nanoTime();
        }
    }
}
