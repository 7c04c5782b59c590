package dev.campaigndialer.localaws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The stand-ins speak the real protocols: the SDK's SQS client to ElasticMQ. */
class LocalAwsStandInsTest {

    @Test
    void sqsClientSendsAndReceivesThroughElasticMq() {
        try (ElasticMq elasticMq = ElasticMq.start();
                SqsClient sqs = SqsClient.builder()
                        .endpointOverride(elasticMq.endpoint())
                        .region(Region.of(ElasticMq.REGION))
                        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
                        .httpClient(UrlConnectionHttpClient.create())
                        .build()) {
            String url = sqs.createQueue(request -> request.queueName("probe")
                    .attributes(java.util.Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "30"))).queueUrl();
            sqs.sendMessage(request -> request.queueUrl(url).messageBody("hello"));

            var received = sqs.receiveMessage(request -> request.queueUrl(url).waitTimeSeconds(1)).messages();

            assertThat(received).extracting(software.amazon.awssdk.services.sqs.model.Message::body)
                    .containsExactly("hello");
        }
    }
}
