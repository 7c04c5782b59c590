package dev.campaigndialer.core.calling;

import dev.campaigndialer.core.domain.CampaignStatus;
import dev.campaigndialer.core.domain.TaskStatus;
import java.util.Collection;

/**
 * Whether a contact whose call just ended gets another attempt, as a pure function: only when the
 * campaign retries that outcome ({@code retry.on}), an attempt is left ({@code attempt <
 * maxAttempts}), the carrier did not call the failure permanent (an unallocated number stays
 * unallocated), and the campaign was not cancelled. A paused campaign does retry: the next attempt
 * is parked by the dialer until resume, like any other task of a paused campaign.
 */
public final class RetryRule {

    private RetryRule() {
    }

    public static boolean retries(TaskStatus outcome, boolean permanent, int attempt, int maxAttempts,
            Collection<String> retryOn, CampaignStatus campaign) {
        return retryOn.contains(outcome.name()) && attempt < maxAttempts && !permanent
                && campaign != CampaignStatus.CANCELLED;
    }
}
