package dev.campaigndialer.core.telephony;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.campaigndialer.core.config.Env;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Deployed with TELEPHONY_PROVIDER=simulated, the dialer places calls in one Lambda function and
 * the status checker polls them in another, each with its own carrier instance: the poller must
 * answer the placer's calls with the table's outcome, and a redelivered dial message in yet another
 * container must get the same call back.
 */
class SimulatedCarrierWorksAcrossSeparateFunctionsTest {

    private static TelephonyProvider newFunction() {
        return TelephonyProviders.fromEnvironment(Env.of(Map.of("TELEPHONY_PROVIDER", "simulated")));
    }

    @ParameterizedTest(name = "{0} attempt {1}")
    @CsvSource({
        "+12125550101, 1",
        "+13125550105, 1",
        "+14155550106, 1",
        "+14155550106, 2",
        "+18085550107, 3",
        "+13035550108, 1",
        "+19075550109, 1"})
    void aCarrierInAnotherFunctionAnswersWithTheTablesOutcome(String phone, int attempt) {
        TelephonyProvider dialer = newFunction();
        TelephonyProvider statusChecker = newFunction();

        PlacedCall call = dialer.place(new CallRequest(UUID.randomUUID().toString(), phone, "+14155550100", attempt));

        assertThat(statusChecker.status(call.callId())).isEqualTo(SimulatedCarrier.outcomeFor(phone, attempt));
    }

    @Test
    void theSameTaskPlacedFromTwoContainersIsOneCall() {
        var request = new CallRequest(UUID.randomUUID().toString(), "+12125550101", "+14155550100", 1);

        assertThat(newFunction().place(request)).isEqualTo(newFunction().place(request));
    }

    @Test
    void theCallIdCarriesTheLastDigitButNotTheNumber() {
        PlacedCall call = newFunction().place(new CallRequest("task-1", "+12125550104", "+14155550100", 2));

        assertThat(call.callId()).startsWith("sim-4-2-").doesNotContain("2125550104").doesNotContain("555");
    }

    @Test
    void anIdNoCarrierGaveOutIsUnknown() {
        TelephonyProvider carrier = newFunction();

        assertThatThrownBy(() -> carrier.status("not-a-call")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> carrier.status("sim-x-1-abc")).isInstanceOf(IllegalArgumentException.class);
    }
}
