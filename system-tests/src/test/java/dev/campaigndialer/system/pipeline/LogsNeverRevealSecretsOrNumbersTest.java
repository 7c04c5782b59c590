package dev.campaigndialer.system.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.campaigndialer.core.log.JsonLog;
import dev.campaigndialer.core.telephony.SimulatedCarrier;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A whole campaign's logs: one JSON object per line, and no password, secret or full phone number. */
class LogsNeverRevealSecretsOrNumbersTest {

    @Test
    void aWholeCampaignLogsNoSecretAndNoFullNumber() throws Exception {
        var captured = new ByteArrayOutputStream();
        JsonLog.redirect(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try (var pipeline = new Pipeline(new SimulatedCarrier())) {
            List<String> phones = CallingPipelineTest.allDigits(42);
            // A malformed message and a DNC hit add error and warning paths to the logs.
            UUID campaign = pipeline.submit("logs", CallingPipelineTest.campaign(3, 10, phones));
            pipeline.runUntilCompleted(List.of(campaign), Duration.ofSeconds(60));

            String logs = captured.toString(StandardCharsets.UTF_8);
            assertThat(logs).isNotBlank();
            for (String line : logs.split("\n")) {
                assertThat(line).startsWith("{").endsWith("}");
            }
            assertThat(logs).contains(campaign.toString());
            for (String phone : phones) {
                assertThat(logs).doesNotContain(phone).doesNotContain(phone.substring(1));
            }
            assertThat(logs).doesNotContain(pipeline.proxied.database().password());
            assertThat(logs).doesNotContain("\"password\"");
        } finally {
            JsonLog.redirect(System.out);
        }
    }
}
