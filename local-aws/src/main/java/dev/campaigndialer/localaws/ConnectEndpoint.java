package dev.campaigndialer.localaws;

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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

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
 * a small adapter). local-aws does not depend on common-core, hence this SPI of its own. The carrier
 * must honour the client token as Connect does (the same token returns the first contact); the
 * endpoint counts requests so tests can prove that no second call was placed.
 *
 * <p>The limits of the real service it enforces, each answered with Connect's error type (header
 * {@code x-amzn-ErrorType}) and HTTP status:
 * <ul>
 *   <li>API throttling, when {@link #throttle} is set: a token bucket per API (Connect throttles
 *       each API separately per account and Region; default quota 2 requests/s, burst 5) answering
 *       429 {@code TooManyRequestsException} past it. Amazon Connect service quotas,
 *       https://docs.aws.amazon.com/connect/latest/adminguide/amazon-connect-service-limits.html;
 *       "Throttling errors ... are defined by HTTP status code 429",
 *       https://docs.aws.amazon.com/connect/latest/APIReference/best-practices-connect-apis.html.</li>
 *   <li>Answering machine detection only for campaign traffic: {@code EnableAnswerMachineDetection}
 *       without {@code TrafficType=CAMPAIGN} is 400 {@code InvalidRequestException}
 *       (API_StartOutboundVoiceContact.html, AnswerMachineDetectionConfig and TrafficType).</li>
 *   <li>{@code RingTimeoutInSeconds} outside 15..60 and a {@code ClientToken} over 500 characters
 *       are 400 {@code InvalidParameterException}.</li>
 *   <li>A fault window ({@link #failFor}): every request 503 {@code ServiceUnavailableException},
 *       as Connect answers when it cannot serve.</li>
 * </ul>
 *
 * <p>Contact events ({@link #sendEvents}): for every contact started, the "Amazon Connect Contact
 * Event"s an EventBridge rule for DISCONNECTED and CONNECTED_TO_SYSTEM would deliver, in
 * EventBridge's envelope with the data model of "Amazon Connect contact events"
 * (https://docs.aws.amazon.com/connect/latest/adminguide/contact-events.html): CONNECTED_TO_SYSTEM
 * with the answering machine verdict when the call connected, then DISCONNECTED with the
 * timestamps, the verdict and the disconnect reason. EventBridge delivers them best effort, so a
 * share of them can be dropped on purpose to exercise the consumer's fallback. Thread-safe.
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

    /** An error the endpoint answers every StartOutboundVoiceContact with, while set. */
    public record Refusal(int status, String errorType, String message) {
        /** Retryable: Connect could not serve the request. */
        public static final Refusal SERVICE_UNAVAILABLE = new Refusal(503, "ServiceUnavailableException",
                "The service is currently unavailable.");
        /** Not retryable: calls to this destination are not allowed (403). */
        public static final Refusal DESTINATION_NOT_ALLOWED = new Refusal(403, "DestinationNotAllowedException",
                "Outbound calls to the destination number are not allowed.");
    }

    /** A token bucket: {@code rate} tokens a second up to {@code burst}, real time. */
    private static final class Bucket {
        private final double rate;
        private final double burst;
        private double tokens;
        private long refreshedNanos = System.nanoTime();

        Bucket(double rate, double burst) {
            this.rate = rate;
            this.burst = burst;
            this.tokens = burst;
        }

        synchronized boolean take() {
            long now = System.nanoTime();
            tokens = Math.min(burst, tokens + rate * (now - refreshedNanos) / 1e9);
            refreshedNanos = now;
            if (tokens < 1) {
                return false;
            }
            tokens -= 1;
            return true;
        }
    }

    private static final String START = "StartOutboundVoiceContact";
    private static final String DESCRIBE = "DescribeContact";

    private final ObjectMapper mapper = new ObjectMapper();
    private final Carrier carrier;
    private final List<Placement> placements = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    private final List<Instant> acceptedStarts = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    private volatile Refusal refusal;
    private volatile long faultUntilNanos;
    private volatile Map<String, Bucket> buckets = Map.of();
    private final Map<String, AtomicInteger> throttled = new ConcurrentHashMap<>();
    private final AtomicInteger faulted = new AtomicInteger();
    private volatile Consumer<String> eventSink;
    private volatile double eventClockRate = 1;
    private volatile double dropPercent;
    private volatile java.util.Random dropRandom = new java.util.Random(0);
    private final AtomicInteger eventsSent = new AtomicInteger();
    private final AtomicInteger eventsDropped = new AtomicInteger();
    private final ScheduledExecutorService eventTimer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "connect-endpoint-events");
        thread.setDaemon(true);
        return thread;
    });
    /** EventBridge delivers events to a target concurrently; one sender thread would cap the calls a second. */
    private final ExecutorService eventSenders = DaemonThreads.fixedPool("connect-endpoint-event-sender", 8);
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

    /** While set, every {@code StartOutboundVoiceContact} is answered with this error; null: off. */
    public void refuseStarts(Refusal refusal) {
        this.refusal = refusal;
    }

    /**
     * For the next {@code duration} (real time) every request is answered as Connect answers when
     * it cannot serve: HTTP 503 {@code ServiceUnavailableException}.
     */
    public void failFor(Duration duration) {
        faultUntilNanos = System.nanoTime() + duration.toNanos();
    }

    /** Requests answered 503 by the fault window. */
    public int faultedRequests() {
        return faulted.get();
    }

    /**
     * Throttles each API with its own token bucket of {@code rate} requests a second and {@code
     * burst}, as Connect's API quotas do; past it a request is 429 {@code TooManyRequestsException}.
     */
    public void throttle(double rate, double burst) {
        buckets = Map.of(START, new Bucket(rate, burst), DESCRIBE, new Bucket(rate, burst));
    }

    /** Requests of an API ({@code StartOutboundVoiceContact}, {@code DescribeContact}) answered 429. */
    public int throttledRequests(String api) {
        return throttled.getOrDefault(api, new AtomicInteger()).get();
    }

    /** {@code StartOutboundVoiceContact} requests answered 200, repeats included: real instants, in order. */
    public List<Instant> acceptedStarts() {
        synchronized (acceptedStarts) {
            return List.copyOf(acceptedStarts);
        }
    }

    /**
     * Sends each started contact's CONNECTED_TO_SYSTEM (if it connected) and DISCONNECTED events,
     * in EventBridge's envelope, to {@code sink} (as the EventBridge rule's SQS target would),
     * about {@code delay} after the start; each event is dropped with {@code dropPercent}
     * probability (seeded, so a run is repeatable).
     */
    public void sendEvents(Consumer<String> sink, double dropPercent, long seed) {
        sendEvents(sink, dropPercent, seed, 1);
    }

    /**
     * As {@link #sendEvents(Consumer, double, long)}, for a clock that runs {@code clockRate} times
     * real time: a call's events go out when it ends on that clock (ring time plus talk time), but
     * never later than {@value #MAX_EVENT_DELAY_MILLIS} ms of real time, so simulated talk time does
     * not hold a run up.
     */
    public void sendEvents(Consumer<String> sink, double dropPercent, long seed, double clockRate) {
        this.eventClockRate = clockRate;
        this.dropRandom = new java.util.Random(seed);
        this.dropPercent = dropPercent;
        this.eventSink = sink;
    }

    /** Contact events sent to the sink. */
    public int eventsSent() {
        return eventsSent.get();
    }

    /** Contact events dropped on purpose. */
    public int eventsDropped() {
        return eventsDropped.get();
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
                boolean start = "PUT".equals(method) && path.equals(List.of("contact", "outbound-voice"));
                boolean describe = "GET".equals(method) && path.size() == 3 && path.get(0).equals("contacts");
                String api = start ? START : describe ? DESCRIBE : null;
                if (api != null && start) {
                    startRequests.incrementAndGet();
                } else if (api != null) {
                    describeRequests.incrementAndGet();
                }
                if (api != null && System.nanoTime() - faultUntilNanos < 0) {
                    faulted.incrementAndGet();
                    exchange.getRequestBody().readAllBytes();
                    error(exchange, 503, "ServiceUnavailableException", "The service is currently unavailable.");
                } else if (api != null && buckets.containsKey(api) && !buckets.get(api).take()) {
                    throttled.computeIfAbsent(api, name -> new AtomicInteger()).incrementAndGet();
                    exchange.getRequestBody().readAllBytes();
                    error(exchange, 429, "TooManyRequestsException", "Rate exceeded");
                } else if (start) {
                    startOutboundVoiceContact(exchange);
                } else if (describe) {
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
        if (startsToThrottle.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
            exchange.getRequestBody().readAllBytes();
            error(exchange, 429, "TooManyRequestsException", "Rate exceeded");
            return;
        }
        byte[] raw = exchange.getRequestBody().readAllBytes();
        startBodies.add(new String(raw, StandardCharsets.UTF_8));
        Refusal refused = refusal;
        if (refused != null) {
            error(exchange, refused.status(), refused.errorType(), refused.message());
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
        if (body.path("AnswerMachineDetectionConfig").path("EnableAnswerMachineDetection").asBoolean(false)
                && !"CAMPAIGN".equals(body.path("TrafficType").asText(""))) {
            error(exchange, 400, "InvalidRequestException",
                    "Answering machine detection requires TrafficType CAMPAIGN");
            return;
        }
        if (body.has("RingTimeoutInSeconds")) {
            int ring = body.path("RingTimeoutInSeconds").asInt(-1);
            if (ring < 15 || ring > 60) {
                error(exchange, 400, "InvalidParameterException", "RingTimeoutInSeconds must be between 15 and 60");
                return;
            }
        }
        int attempt = body.path("Attributes").path("attempt").asInt(0);
        String contactId = carrier.start(token, body.get("DestinationPhoneNumber").asText(),
                body.path("SourcePhoneNumber").asText(null), attempt);
        Instant now = clock.instant();
        acceptedStarts.add(Instant.now());
        if (contacts.putIfAbsent(contactId, new Placed(body.get("InstanceId").asText(), now)) == null) {
            placements.add(new Placement(contactId, body.get("DestinationPhoneNumber").asText(), now));
            scheduleEvents(contactId);
        }
        respond(exchange, 200, mapper.createObjectNode().put("ContactId", contactId));
    }

    private void describeContact(HttpExchange exchange, String instanceId, String contactId) throws IOException {
        Placed placed = contacts.get(contactId);
        ContactState state = placed != null && placed.instanceId().equals(instanceId) ? carrier.describe(contactId)
                : null;
        if (state == null) {
            error(exchange, 404, "ResourceNotFoundException", "Contact not found: " + contactId);
            return;
        }
        ContactTimes times = ContactTimes.of(placed.initiated(), state);
        ObjectNode contact = mapper.createObjectNode()
                .put("Id", contactId)
                .put("Arn", "arn:aws:connect:" + ElasticMq.REGION + ":000000000000:instance/" + instanceId
                        + "/contact/" + contactId)
                .put("Channel", "VOICE")
                .put("InitiationMethod", "OUTBOUND")
                .put("InitiationTimestamp", epochSeconds(times.initiated()));
        if (times.connected() != null) {
            contact.put("ConnectedToSystemTimestamp", epochSeconds(times.connected()));
        }
        if (times.disconnected() != null) {
            contact.put("DisconnectTimestamp", epochSeconds(times.disconnected()));
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

    /** A contact's timestamps: connected {@link #RING_TIME} after initiation, disconnected after the talk. */
    private record ContactTimes(Instant initiated, Instant connected, Instant disconnected) {
        static ContactTimes of(Instant initiated, ContactState state) {
            Instant connected = state.connectedSeconds() == null ? null : initiated.plus(RING_TIME);
            Instant disconnected = !state.disconnected() ? null
                    : connected != null ? connected.plusSeconds(state.connectedSeconds()) : initiated.plus(RING_TIME);
            return new ContactTimes(initiated, connected, disconnected);
        }
    }

    /** The longest real time between a start and its contact events. */
    private static final long MAX_EVENT_DELAY_MILLIS = 300;
    /** The shortest: the dialer records the call id right after the start returns. */
    private static final long MIN_EVENT_DELAY_MILLIS = 20;

    private void scheduleEvents(String contactId) {
        if (eventSink == null) {
            return;
        }
        ContactState state = carrier.describe(contactId);
        if (state == null || !state.disconnected()) {
            return;
        }
        long callMillis = RING_TIME.toMillis() + (state.connectedSeconds() == null ? 0 : state.connectedSeconds() * 1000L);
        long delay = Math.max(MIN_EVENT_DELAY_MILLIS, Math.min(MAX_EVENT_DELAY_MILLIS,
                (long) (callMillis / eventClockRate)));
        eventTimer.schedule(() -> eventSenders.execute(() -> sendEventsOf(contactId, state)), delay,
                TimeUnit.MILLISECONDS);
    }

    private void sendEventsOf(String contactId, ContactState state) {
        try {
            Placed placed = contacts.get(contactId);
            if (placed == null) {
                return;
            }
            ContactTimes times = ContactTimes.of(placed.initiated(), state);
            if (times.connected() != null) {
                publish(event("CONNECTED_TO_SYSTEM", contactId, placed.instanceId(), times, state, false));
            }
            publish(event("DISCONNECTED", contactId, placed.instanceId(), times, state, true));
        } catch (RuntimeException e) {
            // A sink that fails loses the event, as best-effort delivery may; polling covers it.
            System.err.println("connect endpoint: contact event not sent: " + e);
        }
    }

    private void publish(String event) {
        boolean drop;
        synchronized (this) {
            drop = dropPercent > 0 && dropRandom.nextDouble() * 100 < dropPercent;
        }
        if (drop) {
            eventsDropped.incrementAndGet();
            return;
        }
        eventSink.accept(event);
        eventsSent.incrementAndGet();
    }

    /** One contact event in EventBridge's envelope, with the fields of the documented data model. */
    private String event(String type, String contactId, String instanceId, ContactTimes times, ContactState state,
            boolean ended) {
        String instanceArn = "arn:aws:connect:" + ElasticMq.REGION + ":000000000000:instance/" + instanceId;
        ObjectNode detail = mapper.createObjectNode()
                .put("eventType", type)
                .put("contactId", contactId)
                .put("initialContactId", contactId)
                .put("channel", "VOICE")
                .put("instanceArn", instanceArn)
                .put("initiationMethod", "API")
                .put("initiationTimestamp", iso(times.initiated()));
        if (times.connected() != null) {
            detail.put("connectedToSystemTimestamp", iso(times.connected()));
        }
        if (ended) {
            detail.put("disconnectTimestamp", iso(times.disconnected()));
            if (state.disconnectReason() != null) {
                detail.put("disconnectReason", state.disconnectReason());
            }
        }
        if (state.amdStatus() != null) {
            detail.put("answeringMachineDetectionStatus", state.amdStatus());
        }
        detail.putObject("tags").put("aws:connect:instanceId", instanceId);
        ObjectNode envelope = mapper.createObjectNode()
                .put("version", "0")
                .put("id", UUID.randomUUID().toString())
                .put("detail-type", "Amazon Connect Contact Event")
                .put("source", "aws.connect")
                .put("account", "000000000000")
                .put("time", java.time.format.DateTimeFormatter.ISO_INSTANT.format(
                        (ended ? times.disconnected() : times.connected()).truncatedTo(java.time.temporal.ChronoUnit.SECONDS)))
                .put("region", ElasticMq.REGION);
        envelope.putArray("resources").add(instanceArn).add(instanceArn + "/contact/" + contactId);
        envelope.set("detail", detail);
        try {
            return mapper.writeValueAsString(envelope);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** yyyy-MM-dd'T'HH:mm:ss.SSS'Z', as the contact events data model writes timestamps. */
    private static String iso(Instant instant) {
        return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
                .withZone(java.time.ZoneOffset.UTC).format(instant);
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
        eventTimer.shutdownNow();
        eventSenders.shutdownNow();
    }
}
