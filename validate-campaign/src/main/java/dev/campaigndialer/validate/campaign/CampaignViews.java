package dev.campaigndialer.validate.campaign;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.campaigndialer.core.domain.Campaign;
import dev.campaigndialer.core.domain.ContactCounts;
import dev.campaigndialer.core.domain.TaskStatus;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The JSON shapes of API.md's campaign responses. */
public final class CampaignViews {

    private CampaignViews() {
    }

    public record Created(UUID campaignId, String status, ContactCounts contacts, List<Rejection> rejections) {
    }

    public record Summary(UUID campaignId, String name, String status, Instant createdAt) {
        static Summary of(Campaign campaign) {
            return new Summary(campaign.id(), campaign.name(), campaign.status().name(), campaign.createdAt());
        }
    }

    public record CampaignList(List<Summary> campaigns) {
    }

    /**
     * {@code nextCallAt} (an addition to API.md): while every remaining task waits for its callee's
     * calling window, when the next call may start; absent otherwise. {@code erasedAt} (an addition
     * too): when an ERASED campaign's contacts and tasks were erased; its tasks then count nothing
     * and every accepted contact counts as finished (the report keeps the outcomes).
     */
    public record Progress(UUID campaignId, String name, String status, Instant createdAt, ContactCounts contacts,
            Map<String, Integer> tasks, int contactsFinished, double percentComplete,
            @JsonInclude(JsonInclude.Include.NON_NULL) Instant nextCallAt,
            @JsonInclude(JsonInclude.Include.NON_NULL) Instant erasedAt) {

        static Progress erased(Campaign campaign, Instant erasedAt) {
            Map<String, Integer> tasks = new LinkedHashMap<>();
            for (TaskStatus status : TaskStatus.values()) {
                tasks.put(status.name(), 0);
            }
            return new Progress(campaign.id(), campaign.name(), campaign.status().name(), campaign.createdAt(),
                    campaign.contacts(), tasks, campaign.contacts().accepted(), 100.0, null, erasedAt);
        }

        static Progress of(Campaign campaign, Map<String, Integer> latestTaskCounts, Instant nextCallAt) {
            Map<String, Integer> tasks = new LinkedHashMap<>();
            int finished = 0;
            for (TaskStatus status : TaskStatus.values()) {
                int count = latestTaskCounts.getOrDefault(status.name(), 0);
                tasks.put(status.name(), count);
                if (status.isTerminal()) {
                    finished += count;
                }
            }
            int accepted = campaign.contacts().accepted();
            double percent = accepted == 0 ? 100.0 : Math.round(finished * 1000.0 / accepted) / 10.0;
            return new Progress(campaign.id(), campaign.name(), campaign.status().name(), campaign.createdAt(),
                    campaign.contacts(), tasks, finished, percent, nextCallAt, null);
        }
    }
}
