package dev.campaigndialer.testkit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Arranges the rows a handler test starts from (a campaign, its contacts, their tasks in a given
 * state) and reads back what the handler left, so each function's tests need no other function.
 * The campaign calls 09:00–20:00 in New York, retries BUSY, at most 3 attempts.
 *
 * <p>Plain SQL over the admin's direct connection ({@link ProxiedDatabase#direct()}), not
 * common-db's repositories: testkit sits below common-db in the reactor (common-db's own tests use
 * it), so a fixture here names tables, never our classes. Statuses are their names in the schema.
 */
public final class CampaignRows {

    private final DataSource admin;

    public CampaignRows(DataSource admin) {
        this.admin = admin;
    }

    public void campaign(UUID id, String owner, String status, int contacts, Instant at) {
        update("""
                INSERT INTO campaigns (id, owner_id, name, caller_id, default_region, timezone, window_start, window_end,
                    max_attempts, backoff_seconds, retry_on, max_concurrent_calls, status, contacts_received,
                    contacts_accepted, contacts_invalid, contacts_duplicate, contacts_suppressed, created_at, updated_at)
                VALUES (?, ?, 'handler test', '+14155550100', 'US', 'America/New_York', TIME '09:00', TIME '20:00',
                    3, 0, ARRAY['BUSY'], 10, ?, ?, ?, 0, 0, 0, ?, ?)
                """, id, owner, status, contacts, contacts, at, at);
    }

    /** An accepted contact of the campaign, {@code seq} its place in the fan-out; returns its id. */
    public UUID contact(UUID campaignId, int seq, String phoneE164) {
        UUID id = UUID.randomUUID();
        update("""
                INSERT INTO contacts (id, campaign_id, seq, row_number, phone_e164, status)
                VALUES (?, ?, ?, ?, ?, 'ACCEPTED')
                """, id, campaignId, seq, seq, phoneE164);
        return id;
    }

    /**
     * A first-attempt task in {@code status}, in New York, its calling spell open from six hours
     * before {@code at} to five after (09:00–20:00 when {@code at} is 15:00 there, as enrich would
     * set it); {@code callId} set when not null.
     */
    public void task(UUID id, UUID campaignId, UUID contactId, String status, String callId, Instant at) {
        update("""
                INSERT INTO dial_tasks (id, campaign_id, contact_id, attempt, status, timezones, window_opens_at,
                                        window_closes_at, provider_call_id, dial_started_at, created_at, updated_at)
                VALUES (?, ?, ?, 1, ?, ARRAY['America/New_York'], ?, ?, ?, ?, ?, ?)
                """, id, campaignId, contactId, status, at.minusSeconds(6 * 3600), at.plusSeconds(5 * 3600), callId,
                callId == null ? null : at, at, at);
        if (status.equals("DIALING")) {
            update("UPDATE campaigns SET calls_in_progress = calls_in_progress + 1 WHERE id = ?", campaignId);
        }
    }

    public String taskStatus(UUID taskId) {
        return one("SELECT status FROM dial_tasks WHERE id = ?", taskId).orElseThrow();
    }

    public String campaignStatus(UUID campaignId) {
        return one("SELECT status FROM campaigns WHERE id = ?", campaignId).orElseThrow();
    }

    public int tasksOf(UUID campaignId) {
        return Integer.parseInt(one("SELECT count(*) FROM dial_tasks WHERE campaign_id = ?", campaignId).orElseThrow());
    }

    public Optional<String> storedReportStatus(UUID campaignId) {
        return one("SELECT body->>'status' FROM reports WHERE campaign_id = ?", campaignId);
    }

    private void update(String sql, Object... parameters) {
        try (Connection connection = admin.getConnection(); PreparedStatement statement = prepare(connection, sql, parameters)) {
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("fixture statement failed: " + sql, e);
        }
    }

    private Optional<String> one(String sql, Object... parameters) {
        try (Connection connection = admin.getConnection(); PreparedStatement statement = prepare(connection, sql, parameters);
                ResultSet rows = statement.executeQuery()) {
            return rows.next() ? Optional.ofNullable(rows.getString(1)) : Optional.empty();
        } catch (SQLException e) {
            throw new IllegalStateException("fixture query failed: " + sql, e);
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i] instanceof Instant instant ? Timestamp.from(instant) : parameters[i]);
        }
        return statement;
    }
}
