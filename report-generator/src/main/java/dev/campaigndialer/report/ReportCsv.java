package dev.campaigndialer.report;

import dev.campaigndialer.db.repository.ReportRepository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.UUID;
import java.util.stream.Stream;
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
            try (Stream<ReportRepository.ContactRow> rows = handle.attach(ReportRepository.class).contactRows(campaignId)) {
                rows.forEach(row -> write(out, String.join(",",
                        quote(row.phoneE164()),
                        quote(defuse(row.name())),
                        quote(row.contactStatus()),
                        quote(row.outcome()),
                        Integer.toString(row.attempts()),
                        row.talkSeconds() == null ? "" : row.talkSeconds().toString(),
                        row.lastAt() == null ? "" : row.lastAt().toString(),
                        quote(row.reason())) + "\r\n"));
            }
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
