package dev.campaigndialer.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A whole campaign's logs, as every function and the local runtime wrote them: one JSON object per
 * line, and no password, secret or full phone number.
 */
class LogsNeverRevealSecretsOrNumbersTest {

    @Test
    void aWholeCampaignLogsNoSecretAndNoFullNumber() throws Exception {
        try (var system = SystemStack.start("logs", SystemStack.Options.defaults())) {
            List<String> phones = CallingPipelineTest.allDigits(42);
            // Retries and a DNC hit add warning paths to the logs.
            system.owner("logs").post("/dnc", "{\"phones\": [\"" + phones.get(4) + "\"]}");
            UUID campaign = system.submit("logs", CallingPipelineTest.campaign(3, 10, phones));
            system.awaitFinished(List.of(campaign), Duration.ofSeconds(120));
            String password = system.stack.database().endpoint().password();
            system.close();

            String logs = Files.readString(system.stack.logFile());
            assertThat(logs).isNotBlank();
            for (String line : logs.split("\n")) {
                assertThat(line).startsWith("{").endsWith("}");
            }
            assertThat(logs).contains(campaign.toString());
            for (String phone : phones) {
                assertThat(logs).doesNotContain(phone).doesNotContain(phone.substring(1));
            }
            assertThat(logs).doesNotContain(password);
            assertThat(logs).doesNotContain("\"password\"");
        }
    }
}
