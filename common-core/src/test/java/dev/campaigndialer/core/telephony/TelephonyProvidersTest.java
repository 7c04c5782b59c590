package dev.campaigndialer.core.telephony;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.campaigndialer.core.config.ConfigurationException;
import dev.campaigndialer.core.config.Env;
import dev.campaigndialer.localaws.ConnectEndpoint;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** TELEPHONY_PROVIDER and the settings of each provider. */
class TelephonyProvidersTest {

    @Test
    void simulatedTakesItsPollsFromTheEnvironment() {
        TelephonyProvider provider = TelephonyProviders.fromEnvironment(Env.of(Map.of(
                "TELEPHONY_PROVIDER", "simulated", "SIMULATED_CARRIER_IN_PROGRESS_POLLS", "1")));

        assertThat(provider).isInstanceOf(SimulatedCarrier.class);
        PlacedCall call = provider.place(new CallRequest("t", "+14155550101", "+14155550100", 1));
        assertThat(provider.status(call.callId())).isEqualTo(CallStatus.inProgress());
        assertThat(provider.status(call.callId()).outcome()).isEqualTo(CallOutcome.ANSWERED);
    }

    @Test
    void simulatedDefaultsToNoPollsAndRejectsNegativeSettings() {
        TelephonyProvider provider = TelephonyProviders.fromEnvironment(Env.of(Map.of("TELEPHONY_PROVIDER", "Simulated")));
        PlacedCall call = provider.place(new CallRequest("t", "+14155550107", "+14155550100", 1));
        assertThat(provider.status(call.callId()).outcome()).isEqualTo(CallOutcome.NO_ANSWER);

        assertThatThrownBy(() -> TelephonyProviders.fromEnvironment(Env.of(Map.of(
                "TELEPHONY_PROVIDER", "simulated", "SIMULATED_CARRIER_LATENCY_MS", "-1"))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("SIMULATED_CARRIER_LATENCY_MS");
        assertThatThrownBy(() -> TelephonyProviders.fromEnvironment(Env.of(Map.of(
                "TELEPHONY_PROVIDER", "simulated", "SIMULATED_CARRIER_IN_PROGRESS_POLLS", "soon"))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("SIMULATED_CARRIER_IN_PROGRESS_POLLS");
    }

    @Test
    void anUnknownProviderNamesTheVariable() {
        assertThatThrownBy(() -> TelephonyProviders.fromEnvironment(Env.of(Map.of("TELEPHONY_PROVIDER", "twilio"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("TELEPHONY_PROVIDER")
                .hasMessageContaining("twilio");
    }

    @Test
    void connectIsTheDefaultAndNeedsItsInstanceAndFlow() {
        assertThatThrownBy(() -> TelephonyProviders.fromEnvironment(Env.of(Map.of())))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("CONNECT_INSTANCE_ID");
        assertThatThrownBy(() -> TelephonyProviders.fromEnvironment(Env.of(Map.of("CONNECT_INSTANCE_ID", "i"))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("CONNECT_CONTACT_FLOW_ID");
    }

    @Test
    void connectWithALocalEndpointPlacesCallsThere() throws Exception {
        var carrier = new SimulatedCarrier();
        try (var endpoint = ConnectEndpoint.start(new SimulatedCarrierOverConnect(carrier))) {
            TelephonyProvider provider = TelephonyProviders.fromEnvironment(Env.of(Map.of(
                    "CONNECT_INSTANCE_ID", "instance", "CONNECT_CONTACT_FLOW_ID", "flow",
                    "CONNECT_ENDPOINT", endpoint.endpoint().toString())));
            try {
                assertThat(provider).isInstanceOf(ConnectTelephonyProvider.class);
                PlacedCall call = provider.place(new CallRequest("t", "+14155550109", "+14155550100", 1));
                assertThat(provider.status(call.callId()))
                        .isEqualTo(new CallStatus(CallOutcome.FAILED, 0, "UNALLOCATED_NUMBER", true));
                assertThat(carrier.placedCalls()).isEqualTo(1);
            } finally {
                ((ConnectTelephonyProvider) provider).close();
            }
        }
    }
}
