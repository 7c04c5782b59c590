package dev.campaigndialer.bench.intake;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Brings a submitted campaign to where the pipeline leaves it when every call is done, so its
 * report covers a finished campaign: one dial task per placed call, with the outcome the simulated
 * carrier of API.md gives each number by its last digit and attempt, under the benchmark
 * campaign's retry rule (3 attempts, retry on BUSY, NO_ANSWER, FAILED). Per last digit: 0-4
 * ANSWERED; 5 VOICEMAIL; 6 BUSY then ANSWERED; 7 NO_ANSWER three times; 8 FAILED (CARRIER_ERROR)
 * three times; 9 FAILED (UNALLOCATED_NUMBER, permanent) once. Calls are spread over an hour.
 * Written with SQL rather than by running 100,000 contacts through the dialer, which takes hours
 * here; the rows are the ones status-checker writes.
 */
public final class FinishedCampaign {

    private static final String CALLS = """
            INSERT INTO dial_tasks (id, campaign_id, contact_id, attempt, status, provider_call_id, outcome_reason,
                                    talk_seconds, dial_started_at, finished_at, created_at, updated_at)
            SELECT gen_random_uuid(), campaign_id, contact_id, attempt, outcome,
                   'sim-' || contact_id || '-' || attempt,
                   CASE digit WHEN 8 THEN 'CARRIER_ERROR' WHEN 9 THEN 'UNALLOCATED_NUMBER' END,
                   CASE WHEN outcome = 'ANSWERED' AND digit = 6 THEN 60 WHEN outcome = 'ANSWERED' THEN (digit + 1) * 10
                        WHEN outcome = 'VOICEMAIL' THEN 15 ELSE 0 END,
                   dialled, dialled + interval '1 minute', dialled, dialled + interval '1 minute'
            FROM (SELECT c.campaign_id, c.id AS contact_id, a.attempt, right(c.phone_e164, 1)::int AS digit,
                         now() - interval '2 hours' + c.seq * interval '30 ms' + (a.attempt - 1) * interval '15 minutes'
                             AS dialled,
                         CASE WHEN right(c.phone_e164, 1)::int <= 4 THEN 'ANSWERED'
                              WHEN right(c.phone_e164, 1) = '5' THEN 'VOICEMAIL'
                              WHEN right(c.phone_e164, 1) = '6' THEN CASE a.attempt WHEN 1 THEN 'BUSY' ELSE 'ANSWERED' END
                              WHEN right(c.phone_e164, 1) = '7' THEN 'NO_ANSWER'
                              ELSE 'FAILED' END AS outcome,
                         CASE right(c.phone_e164, 1) WHEN '6' THEN 2 WHEN '7' THEN 3 WHEN '8' THEN 3 ELSE 1 END AS calls
                  FROM contacts c CROSS JOIN generate_series(1, 3) AS a(attempt)
                  WHERE c.campaign_id = ? AND c.status = 'ACCEPTED') planned
            WHERE attempt <= calls
            """;

    private FinishedCampaign() {
    }

    /** @return the calls written */
    public static int finish(DataSource database, UUID campaignId) throws SQLException {
        try (Connection connection = database.getConnection()) {
            connection.setAutoCommit(false);
            int calls;
            try (PreparedStatement insert = connection.prepareStatement(CALLS)) {
                insert.setObject(1, campaignId);
                calls = insert.executeUpdate();
            }
            try (PreparedStatement complete = connection.prepareStatement(
                    "UPDATE campaigns SET status = 'COMPLETED', completed_at = now(), updated_at = now() WHERE id = ?")) {
                complete.setObject(1, campaignId);
                complete.executeUpdate();
            }
            connection.commit();
            try (var analyze = connection.createStatement()) {
                // As autovacuum would soon after a bulk load: the report's plans see real row counts.
                analyze.execute("ANALYZE contacts; ANALYZE dial_tasks");
            }
            return calls;
        }
    }
}
