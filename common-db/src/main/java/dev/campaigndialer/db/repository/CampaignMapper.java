package dev.campaigndialer.db.repository;

import dev.campaigndialer.core.domain.Campaign;
import dev.campaigndialer.core.domain.CampaignStatus;
import dev.campaigndialer.core.domain.ContactCounts;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Maps a {@code campaigns} row. */
public final class CampaignMapper implements RowMapper<Campaign> {

    @Override
    public Campaign map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Campaign(
                rs.getObject("id", UUID.class),
                rs.getString("owner_id"),
                rs.getString("name"),
                rs.getString("caller_id"),
                rs.getString("default_region"),
                rs.getString("timezone"),
                rs.getTime("window_start").toLocalTime(),
                rs.getTime("window_end").toLocalTime(),
                rs.getInt("max_attempts"),
                rs.getInt("backoff_seconds"),
                List.of((String[]) rs.getArray("retry_on").getArray()),
                rs.getInt("max_concurrent_calls"),
                CampaignStatus.valueOf(rs.getString("status")),
                new ContactCounts(rs.getInt("contacts_received"), rs.getInt("contacts_accepted"),
                        rs.getInt("contacts_invalid"), rs.getInt("contacts_duplicate"), rs.getInt("contacts_suppressed")),
                rs.getInt("dispatched_through"),
                instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("updated_at")),
                instant(rs.getTimestamp("completed_at")));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    static String[] array(List<String> values) {
        return values.toArray(String[]::new);
    }
}
