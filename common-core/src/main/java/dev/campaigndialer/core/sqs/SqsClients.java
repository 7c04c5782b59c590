package dev.campaigndialer.core.sqs;

import dev.campaigndialer.core.config.Env;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The SQS client every function uses: URLConnection HTTP client (small, fast to start), explicit region. */
public final class SqsClients {

    private SqsClients() {
    }

    /** {@code SQS_ENDPOINT} points at a local stand-in (ElasticMQ), which needs no AWS credentials. */
    public static SqsClient fromEnvironment(Env env) {
        var builder = SqsClient.builder()
                .region(Region.of(env.orDefault("AWS_REGION", "us-east-1")))
                .httpClient(UrlConnectionHttpClient.create());
        env.optional("SQS_ENDPOINT").ifPresent(endpoint -> builder
                .endpointOverride(URI.create(endpoint))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))));
        return builder.build();
    }
}
