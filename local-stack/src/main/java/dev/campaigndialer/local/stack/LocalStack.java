package dev.campaigndialer.local.stack;

import dev.campaigndialer.core.config.Env;
import dev.campaigndialer.core.function.FunctionCatalog;
import dev.campaigndialer.db.DataRetention;
import dev.campaigndialer.core.function.FunctionManifest;
import dev.campaigndialer.core.log.JsonLog;
import dev.campaigndialer.core.queue.QueueSettings;
import dev.campaigndialer.core.queue.QueueTopology;
import dev.campaigndialer.core.sqs.QueueUrls;
import dev.campaigndialer.core.telephony.SimulatedCarrier;
import dev.campaigndialer.core.time.Clocks;
import dev.campaigndialer.local.http.ApiGateway;
import dev.campaigndialer.local.lambda.Faults;
import dev.campaigndialer.local.lambda.FunctionException;
import dev.campaigndialer.local.lambda.FunctionRuntime;
import dev.campaigndialer.local.lambda.FunctionSpec;
import dev.campaigndialer.local.lambda.LocalFunctions;
import dev.campaigndialer.local.lambda.MinuteSweepTimer;
import dev.campaigndialer.local.lambda.SqsEventSource;
import dev.campaigndialer.testkit.ConnectEndpoint;
import dev.campaigndialer.testkit.CountingHttpProxy;
import dev.campaigndialer.testkit.ElasticMq;
import dev.campaigndialer.testkit.SecretsManagerEndpoint;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.sql.DataSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Everything of the system on this machine: PostgreSQL behind PgBouncer (the local RDS Proxy), the
 * Secrets Manager endpoint with the database secret, ElasticMQ with the queues of
 * {@code QueueTopology}, the simulated carrier behind a local Amazon Connect endpoint, every
 * function from its own Lambda jar, an SQS event source mapping per queue, the minute sweep on a
 * timer and the HTTP API.
 *
 * <p>The functions read their environment from {@code campaigndialer.env.*} system properties
 * (common-core's {@code Env.system()}), which this class sets before any handler is constructed and
 * restores on {@link #close()}. While the stack runs, {@code System.out} and {@code System.err} go
 * to the log file: the functions' JSON logs and anything their libraries print land there, and the
 * terminal stays free for progress.
 */
public final class LocalStack implements AutoCloseable {

    private static final JsonLog LOG = JsonLog.forClass(LocalStack.class);
    /** Concurrent invocations of each API function (API Gateway → Lambda). */
    private static final int API_CONCURRENCY = 16;
    private static final String DATABASE_SECRET = "campaign-dialer/local/database";

    private final StackSettings settings;
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private final Map<String, String> previousProperties = new LinkedHashMap<>();
    /** Amazon Connect settings (the local endpoint): only for functions that call Connect. */
    private final Map<String, String> telephony = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, FunctionRuntime> functions = new java.util.concurrent.ConcurrentSkipListMap<>();
    private final Map<String, String> unavailable = new java.util.concurrent.ConcurrentSkipListMap<>();
    private final List<SqsEventSource> eventSources = new ArrayList<>();
    private final Map<String, LongAdder> delivered = new ConcurrentHashMap<>();
    /** Injected into every event source mapping; injects nothing unless a fault test configures it. */
    private final Faults faults = new Faults();
    private final List<SqsEventSource.Listener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    /**
     * The real instant at which the functions' clock reads {@code --clock-start}: set once the
     * database, queues and functions are up, so a start that takes seconds (minutes of a fast clock)
     * does not eat into the clock.
     */
    private Instant clockAnchor;
    private Clock clock;
    private PrintStream originalOut;
    private PrintStream originalErr;
    private PrintStream log;
    private Path workDirectory;
    private LocalDatabase database;
    private SecretsManagerEndpoint secrets;
    private ElasticMq elasticMq;
    private CountingHttpProxy sqsCounter;
    private URI sqsEndpoint;
    private SqsClient sqs;
    private LocalQueues queues;
    private SimulatedCarrier carrier;
    private ConnectEndpoint connect;
    private MinuteSweepTimer sweep;
    private ApiGateway gateway;

    private LocalStack(StackSettings settings) {
        this.settings = settings;
    }

    /**
     * Starts everything, reporting each step on {@code progress} (the terminal).
     *
     * @throws MissingFunctionsException when {@code requireAllFunctions} and a function jar is missing
     */
    public static LocalStack start(StackSettings settings, Consumer<String> progress, Consumer<String> warn) {
        List<FunctionSpec> missing = LocalFunctions.missing(settings.repoRoot());
        if (settings.requireAllFunctions() && !missing.isEmpty()) {
            throw new MissingFunctionsException(settings.repoRoot(), missing);
        }
        var stack = new LocalStack(settings);
        try {
            stack.startAll(progress, warn);
            return stack;
        } catch (RuntimeException | Error e) {
            stack.close();
            throw e;
        }
    }

    private void startAll(Consumer<String> report, Consumer<String> warn) {
        long[] stepStarted = {System.nanoTime()};
        Consumer<String> progress = line -> {
            long millis = (System.nanoTime() - stepStarted[0]) / 1_000_000;
            report.accept(line + String.format(" [%.1f s]", millis / 1000.0));
            stepStarted[0] = System.nanoTime();
        };
        redirectOutput();
        setProperty("http.maxConnections", "500"); // keep-alive for ~200 SDK clients on loopback
        setPropertyIfAbsent("aws.accessKeyId", "local");
        setPropertyIfAbsent("aws.secretAccessKey", "local");
        setPropertyIfAbsent("aws.region", LambdaRegion.NAME);
        try {
            workDirectory = Files.createTempDirectory("campaign-dialer-local");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        register(() -> deleteRecursively(workDirectory));

        // ElasticMQ and the functions' class loaders start while PostgreSQL does: none needs another.
        ScheduledExecutorService watchdog = daemonScheduler("lambda-timeouts");
        register(watchdog::shutdownNow);
        ExecutorService starter = Executors.newFixedThreadPool(2, daemonThreads("local-stack-start"));
        CompletableFuture<Void> queuesStarted = CompletableFuture.runAsync(this::startQueues, starter);
        CompletableFuture<Void> functionsLoaded = CompletableFuture.runAsync(() -> loadFunctions(watchdog, warn), starter);
        starter.shutdown();
        try {
            database = LocalDatabase.start(settings.dataDirectory(), settings.databaseUrl(), workDirectory, warn,
                    settings.useProxy() ? LocalDatabase.pgbouncer() : Optional.empty());
            register(database);
            progress.accept("database    " + database.endpoint().description()
                    + (settings.dataDirectory().map(dir -> ", data kept in " + dir).orElse("")));
            join(queuesStarted);
            progress.accept("queues      ElasticMQ " + elasticMq.endpoint() + ": " + queues.all().stream()
                    .map(queue -> queue.settings().name() + " (+dlq)").reduce((a, b) -> a + ", " + b).orElse(""));
            join(functionsLoaded);
            progress.accept("functions   " + functions.size() + " of " + LocalFunctions.all().size()
                    + " Lambda functions, each from its own jar in an isolated class loader");
        } catch (RuntimeException | Error e) {
            // Let the background steps finish (and register what they started) before closing.
            queuesStarted.exceptionally(ignored -> null).join();
            functionsLoaded.exceptionally(ignored -> null).join();
            throw e;
        }

        secrets = SecretsManagerEndpoint.start();
        register(secrets);
        LocalDatabase.Endpoint db = database.endpoint();
        String secretArn = secrets.putDatabaseSecret(DATABASE_SECRET, db.user(), db.password());

        clockAnchor = Instant.now();
        clock = Clocks.startingAt(settings.clockStart(), clockAnchor, settings.clockRate());
        carrier = new SimulatedCarrier(settings.carrierLatencyMillis(), 0);
        connect = ConnectEndpoint.start(new SimulatedCarrierBehindConnect(carrier), clock);
        register(connect);
        StackSettings.ConnectSettings quota = settings.connect();
        connect.throttle(quota.requestsPerSecond(), quota.burst());
        if (quota.contactEvents()) {
            // The EventBridge rule's SQS target: each event's JSON is the message body.
            String statusQueue = queues.queue(QueueTopology.STATUS).url();
            connect.sendEvents(event -> sqs.sendMessage(send -> send.queueUrl(statusQueue).messageBody(event)),
                    quota.dropEventsPercent(), 42, settings.clockRate());
        }
        progress.accept("carrier     simulated carrier behind a local Amazon Connect endpoint " + connect.endpoint()
                + (settings.carrierLatencyMillis() > 0 ? ", " + settings.carrierLatencyMillis() + " ms latency" : "")
                + String.format(", %s requests/s burst %s per API", number(quota.requestsPerSecond()), number(quota.burst()))
                + (quota.contactEvents() ? ", contact events to the status queue"
                + (quota.dropEventsPercent() > 0 ? " (" + number(quota.dropEventsPercent()) + " % dropped)" : "") : ""));

        Map<String, String> env = new LinkedHashMap<>();
        env.put("RDS_PROXY_ENDPOINT", db.host());
        env.put("DATABASE_PORT", Integer.toString(db.port()));
        env.put("DATABASE_NAME", db.database());
        env.put("RDS_SECRET_ARN", secretArn);
        env.put("DB_SSL_ROOT_CERT", db.caCertificate().toAbsolutePath().toString());
        env.put("SECRETS_MANAGER_ENDPOINT", secrets.endpoint().toString());
        env.put("AWS_REGION", LambdaRegion.NAME);
        env.put("SQS_ENDPOINT", sqsEndpoint.toString());
        // Queue URLs and telephony settings are not shared: each function gets only what
        // FunctionCatalog declares for it (see declaredEnvironment), as Terraform gives it.
        telephony.put("TELEPHONY_PROVIDER", "connect");
        telephony.put("CONNECT_ENDPOINT", connect.endpoint().toString());
        telephony.put("CONNECT_INSTANCE_ID", "local-instance-0000");
        telephony.put("CONNECT_CONTACT_FLOW_ID", "local-outbound-flow-0000");
        // The fleet's budget is the endpoint's quota, as Terraform sets it to the account's.
        telephony.put("CONNECT_START_RPS", Double.toString(quota.requestsPerSecond()));
        telephony.put("CONNECT_START_BURST", Double.toString(quota.burst()));
        telephony.put("CONNECT_DESCRIBE_RPS", Double.toString(quota.requestsPerSecond()));
        telephony.put("CONNECT_DESCRIBE_BURST", Double.toString(quota.burst()));
        telephony.put("RING_TIMEOUT_SECONDS", Integer.toString(quota.ringTimeoutSeconds()));
        // The sweep too needs to know whether contact events arrive (it then asks for the fallback poll).
        env.put("CONNECT_CONTACT_EVENTS", Boolean.toString(quota.contactEvents()));
        env.put("CLOCK_START", settings.clockStart().toString());
        env.put("CLOCK_ANCHOR", clockAnchor.toString());
        if (settings.clockRate() != 1) {
            env.put("CLOCK_RATE", Double.toString(settings.clockRate()));
        }
        env.put("CALL_START_MARGIN_SECONDS", Long.toString(settings.callStartMarginSeconds()));
        env.put("STATUS_POLL_DELAY_SECONDS", Integer.toString(settings.statusPollDelaySeconds()));
        env.put("AWS_LAMBDA_FUNCTION_NAME", "campaign-dialer-local");
        env.forEach((name, value) -> setProperty(Env.OVERRIDE_PREFIX + name, value));
        LOG.info("function environment", "variables", String.join(",", env.keySet()));

        ExecutorService settler = Executors.newCachedThreadPool(daemonThreads("esm-settle"));
        register(settler::shutdownNow);
        for (LocalQueues.Queue queue : queues.all()) {
            QueueSettings queueSettings = queue.settings();
            FunctionRuntime consumer = functions.get(LocalFunctions.consumerOf(queueSettings.name()).name());
            if (consumer == null) {
                continue;
            }
            var source = new SqsEventSource(sqs, queueSettings.name(), queue.url(), queue.arn(), queueSettings.batchSize(),
                    consumer, new SqsEventSource.Listener() {
                        @Override
                        public void delivered(String queue, List<Message> batch) {
                            LocalStack.this.delivered.computeIfAbsent(queue, name -> new LongAdder()).add(batch.size());
                            listeners.forEach(listener -> listener.delivered(queue, batch));
                        }

                        @Override
                        public void settled(String queue, List<Message> batch, List<Message> deleted,
                                Optional<FunctionException> error) {
                            listeners.forEach(listener -> listener.settled(queue, batch, deleted, error));
                        }
                    }, settler, faults);
            source.start(containers(queueSettings));
            eventSources.add(source);
            register(source);
        }
        progress.accept("pollers     " + eventSources.stream().map(source -> {
            QueueSettings queue = queues.queue(source.queue()).settings();
            return source.queue() + " -> " + source.function().name() + " (batch " + queue.batchSize() + ", max "
                    + queue.maximumConcurrency() + (containers(queue) < queue.maximumConcurrency()
                    ? ", " + containers(queue) + " containers here" : "") + ")";
        }).reduce((a, b) -> a + ", " + b).orElse("none"));

        FunctionRuntime sweepFunction = functions.get(LocalFunctions.MINUTE_SWEEP);
        if (sweepFunction != null) {
            sweep = MinuteSweepTimer.start(sweepFunction, clock, settings.effectiveSweepInterval());
            register(sweep);
        }

        gateway = ApiGateway.start(settings.httpPort(), name -> Optional.ofNullable(functions.get(name)),
                name -> unavailable.getOrDefault(name, "not loaded"));
        register(gateway);
        progress.accept("clock       functions' clock starts at " + settings.clockStart()
                + (settings.clockRate() != 1 ? ", runs " + rate(settings.clockRate()) + " x real time" : "")
                + (sweep != null ? "; minute sweep every " + settings.effectiveSweepInterval().toMillis() / 1000.0 + " s"
                : ""));
    }

    private void startQueues() {
        ElasticMq started = ElasticMq.start();
        elasticMq = started;
        // On Ctrl-C, Pekko's own shutdown hook stops ElasticMQ; stopping it from ours as well waits
        // on that hook and never returns.
        register(() -> {
            if (!jvmShuttingDown()) {
                started.close();
            }
        });
        sqsEndpoint = elasticMq.endpoint();
        if (settings.countSqsRequests()) {
            sqsCounter = CountingHttpProxy.start(elasticMq.endpoint());
            register(sqsCounter);
            sqsEndpoint = sqsCounter.endpoint();
        }
        sqs = SqsClient.builder()
                .endpointOverride(sqsEndpoint)
                .region(Region.of(LambdaRegion.NAME))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        register(sqs);
        queues = LocalQueues.create(sqs, settings.visibilityTimeoutOverride());
        if (sqsCounter != null) {
            sqsCounter.reset();
        }
    }

    private void loadFunctions(ScheduledExecutorService watchdog, Consumer<String> warn) {
        Map<String, Path> snapshots = new LinkedHashMap<>();
        for (FunctionSpec function : LocalFunctions.all()) {
            Path built = LocalFunctions.jar(settings.repoRoot(), function);
            if (!Files.isRegularFile(built)) {
                unavailable.put(function.name(), built + " does not exist (build it: ./mvnw -B -q install -DskipTests)");
                warn.accept(function.name() + " is not available: " + unavailable.get(function.name()));
                continue;
            }
            // The functions run from a copy: rebuilding a module while the stack runs (say, next to
            // `serve`) rewrites its jar in place, which would break classes not loaded yet.
            Path jar = snapshots.computeIfAbsent(function.module(), module -> snapshot(built));
            int concurrency = function.queue().map(queue -> containers(QueueTopology.of(queue)))
                    .orElse(function.name().equals(LocalFunctions.MINUTE_SWEEP) ? 1 : API_CONCURRENCY);
            try {
                FunctionRuntime runtime = FunctionRuntime.load(function, List.of(url(jar)), concurrency, log, watchdog,
                        this::containerEnvironment);
                functions.put(function.name(), runtime);
                register(runtime);
            } catch (FunctionException e) {
                if (settings.requireAllFunctions()) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
                unavailable.put(function.name(), e.getMessage());
                warn.accept(e.getMessage());
            }
        }
    }

    private void register(AutoCloseable resource) {
        synchronized (resources) {
            resources.push(resource);
        }
    }

    private static void join(CompletableFuture<Void> step) {
        try {
            step.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /**
     * CLOCK_START with CLOCK_ANCHOR, the real instant at which the stack's clock read it: every
     * container's clock is then the stack's, however long the container took to start (without the
     * anchor a handler's clock would start at CLOCK_START when its constructor got to it, and
     * containers cold-started seconds apart would disagree by that much).
     */
    private Map<String, String> containerEnvironment(FunctionSpec function) {
        Map<String, String> env = new LinkedHashMap<>(declaredEnvironment(FunctionCatalog.named(function.name())));
        env.put("CLOCK_START", settings.clockStart().toString());
        env.put("CLOCK_ANCHOR", clockAnchor.toString());
        return env;
    }

    /**
     * What FunctionCatalog says this function may use, and nothing more: the URLs of the queues it
     * sends to and, if it calls Amazon Connect, the telephony settings. A send the catalog lacks
     * then fails here exactly as it would in AWS.
     */
    Map<String, String> declaredEnvironment(FunctionManifest function) {
        Map<String, String> env = new LinkedHashMap<>();
        Map<String, String> urls = queues.environment();
        for (String queue : function.sendsTo()) {
            env.put(QueueUrls.variable(queue), urls.get(QueueUrls.variable(queue)));
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

    private static String number(double value) {
        return rate(value);
    }

    private static String rate(double rate) {
        return rate == Math.rint(rate) ? Long.toString((long) rate) : Double.toString(rate);
    }

    private void redirectOutput() {
        try {
            Files.createDirectories(settings.logFile().toAbsolutePath().getParent());
            log = new PrintStream(new FileOutputStream(settings.logFile().toFile(), true), true, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the log file " + settings.logFile(), e);
        }
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(log);
        System.setErr(log);
        JsonLog.redirect(log);
    }

    private void setProperty(String name, String value) {
        if (!previousProperties.containsKey(name)) {
            previousProperties.put(name, System.getProperty(name));
        }
        System.setProperty(name, value);
    }

    private void setPropertyIfAbsent(String name, String value) {
        if (System.getProperty(name) == null) {
            setProperty(name, value);
        }
    }

    /**
     * Containers for a queue's function: Terraform's maximum concurrency, capped by
     * {@code maxContainersPerFunction}. In AWS every container has its own CPU; here they share
     * this machine's cores, and beyond a few per core more containers only add start-up work.
     */
    private int containers(QueueSettings queue) {
        int cap = settings.maxContainersPerFunction();
        return cap > 0 ? Math.min(cap, queue.maximumConcurrency()) : queue.maximumConcurrency();
    }

    public URI apiBaseUrl() {
        return gateway.baseUrl();
    }

    public Path logFile() {
        return settings.logFile();
    }

    public LocalQueues queues() {
        return queues;
    }

    /** SQS requests so far by action, when counted ({@link StackSettings#countSqsRequests()}); else empty. */
    public Map<String, Long> sqsRequests() {
        return sqsCounter == null ? Map.of() : sqsCounter.counts();
    }

    /** The local SQS itself (ElasticMQ), not through the counting proxy. */
    public URI sqsEndpointDirect() {
        return elasticMq.endpoint();
    }

    /** The local Amazon Connect endpoint the functions place calls through. */
    public ConnectEndpoint connect() {
        return connect;
    }

    /** The functions' clock. */
    public Clock clock() {
        return clock;
    }

    public SimulatedCarrier carrier() {
        return carrier;
    }

    /** Messages the event source mappings delivered to functions so far, by queue (redeliveries included). */
    public Map<String, Long> deliveredMessages() {
        Map<String, Long> counts = new TreeMap<>();
        delivered.forEach((queue, count) -> counts.put(queue, count.sum()));
        return counts;
    }

    /** The database itself, bypassing the proxy: for measurements (e.g. counting server connections). */
    /** A client of the local SQS (ElasticMQ), to send a message as another function would. */
    public SqsClient sqs() {
        return sqs;
    }

    public DataSource directDatabase() {
        return database.direct();
    }

    public Map<String, FunctionRuntime> functions() {
        return Map.copyOf(functions);
    }

    /** What the event source mappings inject (fault tests); nothing unless configured. */
    public Faults faults() {
        return faults;
    }

    /** Also tell {@code listener} what every event source mapping delivers and settles. */
    public void addListener(SqsEventSource.Listener listener) {
        listeners.add(listener);
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
        secrets.putDatabaseSecret(DATABASE_SECRET, database.endpoint().user(), newPassword);
    }

    /** How many times the functions read a secret so far. */
    public int secretReads() {
        return secrets.reads();
    }

    @Override
    public synchronized void close() {
        while (true) {
            AutoCloseable resource;
            synchronized (resources) {
                if (resources.isEmpty()) {
                    break;
                }
                resource = resources.pop();
            }
            closeWithin(resource, Duration.ofSeconds(15));
        }
        previousProperties.forEach((name, value) -> {
            if (value == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, value);
            }
        });
        previousProperties.clear();
        if (originalOut != null) {
            System.setOut(originalOut);
            System.setErr(originalErr);
            JsonLog.redirect(originalOut);
            originalOut = null;
        }
        if (log != null) {
            log.close();
            log = null;
        }
    }

    private Path snapshot(Path jar) {
        try {
            Path directory = Files.createDirectories(workDirectory.resolve("functions"));
            return Files.copy(jar, directory.resolve(jar.getFileName()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + jar, e);
        }
    }

    /** Closes a resource, giving up on it (with a log line) when it hangs, so the rest still stops. */
    private static void closeWithin(AutoCloseable resource, Duration timeout) {
        Thread closer = new Thread(() -> {
            try {
                resource.close();
            } catch (Exception e) {
                LOG.warn("a local resource did not stop cleanly", "error", String.valueOf(e));
            }
        }, "local-stack-close");
        closer.setDaemon(true);
        closer.start();
        try {
            closer.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (closer.isAlive()) {
            LOG.warn("a local resource did not stop in time; leaving it", "resource", String.valueOf(resource),
                    "seconds", timeout.toSeconds());
        }
    }

    /** True while the JVM runs its shutdown hooks (Ctrl-C). */
    private static boolean jvmShuttingDown() {
        Thread probe = new Thread(() -> { });
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }

    private static URL url(Path jar) {
        try {
            return jar.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static ScheduledExecutorService daemonScheduler(String name) {
        return Executors.newSingleThreadScheduledExecutor(daemonThreads(name));
    }

    private static java.util.concurrent.ThreadFactory daemonThreads(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (directory == null || !Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** The region every local endpoint pretends to be in. */
    private static final class LambdaRegion {
        static final String NAME = "us-east-1";
    }
}
