package dev.campaigndialer.system.window;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import dev.campaigndialer.core.calling.CallingWindow;
import dev.campaigndialer.core.telephony.CallStatus;
import dev.campaigndialer.core.telephony.SimulatedCarrier;
import dev.campaigndialer.local.demo.OwnerClient;
import dev.campaigndialer.local.stack.LocalStack;
import dev.campaigndialer.local.stack.StackSettings;
import dev.campaigndialer.system.Terminal;
import dev.campaigndialer.localaws.ConnectEndpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The local stack (every function from its own jar, PostgreSQL behind PgBouncer, ElasticMQ, the
 * carrier behind the local Connect endpoint) at a chosen clock, with the helpers the calling-window
 * tests share: numbers in known zones, campaigns through the owner API, and the check of each
 * placement against the callee's local time.
 */
final class WindowStack implements AutoCloseable {

    static final CallingWindow NINE_TO_EIGHT = new CallingWindow(LocalTime.of(9, 0), LocalTime.of(20, 0));
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");
    static final ZoneId BOISE = ZoneId.of("America/Boise");

    private static final PhoneNumberToTimeZonesMapper TIME_ZONES = PhoneNumberToTimeZonesMapper.getInstance();

    final LocalStack stack;
    final OwnerClient owner;

    private WindowStack(LocalStack stack) {
        this.stack = stack;
        this.owner = new OwnerClient(stack.apiBaseUrl(), "window-owner");
    }

    static WindowStack start(Instant clockStart, double clockRate) throws Exception {
        return start(clockStart, clockRate, StackSettings.ConnectSettings.defaults());
    }

    /** With these Connect quotas and contact events. */
    static WindowStack start(Instant clockStart, double clockRate, StackSettings.ConnectSettings connect)
            throws Exception {
        Path repoRoot = Path.of(System.getProperty("campaigndialer.repoRoot", "..")).toAbsolutePath().normalize();
        Path log = Files.createTempFile("window-stack-", ".log");
        var settings = new StackSettings(repoRoot, Optional.empty(), Optional.empty(), clockStart, clockRate, 0,
                Duration.ofSeconds(2), 0, true, log, Optional.empty(), 1, true, 8, connect, false);
        return new WindowStack(LocalStack.start(settings, line -> System.err.println("[window] " + line),
                line -> System.err.println("[window] WARNING " + line)));
    }

    /** {@code count} numbers {@code +1 <area> <exchange> NNNN}, lines from {@code firstLine}: all ten last digits. */
    static List<String> numbers(String area, String exchange, int firstLine, int count) {
        return IntStream.range(firstLine, firstLine + count).mapToObj(line -> "+1" + area + exchange
                + String.format("%04d", line)).toList();
    }

    /** The callee's zones straight from libphonenumber (not through the system's own code). */
    static List<ZoneId> zonesOf(String e164) {
        try {
            return TIME_ZONES.getTimeZonesForNumber(PhoneNumberUtil.getInstance().parse(e164, "US")).stream()
                    .map(ZoneId::of).toList();
        } catch (NumberParseException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Submits a campaign of these numbers, maxAttempts 2 with no backoff; returns its id. */
    UUID submit(String name, List<String> phones, int maxConcurrentCalls) {
        return submit(name, phones, maxConcurrentCalls, 2);
    }

    /** Submits a campaign of these numbers with this many attempts per contact, no backoff; returns its id. */
    UUID submit(String name, List<String> phones, int maxConcurrentCalls, int maxAttempts) {
        return submitContacts(name, phones.stream().map(phone -> "{\"phone\": \"" + phone + "\"}").toList(),
                maxConcurrentCalls, maxAttempts);
    }

    /** Submits a campaign of these contact objects (JSON), maxAttempts 2 with no backoff; returns its id. */
    UUID submitContacts(String name, List<String> contactsJson, int maxConcurrentCalls) {
        return submitContacts(name, contactsJson, maxConcurrentCalls, 2);
    }

    UUID submitContacts(String name, List<String> contactsJson, int maxConcurrentCalls, int maxAttempts) {
        String body = "{\"name\": \"" + name + "\", \"callerId\": \"+14155550100\", "
                + "\"retry\": {\"maxAttempts\": " + maxAttempts + ", \"backoffSeconds\": 0, \"on\": [\"BUSY\", \"NO_ANSWER\", \"FAILED\"]}, "
                + "\"maxConcurrentCalls\": " + maxConcurrentCalls + ", \"contacts\": [" + String.join(",", contactsJson)
                + "]}";
        OwnerClient.Response response = owner.post("/campaigns", body);
        assertThat(response.status()).as("POST /campaigns: %s", response.body()).isEqualTo(201);
        return UUID.fromString(response.json().path("campaignId").asText());
    }

    JsonNode campaign(UUID id) {
        return owner.get("/campaigns/" + id).json();
    }

    JsonNode report(UUID id) {
        return owner.get("/campaigns/" + id + "/report").json();
    }

    String control(UUID id, String action) {
        OwnerClient.Response response = owner.post("/campaigns/" + id + "/" + action, "");
        assertThat(response.status()).as("%s: %s", action, response.body()).isEqualTo(200);
        return response.json().path("status").asText();
    }

    Instant now() {
        return stack.clock().instant();
    }

    List<ConnectEndpoint.Placement> placements() {
        return stack.connect().placements();
    }

    /** Placements whose instant is outside the 09:00-20:00 window in one of the callee's zones. */
    List<String> placementsOutsideTheWindow() {
        return placements().stream()
                .filter(placement -> !NINE_TO_EIGHT.isOpen(placement.at(), zonesOf(placement.phone())))
                .map(placement -> placement.phone().substring(0, 5) + "... at " + placement.at() + " ("
                        + zonesOf(placement.phone()).stream().map(zone -> placement.at().atZone(zone).toLocalTime() + " "
                        + zone).collect(Collectors.joining(", ")) + ")")
                .toList();
    }

    /**
     * A test's figures, on the terminal: while the stack runs, System.err goes to the stack's log,
     * so the line goes to the log and to the standard error the test started with.
     */
    static void summary(String line) {
        System.err.println(line);
        ORIGINAL_ERR.println(line);
    }

    private static final java.io.PrintStream ORIGINAL_ERR = Terminal.ERR;

    /** Messages in every dead-letter queue of the stack. */
    long deadLettered() {
        return stack.queues().all().stream()
                .mapToLong(queue -> stack.queues().deadLetterDepth(queue.settings().name()).total()).sum();
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            Thread.sleep(250);
        }
    }

    /**
     * The report's outcomes and placed calls computed from the carrier table alone, for retry on BUSY,
     * NO_ANSWER and FAILED (a permanent failure is never retried) and 1 or 2 attempts.
     */
    static Map<String, Integer> expectedOutcomes(List<String> phones) {
        return expectedOutcomes(phones, 2);
    }

    /** The same for maxAttempts 1 or 2. */
    static Map<String, Integer> expectedOutcomes(List<String> phones, int maxAttempts) {
        Map<String, Integer> outcomes = new LinkedHashMap<>();
        int calls = 0;
        for (String phone : phones) {
            CallStatus status = SimulatedCarrier.outcomeFor(phone, 1);
            calls++;
            boolean retried = maxAttempts > 1 && !status.permanent()
                    && List.of("BUSY", "NO_ANSWER", "FAILED").contains(status.outcome().name());
            if (retried) {
                status = SimulatedCarrier.outcomeFor(phone, 2);
                calls++;
            }
            outcomes.merge(status.outcome().name(), 1, Integer::sum);
        }
        outcomes.put("calls", calls);
        return outcomes;
    }

    /** The report's figures in the shape of {@link #expectedOutcomes}. */
    static Map<String, Integer> reportedOutcomes(JsonNode report) {
        Map<String, Integer> outcomes = new LinkedHashMap<>();
        report.path("outcomes").fields().forEachRemaining(entry -> {
            if (entry.getValue().asInt() > 0) {
                outcomes.put(entry.getKey(), entry.getValue().asInt());
            }
        });
        outcomes.put("calls", report.path("attempts").path("total").asInt());
        return outcomes;
    }

    static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    @Override
    public void close() {
        stack.close();
    }
}
