package dev.campaigndialer.local.stack;

import dev.campaigndialer.localaws.CountingHttpProxy;
import dev.campaigndialer.localaws.ElasticMq;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * SQS here: ElasticMQ with the queues and DLQs of {@code QueueTopology}, optionally behind a proxy
 * that counts requests by action (benchmarks), and the stack's own client of it.
 */
final class LocalSqs implements AutoCloseable {

    private final ElasticMq elasticMq;
    private final Optional<CountingHttpProxy> counter;
    private final SqsClient client;
    private final LocalQueues queues;

    private LocalSqs(ElasticMq elasticMq, Optional<CountingHttpProxy> counter, SqsClient client, LocalQueues queues) {
        this.elasticMq = elasticMq;
        this.counter = counter;
        this.client = client;
        this.queues = queues;
    }

    static LocalSqs start(StackSettings settings, String region) {
        ElasticMq elasticMq = ElasticMq.start();
        Optional<CountingHttpProxy> counter = Optional.empty();
        SqsClient client = null;
        try {
            if (settings.countSqsRequests()) {
                counter = Optional.of(CountingHttpProxy.start(elasticMq.endpoint()));
            }
            client = SqsClient.builder()
                    .endpointOverride(counter.map(CountingHttpProxy::endpoint).orElse(elasticMq.endpoint()))
                    .region(Region.of(region))
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                    .httpClient(UrlConnectionHttpClient.create())
                    .build();
            LocalQueues queues = LocalQueues.create(client, settings.visibilityTimeoutOverride());
            counter.ifPresent(CountingHttpProxy::reset); // count the functions' requests, not the set-up's
            return new LocalSqs(elasticMq, counter, client, queues);
        } catch (RuntimeException | Error e) {
            new LocalSqs(elasticMq, counter, client, null).close();
            throw e;
        }
    }

    /** The endpoint the functions use ({@code SQS_ENDPOINT}): through the counter when counting. */
    URI endpoint() {
        return counter.map(CountingHttpProxy::endpoint).orElse(elasticMq.endpoint());
    }

    /** ElasticMQ itself, not through the counting proxy. */
    URI directEndpoint() {
        return elasticMq.endpoint();
    }

    SqsClient client() {
        return client;
    }

    LocalQueues queues() {
        return queues;
    }

    /** SQS requests so far by action, when counted; else empty. */
    Map<String, Long> requestCounts() {
        return counter.map(CountingHttpProxy::counts).orElse(Map.of());
    }

    String describe() {
        return "ElasticMQ " + elasticMq.endpoint() + ": " + queues.all().stream()
                .map(queue -> queue.settings().name() + " (+dlq)").collect(Collectors.joining(", "));
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
        counter.ifPresent(CountingHttpProxy::close);
        // On Ctrl-C, Pekko's own shutdown hook stops ElasticMQ; stopping it from ours as well waits
        // on that hook and never returns.
        if (!jvmShuttingDown()) {
            elasticMq.close();
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
}
