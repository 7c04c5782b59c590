package dev.campaigndialer.core.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.campaigndialer.core.json.Json;
import java.util.Map;

/** A status, headers and a body: what the handler maps back to API Gateway. */
public record HttpResponse(int status, Map<String, String> headers, String body) {

    private static final int MAX_TEXT = 300;

    public static HttpResponse json(int status, Object body) {
        return new HttpResponse(status, Map.of("Content-Type", "application/json"), Json.write(body));
    }

    public static HttpResponse created(String location, Object body) {
        return new HttpResponse(201, Map.of("Content-Type", "application/json", "Location", location), Json.write(body));
    }

    public static HttpResponse noContent() {
        return new HttpResponse(204, Map.of(), "");
    }

    /**
     * RFC 9457 problem details, with the field-by-field list API.md promises. Whatever a caller
     * put in, no text here is longer than a few hundred characters: rejected values are echoed as
     * {@link Echo#prefix} by the code that rejects them, and this is the backstop.
     */
    public static HttpResponse problem(ApiException error) {
        ObjectNode body = Json.mapper().createObjectNode()
                .put("type", "https://campaign-dialer.dev/problems/" + error.title().toLowerCase().replace(' ', '-'))
                .put("title", error.title())
                .put("status", error.status())
                .put("detail", Echo.prefix(error.getMessage(), MAX_TEXT));
        ArrayNode errors = body.putArray("errors");
        error.errors().forEach(field -> errors.addObject().put("field", Echo.prefix(field.field(), MAX_TEXT))
                .put("message", Echo.prefix(field.message(), MAX_TEXT)));
        return new HttpResponse(error.status(), Map.of("Content-Type", "application/problem+json"), body.toString());
    }
}
