package dev.campaigndialer.report;

import dev.campaigndialer.core.domain.ContactCounts;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * API.md's report. {@code outcomes} counts each accepted contact once, by its final outcome (plus
 * SUPPRESSED for a number put on the DNC list after submission), so a finished campaign's outcomes
 * add up to {@code contacts.accepted}. {@code partial} is true while the campaign still runs.
 */
public record CampaignReport(
        UUID campaignId,
        String status,
        boolean partial,
        Instant generatedAt,
        ContactCounts contacts,
        Map<String, Integer> outcomes,
        Attempts attempts,
        double answerRate,
        TalkSeconds talkSeconds,
        Instant firstCallAt,
        Instant lastCallAt) {

    // Stored reports come back from jsonb, which reorders keys: keep API.md's order.
    public CampaignReport {
        var ordered = new java.util.LinkedHashMap<String, Integer>();
        Map<String, Integer> given = outcomes;
        ReportService.OUTCOMES.forEach(outcome -> ordered.put(outcome, given.getOrDefault(outcome, 0)));
        given.forEach(ordered::putIfAbsent);
        outcomes = java.util.Collections.unmodifiableMap(ordered);
    }

    /** Placed calls, in all and by attempt number ("1", "2", ...). */
    public record Attempts(int total, Map<String, Integer> byNumber) {
        public Attempts {
            var ordered = new java.util.TreeMap<String, Integer>(java.util.Comparator.comparingInt(Integer::parseInt));
            ordered.putAll(byNumber);
            byNumber = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(ordered));
        }
    }

    /** Over contacts whose final outcome is ANSWERED; p50/p90 are nearest-rank percentiles. */
    public record TalkSeconds(long total, double mean, int p50, int p90) {
    }
}
