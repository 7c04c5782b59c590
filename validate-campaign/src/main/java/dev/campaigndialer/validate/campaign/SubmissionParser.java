package dev.campaigndialer.validate.campaign;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import dev.campaigndialer.core.json.Json;
import dev.campaigndialer.core.api.ApiException;
import dev.campaigndialer.core.api.Echo;
import dev.campaigndialer.core.api.FieldError;
import dev.campaigndialer.core.api.Text;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a {@code POST /campaigns} body against every rule of API.md and reports all problems at
 * once; applies the defaults. Per-contact number, timezone and attribute problems are not errors
 * here: they become rejections in {@link ContactScreening}. Stateless and thread-safe.
 */
public final class SubmissionParser {

    static final Set<String> RETRYABLE = Set.of("BUSY", "NO_ANSWER", "FAILED", "VOICEMAIL");
    private static final Set<String> TOP_LEVEL = Set.of("name", "callerId", "defaultRegion", "timezone",
            "callingWindow", "retry", "maxConcurrentCalls", "contacts", "contactsCsv");
    private static final Set<String> WINDOW_FIELDS = Set.of("start", "end");
    private static final Set<String> RETRY_FIELDS = Set.of("maxAttempts", "backoffSeconds", "on");
    private static final Set<String> CONTACT_FIELDS = Set.of("phone", "name", "timezone", "attributes");
    private static final Pattern HH_MM = Pattern.compile("([01]\\d|2[0-3]):[0-5]\\d");
    private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{1,14}");
    private static final LocalTime EARLIEST = LocalTime.of(8, 0);
    private static final LocalTime LATEST = LocalTime.of(21, 0);
    // ZoneId.getAvailableZoneIds() returns a fresh copy of some 600 ids on every call: asked once
    // per contact, that copy was a tenth of a 100,000-contact submission's time and most of its garbage.
    private static final Set<String> ZONES = Set.copyOf(ZoneId.getAvailableZoneIds());

    private final PhoneNumberUtil phones = PhoneNumberUtil.getInstance();

    public Submission parse(String body) {
        if (body.getBytes(StandardCharsets.UTF_8).length > Limits.MAX_BODY_BYTES) {
            throw new ApiException(413, "Request too large", "the body must be at most 6 MB");
        }
        JsonNode root = readJson(body);
        if (root == null || !root.isObject()) {
            throw ApiException.invalid(List.of(new FieldError("body", "must be a JSON object")));
        }
        var errors = new Errors();
        errors.unknownFields(root, TOP_LEVEL, "");

        String name = requiredText(root, "name", errors);
        if (name != null && (name.isBlank() || name.codePointCount(0, name.length()) > 200)) {
            errors.add("name", "must be 1 to 200 characters");
        }
        if (name != null) {
            errors.text("name", name);
        }
        String callerId = requiredText(root, "callerId", errors);
        if (callerId != null && !isE164(callerId)) {
            errors.add("callerId", "must be a valid E.164 number, e.g. +14155550100");
        }
        String region = optionalText(root, "defaultRegion", "US", errors);
        if (region != null && !phones.getSupportedRegions().contains(region)) {
            errors.add("defaultRegion", "must be an ISO 3166-1 alpha-2 region code, e.g. US");
        }
        String timezone = optionalText(root, "timezone", "America/New_York", errors);
        if (timezone != null && !isZone(timezone)) {
            errors.add("timezone", "must be an IANA time zone, e.g. America/New_York");
        }
        LocalTime[] window = callingWindow(root.get("callingWindow"), errors);
        JsonNode retry = root.get("retry");
        if (retry != null && !retry.isObject()) {
            errors.add("retry", "must be an object");
            retry = null;
        }
        if (retry != null) {
            errors.unknownFields(retry, RETRY_FIELDS, "retry.");
        }
        int maxAttempts = integer(retry, "maxAttempts", "retry.maxAttempts", 3, 1, 10, errors);
        int backoffSeconds = integer(retry, "backoffSeconds", "retry.backoffSeconds", 900, 0, 86_400, errors);
        List<String> retryOn = retryOn(retry, errors);
        int maxConcurrentCalls = integer(root, "maxConcurrentCalls", "maxConcurrentCalls", 10, 1, 1000, errors);

        List<ContactEntry> contacts = contacts(root, errors);
        errors.throwIfAny();
        return new Submission(new CampaignDraft(name.strip(), callerId, region, timezone, window[0], window[1],
                maxAttempts, backoffSeconds, retryOn, maxConcurrentCalls), contacts);
    }

    /**
     * The body as one JSON value. A name given twice in one object is an error (RFC 8259 leaves
     * its meaning open; Jackson would keep the last silently), and so is anything after the value
     * (Jackson would ignore a second document), as is anything that does not parse.
     */
    public static JsonNode readJson(String body) {
        try {
            return Json.mapper().reader()
                    .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiException.invalid(List.of(new FieldError("body", "is not valid JSON: " + e.getOriginalMessage())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean isE164(String number) {
        if (!E164.matcher(number).matches()) {
            return false;
        }
        try {
            return phones.isValidNumber(phones.parse(number, "ZZ"));
        } catch (NumberParseException e) {
            return false;
        }
    }

    static boolean isZone(String zone) {
        return ZONES.contains(zone);
    }

    private static LocalTime[] callingWindow(JsonNode node, Errors errors) {
        LocalTime[] window = {LocalTime.of(9, 0), LocalTime.of(20, 0)};
        if (node == null) {
            return window;
        }
        if (!node.isObject()) {
            errors.add("callingWindow", "must be an object with start and end, e.g. {\"start\": \"09:00\", \"end\": \"20:00\"}");
            return window;
        }
        errors.unknownFields(node, WINDOW_FIELDS, "callingWindow.");
        LocalTime start = time(node, "start", errors);
        LocalTime end = time(node, "end", errors);
        if (start != null && end != null) {
            if (!start.isBefore(end)) {
                errors.add("callingWindow", "start must be before end");
            }
            if (start.isBefore(EARLIEST) || end.isAfter(LATEST)) {
                errors.add("callingWindow", "must lie inside 08:00-21:00 in the callee's local time");
            }
            window[0] = start;
            window[1] = end;
        }
        return window;
    }

    private static LocalTime time(JsonNode window, String field, Errors errors) {
        JsonNode value = window.get(field);
        if (value == null || !value.isTextual() || !HH_MM.matcher(value.asText()).matches()) {
            errors.add("callingWindow." + field, "must be a time HH:mm, e.g. 09:00");
            return null;
        }
        return LocalTime.parse(value.asText());
    }

    private static List<String> retryOn(JsonNode retry, Errors errors) {
        JsonNode on = retry == null ? null : retry.get("on");
        if (on == null) {
            return List.of("BUSY", "NO_ANSWER", "FAILED");
        }
        if (!on.isArray()) {
            errors.add("retry.on", "must be an array of BUSY, NO_ANSWER, FAILED, VOICEMAIL");
            return List.of();
        }
        Set<String> outcomes = new LinkedHashSet<>();
        for (JsonNode outcome : on) {
            if (!outcome.isTextual() || !RETRYABLE.contains(outcome.asText())) {
                errors.add("retry.on", "may contain only BUSY, NO_ANSWER, FAILED, VOICEMAIL; got "
                        + Echo.prefix(outcome.toString()));
            } else {
                outcomes.add(outcome.asText());
            }
        }
        return List.copyOf(outcomes);
    }

    private static List<ContactEntry> contacts(JsonNode root, Errors errors) {
        JsonNode array = root.get("contacts");
        JsonNode csv = root.get("contactsCsv");
        if ((array == null) == (csv == null)) {
            errors.add("contacts", "exactly one of contacts and contactsCsv is required");
            return List.of();
        }
        if (csv != null) {
            if (!csv.isTextual()) {
                errors.add("contactsCsv", "must be CSV text");
                return List.of();
            }
            return CsvContacts.parse(csv.asText());
        }
        if (!array.isArray()) {
            errors.add("contacts", "must be an array of contacts");
            return List.of();
        }
        if (array.size() > Limits.MAX_CONTACTS) {
            throw new ApiException(413, "Too many contacts", "a campaign takes at most " + Limits.MAX_CONTACTS
                    + " contacts; this one has " + array.size());
        }
        if (array.isEmpty()) {
            errors.add("contacts", "must have at least one contact");
            return List.of();
        }
        List<ContactEntry> contacts = new ArrayList<>(array.size());
        int row = 0;
        for (JsonNode entry : array) {
            row++;
            String prefix = "contacts[" + (row - 1) + "]";
            if (!entry.isObject()) {
                errors.add(prefix, "must be an object with a phone");
                continue;
            }
            errors.unknownFields(entry, CONTACT_FIELDS, prefix + ".");
            JsonNode phone = entry.get("phone");
            if (phone == null || !phone.isTextual()) {
                errors.add(prefix + ".phone", "is required and must be a string");
                continue;
            }
            String name = contactText(entry, "name", prefix, errors);
            String timezone = contactText(entry, "timezone", prefix, errors);
            JsonNode attributes = entry.get("attributes");
            if (attributes != null && !attributes.isNull() && !attributes.isObject()) {
                errors.add(prefix + ".attributes", "must be an object");
                continue;
            }
            if (attributes != null) {
                errors.textWithin(prefix + ".attributes", attributes, "");
            }
            contacts.add(new ContactEntry(row, phone.asText(), name, timezone,
                    attributes == null || attributes.isNull() ? null : attributes.toString()));
        }
        return contacts;
    }

    private static String contactText(JsonNode entry, String field, String prefix, Errors errors) {
        JsonNode value = entry.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            errors.add(prefix + "." + field, "must be a string");
            return null;
        }
        if (field.equals("name") && value.asText().length() > 200) {
            errors.add(prefix + ".name", "must be at most 200 characters");
        }
        if (field.equals("name")) {
            errors.text(prefix + ".name", value.asText());
        }
        return value.asText();
    }

    private static String requiredText(JsonNode node, String field, Errors errors) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            errors.add(field, "is required");
            return null;
        }
        if (!value.isTextual()) {
            errors.add(field, "must be a string");
            return null;
        }
        return value.asText();
    }

    private static String optionalText(JsonNode node, String field, String fallback, Errors errors) {
        JsonNode value = node.get(field);
        if (value == null) {
            return fallback;
        }
        if (!value.isTextual()) {
            errors.add(field, "must be a string");
            return null;
        }
        return value.asText();
    }

    private static int integer(JsonNode node, String field, String path, int fallback, int min, int max, Errors errors) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null) {
            return fallback;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < min || value.asInt() > max) {
            errors.add(path, "must be an integer between " + min + " and " + max);
            return fallback;
        }
        return value.asInt();
    }

    /** Collects problems; the response lists the first hundred and says how many there were. */
    private static final class Errors {
        private final List<FieldError> errors = new ArrayList<>();
        private int total;

        void add(String field, String message) {
            total++;
            if (errors.size() < Limits.MAX_FIELD_ERRORS_LISTED) {
                errors.add(new FieldError(field, message));
            }
        }

        void unknownFields(JsonNode node, Set<String> known, String prefix) {
            for (Iterator<String> names = ((ObjectNode) node).fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!known.contains(name)) {
                    add(prefix + Echo.prefix(name), "is not a known field");
                }
            }
        }

        /** A problem when {@code value} is not text (control characters, unpaired surrogates). */
        void text(String field, String value) {
            Text.problem(value).ifPresent(problem -> add(field, Text.rule() + "; " + problem));
        }

        /** The same for every name and string inside an attributes value, reported once per field. */
        void textWithin(String field, JsonNode node, String path) {
            Optional<String> problem = firstTextProblem(node, path);
            problem.ifPresent(found -> add(field, Text.rule() + "; " + found));
        }

        private static Optional<String> firstTextProblem(JsonNode node, String path) {
            if (node.isTextual()) {
                return Text.problem(node.textValue()).map(found -> found + " of " + path);
            }
            if (node.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    String inner = path.isEmpty() ? Echo.prefix(field.getKey()) : path + "." + Echo.prefix(field.getKey());
                    Optional<String> problem = Text.problem(field.getKey()).map(found -> found + " of the name " + inner)
                            .or(() -> firstTextProblem(field.getValue(), inner));
                    if (problem.isPresent()) {
                        return problem;
                    }
                }
            }
            if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    Optional<String> problem = firstTextProblem(node.get(i), path + "[" + i + "]");
                    if (problem.isPresent()) {
                        return problem;
                    }
                }
            }
            return Optional.empty();
        }

        void throwIfAny() {
            if (total == 0) {
                return;
            }
            ApiException invalid = ApiException.invalid(errors);
            if (total > errors.size()) {
                throw new ApiException(400, invalid.title(), total + " problems with the request; the first "
                        + errors.size() + " are listed", errors);
            }
            throw invalid;
        }
    }
}
