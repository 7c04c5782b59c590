package dev.campaigndialer.status;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.campaigndialer.core.calling.CallTiming;
import dev.campaigndialer.core.domain.CampaignStatus;
import dev.campaigndialer.core.function.FunctionCatalog;
import dev.campaigndialer.core.function.FunctionManifest;
import dev.campaigndialer.core.message.CampaignAccepted;
import dev.campaigndialer.core.message.CampaignFinished;
import dev.campaigndialer.core.message.DialTaskMessage;
import dev.campaigndialer.core.message.Messages;
import dev.campaigndialer.core.queue.QueueSettings;
import dev.campaigndialer.core.queue.QueueTopology;
import dev.campaigndialer.core.sqs.BatchProcessor;
import dev.campaigndialer.core.sqs.QueueUrls;
import dev.campaigndialer.core.sqs.SqsPublisher;
import dev.campaigndialer.core.telephony.SimulatedCarrier;
import dev.campaigndialer.core.time.Clocks;
import dev.campaigndialer.core.time.TimeScale;
import dev.campaigndialer.db.CampaignCompletion;
import dev.campaigndialer.db.DataRetention;
import dev.campaigndialer.db.Database;
import dev.campaigndialer.db.OutboxRelay;
import dev.campaigndialer.db.repository.CampaignRepository;
import dev.campaigndialer.db.testing.ProxiedDatabase;
import dev.campaigndialer.dial.DialService;
import dev.campaigndialer.dispatch.DispatchService;
import dev.campaigndialer.enrich.EnrichService;
import dev.campaigndialer.testkit.ElasticMq;
import dev.campaigndialer.validate.campaign.CampaignService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The whole pipeline in one process: every step's service against a real database behind the
 * local proxy and real ElasticMQ queues (short visibility timeouts), one shared simulated carrier,
 * and a worker pool per queue that behaves like Lambda's SQS event source mapping: each worker is
 * one "container" with its own database pool (one connection, through the proxy); it receives up
 * to the queue's batch size, runs the step on each message, and when the "invocation" returns
 * deletes the messages that succeeded (a partial batch response); a failed message is left for
 * redelivery. The business clock starts inside every US calling window.
 *
 * <p>Fault tests add, through {@link Setup} and the fluent options: dead-letter queues with
 * {@link QueueTopology}'s {@code maxReceiveCount}, a short visibility timeout, a database of their
 * own, a report step, seeded random duplicate delivery, and invocations that crash mid-batch.
 */
public final class Pipeline implements AutoCloseable {

    /** 14:00 in New York, 09:00 in Honolulu: inside a 09:00-20:00 window in every US zone. */
    public static final Instant IN_WINDOW = Instant.parse("2026-11-23T19:00:00Z");

    /** How an invocation dies after {@code k} messages of its batch. */
    public enum Crash {
        /**
         * An exception escapes the handler: Lambda reports a function error and the event source
         * mapping deletes nothing, so the whole batch returns, the {@code k} processed ones included.
         */
        EXCEPTION_ESCAPES,
        /**
         * The invocation is abandoned mid-way, as on a timeout: message {@code k + 1} is left running
         * on a detached thread that nobody waits for, nothing is deleted, and the batch returns after
         * the visibility timeout, possibly while that abandoned work is still going.
         */
        INVOCATION_ABANDONED
    }

    /** One received batch and which of its messages the invocation reported as done. */
    public record Batch(String queue, List<Message> messages, Set<String> succeeded, Crash crash) {
    }

    /** A crash the harness caused: which queue, after how many of how many messages. */
    public record CrashEvent(String queue, Crash crash, int after, int of) {
    }

    /** Options that must be known before the queues and the database exist. */
    public static final class Setup {
        private ProxiedDatabase database;
        private int visibilityTimeoutSeconds = 3;
        private boolean deadLetterQueues;

        /** Use this database (e.g. on a dedicated server and proxy) instead of a new one on the shared ones. */
        public Setup database(ProxiedDatabase database) {
            this.database = database;
            return this;
        }

        /** How long a received message stays invisible: how soon a failed or crashed one comes back. */
        public Setup visibilityTimeoutSeconds(int seconds) {
            this.visibilityTimeoutSeconds = seconds;
            return this;
        }

        /** Each queue gets {@code <queue>-dlq} and a RedrivePolicy with QueueTopology's maxReceiveCount. */
        public Setup deadLetterQueues() {
            this.deadLetterQueues = true;
            return this;
        }
    }

    public static Setup setup() {
        return new Setup();
    }

    public final ProxiedDatabase proxied;
    public final Database database;
    public final ElasticMq elasticMq = ElasticMq.start();
    public final SqsClient sqs = SqsClient.builder().endpointOverride(elasticMq.endpoint()).region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
            .httpClient(UrlConnectionHttpClient.create()).build();
    public final SqsPublisher publisher = new SqsPublisher(sqs);
    public final Clock clock = Clocks.startingAt(IN_WINDOW);
    /** Every queue's URL by name; each step is given only its function's ({@link #queuesOf}). */
    public final Map<String, String> queueUrls;
    public final SimulatedCarrier carrier;
    public final CampaignService campaigns;
    public final MinuteSweep sweep;
    public final ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
    final Map<String, AtomicInteger> processed = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> failed = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> duplicated = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> batches = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> receives = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<CrashEvent> crashEvents = new ConcurrentLinkedQueue<>();
    private final Map<String, String> deadLetterUrls = new HashMap<>();
    private final List<Database> workerDatabases = new CopyOnWriteArrayList<>();
    private volatile Consumer<UUID> reportStep = campaign -> { };
    private final Map<String, Integer> workers = new HashMap<>();
    private final ExecutorService abandoned = Executors.newCachedThreadPool();

    private volatile boolean duplicateEverything;
    private volatile double duplicateFraction;
    private volatile Random duplicateRandom;
    private volatile Crash crash;
    private volatile int crashBatches;
    private volatile int[] crashAfter = {};
    private volatile Consumer<Batch> batchListener = batch -> { };
    private final Set<String> held = ConcurrentHashMap.newKeySet();

    public Pipeline(SimulatedCarrier carrier) {
        this(carrier, new Setup());
    }

    public Pipeline(SimulatedCarrier carrier, Setup setup) {
        this.carrier = carrier;
        this.proxied = setup.database != null ? setup.database : ProxiedDatabase.create("pipeline");
        this.database = proxied.open();
        Map<String, String> urls = new HashMap<>();
        for (QueueSettings queue : QueueTopology.all()) {
            Map<QueueAttributeName, String> attributes = new HashMap<>();
            attributes.put(QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(setup.visibilityTimeoutSeconds));
            if (setup.deadLetterQueues) {
                String dlq = sqs.createQueue(request -> request.queueName(queue.deadLetterName())).queueUrl();
                deadLetterUrls.put(queue.name(), dlq);
                String arn = sqs.getQueueAttributes(request -> request.queueUrl(dlq)
                        .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
                attributes.put(QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + arn
                        + "\",\"maxReceiveCount\":\"" + queue.maxReceiveCount() + "\"}");
            }
            urls.put(queue.name(), sqs.createQueue(request -> request.queueName(queue.name())
                    .attributes(attributes)).queueUrl());
        }
        queueUrls = Map.copyOf(urls);
        QueueUrls validate = queuesOf(FunctionCatalog.VALIDATE_CAMPAIGN);
        campaigns = new CampaignService(database.jdbi(), new OutboxRelay(database.jdbi(), publisher, validate, clock), clock);
        QueueUrls sweeping = queuesOf(FunctionCatalog.MINUTE_SWEEP);
        var relay = new OutboxRelay(database.jdbi(), publisher, sweeping, clock);
        var completion = new CampaignCompletion(database.jdbi(), relay, clock);
        sweep = new MinuteSweep(database.jdbi(), publisher, sweeping, relay, completion,
                new MinuteSweep.Thresholds(Duration.ofSeconds(20), Duration.ofSeconds(5), Duration.ofMinutes(5)),
                new DataRetention(database.jdbi(), DataRetention.Policy.retainingDays(DataRetention.DEFAULT_RETENTION_DAYS),
                        DataRetention.Limits.defaults(), clock), clock);
        QueueTopology.all().forEach(queue -> workers.put(queue.name(), 2));
        // Report messages stay on their queue so tests can count them, unless a report step is given.
        workers.put(QueueTopology.REPORT, 0);
    }

    /**
     * One step of the pipeline: an invocation's worth of message bodies in, the bodies whose
     * messages return to the queue out (an exception fails them all), as a handler answers.
     */
    @FunctionalInterface
    interface Step {
        Set<String> run(List<String> bodies);
    }

    /**
     * One worker's steps over its own database connection pool, as one Lambda container of each
     * function has its own (one connection, through the proxy). The SQS steps go through the
     * handlers' {@link BatchProcessor}, so a batch is processed together as in Lambda.
     */
    private Map<String, Step> stepsFor(Database own) {
        var dispatch = new DispatchService(own.jdbi(), publisher, queuesOf(FunctionCatalog.DISPATCHER), clock,
                Duration.ofSeconds(5), 1000);
        QueueUrls enriching = queuesOf(FunctionCatalog.ENRICH_DIAL_TASK);
        var enrich = new EnrichService(own.jdbi(), publisher, enriching, completion(own, enriching), CallTiming.DEFAULT,
                clock);
        QueueUrls dialling = queuesOf(FunctionCatalog.DIALER_WORKER);
        var dial = new DialService(own.jdbi(), carrier, publisher, dialling, completion(own, dialling),
                new DialService.Pacing(Duration.ZERO, Duration.ofSeconds(1)), CallTiming.DEFAULT, clock);
        QueueUrls checking = queuesOf(FunctionCatalog.STATUS_CHECKER);
        var relay = new OutboxRelay(own.jdbi(), publisher, checking, clock);
        var status = new StatusService(own.jdbi(), carrier, publisher, checking, relay,
                new CampaignCompletion(own.jdbi(), relay, clock),
                new StatusService.Polling(Duration.ZERO, Duration.ofMinutes(15), TimeScale.REAL_TIME), clock);
        Map<String, Step> steps = new HashMap<>();
        steps.put(QueueTopology.DISPATCH, oneByOne(body -> dispatch.dispatch(
                Messages.read(body, CampaignAccepted.class).campaignId(), Instant.now().plusSeconds(300))));
        steps.put(QueueTopology.ENRICH, together(enrich::enrichAll));
        steps.put(QueueTopology.DIAL, together(dial::dialAll));
        steps.put(QueueTopology.STATUS, together(status::checkAll));
        Consumer<UUID> report = reportStep;
        steps.put(QueueTopology.REPORT, oneByOne(body -> report.accept(
                Messages.read(body, CampaignFinished.class).campaignId())));
        return steps;
    }

    /** Each step sends only where its function may (FunctionCatalog), as it would in AWS. */
    public QueueUrls queuesOf(FunctionManifest function) {
        return QueueUrls.forFunction(function, queueUrls);
    }

    private CampaignCompletion completion(Database own, QueueUrls queues) {
        return new CampaignCompletion(own.jdbi(), new OutboxRelay(own.jdbi(), publisher, queues, clock), clock);
    }

    private static Step oneByOne(Consumer<String> work) {
        return bodies -> failures(bodies, new BatchProcessor().process(event(bodies), dev.campaigndialer.testkit.TestLambdaContext.of("pipeline"),
                message -> work.accept(message.getBody())));
    }

    private static Step together(BatchProcessor.BatchWork<UUID> work) {
        return bodies -> failures(bodies, new BatchProcessor().processTogether(event(bodies), dev.campaigndialer.testkit.TestLambdaContext.of("pipeline"),
                message -> Messages.read(message.getBody(), DialTaskMessage.class).taskId(), work));
    }

    /** Message ids are the bodies' positions in the invocation. */
    private static SQSEvent event(List<String> bodies) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (int i = 0; i < bodies.size(); i++) {
            var message = new SQSEvent.SQSMessage();
            message.setMessageId(Integer.toString(i));
            message.setBody(bodies.get(i));
            records.add(message);
        }
        var event = new SQSEvent();
        event.setRecords(records);
        return event;
    }

    private static Set<String> failures(List<String> bodies, SQSBatchResponse response) {
        return response.getBatchItemFailures().stream()
                .map(failure -> bodies.get(Integer.parseInt(failure.getItemIdentifier())))
                .collect(Collectors.toSet());
    }

    /**
     * Closes every pooled connection (the workers' and the shared one) so the next use logs in
     * again, as HikariCP's maxLifetime or a new Lambda container would.
     */
    public void evictConnections() {
        database.evictConnections();
        workerDatabases.forEach(Database::evictConnections);
    }

    public Pipeline workers(String queue, int count) {
        workers.put(queue, count);
        return this;
    }

    /** Every received message is processed twice, concurrently: at-least-once delivery at its worst. */
    public Pipeline duplicateEverything() {
        duplicateEverything = true;
        return this;
    }

    /**
     * A seeded random {@code fraction} of received messages is delivered twice: half of those are
     * processed twice concurrently, the other half get a copy sent back to their queue (a late
     * second delivery, after the first may have finished). Which messages are hit depends on thread
     * interleaving; the fraction does not.
     */
    public Pipeline duplicate(double fraction, long seed) {
        duplicateRandom = new Random(seed);
        duplicateFraction = fraction;
        return this;
    }

    /** Consumes the report queue with this step (e.g. ReportService::store), one worker. */
    public Pipeline reportStep(Consumer<UUID> store) {
        reportStep = store;
        workers.put(QueueTopology.REPORT, 1);
        return this;
    }

    /**
     * The first {@code batchesPerQueue} batches received on every queue crash after
     * {@code k = afterK[i % afterK.length]} messages, the i-th batch using the i-th k, capped at
     * {@code size - 1} for a batch of several messages (so one is always left unprocessed) and at 1 for
     * a single message (which then crashes after it was processed, before its deletion).
     */
    public Pipeline crashes(Crash mode, int batchesPerQueue, int... afterK) {
        crashAfter = afterK.clone();
        crashBatches = batchesPerQueue;
        crash = mode;
        return this;
    }

    /** The queue's workers receive nothing until {@link #release}: lets messages pile up (an event source mapping switched off). */
    public Pipeline hold(String... queues) {
        held.addAll(List.of(queues));
        return this;
    }

    public Pipeline release(String queue) {
        held.remove(queue);
        return this;
    }

    /** Called for every received batch once its invocation returned or crashed. */
    public Pipeline onBatch(Consumer<Batch> listener) {
        batchListener = listener;
        return this;
    }

    /** Submits a campaign through the owner API's service; returns its id. */
    public UUID submit(String owner, String body) {
        var response = campaigns.submit(owner, java.util.Optional.empty(), body);
        if (response.status() != 201) {
            throw new AssertionError("submission failed: " + response.body());
        }
        return UUID.fromString(dev.campaigndialer.core.json.Json.read(response.body(), Map.class).get("campaignId").toString());
    }

    /** Each contact's latest task: phone → (status, attempt). */
    public Map<String, String> finalOutcomes(UUID campaign) {
        Map<String, String> outcomes = new HashMap<>();
        database.jdbi().useHandle(handle -> handle.createQuery("""
                SELECT DISTINCT ON (c.id) c.phone_e164, t.status, t.attempt FROM contacts c
                JOIN dial_tasks t ON t.contact_id = c.id WHERE c.campaign_id = :id
                ORDER BY c.id, t.attempt DESC""").bind("id", campaign)
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2) + "/" + rs.getInt(3)))
                .forEach(entry -> outcomes.put(entry.getKey(), entry.getValue())));
        return outcomes;
    }

    /** Runs every queue's workers until all the campaigns are COMPLETED (or the timeout). */
    public void runUntilCompleted(List<UUID> campaignIds, Duration timeout) throws Exception {
        try (Running running = start()) {
            running.await(() -> campaignIds.stream().allMatch(id -> status(id) == CampaignStatus.COMPLETED), timeout);
        }
    }

    /** Starts the workers and a sweeper; close the result to stop them. */
    public Running start() {
        return new Running();
    }

    /** The pipeline at work in the background. */
    public final class Running implements AutoCloseable {
        private final ExecutorService pool = Executors.newCachedThreadPool();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<Future<?>> futures = new ArrayList<>();

        private Running() {
            workers.forEach((queue, count) -> {
                for (int i = 0; i < count; i++) {
                    futures.add(pool.submit(() -> poll(queue, running)));
                }
            });
            futures.add(pool.submit(() -> {
                while (running.get()) {
                    try {
                        sweep.sweep();
                    } catch (RuntimeException e) {
                        errors.add(e);
                    }
                    pause(200);
                }
            }));
        }

        /** Waits until the condition holds; fails with what was processed when it times out. */
        public void await(java.util.function.BooleanSupplier condition, Duration timeout) throws InterruptedException {
            Instant deadline = Instant.now().plus(timeout);
            while (!condition.getAsBoolean()) {
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("condition not reached within " + timeout + "; processed " + processed
                            + "; errors " + errors.stream().limit(3).toList());
                }
                Thread.sleep(100);
            }
        }

        @Override
        public void close() throws Exception {
            running.set(false);
            for (Future<?> future : futures) {
                future.get();
            }
            pool.shutdownNow();
        }
    }

    /** Thrown out of an invocation by {@link Crash#EXCEPTION_ESCAPES}. */
    private static final class SimulatedCrash extends RuntimeException {
        SimulatedCrash(String message) {
            super(message, null, false, false);
        }
    }

    private void poll(String queue, AtomicBoolean running) {
        try (Database own = proxied.open()) {
            workerDatabases.add(own);
            try {
                poll(queue, stepsFor(own).get(queue), running);
            } finally {
                workerDatabases.remove(own);
            }
        }
    }

    private void poll(String queue, Step step, AtomicBoolean running) {
        String url = queueUrls.get(queue);
        int batchSize = QueueTopology.of(queue).batchSize();
        while (running.get()) {
            if (held.contains(queue)) {
                pause(50);
                continue;
            }
            List<Message> messages;
            try {
                messages = sqs.receiveMessage(request -> request.queueUrl(url).maxNumberOfMessages(batchSize)
                        .waitTimeSeconds(0)).messages();
            } catch (RuntimeException e) {
                errors.add(e);
                pause(200);
                continue;
            }
            if (messages.isEmpty()) {
                pause(50);
                continue;
            }
            messages.forEach(message -> receives.computeIfAbsent(message.messageId(), id -> new AtomicInteger())
                    .incrementAndGet());
            int batch = batches.computeIfAbsent(queue, name -> new AtomicInteger()).getAndIncrement();
            Crash mode = crash;
            int[] after = crashAfter;
            int crashAfterK = mode != null && batch < crashBatches && after.length > 0
                    ? crashPoint(after[batch % after.length], messages.size()) : -1;
            Set<String> succeeded = ConcurrentHashMap.newKeySet();
            try {
                invoke(queue, url, step, messages, crashAfterK, mode, succeeded);
            } catch (SimulatedCrash e) {
                // Lambda reports a function error; the event source mapping deletes nothing.
                crashEvents.add(new CrashEvent(queue, mode, crashAfterK, messages.size()));
                batchListener.accept(new Batch(queue, messages, Set.of(), mode));
                continue;
            }
            if (crashAfterK >= 0) {
                // Abandoned: nothing deleted, the whole batch comes back after the visibility timeout.
                crashEvents.add(new CrashEvent(queue, mode, crashAfterK, messages.size()));
                batchListener.accept(new Batch(queue, messages, Set.of(), mode));
                continue;
            }
            delete(url, messages.stream().filter(message -> succeeded.contains(message.messageId())).toList());
            batchListener.accept(new Batch(queue, messages, Set.copyOf(succeeded), null));
        }
    }

    /** k capped so that a batch of several messages always dies before its last one; a single one may die after it. */
    private static int crashPoint(int k, int size) {
        return size == 1 ? Math.min(k, 1) : Math.min(k, size - 1);
    }

    /**
     * One invocation over a batch; {@code crashAfterK >= 0} makes it die after that many messages:
     * the first {@code k} are processed together, then the invocation dies.
     */
    private void invoke(String queue, String url, Step step, List<Message> messages, int crashAfterK,
            Crash mode, Set<String> succeeded) {
        int processedCount = crashAfterK >= 0 ? Math.min(crashAfterK, messages.size()) : messages.size();
        process(queue, url, step, messages.subList(0, processedCount), succeeded);
        if (crashAfterK < 0) {
            return;
        }
        if (mode == Crash.EXCEPTION_ESCAPES) {
            throw new SimulatedCrash("simulated crash after " + processedCount + " of " + messages.size() + " on " + queue);
        }
        if (crashAfterK < messages.size()) {
            Message next = messages.get(crashAfterK);
            abandoned.submit(() -> process(queue, url, step, List.of(next), ConcurrentHashMap.newKeySet()));
        }
    }

    /** Runs the step over the messages (some delivered twice, see {@link #duplicate}); adds the ids that succeeded. */
    private void process(String queue, String url, Step step, List<Message> messages, Set<String> succeeded) {
        if (messages.isEmpty()) {
            return;
        }
        List<String> twins = new ArrayList<>();
        Random random = duplicateRandom;
        for (Message message : messages) {
            if (duplicateEverything) {
                twins.add(message.body());
            } else if (random != null) {
                double draw = random.nextDouble();
                if (draw < duplicateFraction / 2) {
                    twins.add(message.body());
                    duplicated.computeIfAbsent(queue, name -> new AtomicInteger()).incrementAndGet();
                } else if (draw < duplicateFraction) {
                    sqs.sendMessage(request -> request.queueUrl(url).messageBody(message.body()));
                    duplicated.computeIfAbsent(queue, name -> new AtomicInteger()).incrementAndGet();
                }
            }
        }
        List<String> bodies = messages.stream().map(Message::body).toList();
        Set<String> failedBodies;
        try {
            // A twin delivery is a second invocation with the same messages running at the same time.
            var twin = twins.isEmpty() ? CompletableFuture.completedFuture(Set.<String>of())
                    : CompletableFuture.supplyAsync(() -> step.run(twins));
            failedBodies = step.run(bodies);
            twin.join();
        } catch (RuntimeException e) {
            errors.add(e);
            failedBodies = Set.copyOf(bodies);
        }
        for (Message message : messages) {
            if (failedBodies.contains(message.body())) {
                failed.computeIfAbsent(queue, name -> new AtomicInteger()).incrementAndGet();
            } else {
                processed.computeIfAbsent(queue, name -> new AtomicInteger()).incrementAndGet();
                succeeded.add(message.messageId());
            }
        }
    }

    private void delete(String url, List<Message> done) {
        if (done.isEmpty()) {
            return;
        }
        try {
            List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < done.size(); i++) {
                entries.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(i))
                        .receiptHandle(done.get(i).receiptHandle()).build());
            }
            // A stale receipt handle (the message came back meanwhile) fails its entry only; the
            // later receiver deletes it.
            sqs.deleteMessageBatch(request -> request.queueUrl(url).entries(entries));
        } catch (RuntimeException e) {
            errors.add(e);
        }
    }

    public CampaignStatus status(UUID id) {
        return database.jdbi().withExtension(CampaignRepository.class, repository -> repository.find(id))
                .orElseThrow().status();
    }

    public int reportMessages() {
        int count = 0;
        while (true) {
            var messages = sqs.receiveMessage(r -> r.queueUrl(queueUrls.get(QueueTopology.REPORT)).maxNumberOfMessages(10)
                    .visibilityTimeout(60)).messages();
            if (messages.isEmpty()) {
                return count;
            }
            count += messages.size();
        }
    }

    /** The dead-letter queue's URL ({@link Setup#deadLetterQueues()} only). */
    public String deadLetterUrl(String queue) {
        String url = deadLetterUrls.get(queue);
        if (url == null) {
            throw new IllegalStateException("no dead-letter queue: build the pipeline with setup().deadLetterQueues()");
        }
        return url;
    }

    /** Receives everything in a queue's DLQ (hidden for a minute, so each message is seen once). */
    public List<Message> deadLetters(String queue) {
        List<Message> all = new ArrayList<>();
        while (true) {
            var messages = sqs.receiveMessage(r -> r.queueUrl(deadLetterUrl(queue)).maxNumberOfMessages(10)
                    .visibilityTimeout(60)).messages();
            if (messages.isEmpty()) {
                return all;
            }
            all.addAll(messages);
        }
    }

    /** How many times the workers received a message (by SQS message id). */
    public int receiveCount(String messageId) {
        AtomicInteger count = receives.get(messageId);
        return count == null ? 0 : count.get();
    }

    /** The most times any one message was received. */
    public int mostReceives() {
        return receives.values().stream().mapToInt(AtomicInteger::get).max().orElse(0);
    }

    /** Messages whose step failed (they return to the queue), by queue. */
    public Map<String, Integer> failedMessages() {
        return snapshot(failed);
    }

    /** Extra deliveries {@link #duplicate} added, by queue. */
    public Map<String, Integer> duplicatedMessages() {
        return snapshot(duplicated);
    }

    /** Messages processed successfully, by queue. */
    public Map<String, Integer> processedMessages() {
        return snapshot(processed);
    }

    /** The crashes {@link #crashes} caused, in order. */
    public List<CrashEvent> crashEvents() {
        return List.copyOf(crashEvents);
    }

    private static Map<String, Integer> snapshot(Map<String, AtomicInteger> counters) {
        return counters.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().get()));
    }

    public <T> List<T> query(String sql, Class<T> type) {
        return database.jdbi().withHandle(handle -> handle.createQuery(sql).mapTo(type).list());
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        abandoned.shutdown();
        try {
            abandoned.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        database.close();
        sqs.close();
        elasticMq.close();
    }
}
