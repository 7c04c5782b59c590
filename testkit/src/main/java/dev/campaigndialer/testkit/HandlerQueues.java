package dev.campaigndialer.testkit;

import dev.campaigndialer.localaws.ElasticMq;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Real queues (ElasticMQ) for one function's handler test: each name prefixed so test classes never
 * share one, and a way to read what the function sent. The test narrows {@link #urls()} to what the
 * function's declaration lets it send to ({@code QueueUrls.forFunction}): testkit sits below
 * common-core in the reactor, so it takes queue names, not our topology.
 */
public final class HandlerQueues implements AutoCloseable {

    private final ElasticMq elasticMq;
    private final SqsClient sqs;
    private final Map<String, String> urls;

    private HandlerQueues(ElasticMq elasticMq, SqsClient sqs, Map<String, String> urls) {
        this.elasticMq = elasticMq;
        this.sqs = sqs;
        this.urls = urls;
    }

    /** Queues named {@code prefix-<queue>} for each of {@code queues}, on a fresh ElasticMQ. */
    public static HandlerQueues create(String prefix, List<String> queues) {
        ElasticMq elasticMq = ElasticMq.start();
        SqsClient sqs = SqsClient.builder().endpointOverride(elasticMq.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
                .httpClient(UrlConnectionHttpClient.create()).build();
        Map<String, String> urls = new TreeMap<>();
        for (String queue : queues) {
            urls.put(queue, sqs.createQueue(r -> r.queueName(prefix + "-" + queue)).queueUrl());
        }
        return new HandlerQueues(elasticMq, sqs, urls);
    }

    /** Queue name → URL, every queue created. */
    public Map<String, String> urls() {
        return urls;
    }

    public SqsClient client() {
        return sqs;
    }

    /** Every message now on the queue, received (and so hidden for the visibility timeout). */
    public List<String> drain(String queue) {
        List<String> bodies = new ArrayList<>();
        while (true) {
            var messages = sqs.receiveMessage(r -> r.queueUrl(urls.get(queue)).maxNumberOfMessages(10).waitTimeSeconds(0))
                    .messages();
            if (messages.isEmpty()) {
                return bodies;
            }
            messages.forEach(message -> bodies.add(message.body()));
        }
    }

    @Override
    public void close() {
        sqs.close();
        elasticMq.close();
    }
}
