package dev.campaigndialer.core.api;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the API needs from an API Gateway HTTP API (payload 2.0) event.
 *
 * @param owner       the JWT authorizer's {@code sub} claim; never read from the body
 * @param bodyProblem why the body is not text (bytes that are not UTF-8), or empty; such a body is
 *                    kept as "" and only a route that reads it ({@link #textBody()}) refuses it, after
 *                    the identity check
 */
public record HttpRequest(String method, String path, Map<String, String> headers, String body, Optional<String> owner,
        Optional<String> bodyProblem) {

    private static final Pattern OWNER = Pattern.compile("[A-Za-z0-9@._|:-]{1,128}");

    public HttpRequest {
        var lowerCase = new HashMap<String, String>();
        if (headers != null) {
            headers.forEach((name, value) -> lowerCase.put(name.toLowerCase(Locale.ROOT), value));
        }
        headers = Map.copyOf(lowerCase);
        body = body == null ? "" : body;
        method = method == null ? "" : method;
        path = path == null ? "/" : path;
    }

    /** A request whose body is text (or absent). */
    public HttpRequest(String method, String path, Map<String, String> headers, String body, Optional<String> owner) {
        this(method, path, headers, body, owner, Optional.empty());
    }

    /** The authorizer's owner, or a 401 when there is none or it is not a plausible subject. */
    public String requireOwner() {
        return owner.filter(sub -> OWNER.matcher(sub).matches())
                .orElseThrow(() -> new ApiException(401, "Unauthorized", "a valid bearer token is required"));
    }

    /** True when {@link #requireOwner()} would return an owner: the request may touch the database. */
    public boolean isAuthenticated() {
        return owner.filter(sub -> OWNER.matcher(sub).matches()).isPresent();
    }

    /** The body, or a 400 when it is not UTF-8 text (RFC 8259: JSON exchanged between systems is UTF-8). */
    public String textBody() {
        bodyProblem.ifPresent(problem -> {
            throw ApiException.invalid(List.of(new FieldError("body", problem)));
        });
        return body;
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }
}
