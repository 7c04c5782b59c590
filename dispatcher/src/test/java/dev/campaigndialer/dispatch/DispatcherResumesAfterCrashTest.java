package dev.campaigndialer.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.campaigndialer.core.config.Env;
import dev.campaigndialer.core.domain.Campaign;
import dev.campaigndialer.core.domain.CampaignStatus;
import dev.campaigndialer.core.domain.ContactCounts;
import dev.campaigndialer.core.function.FunctionCatalog;
import dev.campaigndialer.core.message.CampaignAccepted;
import dev.campaigndialer.core.message.DialTaskMessage;
import dev.campaigndialer.core.message.Messages;
import dev.campaigndialer.core.queue.QueueTopology;
import dev.campaigndialer.core.sqs.OutgoingMessage;
import dev.campaigndialer.core.sqs.QueueUrls;
import dev.campaigndialer.core.sqs.SqsPublisher;
import dev.campaigndialer.db.Database;
import dev.campaigndialer.db.repository.CampaignRepository;
import dev.campaigndialer.db.repository.ContactWriter;
import dev.campaigndialer.db.repository.ContactWriter.NewContact;
import dev.campaigndialer.testkit.ProxiedDatabase;
import dev.campaigndialer.localaws.ElasticMq;
import dev.campaigndialer.testkit.LambdaEvents;
import dev.campaigndialer.localaws.LocalLambdaContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The fan-out survives a crash part-way through 10,000 contacts: redelivery finishes it, nothing twice. */
class DispatcherResumesAfterCrashTest {

    private static ProxiedDatabase proxied;
    private static Database database;
    private static ElasticMq elasticMq;
    private static SqsClient sqs;

    @BeforeAll
    static void start() {
        proxied = ProxiedDatabase.create("dispatch");
        database = Database.fromEnvironment(Env.of(proxied.env()));
        elasticMq = ElasticMq.start();
        sqs = SqsClient.builder().endpointOverride(elasticMq.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    @AfterAll
    static void stop() {
        database.close();
        sqs.close();
        elasticMq.close();
    }

    /** Dies (an exception escaping the invocation) after a number of successful batches. */
    private static final class DiesAfter extends SqsPublisher {
        private final AtomicInteger batchesLeft;

        DiesAfter(SqsClient sqs, int batches) {
            super(sqs);
            this.batchesLeft = new AtomicInteger(batches);
        }

        @Override
        public void sendBatch(String queueUrl, List<OutgoingMessage> batch) {
            if (batchesLeft.getAndDecrement() <= 0) {
                throw new IllegalStateException("killed mid-dispatch");
            }
            super.sendBatch(queueUrl, batch);
        }
    }

    @Test
    void killedMidWayThenRedeliveredGivesExactlyOneTaskAndMessagePerContact() {
        QueueUrls queues = queues("crash");
        UUID campaignId = campaignWith(10_000, 37);
        var service = new DispatchService(database.jdbi(), new DiesAfter(sqs, 437), queues, Clock.systemUTC(),
                Duration.ofSeconds(1), 1_000);

        assertThatThrownBy(() -> service.dispatch(campaignId, Instant.now().plusSeconds(300)))
                .hasMessageContaining("killed");
        var redelivered = new DispatchService(database.jdbi(), new SqsPublisher(sqs), queues, Clock.systemUTC(),
                Duration.ofSeconds(1), 1_000);
        assertThat(redelivered.dispatch(campaignId, Instant.now().plusSeconds(300)))
                .isEqualTo(DispatchService.Outcome.COMPLETED);
        // A duplicate of the dispatch message afterwards finds nothing to do.
        assertThat(redelivered.dispatch(campaignId, Instant.now().plusSeconds(300)))
                .isEqualTo(DispatchService.Outcome.NOTHING_TO_DO);

        List<String> enrich = receiveAll(queues.url(QueueTopology.ENRICH));
        Set<UUID> taskIds = new HashSet<>();
        enrich.forEach(body -> taskIds.add(Messages.read(body, DialTaskMessage.class).taskId()));
        assertThat(enrich).hasSize(10_000 - 37);
        assertThat(taskIds).hasSize(10_000 - 37);
        assertThat(count("SELECT count(*) FROM dial_tasks WHERE attempt = 1 AND campaign_id = '" + campaignId + "'"))
                .isEqualTo(10_000 - 37);
        assertThat(status(campaignId)).isEqualTo(CampaignStatus.RUNNING);
    }

    @Test
    void runningOutOfTimeReenqueuesItselfAndTheContinuationFinishes() {
        QueueUrls queues = queues("continue");
        UUID campaignId = campaignWith(2_500, 0);
        var tight = new DispatchService(database.jdbi(), new SqsPublisher(sqs), queues, Clock.systemUTC(),
                Duration.ofSeconds(10), 1_000);

        assertThat(tight.dispatch(campaignId, Instant.now().plusSeconds(10))).isEqualTo(DispatchService.Outcome.CONTINUED);
        List<String> continuation = receiveAll(queues.url(QueueTopology.DISPATCH));
        assertThat(continuation).containsExactly(Messages.write(CampaignAccepted.of(campaignId)));

        var handler = new DispatcherHandler(database, new SqsPublisher(sqs), queues, Clock.systemUTC());
        SQSBatchResponse response = handler.handleRequest(sqsEvent(List.of(continuation.get(0), "{\"type\":\"nope\"}")),
                LocalLambdaContext.of(DispatcherHandler.FUNCTION, Duration.ofMinutes(5)));

        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("m1");
        assertThat(receiveAll(queues.url(QueueTopology.ENRICH))).hasSize(2_500);
        assertThat(status(campaignId)).isEqualTo(CampaignStatus.RUNNING);
    }

    private static SQSEvent sqsEvent(List<String> bodies) {
        var records = new StringBuilder();
        for (int i = 0; i < bodies.size(); i++) {
            records.append(i == 0 ? "" : ",").append("{\"messageId\":\"m").append(i).append("\",\"receiptHandle\":\"r")
                    .append(i).append("\",\"body\":").append(dev.campaigndialer.core.json.Json.write(bodies.get(i)))
                    .append(",\"attributes\":{\"ApproximateReceiveCount\":\"1\"},\"messageAttributes\":{},")
                    .append("\"eventSource\":\"aws:sqs\",\"eventSourceARN\":\"arn:aws:sqs:us-east-1:000000000000:dispatch\",")
                    .append("\"awsRegion\":\"us-east-1\"}");
        }
        return LambdaEvents.fromJson("{\"Records\":[" + records + "]}", SQSEvent.class);
    }

    private static QueueUrls queues(String prefix) {
        String enrich = sqs.createQueue(r -> r.queueName(prefix + "-enrich")
                .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "600"))).queueUrl();
        String dispatch = sqs.createQueue(r -> r.queueName(prefix + "-dispatch")
                .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "600"))).queueUrl();
        return QueueUrls.forFunction(FunctionCatalog.DISPATCHER, Map.of(QueueTopology.ENRICH, enrich, QueueTopology.DISPATCH, dispatch));
    }

    private static List<String> receiveAll(String url) {
        List<String> bodies = new ArrayList<>();
        while (true) {
            var messages = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(0)).messages();
            if (messages.isEmpty()) {
                return bodies;
            }
            messages.forEach(message -> bodies.add(message.body()));
        }
    }

    /** A campaign of {@code size} contacts, {@code suppressed} of them on the DNC list (no task for those). */
    private static UUID campaignWith(int size, int suppressed) {
        UUID id = UUID.randomUUID();
        Instant now = Instant.now();
        List<NewContact> contacts = new ArrayList<>();
        int every = suppressed == 0 ? Integer.MAX_VALUE : size / suppressed;
        for (int i = 1; i <= size; i++) {
            boolean onDnc = i % every == 0 && i / every <= suppressed;
            contacts.add(new NewContact(UUID.randomUUID(), i, i, String.format("+1415%07d", i), null, null, null,
                    onDnc ? "SUPPRESSED" : "ACCEPTED"));
        }
        int stored = (int) contacts.stream().filter(c -> c.status().equals("SUPPRESSED")).count();
        assertThat(stored).isEqualTo(suppressed);
        database.jdbi().useTransaction(handle -> {
            handle.attach(CampaignRepository.class).insert(new Campaign(id, "owner", "load", "+14155550100", "US",
                    "America/New_York", LocalTime.of(9, 0), LocalTime.of(20, 0), 3, 0, List.of("BUSY"), 10,
                    CampaignStatus.ACCEPTED, new ContactCounts(size, size - suppressed, 0, 0, suppressed), 0, now, now,
                    null));
            ContactWriter.copy(handle, id, contacts);
        });
        return id;
    }

    private static CampaignStatus status(UUID id) {
        return database.jdbi().withExtension(CampaignRepository.class, campaigns -> campaigns.find(id)).orElseThrow().status();
    }

    private static int count(String sql) {
        return database.jdbi().withHandle(handle -> handle.createQuery(sql).mapTo(Integer.class).one());
    }
}
