package dev.campaigndialer.validate.campaign;

import java.time.LocalTime;
import java.util.List;

/** A campaign's settings after validation, defaults applied. */
public record CampaignDraft(
        String name,
        String callerId,
        String defaultRegion,
        String timezone,
        LocalTime windowStart,
        LocalTime windowEnd,
        int maxAttempts,
        int backoffSeconds,
        List<String> retryOn,
        int maxConcurrentCalls) {
}
