package dev.campaigndialer.db.repository;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.postgresql.PGConnection;

/**
 * Bulk-stores a campaign's contacts with {@code COPY ... FROM STDIN}: one round trip for 100,000
 * rows, no statement text over RDS Proxy's 16 KB pinning threshold, inside the caller's transaction.
 */
public final class ContactWriter {

    /** A contact to store; {@code attributesJson} is already-serialized JSON or null. */
    public record NewContact(UUID id, int seq, int rowNumber, String phoneE164, String name, String timezone,
            String attributesJson, String status) {
    }

    private ContactWriter() {
    }

    public static long copy(Handle handle, UUID campaignId, List<NewContact> contacts) {
        if (contacts.isEmpty()) {
            return 0;
        }
        var text = new StringBuilder(contacts.size() * 96);
        for (NewContact contact : contacts) {
            text.append(contact.id()).append('\t')
                    .append(campaignId).append('\t')
                    .append(contact.seq()).append('\t')
                    .append(contact.rowNumber()).append('\t')
                    .append(escape(contact.phoneE164())).append('\t')
                    .append(escape(contact.name())).append('\t')
                    .append(escape(contact.timezone())).append('\t')
                    .append(escape(contact.attributesJson())).append('\t')
                    .append(contact.status()).append('\n');
        }
        try {
            Connection connection = handle.getConnection();
            PGConnection postgres = connection.unwrap(PGConnection.class);
            try (Reader reader = new StringReader(text.toString())) {
                return postgres.getCopyAPI().copyIn(
                        "COPY contacts (id, campaign_id, seq, row_number, phone_e164, name, timezone, attributes, status) "
                                + "FROM STDIN", reader);
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("cannot store contacts of campaign " + campaignId, e);
        }
    }

    // COPY text format: \N is NULL; backslash, tab, newline and carriage return are escaped.
    static String escape(String value) {
        if (value == null) {
            return "\\N";
        }
        var out = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
