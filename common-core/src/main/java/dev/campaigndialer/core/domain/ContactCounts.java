package dev.campaigndialer.core.domain;

/** What became of a submitted contact list; {@code accepted} are the contacts that will be dialled. */
public record ContactCounts(int received, int accepted, int invalid, int duplicate, int suppressed) {
}
