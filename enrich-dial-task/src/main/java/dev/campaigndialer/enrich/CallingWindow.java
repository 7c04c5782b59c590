package dev.campaigndialer.enrich;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The hours a callee may be called, {@code [start, end)} in their local time. With several
 * candidate zones (a number whose area spans two), a moment is inside the window only when it is
 * inside in every zone: the compliant reading. Local times come from the zone rules, so DST
 * transitions are handled by java.time (a start time that falls into a spring-forward gap moves
 * to just after it). Immutable and thread-safe.
 */
public record CallingWindow(LocalTime start, LocalTime end) {

    private static final int SEARCH_DAYS = 8;

    public boolean isOpen(Instant moment, List<ZoneId> zones) {
        return zones.stream().allMatch(zone -> {
            LocalTime local = moment.atZone(zone).toLocalTime();
            return !local.isBefore(start) && local.isBefore(end);
        });
    }

    /**
     * The earliest moment at or after {@code from} when the window is open in every zone, within
     * the next week; empty when the zones never share an open moment.
     */
    public Optional<Instant> nextOpening(Instant from, List<ZoneId> zones) {
        if (isOpen(from, zones)) {
            return Optional.of(from);
        }
        // Where the windows overlap, the overlap begins at some zone's opening: those are the
        // only candidates to check.
        var candidates = new TreeSet<Instant>();
        for (ZoneId zone : zones) {
            LocalDate day = from.atZone(zone).toLocalDate().minusDays(1);
            for (int i = 0; i <= SEARCH_DAYS; i++) {
                Instant opening = ZonedDateTime.of(day.plusDays(i), start, zone).toInstant();
                if (opening.isAfter(from)) {
                    candidates.add(opening);
                }
            }
        }
        return candidates.stream().filter(candidate -> isOpen(candidate, zones)).findFirst();
    }
}
