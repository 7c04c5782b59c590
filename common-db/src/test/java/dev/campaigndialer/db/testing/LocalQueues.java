package dev.campaigndialer.db.testing;

import dev.campaigndialer.core.function.FunctionManifest;
import dev.campaigndialer.core.queue.QueueTopology;
import dev.campaigndialer.core.sqs.QueueUrls;
import dev.campaigndialer.core.sqs.SqsPublisher;
import dev.campaigndialer.testkit.ElasticMq;
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
 * Real queues (ElasticMQ) for one function's handler test: the queues its declaration says it
 * sends to, each name prefixed so test classes never share one, and a way to read what it sent.
 */
public final class LocalQueues implements AutoCloseable {

    private final ElasticMq elasticMq;
    private final SqsClient sqs;
    private final QueueUrls urls;

    private LocalQueues(ElasticMq elasticMq, SqsClient sqs, QueueUrls urls) {
        this.elasticMq = elasticMq;
        this.sqs = sqs;
        this.urls = urls;
    }

    public static LocalQueues forFunction(FunctionManifest function, String prefix) {
        ElasticMq elasticMq = ElasticMq.start();
        SqsClient sqs = SqsClient.builder().endpointOverride(elasticMq.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
                .httpClient(UrlConnectionHttpClient.create()).build();
        Map<String, String> available = new TreeMap<>();
        for (String queue : List.of(QueueTopology.DISPATCH, QueueTopology.ENRICH, QueueTopology.DIAL, QueueTopology.STATUS,
                QueueTopology.REPORT)) {
            available.put(queue, sqs.createQueue(r -> r.queueName(prefix + "-" + queue)).queueUrl());
        }
        return new LocalQueues(elasticMq, sqs, QueueUrls.forFunction(function, available));
    }

    public QueueUrls urls() {
        return urls;
    }

    public SqsPublisher publisher() {
        return new SqsPublisher(sqs);
    }

    /** Every message now on the queue, received (and so hidden for the visibility timeout). */
    public List<String> drain(String queue) {
        List<String> bodies = new ArrayList<>();
        while (true) {
            var messages = sqs.receiveMessage(r -> r.queueUrl(urls.url(queue)).maxNumberOfMessages(10).waitTimeSeconds(0))
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
