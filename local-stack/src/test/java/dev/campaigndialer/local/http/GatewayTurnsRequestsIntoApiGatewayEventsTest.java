package dev.campaigndialer.local.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.campaigndialer.local.fixtures.EchoApiHandler;
import dev.campaigndialer.local.fixtures.TestFunctions;
import dev.campaigndialer.local.lambda.FunctionRuntime;
import dev.campaigndialer.local.lambda.FunctionSpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The local API Gateway: dev tokens become the JWT authorizer's {@code sub} claim (anything else is
 * a 401 problem+json and no invocation), each route reaches the function Terraform wires it to
 * with API Gateway's route key and decoded path parameters, non-text bodies arrive base64-encoded,
 * and the function's response (status, headers, body) maps back to HTTP. The function is a real
 * handler in an isolated class loader, invoked through the Lambda runtime's serializer.
 */
class GatewayTurnsRequestsIntoApiGatewayEventsTest {

    private static ScheduledExecutorService watchdog;
    private static FunctionRuntime echo;
    private static ApiGateway gateway;
    private static final Map<String, Integer> asked = new ConcurrentHashMap<>();
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        watchdog = Executors.newSingleThreadScheduledExecutor();
        echo = FunctionRuntime.load(new FunctionSpec("echo-api", "test", EchoApiHandler.class.getName(), Optional.empty(),
                30, 512), TestFunctions.code(), 4, System.out, watchdog, FunctionRuntime.ContainerEnvironment.none());
        gateway = ApiGateway.start(0, name -> {
            asked.merge(name, 1, Integer::sum);
            return Optional.of(echo);
        }, name -> "");
    }

    @AfterAll
    static void stop() {
        gateway.close();
        echo.close();
        watchdog.shutdownNow();
    }

    @Test
    void requestsWithoutAValidDevTokenAreRefusedBeforeAnyFunctionRuns() throws Exception {
        long before = echo.invocations();
        for (String authorization : List.of("", "Bearer alice", "Bearer dev-Alice", "Bearer dev-", "Basic dev-alice",
                "Bearer dev-" + "a".repeat(65))) {
            var request = HttpRequest.newBuilder(url("/campaigns"));
            if (!authorization.isEmpty()) {
                request.header("Authorization", authorization);
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(authorization).isEqualTo(401);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(response.body()).contains("\"status\":401").contains("dev-alice");
        }
        assertThat(echo.invocations()).isEqualTo(before);
    }

    @Test
    void theReportRouteGoesToTheReportFunctionWithItsRouteKeyAndClaims() throws Exception {
        asked.clear();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(url("/campaigns/c-42/report?x=1&x=2"))
                .header("Authorization", "Bearer dev-alice").header("Accept", "text/csv").build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("X-Echo")).hasValue("yes");
        assertThat(response.body()).contains("routeKey=GET /campaigns/{id}/report", "sub=alice", "pathParameters={id=c-42}",
                "rawPath=/campaigns/c-42/report", "rawQueryString=x=1&x=2", "query={x=1,2}", "method=GET",
                "function=echo-api");
        assertThat(asked).containsOnlyKeys(ApiRoutes.REPORT_API);
    }

    @Test
    void everyOtherRouteGoesToValidateCampaignWithDecodedPathParameters() throws Exception {
        asked.clear();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(url("/dnc/%2B14155550199"))
                .header("Authorization", "Bearer dev-bob").DELETE().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.body()).contains("routeKey=DELETE /dnc/{phone}", "pathParameters={phone=+14155550199}",
                "rawPath=/dnc/%2B14155550199", "sub=bob", "method=DELETE");
        http.send(HttpRequest.newBuilder(url("/nowhere")).header("Authorization", "Bearer dev-bob").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(asked).containsOnlyKeys(ApiRoutes.VALIDATE_CAMPAIGN);
    }

    @Test
    void jsonBodiesArriveAsTextAndOtherBodiesBase64Encoded() throws Exception {
        HttpResponse<String> json = http.send(HttpRequest.newBuilder(url("/campaigns"))
                .header("Authorization", "Bearer dev-alice").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"x\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(json.body()).contains("routeKey=POST /campaigns", "body={\"name\":\"x\"}", "isBase64Encoded=false",
                "contentType=application/json");

        HttpResponse<String> binary = http.send(HttpRequest.newBuilder(url("/campaigns"))
                .header("Authorization", "Bearer dev-alice").header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofString("hi")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(binary.body()).contains("body=aGk=", "isBase64Encoded=true");
    }

    @Test
    void aJsonBodyThatIsNotUtf8ArrivesBase64EncodedAsItWasSent() throws Exception {
        byte[] notUtf8 = {'{', '"', 'x', '"', ':', '"', (byte) 0xC3, '(', '"', '}'};

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(url("/campaigns"))
                .header("Authorization", "Bearer dev-alice").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(notUtf8)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.body()).contains("body=" + java.util.Base64.getEncoder().encodeToString(notUtf8),
                "isBase64Encoded=true");
    }

    private static URI url(String path) {
        return URI.create(gateway.baseUrl() + path);
    }
}
