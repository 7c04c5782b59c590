package dev.campaigndialer.validate.campaign;

import dev.campaigndialer.core.domain.ContactCounts;
import dev.campaigndialer.db.repository.ContactWriter.NewContact;
import java.util.List;

/**
 * The outcome of screening a contact list.
 *
 * @param stored     accepted and suppressed contacts, in submission order (suppressed ones appear in the CSV report)
 * @param rejections every rejected entry, in row order (the response lists the first 1,000)
 */
public record ScreenedContacts(List<NewContact> stored, ContactCounts counts, List<Rejection> rejections) {
}
