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
 * EventBridge delivers Connect's contact events best effort. With 30 % of them dropped, a campaign
 * on the whole local stack still completes exactly: a call whose DISCONNECTED event never came is
 * polled once its ring timeout plus the margin (60 + 30 s on the functions' clock, which runs 10
 * times real time here) has passed.
 */
class LostContactEventsFallBackToPollingTest {

    private static final Instant THREE_PM_NEW_YORK = Instant.parse("2026-11-23T20:00:00Z");

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void withThirtyPercentOfTheEventsLostTheCampaignStillCompletesExactly() throws Exception {
        List<String> phones = WindowStack.numbers("212", "243", 0, 100);
        try (WindowStack local = WindowStack.start(THREE_PM_NEW_YORK, 10,
                StackSettings.ConnectSettings.defaults().withRate(20, 40).withDroppedEvents(30))) {
            UUID campaign = local.submit("Lost events", phones, 50);

            await("campaign COMPLETED", Duration.ofMinutes(3),
                    () -> local.campaign(campaign).path("status").asText().equals("COMPLETED"));

            ConnectEndpoint connect = local.stack.connect();
            assertThat(connect.eventsDropped()).as("events dropped").isPositive();
            assertThat(connect.describeRequests()).as("DescribeContact polls for the lost events").isPositive();
            assertThat(WindowStack.reportedOutcomes(local.report(campaign))).isEqualTo(WindowStack.expectedOutcomes(phones));
            assertThat(local.deadLettered()).as("messages in dead-letter queues").isZero();
            WindowStack.summary(String.format("[lost events] events sent %d, dropped %d; DescribeContact %d; calls %d",
                    connect.eventsSent(), connect.eventsDropped(), connect.describeRequests(), connect.placements().size()));
        }
    }
}
