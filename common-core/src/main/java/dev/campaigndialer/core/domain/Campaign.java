package dev.campaigndialer.core.domain;

import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;

/** A stored campaign: its owner's settings, where it is in its life, and its contact counts. */
public record Campaign(
        UUID id,
        String ownerId,
        String name,
        String callerId,
        String defaultRegion,
        String timezone,
        LocalTime windowStart,
        LocalTime windowEnd,
        int maxAttempts,
        int backoffSeconds,
        List<String> retryOn,
        int maxConcurrentCalls,
        CampaignStatus status,
        ContactCounts contacts,
        int dispatchedThrough,
        Instant createdAt,
        Instant updatedAt,
        Instant completedAt) {
}
