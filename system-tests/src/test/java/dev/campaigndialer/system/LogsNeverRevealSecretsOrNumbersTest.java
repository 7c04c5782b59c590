package dev.campaigndialer.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A whole campaign's logs, as every function and the local runtime wrote them: one JSON object per
 * line, and no password, secret or full phone number. The shared stack's log holds what every test
 * before this one ran on it too (faults, retries, erasure), all of which must pass the same checks.
 */
class LogsNeverRevealSecretsOrNumbersTest {

    @Test
    void aWholeCampaignLogsNoSecretAndNoFullNumber() throws Exception {
        var system = SystemStack.shared();
        List<String> phones = CallingPipelineTest.allDigits(42);
        // Retries and a DNC hit add warning paths to the logs.
        system.owner("logs").post("/dnc", "{\"phones\": [\"" + phones.get(4) + "\"]}");
        UUID campaign = system.submit("logs", CallingPipelineTest.campaign(3, 10, phones));
        system.awaitFinished(List.of(campaign), Duration.ofSeconds(120));
        String password = system.stack.database().endpoint().password();

        String logs = Files.readString(system.stack.logFile());
        assertThat(logs).isNotBlank();
        for (String line : logs.split("\n")) {
            // SLF4J's own notice, once per function class loader: HikariCP and Flyway log through
            // SLF4J, which no function jar binds (their logs would not be JSON). A Lambda log shows it too.
            if (!line.startsWith("SLF4J(W): ")) {
                assertThat(line).startsWith("{").endsWith("}");
            }
        }
        assertThat(logs).contains(campaign.toString());
        for (String phone : phones) {
            assertThat(logs).doesNotContain(phone).doesNotContain(phone.substring(1));
        }
        assertThat(logs).doesNotContain(password);
        assertThat(logs).doesNotContain("\"password\"");
    }
}
