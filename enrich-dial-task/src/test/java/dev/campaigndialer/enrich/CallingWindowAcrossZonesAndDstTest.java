package dev.campaigndialer.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import dev.campaigndialer.core.calling.CallingWindow;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The calling window in the callee's local time: several zones, DST days, numbers spanning two zones. */
class CallingWindowAcrossZonesAndDstTest {

    private static final CallingWindow NINE_TO_EIGHT = new CallingWindow(LocalTime.of(9, 0), LocalTime.of(20, 0));
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    private static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");
    private static final ZoneId HONOLULU = ZoneId.of("Pacific/Honolulu");

    @Test
    void theSameInstantIsOpenInOneZoneAndClosedInAnother() {
        Instant noonInNewYork = Instant.parse("2026-11-23T17:00:00Z");

        assertThat(NINE_TO_EIGHT.isOpen(noonInNewYork, List.of(NEW_YORK))).isTrue();
        assertThat(NINE_TO_EIGHT.isOpen(noonInNewYork, List.of(LOS_ANGELES))).isTrue();
        assertThat(NINE_TO_EIGHT.isOpen(noonInNewYork, List.of(HONOLULU))).as("07:00 in Honolulu").isFalse();
        assertThat(NINE_TO_EIGHT.nextOpening(noonInNewYork, List.of(HONOLULU)))
                .contains(Instant.parse("2026-11-23T19:00:00Z"));
    }

    @Test
    void theEndIsExclusiveAndTheNextOpeningIsTomorrowMorning() {
        Instant eightPmInNewYork = Instant.parse("2026-11-24T01:00:00Z");

        assertThat(NINE_TO_EIGHT.isOpen(eightPmInNewYork.minusSeconds(1), List.of(NEW_YORK))).isTrue();
        assertThat(NINE_TO_EIGHT.isOpen(eightPmInNewYork, List.of(NEW_YORK))).isFalse();
        assertThat(NINE_TO_EIGHT.nextOpening(eightPmInNewYork, List.of(NEW_YORK)))
                .contains(Instant.parse("2026-11-24T14:00:00Z"));
    }

    @Test
    void aNumberSpanningTwoZonesIsCalledOnlyWhenBothAreOpen() {
        // 08:30 in Chicago is 09:30 in New York: open there, not yet in Chicago.
        Instant morning = Instant.parse("2026-11-23T14:30:00Z");
        List<ZoneId> both = List.of(NEW_YORK, CHICAGO);

        assertThat(NINE_TO_EIGHT.isOpen(morning, List.of(NEW_YORK))).isTrue();
        assertThat(NINE_TO_EIGHT.isOpen(morning, both)).isFalse();
        assertThat(NINE_TO_EIGHT.nextOpening(morning, both)).contains(Instant.parse("2026-11-23T15:00:00Z"));
        // And in the evening the window closes when New York's closes.
        assertThat(NINE_TO_EIGHT.isOpen(Instant.parse("2026-11-24T01:30:00Z"), both)).isFalse();
    }

    @Test
    void springForwardDayOpensAtNineLocalTime() {
        // 2026-03-08: US clocks jump from 02:00 to 03:00; 09:00 EDT is 13:00Z, not 14:00Z.
        Instant nightBefore = Instant.parse("2026-03-08T05:00:00Z");

        assertThat(NINE_TO_EIGHT.nextOpening(nightBefore, List.of(NEW_YORK)))
                .contains(Instant.parse("2026-03-08T13:00:00Z"));
    }

    @Test
    void fallBackDayClosesAtEightLocalTime() {
        // 2026-11-01: clocks fall back at 02:00; 20:00 EST is 01:00Z the next day.
        assertThat(NINE_TO_EIGHT.isOpen(Instant.parse("2026-11-02T00:59:00Z"), List.of(NEW_YORK))).isTrue();
        assertThat(NINE_TO_EIGHT.isOpen(Instant.parse("2026-11-02T01:00:00Z"), List.of(NEW_YORK))).isFalse();
    }

    @Test
    void windowStartInsideTheDstGapMovesToJustAfterIt() {
        var earlyWindow = new CallingWindow(LocalTime.of(2, 30), LocalTime.of(20, 0));
        // 02:30 does not exist in New York on 2026-03-08; java.time moves it to 03:30 EDT = 07:30Z.
        assertThat(earlyWindow.nextOpening(Instant.parse("2026-03-08T05:00:00Z"), List.of(NEW_YORK)))
                .contains(Instant.parse("2026-03-08T07:30:00Z"));
    }

    @Test
    void zonesThatNeverShareAnOpenMomentHaveNoOpening() {
        var shortWindow = new CallingWindow(LocalTime.of(9, 0), LocalTime.of(10, 0));
        assertThat(shortWindow.nextOpening(Instant.parse("2026-11-23T00:00:00Z"), List.of(NEW_YORK, HONOLULU))).isEmpty();
    }

    @Test
    void calleeZonesPreferTheContactsOwnZoneThenTheNumberThenTheCampaign() {
        var zones = new CalleeZones();

        assertThat(zones.resolve("+14155550101", "America/Denver", "America/New_York"))
                .containsExactly(ZoneId.of("America/Denver"));
        assertThat(zones.resolve("+14155550101", null, "America/New_York")).containsExactly(LOS_ANGELES);
        assertThat(zones.resolve("+18085550101", null, "America/New_York")).containsExactly(HONOLULU);
        assertThat(zones.resolve("+442079460000", null, "America/New_York")).containsExactly(ZoneId.of("Europe/London"));
        assertThat(zones.lineType("+14155550101")).isNotBlank();
    }

    @Test
    void aNumberWhoseAreaSpansTwoZonesMapsToBoth() {
        // Area code 208 (Idaho) straddles Mountain and Pacific time.
        List<ZoneId> idaho = new CalleeZones().resolve("+12085550101", null, "America/New_York");
        assertThat(idaho).containsExactlyInAnyOrder(ZoneId.of("America/Boise"), LOS_ANGELES);
        // 09:30 in Boise is 08:30 in Los Angeles: not yet callable.
        assertThat(NINE_TO_EIGHT.isOpen(Instant.parse("2026-11-23T16:30:00Z"), idaho)).isFalse();
        assertThat(NINE_TO_EIGHT.nextOpening(Instant.parse("2026-11-23T16:30:00Z"), idaho))
                .contains(Instant.parse("2026-11-23T17:00:00Z"));
    }
}
