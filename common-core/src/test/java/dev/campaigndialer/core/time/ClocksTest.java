package dev.campaigndialer.core.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.campaigndialer.core.config.ConfigurationException;
import dev.campaigndialer.core.config.Env;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClocksTest {

    private static final Instant START = Instant.parse("2026-11-23T20:00:00Z");

    @Test
    void withAnAnchorTheClockIsWhereStartWasAtTheAnchorPlusTheRealTimeSince() {
        // Anchored an hour ago: a container built now reads START + 1 h, not START.
        Instant anHourAgo = Instant.now().minus(Duration.ofHours(1));
        Clock clock = Clocks.fromEnvironment(Env.of(Map.of("CLOCK_START", START.toString(),
                "CLOCK_ANCHOR", anHourAgo.toString())));

        assertThat(Duration.between(START.plus(Duration.ofHours(1)), clock.instant()).abs())
                .isLessThan(Duration.ofMinutes(1));
    }

    @Test
    void withoutAnAnchorTheClockStartsAtStartNowAndWithoutStartItIsTheSystemClock() {
        Clock started = Clocks.fromEnvironment(Env.of(Map.of("CLOCK_START", START.toString())));
        Clock system = Clocks.fromEnvironment(Env.of(Map.of()));

        assertThat(Duration.between(START, started.instant()).abs()).isLessThan(Duration.ofMinutes(1));
        assertThat(Duration.between(Instant.now(), system.instant()).abs()).isLessThan(Duration.ofMinutes(1));
    }

    @Test
    void aMalformedInstantNamesTheSetting() {
        assertThatThrownBy(() -> Clocks.fromEnvironment(Env.of(Map.of("CLOCK_START", START.toString(),
                "CLOCK_ANCHOR", "yesterday")))).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("CLOCK_ANCHOR");
    }
}
