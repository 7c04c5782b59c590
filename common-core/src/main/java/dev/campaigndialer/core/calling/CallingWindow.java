package dev.campaigndialer.core.calling;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The hours a callee may be called, {@code [start, end)} in their local time: the one statement of
 * the calling-window rule. Enrich, the dialer's claim and the sweep all decide with it; the claim's
 * SQL compares a task's {@link OpenSpell} instants, which only this class computes.
 *
 * <p>With several candidate zones (a number whose area spans two), a moment is inside the window
 * only when it is inside in every zone: the compliant reading. Local times come from the zone
 * rules, so DST transitions are handled by java.time (a start time that falls into a
 * spring-forward gap moves to just after it).
 *
 * <p>A call may start at {@code t} only when the window stays open until at least
 * {@code t + margin}: the margin covers the time between the claim and the carrier placing the call
 * (and the first ring), so no call starts at the closing second. Immutable and thread-safe.
 */
public record CallingWindow(LocalTime start, LocalTime end) {

    /** The default margin before the close after which no call starts. */
    public static final Duration DEFAULT_MARGIN = Duration.ofSeconds(60);
    private static final int SEARCH_DAYS = 8;

    public CallingWindow {
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("the window must start before it ends: " + start + "-" + end);
        }
    }

    /**
     * A stretch of time during which the window is open in every zone of a callee:
     * {@code [opens, closes)}.
     */
    public record OpenSpell(Instant opens, Instant closes) {

        /** May a call start at {@code now}: open now, and still open {@code margin} later. */
        public boolean admitsCallAt(Instant now, Duration margin) {
            return !now.isBefore(opens) && now.plus(margin).isBefore(closes);
        }
    }

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

    /**
     * The first spell at or after {@code from} in which a call can start ({@link
     * OpenSpell#admitsCallAt} holds at {@code max(from, opens)}): the spell open now when enough of
     * it is left, else the next one. Its {@code opens} is {@code from} when the window is open at
     * {@code from}. Empty when the zones never share an open moment long enough.
     */
    public Optional<OpenSpell> callableSpell(Instant from, Duration margin, List<ZoneId> zones) {
        Instant searchFrom = from;
        for (int i = 0; i <= SEARCH_DAYS; i++) {
            Optional<Instant> opening = nextOpening(searchFrom, zones);
            if (opening.isEmpty()) {
                return Optional.empty();
            }
            var spell = new OpenSpell(opening.get(), closing(opening.get(), zones));
            if (spell.admitsCallAt(spell.opens(), margin)) {
                return Optional.of(spell);
            }
            searchFrom = spell.closes();
        }
        return Optional.empty();
    }

    /** The first moment after {@code openMoment} (open in every zone) when some zone closes. */
    private Instant closing(Instant openMoment, List<ZoneId> zones) {
        Instant earliest = null;
        for (ZoneId zone : zones) {
            ZonedDateTime local = openMoment.atZone(zone);
            Instant close = ZonedDateTime.of(local.toLocalDate(), end, zone).toInstant();
            if (!close.isAfter(openMoment)) {
                close = ZonedDateTime.of(local.toLocalDate().plusDays(1), end, zone).toInstant();
            }
            if (earliest == null || close.isBefore(earliest)) {
                earliest = close;
            }
        }
        return earliest;
    }
}
