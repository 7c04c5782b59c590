package dev.campaigndialer.db.repository;

import dev.campaigndialer.core.calling.CallingWindow;
import dev.campaigndialer.core.domain.CampaignStatus;
import dev.campaigndialer.core.domain.TaskStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * A dial task with what the calling steps need of its contact and campaign, read in one query.
 * {@code timezones} and the spell ({@code windowOpensAt}, {@code windowClosesAt}) are set once
 * enrich has placed the callee; see common-core's {@code CallingWindow}.
 */
public record TaskContext(
        UUID taskId,
        UUID campaignId,
        UUID contactId,
        int attempt,
        TaskStatus status,
        Instant notBefore,
        String providerCallId,
        Instant dialStartedAt,
        List<String> timezones,
        Instant windowOpensAt,
        Instant windowClosesAt,
        int placementFailures,
        String amdStatus,
        String phone,
        String contactTimezone,
        String ownerId,
        CampaignStatus campaignStatus,
        String callerId,
        String campaignTimezone,
        LocalTime windowStart,
        LocalTime windowEnd,
        int maxAttempts,
        int backoffSeconds,
        List<String> retryOn,
        int maxConcurrentCalls) {

    static final String SELECT = """
            SELECT t.id, t.campaign_id, t.contact_id, t.attempt, t.status, t.not_before, t.provider_call_id,
                   t.dial_started_at, t.timezones, t.window_opens_at, t.window_closes_at, t.placement_failures,
                   t.amd_status,
                   c.phone_e164, c.timezone AS contact_timezone, p.owner_id,
                   p.status AS campaign_status, p.caller_id, p.timezone AS campaign_timezone, p.window_start,
                   p.window_end, p.max_attempts, p.backoff_seconds, p.retry_on, p.max_concurrent_calls
            FROM dial_tasks t JOIN contacts c ON c.id = t.contact_id JOIN campaigns p ON p.id = t.campaign_id
            """;

    /** The spell enrich stored for the task, or null when it has none yet (which admits no call). */
    public CallingWindow.OpenSpell spell() {
        return windowOpensAt == null || windowClosesAt == null ? null
                : new CallingWindow.OpenSpell(windowOpensAt, windowClosesAt);
    }

    /** The calling window of the task's campaign. */
    public CallingWindow window() {
        return new CallingWindow(windowStart, windowEnd);
    }

    /** Maps {@link #SELECT}. */
    public static final class Mapper implements RowMapper<TaskContext> {
        @Override
        public TaskContext map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new TaskContext(
                    rs.getObject("id", UUID.class),
                    rs.getObject("campaign_id", UUID.class),
                    rs.getObject("contact_id", UUID.class),
                    rs.getInt("attempt"),
                    TaskStatus.valueOf(rs.getString("status")),
                    instant(rs.getTimestamp("not_before")),
                    rs.getString("provider_call_id"),
                    instant(rs.getTimestamp("dial_started_at")),
                    texts(rs.getArray("timezones")),
                    instant(rs.getTimestamp("window_opens_at")),
                    instant(rs.getTimestamp("window_closes_at")),
                    rs.getInt("placement_failures"),
                    rs.getString("amd_status"),
                    rs.getString("phone_e164"),
                    rs.getString("contact_timezone"),
                    rs.getString("owner_id"),
                    CampaignStatus.valueOf(rs.getString("campaign_status")),
                    rs.getString("caller_id"),
                    rs.getString("campaign_timezone"),
                    rs.getTime("window_start").toLocalTime(),
                    rs.getTime("window_end").toLocalTime(),
                    rs.getInt("max_attempts"),
                    rs.getInt("backoff_seconds"),
                    List.of((String[]) rs.getArray("retry_on").getArray()),
                    rs.getInt("max_concurrent_calls"));
        }

        private static List<String> texts(java.sql.Array array) throws SQLException {
            return array == null ? List.of() : List.of((String[]) array.getArray());
        }

        private static Instant instant(Timestamp timestamp) {
            return timestamp == null ? null : timestamp.toInstant();
        }
    }
}
