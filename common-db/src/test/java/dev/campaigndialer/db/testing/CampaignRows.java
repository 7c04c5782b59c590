package dev.campaigndialer.db.testing;

import dev.campaigndialer.core.domain.Campaign;
import dev.campaigndialer.core.domain.CampaignStatus;
import dev.campaigndialer.core.domain.ContactCounts;
import dev.campaigndialer.db.Database;
import dev.campaigndialer.db.repository.CampaignRepository;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Arranges the rows a handler test starts from (a campaign, its contacts, their tasks in a given
 * state) and reads back what the handler left, so each function's tests need no other function.
 * The campaign calls 09:00–20:00 in New York, retries BUSY, at most 3 attempts.
 */
public final class CampaignRows {

    private final Database database;

    public CampaignRows(Database database) {
        this.database = database;
    }

    public void campaign(UUID id, String owner, CampaignStatus status, int contacts, Instant at) {
        database.jdbi().useExtension(CampaignRepository.class, campaigns -> campaigns.insert(new Campaign(id, owner,
                "handler test", "+14155550100", "US", "America/New_York", LocalTime.of(9, 0), LocalTime.of(20, 0), 3, 0,
                List.of("BUSY"), 10, status, new ContactCounts(contacts, contacts, 0, 0, 0), 0, at, at, null)));
    }

    /** An accepted contact of the campaign, {@code seq} its place in the fan-out; returns its id. */
    public UUID contact(UUID campaignId, int seq, String phoneE164) {
        UUID id = UUID.randomUUID();
        database.jdbi().useHandle(handle -> handle.createUpdate("""
                INSERT INTO contacts (id, campaign_id, seq, row_number, phone_e164, status)
                VALUES (:id, :campaign, :seq, :seq, :phone, 'ACCEPTED')
                """).bind("id", id).bind("campaign", campaignId).bind("seq", seq).bind("phone", phoneE164).execute());
        return id;
    }

    /**
     * A first-attempt task in {@code status}, in New York, its calling spell open from six hours
     * before {@code at} to five after (09:00–20:00 when {@code at} is 15:00 there, as enrich would
     * set it); {@code callId} set when not null.
     */
    public void task(UUID id, UUID campaignId, UUID contactId, String status, String callId, Instant at) {
        database.jdbi().useHandle(handle -> handle.createUpdate("""
                INSERT INTO dial_tasks (id, campaign_id, contact_id, attempt, status, timezones, window_opens_at,
                                        window_closes_at, provider_call_id, dial_started_at, created_at, updated_at)
                VALUES (:id, :campaign, :contact, 1, :status, ARRAY['America/New_York'],
                        CAST(:at AS timestamptz) - interval '6 hours', CAST(:at AS timestamptz) + interval '5 hours', :call,
                        CASE WHEN :call IS NULL THEN NULL ELSE CAST(:at AS timestamptz) END, :at, :at)
                """).bind("id", id).bind("campaign", campaignId).bind("contact", contactId).bind("status", status)
                .bind("call", callId).bind("at", at).execute());
        if (status.equals("DIALING")) {
            database.jdbi().useHandle(handle -> handle.createUpdate(
                    "UPDATE campaigns SET calls_in_progress = calls_in_progress + 1 WHERE id = :id")
                    .bind("id", campaignId).execute());
        }
    }

    public String taskStatus(UUID taskId) {
        return database.jdbi().withHandle(handle -> handle.createQuery("SELECT status FROM dial_tasks WHERE id = :id")
                .bind("id", taskId).mapTo(String.class).one());
    }

    public CampaignStatus campaignStatus(UUID campaignId) {
        return database.jdbi().withExtension(CampaignRepository.class, campaigns -> campaigns.find(campaignId))
                .orElseThrow().status();
    }

    public int tasksOf(UUID campaignId) {
        return database.jdbi().withHandle(handle -> handle.createQuery(
                "SELECT count(*) FROM dial_tasks WHERE campaign_id = :id").bind("id", campaignId).mapTo(Integer.class).one());
    }

    public Optional<String> storedReportStatus(UUID campaignId) {
        return database.jdbi().withHandle(handle -> handle.createQuery(
                "SELECT body->>'status' FROM reports WHERE campaign_id = :id").bind("id", campaignId)
                .mapTo(String.class).findOne());
    }
}
