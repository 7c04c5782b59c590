package dev.campaigndialer.core.api;

import java.util.Map;
import java.util.Optional;

/**
 * What the API needs from an API Gateway HTTP API (payload 2.0) event.
 *
 * @param owner the JWT authorizer's {@code sub} claim; never read from the body
 */
public record HttpRequest(String method, String path, Map<String, String> headers, String body, Optional<String> owner) {

    public HttpRequest {
        var lowerCase = new java.util.HashMap<String, String>();
        if (headers != null) {
            headers.forEach((name, value) -> lowerCase.put(name.toLowerCase(java.util.Locale.ROOT), value));
        }
        headers = Map.copyOf(lowerCase);
        body = body == null ? "" : body;
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(java.util.Locale.ROOT)));
    }
}
