package dev.campaigndialer.local.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.campaigndialer.core.json.Json;
import dev.campaigndialer.core.log.JsonLog;
import dev.campaigndialer.local.lambda.FunctionException;
import dev.campaigndialer.local.lambda.FunctionRuntime;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * API Gateway (HTTP API, payload format 2.0) on {@code 127.0.0.1}: each request becomes an
 * {@code APIGatewayV2HTTPEvent} JSON for the function that owns its route ({@link ApiRoutes}), and
 * the function's {@code APIGatewayV2HTTPResponse} JSON becomes the HTTP response.
 *
 * <p>The JWT authorizer is replaced by dev tokens (API.md): {@code Authorization: Bearer dev-<owner>}
 * with {@code <owner>} matching {@code [a-z0-9-]{1,64}} puts {@code sub=<owner>} into
 * {@code requestContext.authorizer.jwt.claims}; anything else is a 401 problem+json and the
 * function is not invoked, as with the real authorizer. The contract itself is served beside the
 * routes, without a token: {@code /openapi.yaml} and the reference page {@code /docs}
 * ({@link ApiDocs}). Thread-safe.
 */
public final class ApiGateway implements AutoCloseable {

    private static final JsonLog LOG = JsonLog.forClass(ApiGateway.class);
    private static final Pattern DEV_TOKEN = Pattern.compile("Bearer dev-([a-z0-9-]{1,64})");
    /** Lambda's synchronous invocation payload limit. */
    static final int MAX_EVENT_BYTES = 6 * 1024 * 1024;
    /** API Gateway HTTP API's request payload limit. */
    static final int MAX_BODY_BYTES = 10 * 1024 * 1024;
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH);

    private final HttpServer server;
    private final ExecutorService executor;
    private final Function<String, Optional<FunctionRuntime>> functions;
    private final Function<String, String> missingReason;
    private volatile ApiDocs docs;

    private ApiGateway(HttpServer server, ExecutorService executor, Function<String, Optional<FunctionRuntime>> functions,
            Function<String, String> missingReason) {
        this.server = server;
        this.executor = executor;
        this.functions = functions;
        this.missingReason = missingReason;
    }

    /**
     * @param port          0 for any free port
     * @param functions     the runtime of a function by name, empty when it is not available
     * @param missingReason why a function is not available (named in the 503 answer)
     */
    public static ApiGateway start(int port, Function<String, Optional<FunctionRuntime>> functions,
            Function<String, String> missingReason) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 128);
            AtomicInteger threads = new AtomicInteger();
            ExecutorService executor = Executors.newFixedThreadPool(16, runnable -> {
                Thread thread = new Thread(runnable, "api-gateway-" + threads.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
            var gateway = new ApiGateway(server, executor, functions, missingReason);
            server.createContext("/", gateway::handle);
            server.setExecutor(executor);
            server.start();
            return gateway;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port + " (" + e.getMessage() + ")", e);
        }
    }

    /** The OpenAPI document and its reference page, built on first use (they need the bound port). */
    private ApiDocs docs() {
        ApiDocs current = docs;
        if (current == null) {
            current = new ApiDocs(baseUrl());
            docs = current;
        }
        return current;
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange exchange) {
        long started = System.nanoTime();
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        String rawPath = exchange.getRequestURI().getRawPath();
        Optional<ApiDocs.Asset> asset = docs().find(method, rawPath);
        if (asset.isPresent()) {
            try (exchange) {
                exchange.getResponseHeaders().set("Content-Type", asset.get().contentType());
                asset.get().headers().forEach(exchange.getResponseHeaders()::set);
                send(exchange, 200, asset.get().body());
            } catch (IOException | RuntimeException e) {
                LOG.error("gateway failure", e, "method", method, "path", rawPath);
            }
            return;
        }
        ApiRoutes.Match route = ApiRoutes.match(method, rawPath);
        int status;
        try (exchange) {
            status = respond(exchange, method, route);
        } catch (IOException | RuntimeException e) {
            LOG.error("gateway failure", e, "method", method, "path", rawPath);
            status = 500;
        }
        LOG.info("api request", "method", method, "routeKey", route.routeKey(), "function", route.function(),
                "status", status, "millis", (System.nanoTime() - started) / 1_000_000);
    }

    private int respond(HttpExchange exchange, String method, ApiRoutes.Match route) throws IOException {
        Optional<String> owner = owner(exchange.getRequestHeaders().getFirst("Authorization"));
        if (owner.isEmpty()) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
            return problem(exchange, 401, "Unauthorized",
                    "send 'Authorization: Bearer dev-<owner>' with <owner> matching [a-z0-9-]{1,64}, e.g. dev-alice");
        }
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (body.length > MAX_BODY_BYTES) {
            return problem(exchange, 413, "Payload Too Large", "the request body is over API Gateway's 10 MB limit");
        }
        String event = event(exchange, method, route, owner.get(), body);
        if (event.getBytes(StandardCharsets.UTF_8).length > MAX_EVENT_BYTES) {
            return problem(exchange, 413, "Payload Too Large", "the request is over Lambda's 6 MB invocation payload limit");
        }
        Optional<FunctionRuntime> function = functions.apply(route.function());
        if (function.isEmpty()) {
            return problem(exchange, 503, "Service Unavailable", route.function() + " is not available: "
                    + missingReason.apply(route.function()));
        }
        String response;
        try {
            response = function.get().invokeSync(event);
        } catch (FunctionException e) {
            LOG.error("function failed; API Gateway answers 500", e, "function", route.function(),
                    "kind", e.kind().name());
            return problem(exchange, 500, "Internal Server Error", "the " + route.function() + " function failed ("
                    + e.kind().name().toLowerCase(Locale.ROOT) + "); see the function log");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return problem(exchange, 503, "Service Unavailable", "the local stack is shutting down");
        }
        return write(exchange, response);
    }

    static Optional<String> owner(String authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        var matcher = DEV_TOKEN.matcher(authorization.trim());
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /** The payload format 2.0 event API Gateway would send for this request. */
    static String event(HttpExchange exchange, String method, ApiRoutes.Match route, String owner, byte[] body) {
        ObjectNode event = Json.mapper().createObjectNode();
        event.put("version", "2.0");
        event.put("routeKey", route.routeKey());
        URI uri = exchange.getRequestURI();
        event.put("rawPath", uri.getRawPath());
        event.put("rawQueryString", uri.getRawQuery() == null ? "" : uri.getRawQuery());

        Map<String, String> headers = new LinkedHashMap<>();
        List<String> cookies = new ArrayList<>();
        exchange.getRequestHeaders().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("cookie")) {
                values.forEach(value -> cookies.addAll(List.of(value.split(";\\s*"))));
            } else {
                headers.put(lower, String.join(",", values));
            }
        });
        if (!cookies.isEmpty()) {
            ArrayNode array = event.putArray("cookies");
            cookies.forEach(array::add);
        }
        ObjectNode headerNode = event.putObject("headers");
        headers.forEach(headerNode::put);

        Map<String, List<String>> query = query(uri.getRawQuery());
        if (!query.isEmpty()) {
            ObjectNode parameters = event.putObject("queryStringParameters");
            query.forEach((name, values) -> parameters.put(name, String.join(",", values)));
        }
        if (!route.pathParameters().isEmpty()) {
            ObjectNode parameters = event.putObject("pathParameters");
            route.pathParameters().forEach(parameters::put);
        }

        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        ObjectNode context = event.putObject("requestContext");
        context.put("accountId", "000000000000");
        context.put("apiId", "local");
        ObjectNode jwt = context.putObject("authorizer").putObject("jwt");
        jwt.putObject("claims").put("sub", owner).put("iss", "local-stack-dev-tokens");
        jwt.putNull("scopes");
        String host = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Host")).orElse("127.0.0.1");
        context.put("domainName", host);
        context.put("domainPrefix", host.split("[.:]")[0]);
        ObjectNode http = context.putObject("http");
        http.put("method", method);
        http.put("path", uri.getRawPath());
        http.put("protocol", exchange.getProtocol());
        http.put("sourceIp", exchange.getRemoteAddress().getAddress().getHostAddress());
        http.put("userAgent", Optional.ofNullable(exchange.getRequestHeaders().getFirst("User-Agent")).orElse(""));
        context.put("requestId", UUID.randomUUID().toString());
        context.put("routeKey", route.routeKey());
        context.put("stage", "$default");
        context.put("time", REQUEST_TIME.format(now));
        context.put("timeEpoch", now.toInstant().toEpochMilli());

        if (body.length > 0) {
            // Bytes that are not UTF-8 cannot travel as JSON text without being changed (decoding
            // would put U+FFFD where they were): they go base64-encoded, as they are, and the
            // function decides what they mean.
            boolean text = isText(headers.get("content-type")) && isUtf8(body);
            event.put("body", text ? new String(body, StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(body));
            event.put("isBase64Encoded", !text);
        } else {
            event.put("isBase64Encoded", false);
        }
        return event.toString();
    }

    private static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }

    /** API Gateway passes text media types as they are and base64-encodes everything else. */
    static boolean isText(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        return type.startsWith("text/") || type.contains("json") || type.contains("xml") || type.contains("javascript")
                || type.startsWith("application/x-www-form-urlencoded");
    }

    private static Map<String, List<String>> query(String rawQuery) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            parameters.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
        }
        return parameters;
    }

    /** Maps an {@code APIGatewayV2HTTPResponse} JSON back to HTTP. */
    private static int write(HttpExchange exchange, String responseJson) throws IOException {
        JsonNode response = Json.mapper().readTree(responseJson);
        int status = response.path("statusCode").asInt(0);
        if (status < 100 || status > 599) {
            return problem(exchange, 500, "Internal Server Error", "the function returned no valid statusCode");
        }
        Headers out = exchange.getResponseHeaders();
        response.path("headers").fields().forEachRemaining(header -> out.set(header.getKey(), header.getValue().asText()));
        response.path("multiValueHeaders").fields().forEachRemaining(header -> {
            List<String> values = new ArrayList<>();
            header.getValue().forEach(value -> values.add(value.asText()));
            out.put(header.getKey(), values);
        });
        response.path("cookies").forEach(cookie -> out.add("Set-Cookie", cookie.asText()));
        JsonNode bodyNode = response.get("body");
        byte[] body = bodyNode == null || bodyNode.isNull() ? new byte[0] : bodyNode.asText().getBytes(StandardCharsets.UTF_8);
        boolean base64 = response.path("isBase64Encoded").asBoolean(false) || response.path("base64Encoded").asBoolean(false);
        if (base64 && body.length > 0) {
            body = Base64.getDecoder().decode(body);
        }
        send(exchange, status, body);
        return status;
    }

    private static int problem(HttpExchange exchange, int status, String title, String detail) throws IOException {
        ObjectNode problem = Json.mapper().createObjectNode()
                .put("type", "https://campaign-dialer.dev/problems/" + title.toLowerCase(Locale.ROOT).replace(' ', '-'))
                .put("title", title)
                .put("status", status)
                .put("detail", detail);
        problem.putArray("errors");
        exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
        send(exchange, status, problem.toString().getBytes(StandardCharsets.UTF_8));
        return status;
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        boolean noBody = body.length == 0 || status == 204 || status == 304 || "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, noBody ? -1 : body.length);
        if (!noBody) {
            exchange.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
