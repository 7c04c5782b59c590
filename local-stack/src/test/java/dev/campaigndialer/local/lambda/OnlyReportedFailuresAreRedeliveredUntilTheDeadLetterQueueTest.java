package dev.campaigndialer.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.campaigndialer.core.queue.QueueSettings;
import dev.campaigndialer.core.queue.QueueTopology;
import dev.campaigndialer.local.fixtures.FailsPoisonMessagesHandler;
import dev.campaigndialer.local.fixtures.TestFunctions;
import dev.campaigndialer.local.stack.LocalQueues;
import dev.campaigndialer.localaws.ElasticMq;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * The local SQS event source mapping behaves like Lambda's with ReportBatchItemFailures: in a batch
 * with one failing message only that message comes back (after the visibility timeout), again and
 * again, until the queue's RedrivePolicy moves it to the DLQ after maxReceiveCount receives; a
 * function error returns the whole batch. The queue is the enrich queue exactly as QueueTopology
 * declares it (batch size, maxReceiveCount, maximum concurrency) except for a 5 s visibility
 * timeout (longer than a cold handler's first invocation on a busy machine, which must not see
 * its batch come back while it still runs); the function is a real handler class in an isolated class loader, receiving the event
 * as JSON through the Lambda runtime's serializer.
 */
class OnlyReportedFailuresAreRedeliveredUntilTheDeadLetterQueueTest {

    private static final int VISIBILITY_TIMEOUT_SECONDS = 5;

    private static final QueueSettings ENRICH = QueueTopology.of(QueueTopology.ENRICH);

    private ElasticMq elasticMq;
    private SqsClient sqs;
    private LocalQueues.Queue queue;
    private FunctionRuntime function;
    private SqsEventSource source;
    private ScheduledExecutorService watchdog;
    private ExecutorService settler;
    private final List<List<String>> batches = new CopyOnWriteArrayList<>();
    private final Map<String, List<Integer>> receiveCounts = new ConcurrentHashMap<>();

    @BeforeEach
    void start() throws Exception {
        elasticMq = ElasticMq.start();
        sqs = SqsClient.builder().endpointOverride(elasticMq.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
                .httpClient(UrlConnectionHttpClient.create()).build();
        queue = LocalQueues.create(sqs, List.of(ENRICH), Optional.of(VISIBILITY_TIMEOUT_SECONDS)).queue(ENRICH.name());
        watchdog = Executors.newSingleThreadScheduledExecutor();
        settler = Executors.newCachedThreadPool();
        var spec = new FunctionSpec("esm-test", "test", FailsPoisonMessagesHandler.class.getName(),
                Optional.of(ENRICH.name()), 10, 256);
        function = FunctionRuntime.load(spec, TestFunctions.code(), ENRICH.maximumConcurrency(), System.out, watchdog,
                FunctionRuntime.ContainerEnvironment.none());
        source = new SqsEventSource(sqs, ENRICH.name(), queue.url(), queue.arn(), ENRICH.batchSize(), function,
                new SqsEventSource.Listener() {
                    @Override
                    public void delivered(String name, List<Message> batch) {
                        batches.add(batch.stream().map(Message::body).toList());
                        batch.forEach(message -> receiveCounts.computeIfAbsent(message.body(), body -> new CopyOnWriteArrayList<>())
                                .add(Integer.parseInt(message.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))));
                    }
                }, settler);
    }

    @AfterEach
    void stop() {
        source.close();
        function.close();
        settler.shutdownNow();
        watchdog.shutdownNow();
        sqs.close();
        elasticMq.close();
    }

    @Test
    void aFailedMessageAloneReturnsAndReachesTheDlqAfterMaxReceiveCount() {
        List<String> bodies = new ArrayList<>();
        IntStream.range(0, 9).forEach(i -> bodies.add("ok-" + i));
        bodies.add(4, "poison-1");
        sendBatch(bodies);

        source.start(ENRICH.maximumConcurrency());
        await(Duration.ofSeconds(60), () -> queues().deadLetterDepth(ENRICH.name()).visible() == 1
                && queues().depth(ENRICH.name()).total() == 0);

        assertThat(batches.get(0)).as("the first delivery is one batch of all ten messages").hasSize(10)
                .contains("poison-1");
        bodies.stream().filter(body -> body.startsWith("ok-")).forEach(body -> assertThat(receiveCounts.get(body))
                .as("a message the function did not report is deleted after its one delivery: %s", body)
                .containsExactly(1));
        assertThat(receiveCounts.get("poison-1"))
                .as("the reported message alone comes back after each visibility timeout, maxReceiveCount times")
                .containsExactly(IntStream.rangeClosed(1, ENRICH.maxReceiveCount()).boxed().toArray(Integer[]::new));
        assertThat(batches.subList(1, batches.size())).as("redeliveries carry only the failed message")
                .allSatisfy(batch -> assertThat(batch).containsExactly("poison-1"));
        List<Message> dead = sqs.receiveMessage(request -> request.queueUrl(queue.dlqUrl()).maxNumberOfMessages(10)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
        assertThat(dead).extracting(Message::body).as("redrive moved it to the DLQ").containsExactly("poison-1");
        assertThat(function.failures()).as("reported item failures are not function errors").isZero();
    }

    @Test
    void aFunctionErrorReturnsTheWholeBatch() {
        List<String> bodies = List.of("a", "b", "explode", "c");
        sendBatch(bodies);

        source.start(ENRICH.maximumConcurrency());
        await(Duration.ofSeconds(30), () -> receiveCounts.getOrDefault("c", List.of()).size() == 2
                && queues().depth(ENRICH.name()).total() == 0);

        bodies.forEach(body -> assertThat(receiveCounts.get(body))
                .as("every message of the failed invocation comes back once: %s", body).containsExactly(1, 2));
        assertThat(queues().deadLetterDepth(ENRICH.name()).total()).isZero();
        assertThat(function.failures()).isEqualTo(1);
    }

    private LocalQueues queues() {
        return LocalQueues.create(sqs, List.of(ENRICH), Optional.of(VISIBILITY_TIMEOUT_SECONDS));
    }

    private void sendBatch(List<String> bodies) {
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < bodies.size(); i++) {
            entries.add(SendMessageBatchRequestEntry.builder().id("m" + i).messageBody(bodies.get(i)).build());
        }
        assertThat(sqs.sendMessageBatch(request -> request.queueUrl(queue.url()).entries(entries)).failed()).isEmpty();
    }

    private static void await(Duration timeout, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("condition not met within " + timeout).isBefore(deadline);
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
