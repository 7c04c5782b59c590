package dev.campaigndialer.validate.campaign;

import dev.campaigndialer.core.json.Json;
import dev.campaigndialer.core.api.ApiException;
import dev.campaigndialer.core.api.FieldError;
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
 * as such, every other column becomes an attribute.
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
        try (CSVParser parser = FORMAT.parse(new StringReader(csv))) {
            Map<String, Integer> header = new LinkedHashMap<>();
            parser.getHeaderMap().forEach((name, index) -> header.put(name.trim().toLowerCase(Locale.ROOT), index));
            if (!header.containsKey("phone")) {
                throw ApiException.invalid(List.of(new FieldError("contactsCsv", "the header row must have a phone column")));
            }
            List<ContactEntry> contacts = new ArrayList<>();
            for (CSVRecord record : parser) {
                if (contacts.size() == Limits.MAX_CONTACTS) {
                    throw new ApiException(413, "Too many contacts",
                            "a campaign takes at most " + Limits.MAX_CONTACTS + " contacts");
                }
                contacts.add(entry(contacts.size() + 1, record, header));
            }
            if (contacts.isEmpty()) {
                throw ApiException.invalid(List.of(new FieldError("contactsCsv", "must have at least one data row")));
            }
            return contacts;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            throw ApiException.invalid(List.of(new FieldError("contactsCsv", "is not valid CSV: " + e.getMessage())));
        }
    }

    private static ContactEntry entry(int row, CSVRecord record, Map<String, Integer> header) {
        Map<String, String> attributes = new LinkedHashMap<>();
        header.forEach((column, index) -> {
            if (!column.equals("phone") && !column.equals("name") && !column.equals("timezone") && !column.isEmpty()
                    && index < record.size() && !record.get(index).isEmpty()) {
                attributes.put(column, record.get(index));
            }
        });
        return new ContactEntry(row, value(record, header.get("phone")), blankToNull(value(record, header.get("name"))),
                blankToNull(value(record, header.get("timezone"))), attributes.isEmpty() ? null : Json.write(attributes));
    }

    private static String value(CSVRecord record, Integer index) {
        return index == null || index >= record.size() ? null : record.get(index);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
