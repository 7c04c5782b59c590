package dev.campaigndialer.validate.campaign;

import java.util.List;

/** A structurally valid campaign request: its settings and its contact entries. */
public record Submission(CampaignDraft draft, List<ContactEntry> contacts) {
}
