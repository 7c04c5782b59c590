package dev.campaigndialer.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.campaigndialer.core.config.Env;
import dev.campaigndialer.core.function.FunctionCatalog;
import dev.campaigndialer.core.json.Json;
import dev.campaigndialer.core.sqs.QueueUrls;
import dev.campaigndialer.core.sqs.SqsPublisher;
import dev.campaigndialer.db.Database;
import dev.campaigndialer.testkit.ProxiedDatabase;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.campaigndialer.testkit.LambdaEvents;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import dev.campaigndialer.localaws.LocalLambdaContext;

/**
 * The owner API checks the identity before anything touches the database: with the database
 * unreachable, a request without a token gets its 401 at once, not after the connect retries of
 * the outbox relay that a fresh container runs on its first request.
 */
class AnonymousRequestsNeverWaitForTheDatabaseTest {

    @Test
    void withTheDatabaseDownARequestWithoutATokenIsA401AtOnce() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        ProxiedDatabase proxied = ProxiedDatabase.create("anonymous");
        try (Database unreachable = Database.fromEnvironment(Env.of(proxied.env()).with(
                Map.of("DATABASE_PORT", Integer.toString(closedPort), "DB_CONNECT_BUDGET_MS", "5000")));
                SqsClient sqs = SqsClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + closedPort))
                        .region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
                        .build()) {
            var handler = new ValidateCampaignHandler(unreachable, new SqsPublisher(sqs),
                    QueueUrls.forFunction(FunctionCatalog.VALIDATE_CAMPAIGN, FunctionCatalog.VALIDATE_CAMPAIGN.sendsTo()
                            .stream().collect(Collectors.toMap(queue -> queue, queue -> "http://127.0.0.1:" + closedPort
                                    + "/" + queue))),
                    Clock.systemUTC());

            for (String owner : new String[] {null, "not a subject!"}) {
                long started = System.nanoTime();
                var response = handler.handleRequest(event(owner),
                        LocalLambdaContext.of(ValidateCampaignHandler.FUNCTION, Duration.ofSeconds(29)));
                Duration took = Duration.ofNanos(System.nanoTime() - started);

                assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(401);
                assertThat(response.getHeaders()).containsEntry("Content-Type", "application/problem+json");
                assertThat(took).as("time to the 401").isLessThan(Duration.ofSeconds(1));
            }
        }
    }

    private static APIGatewayV2HTTPEvent event(String owner) {
        var event = Json.mapper().createObjectNode();
        event.put("version", "2.0").put("routeKey", "$default").put("rawPath", "/campaigns").put("rawQueryString", "");
        var context = event.putObject("requestContext");
        context.put("requestId", "anonymous").putObject("http").put("method", "GET").put("path", "/campaigns");
        if (owner != null) {
            context.putObject("authorizer").putObject("jwt").putObject("claims").put("sub", owner);
        }
        event.put("isBase64Encoded", false);
        return LambdaEvents.fromJson(event.toString(), APIGatewayV2HTTPEvent.class);
    }
}
