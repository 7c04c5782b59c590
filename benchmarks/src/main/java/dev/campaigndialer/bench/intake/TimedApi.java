package dev.campaigndialer.bench.intake;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.campaigndialer.core.json.Json;
import dev.campaigndialer.report.ReportApiHandler;
import dev.campaigndialer.localaws.LambdaEventJson;
import dev.campaigndialer.validate.ValidateCampaignHandler;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.time.Duration;
import dev.campaigndialer.localaws.LocalLambdaContext;

/**
 * Sends owner API requests to the two handlers the way Lambda invokes them, and times each from
 * the event JSON to the handler's response: the runtime's deserialization of the event (its own
 * serializer, as in AWS) is part of an invocation's billed duration, and of a 6 MB body's cost.
 */
public final class TimedApi {

    /** One {@code POST /campaigns}: the handler's whole time, and the phases the service logged. */
    public record Submission(UUID campaignId, JsonNode contacts, double eventMillis, double totalMillis,
            AcceptedLogLine phases) {
    }

    /** One report request: the response and how long the handler took. */
    public record Report(APIGatewayV2HTTPResponse response, double totalMillis) {
    }

    /** API Gateway's integration timeout, the API functions' own. */
    private static final Duration API_TIMEOUT = Duration.ofSeconds(29);

    private final ValidateCampaignHandler ownerApi;
    private final ReportApiHandler reportApi;
    private final Path functionLog;

    public TimedApi(ValidateCampaignHandler ownerApi, ReportApiHandler reportApi, Path functionLog) {
        this.ownerApi = ownerApi;
        this.reportApi = reportApi;
        this.functionLog = functionLog;
    }

    public Submission submit(String owner, String body) {
        String eventJson = ApiEvents.postCampaign(owner, body, UUID.randomUUID().toString());
        long start = System.nanoTime();
        APIGatewayV2HTTPEvent event = LambdaEventJson.fromJson(eventJson, APIGatewayV2HTTPEvent.class);
        long deserialized = System.nanoTime();
        APIGatewayV2HTTPResponse response = ownerApi.handleRequest(event, LocalLambdaContext.of("validate-campaign", API_TIMEOUT));
        long end = System.nanoTime();
        if (response.getStatusCode() != 201) {
            throw new IllegalStateException("POST /campaigns answered " + response.getStatusCode() + ": "
                    + response.getBody());
        }
        JsonNode created = Json.read(response.getBody(), JsonNode.class);
        String campaignId = created.get("campaignId").asText();
        return new Submission(UUID.fromString(campaignId), created.get("contacts"), millis(start, deserialized),
                millis(start, end), AcceptedLogLine.find(functionLog, campaignId));
    }

    public Report report(String owner, UUID campaignId, Map<String, String> headers) {
        String eventJson = ApiEvents.getReport(owner, campaignId, headers);
        long start = System.nanoTime();
        APIGatewayV2HTTPResponse response = reportApi.handleRequest(
                LambdaEventJson.fromJson(eventJson, APIGatewayV2HTTPEvent.class), LocalLambdaContext.of("report-api", API_TIMEOUT));
        long end = System.nanoTime();
        if (response.getStatusCode() != 200) {
            throw new IllegalStateException("GET report answered " + response.getStatusCode() + ": " + response.getBody());
        }
        return new Report(response, millis(start, end));
    }

    private static double millis(long fromNanos, long toNanos) {
        return (toNanos - fromNanos) / 1_000_000.0;
    }
}
