package dev.campaigndialer.core.telephony;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.campaigndialer.core.config.Env;
import dev.campaigndialer.localaws.ConnectEndpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.connect.model.ResourceNotFoundException;

/**
 * The Connect adapter with the real SDK v2 client against a local endpoint speaking Connect's
 * REST-JSON protocol, backed by the simulated carrier: carrier outcome → Connect contact JSON → SDK
 * → {@link ConnectOutcomes} → {@link CallStatus} must give back exactly the carrier's table.
 */
class ConnectAdapterSpeaksTheConnectProtocolTest {

    private static final String INSTANCE = "7c8f2a4e-1b3d-4e5f-9a6b-0c1d2e3f4a5b";
    private static final String FLOW = "e1d2c3b4-a596-4877-8695-a4b3c2d1e0f9";
    private static final String CALLER_ID = "+14155550100";

    private final ObjectMapper json = new ObjectMapper();
    private final List<AutoCloseable> opened = new ArrayList<>();
    private SimulatedCarrier carrier;
    private ConnectEndpoint endpoint;
    private ConnectTelephonyProvider connect;

    private void start(SimulatedCarrier simulated) {
        carrier = simulated;
        endpoint = ConnectEndpoint.start(new SimulatedCarrierOverConnect(simulated));
        opened.add(endpoint);
        connect = ConnectTelephonyProvider.fromEnvironment(Env.of(Map.of(
                "CONNECT_INSTANCE_ID", INSTANCE,
                "CONNECT_CONTACT_FLOW_ID", FLOW,
                "AWS_REGION", "us-west-2",
                "CONNECT_ENDPOINT", endpoint.endpoint().toString())));
        opened.add(connect);
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : opened) {
            closeable.close();
        }
    }

    @Test
    void everyLastDigitAndAttemptRoundTripsToTheSimulatedCarriersOutcome() {
        start(new SimulatedCarrier());
        for (int digit = 0; digit <= 9; digit++) {
            for (int attempt = 1; attempt <= 2; attempt++) {
                String to = "+1415555010" + digit;

                PlacedCall call = connect.place(new CallRequest("task-" + digit + "-" + attempt, to, CALLER_ID, attempt));

                assertThat(connect.status(call.callId())).as("last digit %d, attempt %d", digit, attempt)
                        .isEqualTo(SimulatedCarrier.outcomeFor(to, attempt));
            }
        }
        assertThat(carrier.placedCalls()).isEqualTo(20);
        assertThat(endpoint.startRequests()).isEqualTo(20);
        assertThat(endpoint.describeRequests()).isEqualTo(20);
    }

    @Test
    void throttledRequestsReachTheCallerAtOnceAndAreCounted() {
        start(new SimulatedCarrier());
        assertThat(connect.throttledRequests()).isZero();
        var request = new CallRequest("task-throttled", "+14155550101", CALLER_ID, 1);

        // No SDK retry: a 429 reaches the dialer at once as "carrier unavailable" (not an attempt;
        // the dialer backs off within the fleet's rate budget), and every 429 is counted.
        endpoint.throttleNextStarts(2);
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> connect.place(request)).isInstanceOf(CarrierUnavailableException.class);
        }
        assertThat(endpoint.startRequests()).as("one request per placement").isEqualTo(2);
        assertThat(connect.throttledRequests()).isEqualTo(2);

        PlacedCall placed = connect.place(request);
        assertThat(placed.callId()).isNotBlank();
        assertThat(connect.throttledRequests()).isEqualTo(2);
        assertThat(carrier.placedCalls()).isEqualTo(1);
    }

    @Test
    void sendsStartOutboundVoiceContactAsTheSdkMarshallsIt() throws Exception {
        start(new SimulatedCarrier());

        connect.place(new CallRequest("task-wire", "+14155550103", CALLER_ID, 2));

        JsonNode body = json.readTree(endpoint.startRequestBodies().get(0));
        assertThat(body.path("ClientToken").asText()).isEqualTo("task-wire");
        assertThat(body.path("InstanceId").asText()).isEqualTo(INSTANCE);
        assertThat(body.path("ContactFlowId").asText()).isEqualTo(FLOW);
        assertThat(body.path("DestinationPhoneNumber").asText()).isEqualTo("+14155550103");
        assertThat(body.path("SourcePhoneNumber").asText()).isEqualTo(CALLER_ID);
        assertThat(body.path("AnswerMachineDetectionConfig").path("EnableAnswerMachineDetection").isBoolean()
                && body.path("AnswerMachineDetectionConfig").path("EnableAnswerMachineDetection").asBoolean())
                .isTrue();
        assertThat(body.path("AnswerMachineDetectionConfig").path("AwaitAnswerMachinePrompt").asBoolean()).isTrue();
        assertThat(body.path("TrafficType").asText()).as("AMD needs campaign traffic").isEqualTo("CAMPAIGN");
        assertThat(body.path("RingTimeoutInSeconds").asInt()).isEqualTo(60);
        // Connect contact attributes are string to string.
        assertThat(body.path("Attributes").path("attempt").isTextual()).isTrue();
        assertThat(body.path("Attributes").path("attempt").asText()).isEqualTo("2");
    }

    @Test
    void placingTwiceWithTheSameTokenReturnsTheFirstContactAndPlacesOneCall() {
        start(new SimulatedCarrier());
        var request = new CallRequest("task-dup", "+14155550104", CALLER_ID, 1);

        PlacedCall first = connect.place(request);
        PlacedCall again = connect.place(request);

        assertThat(again.callId()).isEqualTo(first.callId());
        assertThat(endpoint.startRequests()).isEqualTo(2);
        assertThat(endpoint.contactsStarted()).isEqualTo(1);
        assertThat(carrier.placedCalls()).isEqualTo(1);
        assertThat(connect.status(first.callId())).isEqualTo(new CallStatus(CallOutcome.ANSWERED, 50, null, false));
    }

    @Test
    void concurrentPlacementsWithOneTokenPlaceOneCall() {
        start(new SimulatedCarrier(2, 0));
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<CompletableFuture<PlacedCall>> calls = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                calls.add(CompletableFuture.supplyAsync(
                        () -> connect.place(new CallRequest("task-race", "+14155550101", CALLER_ID, 1)), pool));
            }

            assertThat(calls.stream().map(CompletableFuture::join).distinct()).hasSize(1);
            assertThat(carrier.placedCalls()).isEqualTo(1);
            assertThat(endpoint.startRequests()).isEqualTo(12);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void inProgressPollsReadAsInProgressThenTheOutcome() {
        start(new SimulatedCarrier(0, 2));
        PlacedCall call = connect.place(new CallRequest("task-slow", "+14155550105", CALLER_ID, 1));

        assertThat(connect.status(call.callId())).isEqualTo(CallStatus.inProgress());
        assertThat(connect.status(call.callId())).isEqualTo(CallStatus.inProgress());
        assertThat(connect.status(call.callId())).isEqualTo(new CallStatus(CallOutcome.VOICEMAIL, 15, null, false));
        assertThat(endpoint.describeRequests()).isEqualTo(3);
    }

    @Test
    void aTwoHundredCharacterTokenIsSentWhole() throws Exception {
        start(new SimulatedCarrier());
        String token = "t".repeat(199) + "Z";

        PlacedCall call = connect.place(new CallRequest(token, "+14155550100", CALLER_ID, 1));

        assertThat(call.callId()).isNotBlank();
        assertThat(json.readTree(endpoint.startRequestBodies().get(0)).path("ClientToken").asText()).isEqualTo(token);
    }

    @Test
    void aLongerTokenIsRejectedBeforeAnyRequest() {
        start(new SimulatedCarrier());

        assertThatThrownBy(() -> connect.place(new CallRequest("t".repeat(201), "+14155550100", CALLER_ID, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("201");
        assertThatThrownBy(() -> connect.place(new CallRequest(" ", "+14155550100", CALLER_ID, 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(endpoint.startRequests()).isZero();
        assertThat(carrier.placedCalls()).isZero();
    }

    @Test
    void anUnknownContactIsResourceNotFound() {
        start(new SimulatedCarrier());

        assertThatThrownBy(() -> connect.status("3f1e0c55-0000-4000-8000-000000000000"))
                .isInstanceOf(ResourceNotFoundException.class)
                .satisfies(e -> assertThat(((ResourceNotFoundException) e).statusCode()).isEqualTo(404));
    }

    @Test
    void aContactIsOnlyDescribedOnItsOwnInstance() {
        start(new SimulatedCarrier());
        PlacedCall call = connect.place(new CallRequest("task-elsewhere", "+14155550101", CALLER_ID, 1));

        try (var otherInstance = ConnectTelephonyProvider.fromEnvironment(Env.of(Map.of(
                "CONNECT_INSTANCE_ID", "another-instance",
                "CONNECT_CONTACT_FLOW_ID", FLOW,
                "CONNECT_ENDPOINT", endpoint.endpoint().toString())))) {
            assertThatThrownBy(() -> otherInstance.status(call.callId())).isInstanceOf(ResourceNotFoundException.class);
        }
    }
}
