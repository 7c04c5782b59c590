package dev.campaigndialer.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.campaigndialer.core.config.Env;
import dev.campaigndialer.core.calling.CallTiming;
import dev.campaigndialer.core.domain.CampaignStatus;
import dev.campaigndialer.core.function.FunctionCatalog;
import dev.campaigndialer.core.function.FunctionManifest;
import dev.campaigndialer.core.json.Json;
import dev.campaigndialer.core.message.CampaignAccepted;
import dev.campaigndialer.core.message.CampaignFinished;
import dev.campaigndialer.core.message.DialTaskMessage;
import dev.campaigndialer.core.message.Messages;
import dev.campaigndialer.core.queue.QueueSettings;
import dev.campaigndialer.core.queue.QueueTopology;
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
import dev.campaigndialer.db.repository.DncRepository;
import dev.campaigndialer.db.repository.OutboxRepository;
import dev.campaigndialer.testkit.ProxiedDatabase;
import dev.campaigndialer.dial.DialService;
import dev.campaigndialer.dispatch.DispatchService;
import dev.campaigndialer.enrich.EnrichService;
import dev.campaigndialer.status.MinuteSweep;
import dev.campaigndialer.status.StatusService;
import dev.campaigndialer.localaws.ElasticMq;
import dev.campaigndialer.validate.campaign.CampaignControls;
import dev.campaigndialer.validate.campaign.CampaignService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Each function's real sends reach their queue at once when the function is given exactly the
 * queues FunctionCatalog declares for it (as Terraform and the local stack give them): resume
 * re-sends to DIAL and cancel to REPORT from validate-campaign; enrich-dial-task and dialer-worker
 * request the report when they end a campaign's last task; status-checker polls again, retries
 * through ENRICH and requests the report. Nothing here runs the minute sweep, so a message that
 * arrives was sent by the function itself, and no outbox row is left for the sweep: an undeclared
 * queue would leave its row unsent (the relay's error is only logged) and fail these assertions.
 *
 * <p>The services run in this process, each built as its handler builds it, rather than from the
 * jars on the local stack: the test drives one step at a time and reads each queue in between,
 * which the stack's always-running event source mappings and sweep would race.
 */
class EachFunctionSendsWhereItsDeclarationSaysTest {

    private static Wiring pipeline;

    @BeforeAll
    static void start() {
        // One IN_PROGRESS answer before each outcome, so the status checker polls again.
        pipeline = new Wiring(new SimulatedCarrier(0, 1));
    }

    @AfterAll
    static void stop() {
        pipeline.close();
    }

    @Test
    void validateCampaignSendsAcceptedToDispatchResumeToDialAndCancelToReport() {
        UUID campaign = pipeline.submit("vera", CallingPipelineTest.campaign(1, 5, List.of("+12125550110")));
        assertThat(take(QueueTopology.DISPATCH, campaign)).containsExactly(Messages.write(CampaignAccepted.of(campaign)));
        UUID task = readyTask(campaign);
        CampaignControls controls = controls();

        controls.pause("vera", campaign);
        controls.resume("vera", campaign);
        assertThat(take(QueueTopology.DIAL, campaign)).as("resume re-sends the parked task")
                .containsExactly(Messages.write(DialTaskMessage.of(task, campaign)));

        controls.cancel("vera", campaign);
        assertThat(take(QueueTopology.REPORT, campaign)).containsExactly(Messages.write(CampaignFinished.of(campaign)));
        assertThat(unsentOutboxRows()).as("outbox rows left for the sweep").isZero();
    }

    @Test
    void enrichDialTaskRequestsTheReportWhenItSuppressesTheLastTask() {
        UUID campaign = pipeline.submit("erin", CallingPipelineTest.campaign(1, 5, List.of("+13125550111")));
        List<UUID> tasks = dispatch(campaign);
        onDncList("erin", "+13125550111");

        var results = enrich().enrichAll(tasks);

        assertThat(results.values()).containsExactly(EnrichService.Result.SUPPRESSED);
        assertThat(pipeline.status(campaign)).isEqualTo(CampaignStatus.COMPLETED);
        assertThat(take(QueueTopology.REPORT, campaign)).containsExactly(Messages.write(CampaignFinished.of(campaign)));
        assertThat(unsentOutboxRows()).isZero();
    }

    @Test
    void dialerWorkerSendsToStatusAndRequestsTheReportWhenItSuppressesTheLastTask() {
        UUID placed = pipeline.submit("dina", CallingPipelineTest.campaign(1, 5, List.of("+13035550112")));
        UUID placedTask = readyTask(placed);
        UUID suppressed = pipeline.submit("dina", CallingPipelineTest.campaign(1, 5, List.of("+14155550113")));
        UUID suppressedTask = readyTask(suppressed);
        onDncList("dina", "+14155550113");

        var results = dial().dialAll(List.of(placedTask, suppressedTask));

        assertThat(results).containsEntry(placedTask, DialService.Result.PLACED)
                .containsEntry(suppressedTask, DialService.Result.SUPPRESSED);
        assertThat(take(QueueTopology.STATUS, placed)).containsExactly(Messages.write(DialTaskMessage.of(placedTask, placed)));
        assertThat(pipeline.status(suppressed)).isEqualTo(CampaignStatus.COMPLETED);
        assertThat(take(QueueTopology.REPORT, suppressed)).containsExactly(Messages.write(CampaignFinished.of(suppressed)));
        assertThat(unsentOutboxRows()).isZero();
    }

    @Test
    void statusCheckerPollsAgainRetriesThroughEnrichAndRequestsTheReport() {
        // Ends in 7: NO_ANSWER on every attempt; two attempts allowed.
        UUID campaign = pipeline.submit("stan", CallingPipelineTest.campaign(2, 5, List.of("+18085550117")));
        UUID first = readyTask(campaign);
        StatusService status = status();

        dialAndTakeStatusMessage(campaign, first);
        assertThat(status.checkAll(List.of(first))).containsEntry(first, StatusService.Result.IN_PROGRESS);
        assertThat(take(QueueTopology.STATUS, campaign)).as("polls again")
                .containsExactly(Messages.write(DialTaskMessage.of(first, campaign)));
        status.checkAll(List.of(first));
        List<String> retry = take(QueueTopology.ENRICH, campaign);
        assertThat(retry).as("the second attempt goes to enrich").hasSize(1);
        UUID second = Messages.read(retry.get(0), DialTaskMessage.class).taskId();

        enrich().enrichAll(List.of(second));
        take(QueueTopology.DIAL, campaign);
        dialAndTakeStatusMessage(campaign, second);
        status.checkAll(List.of(second));
        status.checkAll(List.of(second));

        assertThat(pipeline.status(campaign)).isEqualTo(CampaignStatus.COMPLETED);
        assertThat(take(QueueTopology.REPORT, campaign)).containsExactly(Messages.write(CampaignFinished.of(campaign)));
        assertThat(unsentOutboxRows()).isZero();
    }

    @Test
    void leftBehindRowsAreRelayedByAFunctionThatMaySendThemAndTheSweepRelaysTheRest() {
        UUID marker = UUID.randomUUID();
        Instant longAgo = pipeline.clock.instant().minus(Duration.ofHours(1));
        pipeline.database.jdbi().useExtension(OutboxRepository.class, outbox -> {
            for (QueueSettings queue : QueueTopology.all()) {
                outbox.add(UUID.randomUUID(), queue.name(), Messages.write(CampaignAccepted.of(marker)), 0, longAgo);
            }
        });

        int byApi = relay(FunctionCatalog.VALIDATE_CAMPAIGN).relayStale(Duration.ofSeconds(30), 100);
        assertThat(byApi).as("validate-campaign relays the rows of dispatch, dial and report").isEqualTo(3);
        assertThat(unsentOutboxRows()).as("enrich and status rows wait for the sweep").isEqualTo(2);

        pipeline.sweep.sweep();
        assertThat(unsentOutboxRows()).isZero();
        for (QueueSettings queue : QueueTopology.all()) {
            assertThat(take(queue.name(), marker)).as("left-behind row for %s", queue.name()).hasSize(1);
        }
    }

    // ----------------------------------------------------------------------------------------------
    // Each step as its handler builds it: with its own function's queues and nothing else
    // ----------------------------------------------------------------------------------------------

    private static OutboxRelay relay(FunctionManifest function) {
        return new OutboxRelay(pipeline.database.jdbi(), pipeline.publisher, pipeline.queuesOf(function), pipeline.clock);
    }

    private static CampaignCompletion completion(FunctionManifest function) {
        return new CampaignCompletion(pipeline.database.jdbi(), relay(function), pipeline.clock);
    }

    private static CampaignControls controls() {
        return new CampaignControls(pipeline.database.jdbi(), relay(FunctionCatalog.VALIDATE_CAMPAIGN),
                completion(FunctionCatalog.VALIDATE_CAMPAIGN), pipeline.clock);
    }

    private static EnrichService enrich() {
        QueueUrls queues = pipeline.queuesOf(FunctionCatalog.ENRICH_DIAL_TASK);
        return new EnrichService(pipeline.database.jdbi(), pipeline.publisher, queues,
                completion(FunctionCatalog.ENRICH_DIAL_TASK), CallTiming.DEFAULT, pipeline.clock);
    }

    private static DialService dial() {
        return new DialService(pipeline.database.jdbi(), pipeline.carrier, pipeline.publisher,
                pipeline.queuesOf(FunctionCatalog.DIALER_WORKER), completion(FunctionCatalog.DIALER_WORKER),
                new DialService.Pacing(Duration.ZERO, Duration.ofSeconds(1)), CallTiming.DEFAULT, pipeline.clock);
    }

    private static StatusService status() {
        QueueUrls queues = pipeline.queuesOf(FunctionCatalog.STATUS_CHECKER);
        var relay = new OutboxRelay(pipeline.database.jdbi(), pipeline.publisher, queues, pipeline.clock);
        return new StatusService(pipeline.database.jdbi(), pipeline.carrier, pipeline.publisher, queues, relay,
                new CampaignCompletion(pipeline.database.jdbi(), relay, pipeline.clock),
                new StatusService.Polling(Duration.ZERO, Duration.ofMinutes(15), TimeScale.REAL_TIME), pipeline.clock);
    }

    /** Dispatches a submitted campaign (its dispatch message taken); returns the attempt-1 task ids. */
    private static List<UUID> dispatch(UUID campaign) {
        take(QueueTopology.DISPATCH, campaign);
        var dispatcher = new DispatchService(pipeline.database.jdbi(), pipeline.publisher,
                pipeline.queuesOf(FunctionCatalog.DISPATCHER), pipeline.clock, Duration.ofSeconds(5), 1000);
        dispatcher.dispatch(campaign, Instant.now().plusSeconds(60));
        return take(QueueTopology.ENRICH, campaign).stream()
                .map(body -> Messages.read(body, DialTaskMessage.class).taskId()).toList();
    }

    /** Dispatches and enriches a one-contact campaign: its task is READY (its dial message taken). */
    private static UUID readyTask(UUID campaign) {
        List<UUID> tasks = dispatch(campaign);
        assertThat(enrich().enrichAll(tasks).values()).containsOnly(EnrichService.Result.READY);
        assertThat(take(QueueTopology.DIAL, campaign)).hasSize(1);
        return tasks.get(0);
    }

    private static void dialAndTakeStatusMessage(UUID campaign, UUID task) {
        assertThat(dial().dialAll(List.of(task))).containsEntry(task, DialService.Result.PLACED);
        assertThat(take(QueueTopology.STATUS, campaign)).hasSize(1);
    }

    private static void onDncList(String owner, String phone) {
        pipeline.database.jdbi().useExtension(DncRepository.class, dnc -> dnc.add(owner, List.of(phone), Instant.now()));
    }

    private static int unsentOutboxRows() {
        return pipeline.database.jdbi().withExtension(OutboxRepository.class, OutboxRepository::unsentCount);
    }

    /** Everything now on the queue (deleted), keeping the bodies that concern {@code campaign}. */
    private static List<String> take(String queue, UUID campaign) {
        String url = pipeline.queueUrls.get(queue);
        List<String> bodies = new ArrayList<>();
        while (true) {
            List<Message> messages = pipeline.sqs.receiveMessage(request -> request.queueUrl(url)
                    .maxNumberOfMessages(10).visibilityTimeout(30).waitTimeSeconds(0)).messages();
            if (messages.isEmpty()) {
                return bodies;
            }
            for (Message message : messages) {
                pipeline.sqs.deleteMessage(request -> request.queueUrl(url).receiptHandle(message.receiptHandle()));
                if (message.body().contains(campaign.toString())) {
                    bodies.add(message.body());
                }
            }
        }
    }

    /**
     * A database behind the local proxy, real ElasticMQ queues, one simulated carrier and the clock
     * inside every US calling window: what the steps above are built on.
     */
    private static final class Wiring implements AutoCloseable {
        final ProxiedDatabase proxied = ProxiedDatabase.create("wiring");
        final Database database = Database.fromEnvironment(Env.of(proxied.env()));
        final ElasticMq elasticMq = ElasticMq.start();
        final SqsClient sqs = SqsClient.builder().endpointOverride(elasticMq.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
                .httpClient(UrlConnectionHttpClient.create()).build();
        final SqsPublisher publisher = new SqsPublisher(sqs);
        final Clock clock = Clocks.startingAt(SystemStack.IN_WINDOW);
        final SimulatedCarrier carrier;
        final Map<String, String> queueUrls = new HashMap<>();
        final CampaignService campaigns;
        final MinuteSweep sweep;

        Wiring(SimulatedCarrier carrier) {
            this.carrier = carrier;
            for (QueueSettings queue : QueueTopology.all()) {
                queueUrls.put(queue.name(), sqs.createQueue(request -> request.queueName(queue.name())
                        .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "3"))).queueUrl());
            }
            campaigns = new CampaignService(database.jdbi(), new OutboxRelay(database.jdbi(), publisher,
                    queuesOf(FunctionCatalog.VALIDATE_CAMPAIGN), clock), clock);
            QueueUrls sweeping = queuesOf(FunctionCatalog.MINUTE_SWEEP);
            var relay = new OutboxRelay(database.jdbi(), publisher, sweeping, clock);
            sweep = new MinuteSweep(database.jdbi(), publisher, sweeping, relay, new CampaignCompletion(database.jdbi(),
                    relay, clock), new MinuteSweep.Thresholds(Duration.ofSeconds(20), Duration.ofSeconds(5),
                    Duration.ofMinutes(5)), new DataRetention(database.jdbi(), DataRetention.Policy.retainingDays(
                    DataRetention.DEFAULT_RETENTION_DAYS), DataRetention.Limits.defaults(), clock), clock);
        }

        QueueUrls queuesOf(FunctionManifest function) {
            return QueueUrls.forFunction(function, queueUrls);
        }

        UUID submit(String owner, String body) {
            var response = campaigns.submit(owner, Optional.empty(), body);
            assertThat(response.status()).as(response.body()).isEqualTo(201);
            return UUID.fromString(Json.read(response.body(), Map.class).get("campaignId").toString());
        }

        CampaignStatus status(UUID id) {
            return database.jdbi().withExtension(CampaignRepository.class, repository -> repository.find(id))
                    .orElseThrow().status();
        }

        @Override
        public void close() {
            database.close();
            sqs.close();
            elasticMq.close();
        }
    }
}
