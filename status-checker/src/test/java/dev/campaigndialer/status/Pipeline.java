package dev.campaigndialer.status;

import dev.campaigndialer.core.domain.CampaignStatus;
import dev.campaigndialer.core.message.CampaignAccepted;
import dev.campaigndialer.core.message.DialTaskMessage;
import dev.campaigndialer.core.message.Messages;
import dev.campaigndialer.core.queue.QueueSettings;
import dev.campaigndialer.core.queue.QueueTopology;
import dev.campaigndialer.core.sqs.QueueUrls;
import dev.campaigndialer.core.sqs.SqsPublisher;
import dev.campaigndialer.core.telephony.SimulatedCarrier;
import dev.campaigndialer.core.time.Clocks;
import dev.campaigndialer.db.CampaignCompletion;
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
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The whole pipeline in one process: every step's service against a real database behind the
 * local proxy and real ElasticMQ queues (short visibility timeouts), one shared simulated carrier,
 * and a worker pool per queue that receives, processes and deletes like Lambda's event source
 * mapping (a failed message is left for redelivery). The business clock starts inside every US
 * calling window.
 */
public final class Pipeline implements AutoCloseable {

    /** 14:00 in New York, 09:00 in Honolulu: inside a 09:00-20:00 window in every US zone. */
    public static final Instant IN_WINDOW = Instant.parse("2026-11-23T19:00:00Z");

    public final ProxiedDatabase proxied = ProxiedDatabase.create("pipeline");
    public final Database database = proxied.open();
    public final ElasticMq elasticMq = ElasticMq.start();
    public final SqsClient sqs = SqsClient.builder().endpointOverride(elasticMq.endpoint()).region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
            .httpClient(UrlConnectionHttpClient.create()).build();
    public final SqsPublisher publisher = new SqsPublisher(sqs);
    public final Clock clock = Clocks.startingAt(IN_WINDOW);
    public final QueueUrls queues;
    public final SimulatedCarrier carrier;
    public final CampaignService campaigns;
    public final MinuteSweep sweep;
    public final ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
    final Map<String, AtomicInteger> processed = new ConcurrentHashMap<>();
    private final Map<String, Consumer<String>> steps = new HashMap<>();
    private final Map<String, Integer> workers = new HashMap<>();
    private volatile boolean duplicateEverything;

    public Pipeline(SimulatedCarrier carrier) {
        this.carrier = carrier;
        Map<String, String> urls = new HashMap<>();
        for (QueueSettings queue : QueueTopology.all()) {
            urls.put(queue.name(), sqs.createQueue(request -> request.queueName(queue.name())
                    .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "3"))).queueUrl());
        }
        queues = QueueUrls.of(urls);
        var relay = new OutboxRelay(database.jdbi(), publisher, queues, clock);
        var completion = new CampaignCompletion(database.jdbi(), relay, clock);
        campaigns = new CampaignService(database.jdbi(), relay, clock);
        sweep = new MinuteSweep(database.jdbi(), publisher, queues, relay, completion,
                new MinuteSweep.Thresholds(Duration.ofSeconds(20), Duration.ofSeconds(5), Duration.ofMinutes(5)), clock);
        var dispatch = new DispatchService(database.jdbi(), publisher, queues, clock, Duration.ofSeconds(5), 1000);
        var enrich = new EnrichService(database.jdbi(), publisher, queues, completion, clock);
        var dial = new DialService(database.jdbi(), carrier, publisher, queues, completion,
                new DialService.Pacing(Duration.ZERO, Duration.ofSeconds(1)), clock);
        var status = new StatusService(database.jdbi(), carrier, publisher, queues, relay, completion,
                new StatusService.Polling(Duration.ZERO, Duration.ofMinutes(15)), clock);
        steps.put(QueueTopology.DISPATCH, body -> dispatch.dispatch(
                Messages.read(body, CampaignAccepted.class).campaignId(), Instant.now().plusSeconds(300)));
        steps.put(QueueTopology.ENRICH, body -> enrich.enrich(Messages.read(body, DialTaskMessage.class).taskId()));
        steps.put(QueueTopology.DIAL, body -> dial.dial(Messages.read(body, DialTaskMessage.class).taskId()));
        steps.put(QueueTopology.STATUS, body -> status.check(Messages.read(body, DialTaskMessage.class).taskId()));
        steps.put(QueueTopology.REPORT, body -> { });
        QueueTopology.all().forEach(queue -> workers.put(queue.name(), 2));
        // Report messages stay on their queue so tests can count them.
        workers.put(QueueTopology.REPORT, 0);
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
        private final java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
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

    private void poll(String queue, java.util.concurrent.atomic.AtomicBoolean running) {
        String url = queues.url(queue);
        Consumer<String> step = steps.get(queue);
        while (running.get()) {
            List<Message> messages = sqs.receiveMessage(request -> request.queueUrl(url).maxNumberOfMessages(10)
                    .waitTimeSeconds(0)).messages();
            if (messages.isEmpty()) {
                pause(50);
                continue;
            }
            for (Message message : messages) {
                try {
                    if (duplicateEverything) {
                        var twin = java.util.concurrent.CompletableFuture.runAsync(() -> step.accept(message.body()));
                        step.accept(message.body());
                        twin.join();
                    } else {
                        step.accept(message.body());
                    }
                    processed.computeIfAbsent(queue, name -> new AtomicInteger()).incrementAndGet();
                    sqs.deleteMessage(request -> request.queueUrl(url).receiptHandle(message.receiptHandle()));
                } catch (RuntimeException e) {
                    errors.add(e);
                }
            }
        }
    }

    public CampaignStatus status(UUID id) {
        return database.jdbi().withExtension(CampaignRepository.class, repository -> repository.find(id))
                .orElseThrow().status();
    }

    public int reportMessages() {
        int count = 0;
        while (true) {
            var messages = sqs.receiveMessage(r -> r.queueUrl(queues.url(QueueTopology.REPORT)).maxNumberOfMessages(10)
                    .visibilityTimeout(60)).messages();
            if (messages.isEmpty()) {
                return count;
            }
            count += messages.size();
        }
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
        database.close();
        sqs.close();
        elasticMq.close();
    }
}
