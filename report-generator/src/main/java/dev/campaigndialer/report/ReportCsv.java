package dev.campaigndialer.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * One CSV row per accepted or suppressed contact, read through a database cursor (1,000 rows at a
 * time, inside a transaction so it works through a transaction-pooling proxy) and written as it
 * is read: the report is never held in memory whole. RFC 4180 quoting; a name that a spreadsheet
 * would run as a formula is prefixed with an apostrophe ({@link #defuse}).
 */
public final class ReportCsv {

    public static final String HEADER = "phone,name,status,outcome,attempts,talk_seconds,last_attempt_at,reason";

    private final Jdbi jdbi;

    public ReportCsv(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public void write(UUID campaignId, Writer out) {
        jdbi.useTransaction(handle -> {
            write(out, HEADER + "\r\n");
            handle.createQuery("""
                    SELECT c.phone_e164, c.name, c.status AS contact_status, l.status AS outcome,
                           coalesce(a.placed, 0) AS attempts, l.talk_seconds, a.last_at,
                           coalesce(l.outcome_reason, CASE WHEN c.status = 'SUPPRESSED' THEN 'DNC' END) AS reason
                    FROM contacts c
                    LEFT JOIN LATERAL (SELECT status, talk_seconds, outcome_reason FROM dial_tasks t
                                       WHERE t.contact_id = c.id ORDER BY attempt DESC LIMIT 1) l ON true
                    LEFT JOIN LATERAL (SELECT count(*) FILTER (WHERE provider_call_id IS NOT NULL) AS placed,
                                              max(dial_started_at) AS last_at
                                       FROM dial_tasks t WHERE t.contact_id = c.id) a ON true
                    WHERE c.campaign_id = :id ORDER BY c.seq
                    """)
                    .bind("id", campaignId)
                    .setFetchSize(1000)
                    .map((rs, ctx) -> {
                        var timestamp = rs.getTimestamp("last_at");
                        Object talk = rs.getObject("talk_seconds");
                        return String.join(",",
                                quote(rs.getString("phone_e164")),
                                quote(defuse(rs.getString("name"))),
                                quote(rs.getString("contact_status")),
                                quote(rs.getString("outcome")),
                                Integer.toString(rs.getInt("attempts")),
                                talk == null ? "" : talk.toString(),
                                timestamp == null ? "" : timestamp.toInstant().toString(),
                                quote(rs.getString("reason"))) + "\r\n";
                    })
                    .forEach(row -> write(out, row));
        });
    }

    static String quote(String value) {
        if (value == null) {
            return "";
        }
        boolean needsQuotes = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
                || value.indexOf('\r') >= 0;
        return needsQuotes ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }

    /**
     * CSV injection (OWASP): spreadsheets evaluate a cell starting with =, +, - or @ as a formula,
     * and one starting with TAB or CR too (they skip it and read on). The name is the only cell
     * the owner writes: phones are our E.164 rendering (a '+' and digits, which no spreadsheet can
     * run), status, outcome and reason are our own words.
     */
    static String defuse(String name) {
        return name != null && !name.isEmpty() && "=+-@\t\r".indexOf(name.charAt(0)) >= 0 ? "'" + name : name;
    }

    private static void write(Writer out, String text) {
        try {
            out.write(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
