package dev.campaigndialer.report.html;

import java.text.NumberFormat;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How figures are written on the page: en-US digits and separators, times in UTC. */
final class Format {

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private Format() {
    }

    static String integer(long value) {
        return NumberFormat.getIntegerInstance(Locale.US).format(value);
    }

    /** One decimal, as the report's mean. */
    static String decimal(double value) {
        return String.format(Locale.US, "%,.1f", value);
    }

    /** A share as a percentage with one decimal. */
    static String percent(long part, long whole) {
        return whole == 0 ? "0.0%" : String.format(Locale.US, "%.1f%%", part * 100.0 / whole);
    }

    /** A rate in [0, 1] given to three decimals, as a percentage with one (exact). */
    static String rate(double rate) {
        return String.format(Locale.US, "%.1f%%", rate * 100);
    }

    static String instant(Instant instant) {
        return instant == null ? "—" : DATE_TIME.format(instant);
    }

    /** A wall-clock length: "45 s", "12 min 5 s", "3 h 20 min". */
    static String duration(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min " + seconds % 60 + " s";
        }
        return seconds / 3600 + " h " + seconds % 3600 / 60 + " min";
    }

    /** "per second", "per 5 s", "per minute", "per 15 min", "per hour", "per 3 h". */
    static String per(long seconds) {
        if (seconds == 1) {
            return "per second";
        }
        if (seconds == 60) {
            return "per minute";
        }
        if (seconds == 3600) {
            return "per hour";
        }
        return seconds < 60 ? "per " + seconds + " s" : seconds < 3600 ? "per " + seconds / 60 + " min" : "per " + seconds / 3600 + " h";
    }

    /** A time of day for axis labels: HH:mm:ss when buckets are under a minute, else HH:mm. */
    static String clock(Instant instant, long bucketSeconds) {
        return DateTimeFormatter.ofPattern(bucketSeconds < 60 ? "HH:mm:ss" : "HH:mm", Locale.ROOT)
                .withZone(ZoneOffset.UTC).format(instant);
    }
}
