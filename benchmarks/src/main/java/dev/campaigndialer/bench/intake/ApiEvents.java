package dev.campaigndialer.bench.intake;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.campaigndialer.core.json.Json;
import java.util.Map;
import java.util.UUID;

/**
 * API Gateway HTTP API (payload 2.0) event JSON, as the gateway hands a request to a function
 * once its JWT authorizer has accepted the caller: the owner is the {@code sub} claim.
 */
public final class ApiEvents {

    private ApiEvents() {
    }

    public static String postCampaign(String owner, String body, String idempotencyKey) {
        return event("POST", "/campaigns", owner,
                Map.of("content-type", "application/json", "idempotency-key", idempotencyKey), body);
    }

    public static String getReport(String owner, UUID campaignId, Map<String, String> headers) {
        return event("GET", "/campaigns/" + campaignId + "/report", owner, headers, null);
    }

    public static String deleteCampaign(String owner, UUID campaignId) {
        return event("DELETE", "/campaigns/" + campaignId, owner, Map.of(), null);
    }

    private static String event(String method, String path, String owner, Map<String, String> headers, String body) {
        ObjectNode event = Json.mapper().createObjectNode();
        event.put("version", "2.0").put("routeKey", "$default").put("rawPath", path).put("rawQueryString", "");
        ObjectNode eventHeaders = event.putObject("headers");
        headers.forEach(eventHeaders::put);
        ObjectNode context = event.putObject("requestContext");
        context.put("requestId", UUID.randomUUID().toString()).putObject("http").put("method", method).put("path", path);
        context.putObject("authorizer").putObject("jwt").putObject("claims").put("sub", owner);
        if (body != null) {
            event.put("body", body);
        }
        event.put("isBase64Encoded", false);
        return event.toString();
    }
}
