package dev.campaigndialer.bench.coldstart;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.campaigndialer.core.json.Json;
import java.time.Instant;
import java.util.UUID;

/**
 * The events the measured functions get, shaped as AWS sends them. SQS events come from the
 * local stack's {@code SqsEvents} (the messages the previous function really sent); this class
 * adds the one event nothing upstream produces: an owner's {@code POST /campaigns} through API
 * Gateway (payload format 2.0, JWT authorizer claims).
 */
final class FunctionEvents {

    static final String OWNER = "coldstart";
    /** Contacts per campaign: one full SQS batch for enrich, dial and status (batch size 10). */
    static final int CONTACTS = 10;

    private FunctionEvents() {
    }

    /**
     * A campaign of New York numbers the simulated carrier answers on the first attempt (last digit
     * 0-4), one attempt each: every task of it ends after one dial and one status check, so the
     * campaign completes and its report message goes out.
     */
    static String submitCampaign(String name) {
        ObjectNode campaign = Json.mapper().createObjectNode();
        campaign.put("name", name);
        campaign.put("callerId", "+14155550100");
        campaign.putObject("retry").put("maxAttempts", 1).put("backoffSeconds", 0);
        campaign.put("maxConcurrentCalls", 50);
        ArrayNode contacts = campaign.putArray("contacts");
        for (int i = 0; i < CONTACTS; i++) {
            contacts.addObject().put("phone", "+121255501" + (i / 5) + (i % 5)).put("name", "Contact " + i);
        }

        Instant now = Instant.now();
        ObjectNode event = Json.mapper().createObjectNode();
        event.put("version", "2.0");
        event.put("routeKey", "POST /campaigns");
        event.put("rawPath", "/campaigns");
        event.put("rawQueryString", "");
        event.putObject("headers").put("content-type", "application/json").put("host", "coldstart.local");
        ObjectNode context = event.putObject("requestContext");
        context.put("accountId", "000000000000");
        context.put("apiId", "coldstart");
        ObjectNode jwt = context.putObject("authorizer").putObject("jwt");
        jwt.putObject("claims").put("sub", OWNER).put("iss", "coldstart-benchmark");
        jwt.putArray("scopes");
        context.put("domainName", "coldstart.local");
        context.putObject("http").put("method", "POST").put("path", "/campaigns").put("protocol", "HTTP/1.1")
                .put("sourceIp", "127.0.0.1").put("userAgent", "coldstart-benchmark");
        context.put("requestId", UUID.randomUUID().toString());
        context.put("routeKey", "POST /campaigns");
        context.put("stage", "$default");
        context.put("timeEpoch", now.toEpochMilli());
        event.put("body", campaign.toString());
        event.put("isBase64Encoded", false);
        return event.toString();
    }
}
