package dev.campaigndialer.core.telephony;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.campaigndialer.core.config.Env;
import dev.campaigndialer.localaws.ConnectEndpoint;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.connect.ConnectClient;
import software.amazon.awssdk.services.connect.model.DestinationNotAllowedException;
import software.amazon.awssdk.services.connect.model.InvalidRequestException;
import software.amazon.awssdk.services.connect.model.TooManyRequestsException;

/**
 * local-aws's local Amazon Connect refuses as Connect does (same error type, same HTTP status, as the
 * real SDK reads them), and the adapter tells the refusals that are not about the call (throttling,
 * faults) from those that are.
 */
class LocalConnectRefusesLikeConnectTest {

    private static final String INSTANCE = "7c8f2a4e-1b3d-4e5f-9a6b-0c1d2e3f4a5b";
    private final List<AutoCloseable> opened = new ArrayList<>();
    private ConnectEndpoint endpoint;
    private ConnectTelephonyProvider connect;

    private void start() {
        endpoint = ConnectEndpoint.start(new SimulatedCarrierOverConnect(new SimulatedCarrier()));
        opened.add(endpoint);
        connect = ConnectTelephonyProvider.fromEnvironment(Env.of(Map.of("CONNECT_INSTANCE_ID", INSTANCE,
                "CONNECT_CONTACT_FLOW_ID", "flow", "CONNECT_ENDPOINT", endpoint.endpoint().toString())));
        opened.add(connect);
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : opened) {
            closeable.close();
        }
    }

    private static CallRequest call(int n) {
        return new CallRequest("task-" + n, "+1415555010" + (n % 10), "+14155550100", 1);
    }

    @Test
    void pastTheBurstEachApiIsThrottledWith429TooManyRequests() {
        start();
        endpoint.throttle(2, 5);

        String first = connect.place(call(0)).callId();
        for (int i = 1; i < 5; i++) {
            connect.place(call(i));
        }
        assertThatThrownBy(() -> connect.place(call(5)))
                .isInstanceOfSatisfying(CarrierUnavailableException.class, e -> {
                    assertThat(e.reason()).isEqualTo(CarrierUnavailableException.Reason.THROTTLED);
                    assertThat(e.getCause()).isInstanceOf(TooManyRequestsException.class);
                    assertThat(((AwsServiceException) e.getCause()).statusCode()).isEqualTo(429);
                });
        // DescribeContact has its own bucket: still full.
        assertThat(connect.status(first).finished()).isTrue();
        assertThat(endpoint.throttledRequests("StartOutboundVoiceContact")).isEqualTo(1);
        assertThat(endpoint.throttledRequests("DescribeContact")).isZero();
    }

    @Test
    void theBucketRefillsAtItsRate() throws Exception {
        start();
        connect.place(call(0)); // the client's first request loads classes: not part of the timing
        endpoint.throttle(1, 1);
        connect.place(call(1));
        assertThatThrownBy(() -> connect.place(call(2))).isInstanceOf(CarrierUnavailableException.class);

        Thread.sleep(1100);

        assertThat(connect.place(call(2)).callId()).isNotBlank();
    }

    @Test
    void answeringMachineDetectionWithoutCampaignTrafficIsAnInvalidRequest() {
        start();
        try (ConnectClient raw = ConnectClient.builder().endpointOverride(URI.create(endpoint.endpoint().toString()))
                .region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build()) {

            assertThatThrownBy(() -> raw.startOutboundVoiceContact(start -> start.instanceId(INSTANCE)
                    .contactFlowId("flow").destinationPhoneNumber("+14155550101").clientToken("amd-no-campaign")
                    .answerMachineDetectionConfig(amd -> amd.enableAnswerMachineDetection(true))))
                    .isInstanceOfSatisfying(InvalidRequestException.class,
                            e -> assertThat(e.statusCode()).isEqualTo(400));
        }
        assertThat(endpoint.contactsStarted()).isZero();
    }

    @Test
    void duringAFaultWindowEveryRequestIs503AndNotAnAttempt() {
        start();
        endpoint.failFor(Duration.ofSeconds(30));

        assertThatThrownBy(() -> connect.place(call(1)))
                .isInstanceOfSatisfying(CarrierUnavailableException.class, e -> {
                    assertThat(e.reason()).isEqualTo(CarrierUnavailableException.Reason.FAULT);
                    assertThat(((AwsServiceException) e.getCause()).statusCode()).isEqualTo(503);
                });
        assertThatThrownBy(() -> connect.status("any")).isInstanceOf(CarrierUnavailableException.class);
        assertThat(endpoint.faultedRequests()).isEqualTo(2);

        endpoint.failFor(Duration.ZERO);
        assertThat(connect.place(call(1)).callId()).isNotBlank();
    }

    @Test
    void aFullQuotaIsNotAnAttemptButItsOwnReason() {
        start();
        endpoint.refuseStarts(new ConnectEndpoint.Refusal(402, "ServiceQuotaExceededException",
                "The service quota has been exceeded."));

        assertThatThrownBy(() -> connect.place(call(1)))
                .isInstanceOfSatisfying(CarrierUnavailableException.class,
                        e -> assertThat(e.reason()).isEqualTo(CarrierUnavailableException.Reason.QUOTA_EXCEEDED));
    }

    @Test
    void aDestinationThatIsNotAllowedIsARefusalAboutTheCall() {
        start();
        endpoint.refuseStarts(ConnectEndpoint.Refusal.DESTINATION_NOT_ALLOWED);

        assertThatThrownBy(() -> connect.place(call(1)))
                .isInstanceOfSatisfying(DestinationNotAllowedException.class,
                        e -> assertThat(e.statusCode()).isEqualTo(403));
    }

    @Test
    void everyStartedContactSendsItsEventsInEventBridgesEnvelopeMappingToTheCarriersOutcome() throws Exception {
        start();
        List<String> events = new CopyOnWriteArrayList<>();
        endpoint.sendEvents(events::add, 0, 1);
        List<CallRequest> calls = new ArrayList<>();
        for (int digit = 0; digit <= 9; digit++) {
            calls.add(call(digit));
            connect.place(calls.get(digit));
        }

        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        // Digits 0-5 connect (CONNECTED_TO_SYSTEM then DISCONNECTED); 6-9 only DISCONNECTED.
        while (events.size() < 16 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }

        assertThat(events).hasSize(16);
        List<ConnectContactEvent> disconnected = events.stream().map(ConnectContactEvent::read)
                .filter(event -> event.eventType().equals("DISCONNECTED")).toList();
        assertThat(disconnected).hasSize(10).allSatisfy(event -> {
            assertThat(event.instanceArn()).endsWith(":instance/" + INSTANCE);
            assertThat(event.status()).as("event of %s", event.contactId()).isEqualTo(connect.status(event.contactId()));
        });
        assertThat(disconnected.stream().map(ConnectContactEvent::status).map(CallStatus::outcome).toList())
                .containsExactlyInAnyOrderElementsOf(calls.stream()
                        .map(call -> SimulatedCarrier.outcomeFor(call.to(), 1).outcome()).toList());
    }

    @Test
    void aShareOfTheEventsCanBeDropped() throws Exception {
        start();
        List<String> events = new CopyOnWriteArrayList<>();
        endpoint.sendEvents(events::add, 100, 1);
        connect.place(call(1));
        Thread.sleep(1000);

        assertThat(events).isEmpty();
        assertThat(endpoint.eventsDropped()).isEqualTo(2);
    }
}
