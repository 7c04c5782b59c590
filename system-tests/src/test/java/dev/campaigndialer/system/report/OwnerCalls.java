package dev.campaigndialer.system.report;

import dev.campaigndialer.local.demo.OwnerClient;
import dev.campaigndialer.testkit.OpenApiContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Owner API calls over HTTP to the local stack's gateway, as an owner's client makes them, each
 * answer checked against api/openapi.yaml. An empty owner sends no identity at all.
 */
final class OwnerCalls {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;

    OwnerCalls(URI base) {
        this.base = base;
    }

    OwnerClient.Response call(String method, String path, Optional<String> owner, Map<String, String> headers, String body) {
        HttpResponse<String> response = send(method, path, owner, headers, body);
        return new OwnerClient.Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.body());
    }

    /** The whole answer, headers included. */
    HttpResponse<String> send(String method, String path, Optional<String> owner, Map<String, String> headers,
            String body) {
        var request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        owner.ifPresent(name -> request.header("Authorization", "Bearer dev-" + name));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            OpenApiContract.load().assertConforms(method, path, response.statusCode(),
                    contentType.isEmpty() ? Map.of() : Map.of("Content-Type", contentType), response.body());
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    OwnerClient.Response get(String path, String owner) {
        return call("GET", path, Optional.of(owner), Map.of(), null);
    }

    OwnerClient.Response get(String path, String owner, String accept) {
        return call("GET", path, Optional.of(owner), Map.of("Accept", accept), null);
    }

    OwnerClient.Response post(String path, String owner, String body) {
        return call("POST", path, Optional.of(owner), Map.of(), body);
    }

    OwnerClient.Response delete(String path, String owner) {
        return call("DELETE", path, Optional.of(owner), Map.of(), null);
    }
}
