package dev.campaigndialer.system.window;

import static dev.campaigndialer.system.window.WindowStack.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.campaigndialer.local.stack.StackSettings;
import dev.campaigndialer.localaws.ConnectEndpoint;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Connect answering 503 to every request for 60 s in the middle of a campaign, on the whole local
 * stack: no placement Connect refused counts as an attempt (nothing ends PLACEMENT_FAILED), no
 * message reaches a DLQ, no number is called more often than the carrier table says, and the
 * report equals the independent computation. The endpoint's quota is 10 requests/s here, so the
 * campaign is still running when the outage starts.
 */
class ConnectOutageIsNotAnAttemptTest {

    private static final Instant THREE_PM_NEW_YORK = Instant.parse("2026-11-23T20:00:00Z");

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aSixtySecondOutageMidCampaignCostsTimeOnly() throws Exception {
        List<String> phones = WindowStack.numbers("212", "242", 0, 100);
        try (WindowStack local = WindowStack.start(THREE_PM_NEW_YORK, 1,
                StackSettings.ConnectSettings.defaults().withRate(10, 20))) {
            ConnectEndpoint connect = local.stack.connect();
            UUID campaign = local.submit("Connect outage", phones, 50);
            await("a quarter of the calls placed", Duration.ofMinutes(1), () -> connect.placements().size() >= 25);
            connect.failFor(Duration.ofSeconds(60));
            int placedBefore = connect.placements().size();

            await("campaign COMPLETED", Duration.ofMinutes(4),
                    () -> local.campaign(campaign).path("status").asText().equals("COMPLETED"));

            assertThat(connect.faultedRequests()).as("requests answered 503").isPositive();
            assertThat(placedBefore).as("calls placed before the outage").isLessThan(phones.size());
            assertThat(WindowStack.reportedOutcomes(local.report(campaign))).isEqualTo(WindowStack.expectedOutcomes(phones));
            assertThat(local.report(campaign).path("outcomes").path("FAILED").asInt())
                    .as("FAILED outcomes: only the carrier's").isEqualTo(WindowStack.expectedOutcomes(phones)
                            .getOrDefault("FAILED", 0));
            assertThat(local.deadLettered()).as("messages in dead-letter queues").isZero();
            Map<String, Long> callsPerNumber = connect.placements().stream()
                    .collect(Collectors.groupingBy(ConnectEndpoint.Placement::phone, Collectors.counting()));
            Map<String, Long> expected = phones.stream().collect(Collectors.toMap(Function.identity(),
                    phone -> (long) WindowStack.expectedOutcomes(List.of(phone)).get("calls")));
            assertThat(callsPerNumber).as("calls per number").isEqualTo(expected);
            WindowStack.summary(String.format("[outage] placed before: %d; 503 answers: %d; calls: %d", placedBefore,
                    connect.faultedRequests(), connect.placements().size()));
        }
    }
}
