package dev.campaigndialer.system.window;

import static dev.campaigndialer.system.window.WindowStack.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.campaigndialer.local.stack.StackSettings;
import dev.campaigndialer.localaws.ConnectEndpoint;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Amazon Connect's default API quota, 2 requests/s with a burst of 5 per API, on the whole local
 * stack: the local Connect endpoint enforces it (429 past it) and the functions' fleet budget is set
 * to it. A 300-contact campaign with {@code maxConcurrentCalls} 50 (far more than the quota lets
 * through) completes with the report the carrier table predicts, nothing in any DLQ, and the
 * endpoint saw at most 5 placements in any second and 25 in any 10 s. Contact events are on, so
 * DescribeContact is the fallback only: at most 0.1 calls per placed call. One attempt per contact
 * keeps the run at 300 calls (150 s at 2 a second).
 */
class FleetStaysWithinConnectsApiQuotaTest {

    /** 15:00 in New York: the window stays open for the whole run. */
    private static final Instant THREE_PM_NEW_YORK = Instant.parse("2026-11-23T20:00:00Z");

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void aCampaignAtTwoCallsASecondCompletesExactlyWithoutEverExceedingTheQuota() throws Exception {
        List<String> phones = WindowStack.numbers("212", "241", 0, 300);
        try (WindowStack local = WindowStack.start(THREE_PM_NEW_YORK, 1,
                StackSettings.ConnectSettings.defaults().withRate(2, 5))) {
            UUID campaign = local.submit("Two calls a second", phones, 50, 1);

            await("campaign COMPLETED", Duration.ofMinutes(5),
                    () -> local.campaign(campaign).path("status").asText().equals("COMPLETED"));

            ConnectEndpoint connect = local.stack.connect();
            assertThat(WindowStack.reportedOutcomes(local.report(campaign)))
                    .isEqualTo(WindowStack.expectedOutcomes(phones, 1));
            assertThat(local.deadLettered()).as("messages in dead-letter queues").isZero();
            List<Instant> starts = connect.acceptedStarts();
            assertThat(starts).as("placements").hasSize(phones.size());
            assertThat(mostWithin(starts, Duration.ofSeconds(1))).as("most placements in any 1 s").isLessThanOrEqualTo(5);
            assertThat(mostWithin(starts, Duration.ofSeconds(10))).as("most placements in any 10 s")
                    .isLessThanOrEqualTo(25);
            assertThat(connect.throttledRequests("StartOutboundVoiceContact")).as("placements Connect throttled")
                    .isLessThanOrEqualTo(phones.size() / 20);
            assertThat((double) connect.describeRequests() / starts.size()).as("DescribeContact calls per placed call")
                    .isLessThanOrEqualTo(0.1);
            WindowStack.summary(String.format("[quota] %d placements in %.1f s; most in 1 s: %d, in 10 s: %d; throttled: %d; "
                            + "DescribeContact: %d; contact events sent: %d", starts.size(),
                    Duration.between(starts.get(0), starts.get(starts.size() - 1)).toMillis() / 1000.0,
                    mostWithin(starts, Duration.ofSeconds(1)), mostWithin(starts, Duration.ofSeconds(10)),
                    connect.throttledRequests("StartOutboundVoiceContact"), connect.describeRequests(),
                    connect.eventsSent()));
        }
    }

    /** The most instants of this ordered list inside any window [t, t + width). */
    static int mostWithin(List<Instant> ordered, Duration width) {
        int most = 0;
        int first = 0;
        for (int last = 0; last < ordered.size(); last++) {
            while (!ordered.get(first).plus(width).isAfter(ordered.get(last))) {
                first++;
            }
            most = Math.max(most, last - first + 1);
        }
        return most;
    }
}
