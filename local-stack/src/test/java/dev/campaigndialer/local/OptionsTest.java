package dev.campaigndialer.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The command line, and the default demo clock: 20:00 UTC is inside 09:00-20:00 (with an hour to
 * spare at the start and more at the end) in every US zone the demo dials, on every day of the year,
 * DST or not.
 */
class OptionsTest {

    private static final List<String> US_ZONES = List.of("America/New_York", "America/Chicago", "America/Denver",
            "America/Phoenix", "America/Los_Angeles", "America/Anchorage", "America/Adak", "Pacific/Honolulu");

    @Test
    void theDefaultClockIsInsideTheCallingWindowEverywhereAllYear() {
        LocalDate day = LocalDate.of(2026, 1, 1);
        for (int i = 0; i < 366 * 2; i++, day = day.plusDays(1)) {
            Instant start = day.atTime(Options.DEFAULT_CLOCK_START_UTC).toInstant(ZoneOffset.UTC);
            for (String zone : US_ZONES) {
                LocalTime local = start.atZone(ZoneId.of(zone)).toLocalTime();
                assertThat(local).as(zone + " on " + day).isAfterOrEqualTo(LocalTime.of(10, 0))
                        .isBeforeOrEqualTo(LocalTime.of(16, 0));
            }
        }
    }

    @Test
    void demoDefaultsAndOptions() throws Exception {
        Options defaults = Options.parse("demo");
        assertThat(defaults.contacts()).isEqualTo(1000);
        assertThat(defaults.json()).isFalse();
        assertThat(defaults.clockStart()).isEqualTo(LocalDate.now(ZoneOffset.UTC).atTime(20, 0).toInstant(ZoneOffset.UTC));

        Options options = Options.parse("demo", "--contacts", "10000", "--seed=7", "--json", "--clock-start",
                "2026-03-08T18:30:00Z", "--carrier-latency-ms", "25", "--sweep-seconds", "5", "--no-proxy");
        assertThat(options.contacts()).isEqualTo(10_000);
        assertThat(options.seed()).isEqualTo(7);
        assertThat(options.json()).isTrue();
        assertThat(options.clockStart()).isEqualTo(Instant.parse("2026-03-08T18:30:00Z"));
        assertThat(options.carrierLatencyMillis()).isEqualTo(25);
        assertThat(options.sweepInterval().toSeconds()).isEqualTo(5);
        assertThat(options.useProxy()).isFalse();
        assertThat(Options.parse("serve").port()).isEqualTo(8080);
        assertThat(Options.parse("serve", "--port", "0", "--data-dir", "/tmp/x").dataDirectory()).isPresent();
    }

    @Test
    void mistakesAreNamed() {
        assertThatThrownBy(() -> Options.parse("deploy")).hasMessageContaining("unknown command");
        assertThatThrownBy(() -> Options.parse("demo", "--contacts", "0")).hasMessageContaining("--contacts");
        assertThatThrownBy(() -> Options.parse("demo", "--contacts")).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> Options.parse("demo", "--port", "1")).hasMessageContaining("not an option of demo");
        assertThatThrownBy(() -> Options.parse("serve", "--json")).hasMessageContaining("not an option of serve");
        assertThatThrownBy(() -> Options.parse("demo", "--clock-start", "noon")).hasMessageContaining("ISO-8601");
        assertThatThrownBy(() -> Options.parse("demo", "--colour")).hasMessageContaining("unknown option");
    }
}
