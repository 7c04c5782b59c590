package dev.campaigndialer.core.calling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.campaigndialer.core.calling.CallingWindow.OpenSpell;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The calling-window rule as a table: at the instant a call would start, is there a spell that
 * admits it, and if not, when is the next one. Window 09:00-20:00, margin 60 s. Rows cross the
 * close and the opening, DST days (2026-03-08 spring forward, 2026-11-01 fall back), and numbers
 * whose zones straddle a boundary (Idaho's 208: Boise and Los Angeles).
 */
class CallsStartOnlyInsideEveryZonesWindowTest {

    private static final CallingWindow NINE_TO_EIGHT = new CallingWindow(LocalTime.of(9, 0), LocalTime.of(20, 0));
    private static final Duration MARGIN = Duration.ofSeconds(60);

    @ParameterizedTest(name = "{0} in {1}: call now {2}, next spell {3} .. {4}")
    @CsvSource(delimiter = '|', textBlock = """
            # now (UTC)          | zones                              | call now | spell opens          | spell closes
            # New York, a November weekday (EST, UTC-5): 09:00 = 14:00Z, 20:00 = 01:00Z
            2026-11-23T13:59:59Z | America/New_York                   | false    | 2026-11-23T14:00:00Z | 2026-11-24T01:00:00Z
            2026-11-23T14:00:00Z | America/New_York                   | true     | 2026-11-23T14:00:00Z | 2026-11-24T01:00:00Z
            2026-11-24T00:58:59Z | America/New_York                   | true     | 2026-11-24T00:58:59Z | 2026-11-24T01:00:00Z
            2026-11-24T00:59:00Z | America/New_York                   | false    | 2026-11-24T14:00:00Z | 2026-11-25T01:00:00Z
            2026-11-24T00:59:30Z | America/New_York                   | false    | 2026-11-24T14:00:00Z | 2026-11-25T01:00:00Z
            2026-11-24T01:00:00Z | America/New_York                   | false    | 2026-11-24T14:00:00Z | 2026-11-25T01:00:00Z
            # Los Angeles stays open three hours after New York closes
            2026-11-24T01:00:00Z | America/Los_Angeles                | true     | 2026-11-24T01:00:00Z | 2026-11-24T04:00:00Z
            2026-11-24T03:59:30Z | America/Los_Angeles                | false    | 2026-11-24T17:00:00Z | 2026-11-25T04:00:00Z
            # Idaho 208: open only while Boise (MST) and Los Angeles (PST) both are
            2026-11-23T16:30:00Z | America/Boise,America/Los_Angeles  | false    | 2026-11-23T17:00:00Z | 2026-11-24T03:00:00Z
            2026-11-23T17:00:00Z | America/Boise,America/Los_Angeles  | true     | 2026-11-23T17:00:00Z | 2026-11-24T03:00:00Z
            2026-11-24T02:58:59Z | America/Boise,America/Los_Angeles  | true     | 2026-11-24T02:58:59Z | 2026-11-24T03:00:00Z
            2026-11-24T02:59:00Z | America/Boise,America/Los_Angeles  | false    | 2026-11-24T17:00:00Z | 2026-11-25T03:00:00Z
            # Spring forward, 2026-03-08: 09:00 EDT = 13:00Z, 20:00 EDT = 00:00Z
            2026-03-08T05:00:00Z | America/New_York                   | false    | 2026-03-08T13:00:00Z | 2026-03-09T00:00:00Z
            2026-03-08T23:59:30Z | America/New_York                   | false    | 2026-03-09T13:00:00Z | 2026-03-10T00:00:00Z
            # the same day for 208: Boise and Los Angeles both move; 09:00 PDT = 16:00Z, 20:00 MDT = 02:00Z
            2026-03-08T15:30:00Z | America/Boise,America/Los_Angeles  | false    | 2026-03-08T16:00:00Z | 2026-03-09T02:00:00Z
            2026-03-09T01:58:00Z | America/Boise,America/Los_Angeles  | true     | 2026-03-09T01:58:00Z | 2026-03-09T02:00:00Z
            # Fall back, 2026-11-01: 09:00 EST = 14:00Z, 20:00 EST = 01:00Z
            2026-11-01T13:30:00Z | America/New_York                   | false    | 2026-11-01T14:00:00Z | 2026-11-02T01:00:00Z
            2026-11-02T00:59:00Z | America/New_York                   | false    | 2026-11-02T14:00:00Z | 2026-11-03T01:00:00Z
            # the day before fall back is still EDT: 20:00 EDT = 00:00Z
            2026-10-31T23:58:59Z | America/New_York                   | true     | 2026-10-31T23:58:59Z | 2026-11-01T00:00:00Z
            # Honolulu has no DST: 09:00 HST = 19:00Z all year
            2026-03-08T18:59:00Z | Pacific/Honolulu                   | false    | 2026-03-08T19:00:00Z | 2026-03-09T06:00:00Z
            """)
    void aCallStartsOnlyWhenEveryZoneIsOpenForTheMargin(String now, String zones, boolean callNow, String opens,
            String closes) {
        Instant moment = Instant.parse(now);
        List<ZoneId> calleeZones = Arrays.stream(zones.split(",")).map(ZoneId::of).toList();

        OpenSpell spell = NINE_TO_EIGHT.callableSpell(moment, MARGIN, calleeZones).orElseThrow();

        assertThat(spell.admitsCallAt(moment, MARGIN)).as("a call may start at %s", now).isEqualTo(callNow);
        assertThat(spell.opens()).as("the spell opens").isEqualTo(Instant.parse(opens));
        assertThat(spell.closes()).as("the spell closes").isEqualTo(Instant.parse(closes));
        // Whatever the answer, the window is open in every zone from the opening to just before the close.
        assertThat(NINE_TO_EIGHT.isOpen(spell.opens(), calleeZones)).isTrue();
        assertThat(NINE_TO_EIGHT.isOpen(spell.closes().minusNanos(1), calleeZones)).isTrue();
        assertThat(NINE_TO_EIGHT.isOpen(spell.closes(), calleeZones)).isFalse();
    }

    @ParameterizedTest(name = "spell {0} .. {1} at {2}: {3}")
    @CsvSource(delimiter = '|', textBlock = """
            # opens              | closes               | now                  | admits
            2026-11-23T14:00:00Z | 2026-11-24T01:00:00Z | 2026-11-23T13:59:59Z | false
            2026-11-23T14:00:00Z | 2026-11-24T01:00:00Z | 2026-11-23T14:00:00Z | true
            2026-11-23T14:00:00Z | 2026-11-24T01:00:00Z | 2026-11-24T00:58:59Z | true
            2026-11-23T14:00:00Z | 2026-11-24T01:00:00Z | 2026-11-24T00:59:00Z | false
            2026-11-23T14:00:00Z | 2026-11-24T01:00:00Z | 2026-11-24T01:00:00Z | false
            2026-11-23T14:00:00Z | 2026-11-24T01:00:00Z | 2026-11-25T15:00:00Z | false
            """)
    void aSpellAdmitsACallFromItsOpeningToTheMarginBeforeItsClose(String opens, String closes, String now,
            boolean admits) {
        var spell = new OpenSpell(Instant.parse(opens), Instant.parse(closes));

        assertThat(spell.admitsCallAt(Instant.parse(now), MARGIN)).isEqualTo(admits);
    }
}
