package dev.campaigndialer.core.telephony;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.campaigndialer.core.config.Env;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One outcome table for both sources of a call's status: each contact event of
 * {@code src/test/resources/events/} (AWS's documented samples, and campaign calls in the same
 * shape; see the README there) maps through {@link ConnectContactEvent} to the same outcome as the
 * equivalent {@code DescribeContact} response, which goes through the real SDK client and the
 * adapter. The expected column is the outcome both must give.
 */
class ContactEventsMapLikeDescribeContactTest {

    private static HttpServer describeContact;
    private static ConnectTelephonyProvider connect;

    /** Serves {@code GET /contacts/{instance}/{contactId}} from the fixture named by the contact id's request header. */
    @BeforeAll
    static void serveDescribeContactFixtures() throws IOException {
        describeContact = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        describeContact.createContext("/contacts/", exchange -> {
            try (exchange) {
                String[] path = exchange.getRequestURI().getPath().split("/");
                byte[] body = fixture(FIXTURE_BY_CONTACT.get(path[path.length - 1]) + ".describe.json")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        describeContact.start();
        connect = ConnectTelephonyProvider.fromEnvironment(Env.of(Map.of(
                "CONNECT_INSTANCE_ID", "12345678-1234-1234-1234-123456789012",
                "CONNECT_CONTACT_FLOW_ID", "flow",
                "CONNECT_ENDPOINT", "http://127.0.0.1:" + describeContact.getAddress().getPort())));
    }

    @AfterAll
    static void stop() {
        connect.close();
        describeContact.stop(0);
    }

    private static final Map<String, String> FIXTURE_BY_CONTACT = new java.util.concurrent.ConcurrentHashMap<>();

    @ParameterizedTest(name = "{0} -> {1} {2} s {3}")
    @CsvSource(nullValues = "-", textBlock = """
            # fixture                                      , outcome    , talk, reason
            documented-voice-call-disconnected             , ANSWERED   , 42  , -
            documented-voice-call-connected-to-agent       , IN_PROGRESS, 0   , -
            documented-contact-properties-updated          , IN_PROGRESS, 0   , -
            documented-routing-criteria-connected-to-agent , IN_PROGRESS, 0   , -
            campaign-voicemail-disconnected                , VOICEMAIL  , 15  , -
            campaign-busy-disconnected                     , BUSY       , 0   , -
            campaign-unanswered-disconnected               , NO_ANSWER  , 0   , -
            campaign-invalid-number-disconnected           , FAILED     , 0   , UNALLOCATED_NUMBER
            campaign-telecom-problem-disconnected          , FAILED     , 0   , CARRIER_ERROR
            campaign-human-connected-to-system             , IN_PROGRESS, 0   , -
            """)
    void theEventAndTheDescribeContactResponseGiveTheSameOutcome(String fixture, CallOutcome outcome, int talkSeconds,
            String reason) {
        ConnectContactEvent event = ConnectContactEvent.read(fixture(fixture + ".event.json"));
        FIXTURE_BY_CONTACT.put(event.contactId(), fixture);

        CallStatus fromEvent = event.status();
        CallStatus fromDescribeContact = connect.status(event.contactId());

        assertThat(fromEvent).as("the event's outcome").isEqualTo(fromDescribeContact);
        assertThat(fromEvent.outcome()).isEqualTo(outcome);
        assertThat(fromEvent.talkSeconds()).isEqualTo(talkSeconds);
        assertThat(fromEvent.reason()).isEqualTo(reason);
    }

    private static String fixture(String name) {
        try (InputStream in = ContactEventsMapLikeDescribeContactTest.class.getResourceAsStream("/events/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
