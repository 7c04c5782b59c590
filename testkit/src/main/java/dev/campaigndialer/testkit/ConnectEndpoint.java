package dev.campaigndialer.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local Amazon Connect speaking the REST-JSON protocol of the two operations the dialer uses, so
 * the real SDK v2 {@code ConnectClient} reaches it through {@code endpointOverride}:
 * <ul>
 *   <li>{@code PUT /contact/outbound-voice} ({@code StartOutboundVoiceContact}): body
 *       {@code {"ClientToken", "InstanceId", "ContactFlowId", "DestinationPhoneNumber",
 *       "SourcePhoneNumber", "AnswerMachineDetectionConfig": {"EnableAnswerMachineDetection",
 *       "AwaitAnswerMachinePrompt"}, "Attributes": {"attempt": "1"}}}; answers
 *       {@code {"ContactId": "..."}}.</li>
 *   <li>{@code GET /contacts/{InstanceId}/{ContactId}} ({@code DescribeContact}): answers
 *       {@code {"Contact": {...}}} with the timestamps as epoch-second numbers; an unknown contact
 *       (or one started on another instance) is a 404 {@code ResourceNotFoundException}.</li>
 * </ul>
 * What happens to a call is up to a {@link Carrier} (in tests, usually the simulated carrier behind
 * a small adapter). testkit does not depend on common-core, hence this SPI of its own. The carrier
 * must honour the client token as Connect does (the same token returns the first contact); the
 * endpoint counts requests so tests can prove that no second call was placed. Thread-safe.
 */
public final class ConnectEndpoint implements AutoCloseable {

    /** What the endpoint asks of the carrier behind it. Implementations must be thread-safe. */
    public interface Carrier {

        /**
         * Places a call, or returns the contact already placed for this token.
         *
         * @param attempt the {@code attempt} contact attribute, 0 when the request carried none
         * @return the contact id
         */
        String start(String clientToken, String destination, String source, int attempt);

        /** The contact's state now, or null when the carrier does not know it (a 404). */
        ContactState describe(String contactId);
    }

    /**
     * A contact as Connect would describe it.
     *
     * @param disconnected     the call has ended ({@code DisconnectTimestamp} is present)
     * @param connectedSeconds null when the call never connected to the system; otherwise the
     *                         seconds it has been (or was, once disconnected) connected
     * @param amdStatus        {@code AnsweringMachineDetectionStatus}, or null for none
     * @param disconnectReason {@code DisconnectReason}, or null for none
     */
    public record ContactState(boolean disconnected, Integer connectedSeconds, String amdStatus,
            String disconnectReason) {

        /** Still ringing: not connected, not disconnected. */
        public static ContactState ringing() {
            return new ContactState(false, null, null, null);
        }

        /** Connected and ended after {@code talkSeconds}, with this AMD verdict. */
        public static ContactState ended(String amdStatus, int talkSeconds) {
            return new ContactState(true, talkSeconds, amdStatus, "CUSTOMER_DISCONNECT");
        }

        /** Ended without ever connecting. */
        public static ContactState neverConnected(String amdStatus, String disconnectReason) {
            return new ContactState(true, null, amdStatus, disconnectReason);
        }
    }

    /** Seconds between initiation and connection in the contacts this endpoint describes. */
    public static final Duration RING_TIME = Duration.ofSeconds(4);

    private record Placed(String instanceId, Instant initiated) {
    }

    private final ObjectMapper mapper = new ObjectMapper();
    private final Carrier carrier;
    private final List<Placement> placements = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    private volatile boolean refuseStarts;
    private final Clock clock;
    private final HttpServer server;
    private final ExecutorService executor;
    private final Map<String, Placed> contacts = new ConcurrentHashMap<>();
    private final List<String> startBodies = new CopyOnWriteArrayList<>();
    private final AtomicInteger startRequests = new AtomicInteger();
    private final AtomicInteger describeRequests = new AtomicInteger();
    private final AtomicInteger startsToThrottle = new AtomicInteger();

    private ConnectEndpoint(Carrier carrier, Clock clock, HttpServer server, ExecutorService executor) {
        this.carrier = carrier;
        this.clock = clock;
        this.server = server;
        this.executor = executor;
    }

    public static ConnectEndpoint start(Carrier carrier) {
        return start(carrier, Clock.systemUTC());
    }

    /** @param clock the time a contact is initiated at (its other timestamps follow from it) */
    public static ConnectEndpoint start(Carrier carrier, Clock clock) {
        Objects.requireNonNull(carrier, "carrier");
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            // Several dialer workers and status checkers call at once in the pacing tests.
            ExecutorService executor = DaemonThreads.fixedPool("connect-endpoint", 8);
            var endpoint = new ConnectEndpoint(carrier, clock, server, executor);
            server.createContext("/", endpoint::handle);
            server.setExecutor(executor);
            server.start();
            return endpoint;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Connect endpoint", e);
        }
    }

    /** The URL for {@code endpointOverride} (the functions' {@code CONNECT_ENDPOINT}). */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** {@code StartOutboundVoiceContact} requests received, repeats included. */
    public int startRequests() {
        return startRequests.get();
    }

    /** {@code DescribeContact} requests received, unknown contacts included. */
    public int describeRequests() {
        return describeRequests.get();
    }

    /**
     * The next {@code requests} {@code StartOutboundVoiceContact} requests are refused as Connect
     * refuses calls over its API rate quota: HTTP 429 {@code ThrottlingException} ("The throttling
     * limit has been exceeded", https://docs.aws.amazon.com/connect/latest/APIReference/API_StartOutboundVoiceContact.html).
     * The SDK retries a throttled request, so one refused call may use several of them.
     */
    public void throttleNextStarts(int requests) {
        startsToThrottle.set(requests);
    }

    /** Distinct contacts started. */
    public int contactsStarted() {
        return contacts.size();
    }

    /**
     * While on, every {@code StartOutboundVoiceContact} is answered as Connect answers when it
     * cannot serve a request: HTTP 503 {@code ServiceUnavailableException} (a retryable fault).
     */
    public void refuseStarts(boolean refuse) {
        refuseStarts = refuse;
    }

    /** A contact started (once per contact, however often its token was sent), at the endpoint clock's instant. */
    public record Placement(String contactId, String phone, Instant at) {
    }

    /** Every contact started so far, in order. */
    public List<Placement> placements() {
        synchronized (placements) {
            return List.copyOf(placements);
        }
    }

    /** The JSON bodies of the {@code StartOutboundVoiceContact} requests, as received, in order. */
    public List<String> startRequestBodies() {
        return List.copyOf(startBodies);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            List<String> path = segments(exchange.getRequestURI().getRawPath());
            try {
                if ("PUT".equals(method) && path.equals(List.of("contact", "outbound-voice"))) {
                    startOutboundVoiceContact(exchange);
                } else if ("GET".equals(method) && path.size() == 3 && path.get(0).equals("contacts")) {
                    describeContact(exchange, path.get(1), path.get(2));
                } else {
                    error(exchange, 404, "UnknownOperationException", "no operation for " + method + " "
                            + exchange.getRequestURI().getRawPath());
                }
            } catch (RuntimeException e) {
                error(exchange, 500, "InternalServiceException", String.valueOf(e));
            }
        }
    }

    private void startOutboundVoiceContact(HttpExchange exchange) throws IOException {
        startRequests.incrementAndGet();
        if (startsToThrottle.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
            exchange.getRequestBody().readAllBytes();
            error(exchange, 429, "ThrottlingException", "The throttling limit has been exceeded.");
            return;
        }
        byte[] raw = exchange.getRequestBody().readAllBytes();
        startBodies.add(new String(raw, StandardCharsets.UTF_8));
        if (refuseStarts) {
            error(exchange, 503, "ServiceUnavailableException", "The service is currently unavailable.");
            return;
        }
        JsonNode body = mapper.readTree(raw);
        for (String required : List.of("InstanceId", "ContactFlowId", "DestinationPhoneNumber")) {
            if (!body.hasNonNull(required) || body.get(required).asText().isBlank()) {
                error(exchange, 400, "InvalidParameterException", required + " is required");
                return;
            }
        }
        String token = body.path("ClientToken").asText("");
        if (token.length() > 500) {
            error(exchange, 400, "InvalidParameterException", "ClientToken is longer than 500 characters");
            return;
        }
        if (token.isEmpty()) {
            // The SDK fills in a random token when the caller gives none; so does this endpoint.
            token = UUID.randomUUID().toString();
        }
        int attempt = body.path("Attributes").path("attempt").asInt(0);
        String contactId = carrier.start(token, body.get("DestinationPhoneNumber").asText(),
                body.path("SourcePhoneNumber").asText(null), attempt);
        Instant now = clock.instant();
        if (contacts.putIfAbsent(contactId, new Placed(body.get("InstanceId").asText(), now)) == null) {
            placements.add(new Placement(contactId, body.get("DestinationPhoneNumber").asText(), now));
        }
        respond(exchange, 200, mapper.createObjectNode().put("ContactId", contactId));
    }

    private void describeContact(HttpExchange exchange, String instanceId, String contactId) throws IOException {
        describeRequests.incrementAndGet();
        Placed placed = contacts.get(contactId);
        ContactState state = placed != null && placed.instanceId().equals(instanceId) ? carrier.describe(contactId)
                : null;
        if (state == null) {
            error(exchange, 404, "ResourceNotFoundException", "Contact not found: " + contactId);
            return;
        }
        Instant initiated = placed.initiated();
        ObjectNode contact = mapper.createObjectNode()
                .put("Id", contactId)
                .put("Arn", "arn:aws:connect:" + ElasticMq.REGION + ":000000000000:instance/" + instanceId
                        + "/contact/" + contactId)
                .put("Channel", "VOICE")
                .put("InitiationMethod", "OUTBOUND")
                .put("InitiationTimestamp", epochSeconds(initiated));
        Instant connected = state.connectedSeconds() == null ? null : initiated.plus(RING_TIME);
        if (connected != null) {
            contact.put("ConnectedToSystemTimestamp", epochSeconds(connected));
        }
        if (state.disconnected()) {
            Instant disconnected = connected != null ? connected.plusSeconds(state.connectedSeconds())
                    : initiated.plus(RING_TIME);
            contact.put("DisconnectTimestamp", epochSeconds(disconnected));
        }
        if (state.amdStatus() != null) {
            contact.put("AnsweringMachineDetectionStatus", state.amdStatus());
        }
        if (state.disconnectReason() != null) {
            contact.put("DisconnectReason", state.disconnectReason());
        }
        ObjectNode response = mapper.createObjectNode();
        response.set("Contact", contact);
        respond(exchange, 200, response);
    }

    /** Epoch seconds with the milliseconds as a fraction, the way AWS writes REST-JSON timestamps. */
    private static BigDecimal epochSeconds(Instant instant) {
        return BigDecimal.valueOf(instant.toEpochMilli()).movePointLeft(3);
    }

    private static List<String> segments(String rawPath) {
        return java.util.Arrays.stream(rawPath.split("/"))
                .filter(segment -> !segment.isEmpty())
                .map(segment -> URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8))
                .toList();
    }

    private void error(HttpExchange exchange, int status, String type, String message) throws IOException {
        exchange.getResponseHeaders().set("x-amzn-ErrorType", type);
        respond(exchange, status, mapper.createObjectNode().put("Message", message));
    }

    private void respond(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = mapper.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
