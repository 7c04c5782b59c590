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

    private static final java.util.regex.Pattern OWNER = java.util.regex.Pattern.compile("[A-Za-z0-9@._|:-]{1,128}");

    /** The authorizer's owner, or a 401 when there is none or it is not a plausible subject. */
    public String requireOwner() {
        return owner.filter(sub -> OWNER.matcher(sub).matches())
                .orElseThrow(() -> new ApiException(401, "Unauthorized", "a valid bearer token is required"));
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(java.util.Locale.ROOT)));
    }
}
