package dev.campaigndialer.validate.campaign;

import dev.campaigndialer.core.api.ApiException;
import dev.campaigndialer.core.api.Echo;
import dev.campaigndialer.core.api.FieldError;
import dev.campaigndialer.core.api.Text;
import dev.campaigndialer.core.json.Json;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * {@code contactsCsv}: RFC 4180 CSV (quoted fields, embedded commas and newlines, CRLF, a BOM)
 * with a header row that has a {@code phone} column; {@code name} and {@code timezone} are read
 * as such, every other column becomes an attribute. CSV that does not parse, a column named twice
 * and a cell (or column name) that is not text ({@link Text}) are 400s naming the line or row.
 */
final class CsvContacts {

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setIgnoreEmptyLines(true)
            .setTrim(true)
            .setAllowMissingColumnNames(true)
            .build();

    private CsvContacts() {
    }

    static List<ContactEntry> parse(String text) {
        String csv = text.startsWith("\uFEFF") ? text.substring(1) : text;
        List<FieldError> errors = new ArrayList<>();
        try (CSVParser parser = FORMAT.parse(new StringReader(csv))) {
            Map<String, Integer> header = header(parser.getHeaderNames(), errors);
            if (!header.containsKey("phone")) {
                throw invalid("the header row must have a phone column");
            }
            List<ContactEntry> contacts = new ArrayList<>();
            for (CSVRecord record : parser) {
                if (contacts.size() == Limits.MAX_CONTACTS) {
                    throw new ApiException(413, "Too many contacts",
                            "a campaign takes at most " + Limits.MAX_CONTACTS + " contacts");
                }
                contacts.add(entry(contacts.size() + 1, record, header, errors));
            }
            if (!errors.isEmpty()) {
                throw ApiException.invalid(errors.subList(0, Math.min(errors.size(), Limits.MAX_FIELD_ERRORS_LISTED)));
            }
            if (contacts.isEmpty()) {
                throw invalid("must have at least one data row");
            }
            return contacts;
        } catch (IOException e) {
            // The header line is read when the parser is built: a malformed one ends up here.
            throw invalid("is not valid CSV: " + e.getMessage());
        } catch (UncheckedIOException e) {
            throw invalid("is not valid CSV: " + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()));
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw invalid("is not valid CSV: " + e.getMessage());
        }
    }

    private static Map<String, Integer> header(List<String> names, List<FieldError> errors) {
        Map<String, Integer> header = new LinkedHashMap<>();
        for (int index = 0; index < names.size(); index++) {
            String name = names.get(index).trim().toLowerCase(Locale.ROOT);
            int column = index + 1;
            Text.problem(name).ifPresent(problem -> errors.add(new FieldError("contactsCsv",
                    "line 1 (the header), column " + column + ": a column name " + Text.rule() + "; " + problem)));
            if (!name.isEmpty() && header.putIfAbsent(name, index) != null) {
                throw invalid("line 1 (the header) names the column '" + Echo.prefix(name) + "' twice");
            }
        }
        return header;
    }

    private static ContactEntry entry(int row, CSVRecord record, Map<String, Integer> header, List<FieldError> errors) {
        Map<String, String> attributes = new LinkedHashMap<>();
        header.forEach((column, index) -> {
            // The cells that are stored as written: the name and the attributes. A phone or a
            // timezone is stored only in its validated form; a bad one is a rejection, not an error.
            boolean stored = !column.equals("phone") && !column.equals("timezone") && !column.isEmpty();
            if (stored && index < record.size()) {
                Text.problem(record.get(index)).ifPresent(problem -> errors.add(new FieldError("contactsCsv",
                        "row " + row + ", column '" + Echo.prefix(column) + "': " + Text.rule() + "; " + problem)));
            }
            if (stored && !column.equals("name") && index < record.size() && !record.get(index).isEmpty()) {
                attributes.put(column, record.get(index));
            }
        });
        return new ContactEntry(row, value(record, header.get("phone")), blankToNull(value(record, header.get("name"))),
                blankToNull(value(record, header.get("timezone"))), attributes.isEmpty() ? null : Json.write(attributes));
    }

    private static ApiException invalid(String message) {
        return ApiException.invalid(List.of(new FieldError("contactsCsv", message)));
    }

    private static String value(CSVRecord record, Integer index) {
        return index == null || index >= record.size() ? null : record.get(index);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
