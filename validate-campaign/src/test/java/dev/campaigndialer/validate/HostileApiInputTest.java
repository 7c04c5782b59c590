package dev.campaigndialer.validate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.campaigndialer.core.json.Json;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The hostile corpus: every request here is wrong in one way (encodings, sizes at and past each
 * limit, types, duplicated keys, headers, methods, paths, idempotency misuse, Unicode edge cases,
 * CSV dialects, every route of validate-campaign). Each must get API.md's status as problem+json
 * whose errors (or detail) name the problem, echo no more than a short prefix of what it rejects,
 * and leave every table of the database exactly as it was.
 *
 * <p>"At the limit" rows carry a second, deliberate mistake (a bad callerId) so that they are
 * rejected too and store nothing: the answer must name that mistake and not the field at its limit.
 * {@code GET /campaigns/{id}/report} belongs to report-generator, which this module cannot reach
 * (report-generator's tests depend on this one); its hostile requests are in report-generator's
 * ReportRouteHostileInputTest.
 */
class HostileApiInputTest {

    /** What a rejection may weigh: a problem with up to 100 short field errors, never an echo of a big value. */
    private static final int MAX_PROBLEM_CHARS = 40_000;
    private static final String BAD_CALLER = "\"callerId\":\"not-a-number\"";

    /**
     * @param names    the error field that must be listed; or, prefixed "detail:", text the detail must hold
     * @param notNamed an error field that must not be listed (the field at its limit), or null
     */
    private record Case(String name, String method, String path, String owner, String contentType, byte[] body,
            Transport transport, Map<String, String> headers, int status, String names, String notNamed) {

        Case notNaming(String field) {
            return new Case(name, method, path, owner, contentType, body, transport, headers, status, names, field);
        }
    }

    /** How the body travels in the event: as text, as base64 of raw bytes, or as text wrongly flagged base64. */
    private enum Transport { TEXT, BYTES, FLAGGED_BASE64 }

    private static OwnerApiClient api;
    private static String accepted;
    private static String cancelled;

    @BeforeAll
    static void start() {
        api = new OwnerApiClient("hostile");
        accepted = api.post("/campaigns", "alice", campaign(Map.of())).json().get("campaignId").asText();
        cancelled = api.post("/campaigns", "alice", campaign(Map.of())).json().get("campaignId").asText();
        api.send("POST", "/campaigns/" + cancelled + "/cancel", "alice", null, null, Map.of());
        api.send("POST", "/campaigns", "alice", "application/json", campaign(Map.of()), Map.of("Idempotency-Key", "k-1"));
        api.post("/dnc", "alice", "{\"phones\":[\"+14155550199\"]}");
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    // ---------------------------------------------------------------- bodies

    /** A valid campaign with some top-level fields replaced by raw JSON values (null removes one). */
    private static String campaign(Map<String, String> replaced) {
        var fields = new LinkedHashMap<String, String>();
        fields.put("name", "\"Renewals\"");
        fields.put("callerId", "\"+14155550100\"");
        fields.put("contacts", "[{\"phone\":\"+14155550101\"}]");
        fields.putAll(replaced);
        var body = new StringBuilder("{");
        fields.forEach((key, value) -> {
            if (value != null) {
                body.append(body.length() > 1 ? "," : "").append('"').append(key).append("\":").append(value);
            }
        });
        return body.append('}').toString();
    }

    private static Map<String, String> without(String field) {
        return Collections.singletonMap(field, null);
    }

    private static String contacts(String... entries) {
        return "[" + String.join(",", entries) + "]";
    }

    private static String csv(String text) {
        return campaign(Map.of("contacts", "null", "contactsCsv", Json.write(text))).replace("\"contacts\":null,", "");
    }

    private static String manyContacts(int count) {
        var array = new StringBuilder(count * 26).append('[');
        for (int i = 0; i < count; i++) {
            array.append(i == 0 ? "" : ",").append("{\"phone\":\"+1212555").append(String.format("%04d", i % 10_000))
                    .append("\"}");
        }
        return array.append(']').toString();
    }

    private static String manyCsvRows(int count) {
        var text = new StringBuilder(count * 14).append("phone\n");
        for (int i = 0; i < count; i++) {
            text.append("+1212555").append(String.format("%04d", i % 10_000)).append('\n');
        }
        return text.toString();
    }

    /** A campaign whose body is exactly {@code bytes} long (padded in the name; callerId wrong). */
    private static String bodyOfBytes(int bytes) {
        String shell = "{\"name\":\"\"," + BAD_CALLER + ",\"contacts\":[{\"phone\":\"+14155550101\"}]}";
        return shell.replace("\"name\":\"\"", "\"name\":\"" + "x".repeat(bytes - shell.length()) + "\"");
    }

    private static byte[] bytes(String head, int[] middle, String tail) {
        var out = new ByteArrayOutputStream();
        out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        for (int octet : middle) {
            out.write(octet);
        }
        out.writeBytes(tail.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    // ---------------------------------------------------------------- rows

    private static Case post(String name, String body, int status, String names) {
        return request(name, "POST", "/campaigns", "alice", body, status, names);
    }

    private static Case atLimit(String name, String body, String fieldAtItsLimit) {
        return post(name, body, 400, "callerId").notNaming(fieldAtItsLimit);
    }

    private static Case request(String name, String method, String path, String owner, String body, int status,
            String names) {
        return new Case(name, method, path, owner, body == null ? null : "application/json",
                body == null ? null : body.getBytes(StandardCharsets.UTF_8), Transport.TEXT, Map.of(), status, names, null);
    }

    private static Case withHeaders(String name, String body, Map<String, String> headers, int status, String names) {
        return new Case(name, "POST", "/campaigns", "alice", "application/json", body.getBytes(StandardCharsets.UTF_8),
                Transport.TEXT, headers, status, names, null);
    }

    private static Case typed(String name, String path, String contentType, String body, int status, String names) {
        return new Case(name, "POST", path, "alice", contentType, body.getBytes(StandardCharsets.UTF_8), Transport.TEXT,
                Map.of(), status, names, null);
    }

    private static Case raw(String name, String path, byte[] body, String names) {
        return new Case(name, "POST", path, "alice", "application/json", body, Transport.BYTES, Map.of(), 400, names, null);
    }

    private static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        String unknown = UUID.randomUUID().toString();

        // Encodings: bytes that are not UTF-8 (sent as API Gateway sends bytes: base64), and JSON
        // that is not text.
        cases.add(raw("latin-1 é in a name", "/campaigns", bytes("{\"name\":\"Caf", new int[] {0xE9}, "\"}"), "body"));
        cases.add(raw("broken two-byte sequence", "/campaigns", bytes("{\"name\":\"", new int[] {0xC3, 0x28}, "\"}"), "body"));
        cases.add(raw("overlong encoding of '/'", "/campaigns", bytes("{\"name\":\"", new int[] {0xC0, 0xAF}, "\"}"), "body"));
        cases.add(raw("overlong NUL (modified UTF-8)", "/campaigns", bytes("{\"name\":\"", new int[] {0xC0, 0x80}, "\"}"), "body"));
        cases.add(raw("lone continuation byte", "/campaigns", bytes("{\"name\":\"", new int[] {0x80}, "\"}"), "body"));
        cases.add(raw("UTF-8-encoded surrogate (CESU-8)", "/campaigns",
                bytes("{\"name\":\"", new int[] {0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80}, "\"}"), "body"));
        cases.add(raw("code point past U+10FFFF", "/campaigns", bytes("{\"name\":\"", new int[] {0xF4, 0x90, 0x80, 0x80}, "\"}"), "body"));
        cases.add(raw("five-byte form", "/campaigns", bytes("{\"name\":\"", new int[] {0xF8, 0x88, 0x80, 0x80, 0x80}, "\"}"), "body"));
        cases.add(raw("sequence truncated at the end", "/campaigns", bytes("{\"name\":\"x\"}", new int[] {0xE2, 0x82}, ""), "body"));
        cases.add(raw("0xFF byte in a DNC number", "/dnc", bytes("{\"phones\":[\"+1415555", new int[] {0xFF}, "0198\"]}"), "body"));
        cases.add(raw("UTF-16LE body", "/campaigns", bytes("", new int[] {0xFF, 0xFE, '{', 0, '}', 0}, ""), "body"));
        cases.add(new Case("base64 flag on text that is not base64", "POST", "/campaigns", "alice", "application/json",
                "{not base64!}".getBytes(StandardCharsets.UTF_8), Transport.FLAGGED_BASE64, Map.of(), 400, "body", null));
        cases.add(post("byte order mark before the JSON", "\uFEFF" + campaign(Map.of()), 400, "body"));
        cases.add(post("escaped lone high surrogate in the name", campaign(Map.of("name", "\"Spring\\ud800\"")), 400, "name"));
        cases.add(post("escaped lone low surrogate in a contact name", campaign(Map.of("contacts",
                contacts("{\"phone\":\"+14155550101\",\"name\":\"\\udc00Ada\"}"))), 400, "contacts[0].name"));

        // JSON syntax and structure.
        cases.add(post("truncated JSON", "{\"name\": \"x\"", 400, "body"));
        cases.add(post("not JSON at all", "hello", 400, "body"));
        cases.add(post("JSON array instead of object", "[]", 400, "body"));
        cases.add(post("JSON null", "null", 400, "body"));
        cases.add(post("JSON string", "\"campaign\"", 400, "body"));
        cases.add(post("empty body", "", 400, "body"));
        cases.add(post("trailing comma", "{\"name\":\"x\",}", 400, "body"));
        cases.add(post("single-quoted strings", "{'name':'x'}", 400, "body"));
        cases.add(post("comment in JSON", "{/* hi */\"name\":\"x\"}", 400, "body"));
        cases.add(post("NaN literal", campaign(Map.of("maxConcurrentCalls", "NaN")), 400, "body"));
        cases.add(post("two JSON documents", campaign(Map.of()) + campaign(Map.of()), 400, "body"));
        cases.add(post("nested 5,000 deep", campaign(Map.of("contacts", "[".repeat(5_000) + "]".repeat(5_000))), 400, "body"));
        cases.add(post("number of 2,000 digits", campaign(Map.of("maxConcurrentCalls", "9".repeat(2_000))), 400, "body"));

        // Duplicated keys: RFC 8259 leaves their meaning open; a silent last-wins would hide mistakes.
        cases.add(post("name twice", "{\"name\":\"a\",\"name\":\"b\",\"callerId\":\"+14155550100\",\"contacts\":[{\"phone\":\"+14155550101\"}]}", 400, "body"));
        cases.add(post("callerId twice", campaign(Map.of()).replace("{", "{\"callerId\":\"+14155550100\","), 400, "body"));
        cases.add(post("retry.maxAttempts twice", campaign(Map.of("retry", "{\"maxAttempts\":1,\"maxAttempts\":10}")), 400, "body"));
        cases.add(post("contact phone twice", campaign(Map.of("contacts",
                contacts("{\"phone\":\"+14155550101\",\"phone\":\"+14155550102\"}"))), 400, "body"));
        cases.add(post("attribute name twice", campaign(Map.of("contacts",
                contacts("{\"phone\":\"+14155550101\",\"attributes\":{\"plan\":\"a\",\"plan\":\"b\"}}"))), 400, "body"));
        cases.add(request("DNC phones twice", "POST", "/dnc", "alice", "{\"phones\":[\"+14155550198\"],\"phones\":[]}", 400, "body"));

        // Missing and unknown fields.
        cases.add(post("name missing", campaign(without("name")), 400, "name"));
        cases.add(post("callerId missing", campaign(without("callerId")), 400, "callerId"));
        cases.add(post("contacts missing", campaign(without("contacts")), 400, "contacts"));
        cases.add(post("unknown top-level field", campaign(Map.of("priority", "\"high\"")), 400, "priority"));
        cases.add(post("field name with different case", campaign(Map.of("CallerId", "\"+14155550100\"")), 400, "CallerId"));
        cases.add(post("unknown retry field", campaign(Map.of("retry", "{\"maxAttempt\":3}")), 400, "retry.maxAttempt"));
        cases.add(post("unknown window field", campaign(Map.of("callingWindow", "{\"start\":\"09:00\",\"end\":\"20:00\",\"tz\":\"UTC\"}")), 400, "callingWindow.tz"));
        cases.add(post("unknown contact field", campaign(Map.of("contacts", contacts("{\"phone\":\"+14155550101\",\"age\":3}"))), 400, "contacts[0].age"));
        cases.add(post("owner in the body", campaign(Map.of("owner", "\"mallory\"")), 400, "owner"));
        cases.add(post("an unknown field 40,000 characters long", campaign(Map.of()).replace("{", "{" + Json.write("k".repeat(40_000)) + ":1,"), 400,
                "k".repeat(100) + "\u2026"));

        // Types.
        cases.add(post("name is a number", campaign(Map.of("name", "42")), 400, "name"));
        cases.add(post("name is an array", campaign(Map.of("name", "[\"a\"]")), 400, "name"));
        cases.add(post("name is null", campaign(Map.of("name", "null")), 400, "name"));
        cases.add(post("callerId is an object", campaign(Map.of("callerId", "{}")), 400, "callerId"));
        cases.add(post("callerId is a number", campaign(Map.of("callerId", "14155550100")), 400, "callerId"));
        cases.add(post("defaultRegion is a number", campaign(Map.of("defaultRegion", "1")), 400, "defaultRegion"));
        cases.add(post("timezone is an array", campaign(Map.of("timezone", "[\"UTC\"]")), 400, "timezone"));
        cases.add(post("callingWindow is a string", campaign(Map.of("callingWindow", "\"09:00-20:00\"")), 400, "callingWindow"));
        cases.add(post("callingWindow is an array", campaign(Map.of("callingWindow", "[\"09:00\",\"20:00\"]")), 400, "callingWindow"));
        cases.add(post("window start is a number", campaign(Map.of("callingWindow", "{\"start\":900,\"end\":\"20:00\"}")), 400, "callingWindow.start"));
        cases.add(post("retry is an array", campaign(Map.of("retry", "[3]")), 400, "retry"));
        cases.add(post("maxAttempts as string", campaign(Map.of("retry", "{\"maxAttempts\":\"3\"}")), 400, "retry.maxAttempts"));
        cases.add(post("maxAttempts fractional", campaign(Map.of("retry", "{\"maxAttempts\":2.5}")), 400, "retry.maxAttempts"));
        cases.add(post("maxAttempts boolean", campaign(Map.of("retry", "{\"maxAttempts\":true}")), 400, "retry.maxAttempts"));
        cases.add(post("maxAttempts null", campaign(Map.of("retry", "{\"maxAttempts\":null}")), 400, "retry.maxAttempts"));
        cases.add(post("backoffSeconds in exponent form", campaign(Map.of("retry", "{\"backoffSeconds\":1e3}")), 400, "retry.backoffSeconds"));
        cases.add(post("retry.on is a string", campaign(Map.of("retry", "{\"on\":\"BUSY\"}")), 400, "retry.on"));
        cases.add(post("retry.on holds a number", campaign(Map.of("retry", "{\"on\":[1]}")), 400, "retry.on"));
        cases.add(post("retry.on holds ANSWERED", campaign(Map.of("retry", "{\"on\":[\"ANSWERED\"]}")), 400, "retry.on"));
        cases.add(post("retry.on in lower case", campaign(Map.of("retry", "{\"on\":[\"busy\"]}")), 400, "retry.on"));
        cases.add(post("maxConcurrentCalls as string", campaign(Map.of("maxConcurrentCalls", "\"10\"")), 400, "maxConcurrentCalls"));
        cases.add(post("maxConcurrentCalls past int", campaign(Map.of("maxConcurrentCalls", "99999999999")), 400, "maxConcurrentCalls"));
        cases.add(post("contacts is an object", campaign(Map.of("contacts", "{}")), 400, "contacts"));
        cases.add(post("contacts is a string", campaign(Map.of("contacts", "\"+14155550101\"")), 400, "contacts"));
        cases.add(post("a contact is a string", campaign(Map.of("contacts", "[\"+14155550101\"]")), 400, "contacts[0]"));
        cases.add(post("contact phone is a number", campaign(Map.of("contacts", contacts("{\"phone\":4155550101}"))), 400, "contacts[0].phone"));
        cases.add(post("contact phone is null", campaign(Map.of("contacts", contacts("{\"phone\":null}"))), 400, "contacts[0].phone"));
        cases.add(post("contact without phone", campaign(Map.of("contacts", contacts("{\"name\":\"Ada\"}"))), 400, "contacts[0].phone"));
        cases.add(post("contact name is a number", campaign(Map.of("contacts", contacts("{\"phone\":\"+14155550101\",\"name\":7}"))), 400, "contacts[0].name"));
        cases.add(post("contact timezone is a number", campaign(Map.of("contacts", contacts("{\"phone\":\"+14155550101\",\"timezone\":-5}"))), 400, "contacts[0].timezone"));
        cases.add(post("attributes is an array", campaign(Map.of("contacts", contacts("{\"phone\":\"+14155550101\",\"attributes\":[1]}"))), 400, "contacts[0].attributes"));
        cases.add(post("attributes is a string", campaign(Map.of("contacts", contacts("{\"phone\":\"+14155550101\",\"attributes\":\"gold\"}"))), 400, "contacts[0].attributes"));
        cases.add(post("contactsCsv is a number", campaign(Map.of("contacts", "null", "contactsCsv", "1")).replace("\"contacts\":null,", ""), 400, "contactsCsv"));
        cases.add(post("contacts and contactsCsv both", campaign(Map.of("contactsCsv", "\"phone\\n+14155550101\"")), 400, "contacts"));

        // Values and limits. At the limit: accepted (the answer names only the bad callerId);
        // past it: named.
        cases.add(post("name empty", campaign(Map.of("name", "\"\"")), 400, "name"));
        cases.add(post("name only spaces", campaign(Map.of("name", "\"   \"")), 400, "name"));
        cases.add(atLimit("name of 200 characters", campaign(Map.of("name", Json.write("x".repeat(200)))).replace("\"callerId\":\"+14155550100\"", BAD_CALLER), "name"));
        cases.add(atLimit("name of 200 emoji (400 UTF-16 units)", campaign(Map.of("name", Json.write("\uD83C\uDF89".repeat(200)))).replace("\"callerId\":\"+14155550100\"", BAD_CALLER), "name"));
        cases.add(post("name of 201 characters", campaign(Map.of("name", Json.write("x".repeat(201)))), 400, "name"));
        cases.add(post("name of 201 emoji", campaign(Map.of("name", Json.write("\uD83C\uDF89".repeat(201)))), 400, "name"));
        cases.add(post("callerId not E.164", campaign(Map.of("callerId", "\"415-555-0100\"")), 400, "callerId"));
        cases.add(post("callerId without plus", campaign(Map.of("callerId", "\"14155550100\"")), 400, "callerId"));
        cases.add(post("callerId with full-width digits", campaign(Map.of("callerId", "\"+\uFF11\uFF14\uFF11\uFF15\uFF15\uFF15\uFF15\uFF10\uFF11\uFF10\uFF10\"")), 400, "callerId"));
        cases.add(post("callerId with a trailing newline", campaign(Map.of("callerId", "\"+14155550100\\n\"")), 400, "callerId"));
        cases.add(post("callerId of 16 digits", campaign(Map.of("callerId", "\"+1415555010012345\"")), 400, "callerId"));
        cases.add(post("callerId unassigned range", campaign(Map.of("callerId", "\"+10005550100\"")), 400, "callerId"));
        cases.add(post("defaultRegion lower case", campaign(Map.of("defaultRegion", "\"us\"")), 400, "defaultRegion"));
        cases.add(post("defaultRegion unknown", campaign(Map.of("defaultRegion", "\"XX\"")), 400, "defaultRegion"));
        cases.add(post("timezone unknown", campaign(Map.of("timezone", "\"Mars/Olympus_Mons\"")), 400, "timezone"));
        cases.add(post("timezone in lower case", campaign(Map.of("timezone", "\"america/new_york\"")), 400, "timezone"));
        cases.add(post("timezone as an offset", campaign(Map.of("timezone", "\"+05:00\"")), 400, "timezone"));
        cases.add(post("timezone with NUL", campaign(Map.of("timezone", "\"UTC\\u0000\"")), 400, "timezone"));
        cases.add(atLimit("window 08:00-21:00 exactly", campaign(Map.of("callingWindow", "{\"start\":\"08:00\",\"end\":\"21:00\"}", "callerId", "\"x\"")), "callingWindow"));
        cases.add(post("window starts 07:59", campaign(Map.of("callingWindow", "{\"start\":\"07:59\",\"end\":\"12:00\"}")), 400, "callingWindow"));
        cases.add(post("window ends 21:01", campaign(Map.of("callingWindow", "{\"start\":\"09:00\",\"end\":\"21:01\"}")), 400, "callingWindow"));
        cases.add(post("window empty (start = end)", campaign(Map.of("callingWindow", "{\"start\":\"10:00\",\"end\":\"10:00\"}")), 400, "callingWindow"));
        cases.add(post("window reversed", campaign(Map.of("callingWindow", "{\"start\":\"18:00\",\"end\":\"10:00\"}")), 400, "callingWindow"));
        cases.add(post("window time 24:00", campaign(Map.of("callingWindow", "{\"start\":\"09:00\",\"end\":\"24:00\"}")), 400, "callingWindow.end"));
        cases.add(post("window time 9:00 (one digit)", campaign(Map.of("callingWindow", "{\"start\":\"9:00\",\"end\":\"20:00\"}")), 400, "callingWindow.start"));
        cases.add(post("window time with seconds", campaign(Map.of("callingWindow", "{\"start\":\"09:00:00\",\"end\":\"20:00\"}")), 400, "callingWindow.start"));
        cases.add(post("window start missing", campaign(Map.of("callingWindow", "{\"end\":\"20:00\"}")), 400, "callingWindow.start"));
        cases.add(atLimit("maxAttempts 1 and 10 backoff 0", campaign(Map.of("retry", "{\"maxAttempts\":1,\"backoffSeconds\":0}", "callerId", "\"x\"")), "retry.maxAttempts"));
        cases.add(atLimit("maxAttempts 10 backoff 86400", campaign(Map.of("retry", "{\"maxAttempts\":10,\"backoffSeconds\":86400}", "callerId", "\"x\"")), "retry.backoffSeconds"));
        cases.add(post("maxAttempts 0", campaign(Map.of("retry", "{\"maxAttempts\":0}")), 400, "retry.maxAttempts"));
        cases.add(post("maxAttempts 11", campaign(Map.of("retry", "{\"maxAttempts\":11}")), 400, "retry.maxAttempts"));
        cases.add(post("maxAttempts -1", campaign(Map.of("retry", "{\"maxAttempts\":-1}")), 400, "retry.maxAttempts"));
        cases.add(post("backoff -1", campaign(Map.of("retry", "{\"backoffSeconds\":-1}")), 400, "retry.backoffSeconds"));
        cases.add(post("backoff 86401", campaign(Map.of("retry", "{\"backoffSeconds\":86401}")), 400, "retry.backoffSeconds"));
        cases.add(atLimit("maxConcurrentCalls 1000", campaign(Map.of("maxConcurrentCalls", "1000", "callerId", "\"x\"")), "maxConcurrentCalls"));
        cases.add(atLimit("maxConcurrentCalls 1", campaign(Map.of("maxConcurrentCalls", "1", "callerId", "\"x\"")), "maxConcurrentCalls"));
        cases.add(post("maxConcurrentCalls 0", campaign(Map.of("maxConcurrentCalls", "0")), 400, "maxConcurrentCalls"));
        cases.add(post("maxConcurrentCalls 1001", campaign(Map.of("maxConcurrentCalls", "1001")), 400, "maxConcurrentCalls"));
        cases.add(post("contacts empty", campaign(Map.of("contacts", "[]")), 400, "contacts"));
        cases.add(atLimit("100,000 contacts", campaign(Map.of("contacts", manyContacts(100_000), "callerId", "\"x\"")), "contacts"));
        cases.add(post("100,001 contacts", campaign(Map.of("contacts", manyContacts(100_001))), 413, "detail:at most 100000"));
        cases.add(atLimit("a body of exactly 6 MB", bodyOfBytes(6 * 1024 * 1024), "body"));
        cases.add(post("a body of 6 MB and one byte", bodyOfBytes(6 * 1024 * 1024 + 1), 413, "detail:6 MB"));
        cases.add(post("attributes over 2 KB on the only contact", campaign(Map.of("contacts", contacts(
                "{\"phone\":\"+14155550101\",\"attributes\":{\"note\":" + Json.write("x".repeat(2_100)) + "}}"))), 400, "contacts"));
        cases.add(post("only invalid numbers", campaign(Map.of("contacts", contacts("{\"phone\":\"12\"}", "{\"phone\":\"abc\"}"))), 400, "contacts"));
        cases.add(post("only numbers on the DNC list", campaign(Map.of("contacts", contacts("{\"phone\":\"+14155550199\"}"))), 400, "contacts"));
        cases.add(post("only duplicates of an invalid number", campaign(Map.of("contacts", contacts("{\"phone\":\"+1 (000) 000-0000\"}", "{\"phone\":\"+999 12345\"}",
                "{\"phone\":\"\\u0000\"}", "{\"phone\":\"+1415555010199999\"}"))), 400, "contacts"));
        cases.add(post("a phone of 3 MB and nothing else", campaign(Map.of("contacts", contacts("{\"phone\":" + Json.write("5".repeat(3_000_000)) + "}"))), 400, "contacts"));

        // Unicode and control characters in what is stored.
        cases.add(post("NUL in the name", campaign(Map.of("name", "\"Spring\\u0000\"")), 400, "name"));
        cases.add(post("newline in the name", campaign(Map.of("name", "\"Spring\\nrenewals\"")), 400, "name"));
        cases.add(post("carriage return in the name", campaign(Map.of("name", "\"Spring\\rrenewals\"")), 400, "name"));
        cases.add(post("ANSI escape in the name", campaign(Map.of("name", "\"\\u001b[2J\"")), 400, "name"));
        cases.add(post("DEL in the name", campaign(Map.of("name", "\"x\\u007f\"")), 400, "name"));
        cases.add(post("C1 control (NEL) in the name", campaign(Map.of("name", "\"x\\u0085\"")), 400, "name"));
        cases.add(post("NUL in a contact name", campaign(Map.of("contacts", contacts("{\"phone\":\"+14155550101\"}",
                "{\"phone\":\"+14155550102\",\"name\":\"Ada\\u0000\"}"))), 400, "contacts[1].name"));
        cases.add(post("CRLF header injection in a contact name", campaign(Map.of("contacts", contacts(
                "{\"phone\":\"+14155550101\",\"name\":\"Ada\\r\\nBcc: x\"}"))), 400, "contacts[0].name"));
        cases.add(post("NUL in an attribute value", campaign(Map.of("contacts", contacts(
                "{\"phone\":\"+14155550101\",\"attributes\":{\"plan\":\"gold\\u0000\"}}"))), 400, "contacts[0].attributes"));
        cases.add(post("NUL in an attribute name", campaign(Map.of("contacts", contacts(
                "{\"phone\":\"+14155550101\",\"attributes\":{\"pl\\u0000an\":\"gold\"}}"))), 400, "contacts[0].attributes"));
        cases.add(post("BEL deep inside an attribute", campaign(Map.of("contacts", contacts(
                "{\"phone\":\"+14155550101\",\"attributes\":{\"a\":[{\"b\":[\"\\u0007\"]}]}}"))), 400, "contacts[0].attributes"));
        cases.add(post("newline in an attribute", campaign(Map.of("contacts", contacts(
                "{\"phone\":\"+14155550101\",\"attributes\":{\"note\":\"two\\nlines\"}}"))), 400, "contacts[0].attributes"));
        cases.add(post("lone surrogate in an attribute name", campaign(Map.of("contacts", contacts(
                "{\"phone\":\"+14155550101\",\"attributes\":{\"\\ud83d\":1}}"))), 400, "contacts[0].attributes"));

        // CSV dialects.
        cases.add(post("CSV with a malformed header", csv("\"phone\"x,name\n+14155550101,Ada\n"), 400, "contactsCsv"));
        cases.add(post("CSV with a malformed data line", csv("phone,name\n+14155550101,Ada\n\"+14155550102\"x,Grace\n"), 400, "contactsCsv"));
        cases.add(post("CSV with an unterminated quote", csv("phone,name\n+14155550101,\"Ada\n"), 400, "contactsCsv"));
        cases.add(post("CSV separated by semicolons", csv("phone;name\n+14155550101;Ada\n"), 400, "contactsCsv"));
        cases.add(post("CSV separated by tabs", csv("phone\tname\n+14155550101\tAda\n"), 400, "contactsCsv"));
        cases.add(post("CSV without a header row", csv("+14155550101,Ada\n+14155550102,Grace\n"), 400, "contactsCsv"));
        cases.add(post("CSV header only", csv("phone,name\n"), 400, "contactsCsv"));
        cases.add(post("CSV empty", csv(""), 400, "contactsCsv"));
        cases.add(post("CSV of blank lines", csv("\n\n\r\n"), 400, "contactsCsv"));
        cases.add(post("CSV naming phone twice", csv("phone,Phone\n+14155550101,+14155550102\n"), 400, "contactsCsv"));
        cases.add(post("CSV naming an attribute twice", csv("phone,plan,PLAN\n+14155550101,a,b\n"), 400, "contactsCsv"));
        cases.add(post("CSV with NUL in a name", csv("phone,name\n+14155550101,Gr\u0000ace\n"), 400, "contactsCsv"));
        cases.add(post("CSV with a newline in a quoted attribute", csv("phone,plan\n+14155550101,\"sil\nver\"\n"), 400, "contactsCsv"));
        cases.add(post("CSV with a control character in a column name", csv("phone,pl\u0001an\n+14155550101,gold\n"), 400, "contactsCsv"));
        cases.add(post("CSV with a BOM and no phone column", csv("\uFEFFname\nAda\n"), 400, "contactsCsv"));
        cases.add(post("CSV with only invalid numbers", csv("phone\r\n12\r\nabc\r\n"), 400, "contacts"));
        cases.add(atLimit("CSV of 100,000 rows", csv(manyCsvRows(100_000)).replace("\"callerId\":\"+14155550100\"", BAD_CALLER), "contactsCsv"));
        cases.add(post("CSV of 100,001 rows", csv(manyCsvRows(100_001)), 413, "detail:at most 100000"));

        // Headers.
        cases.add(typed("text/plain", "/campaigns", "text/plain", campaign(Map.of()), 415, "detail:application/json"));
        cases.add(typed("form encoded", "/campaigns", "application/x-www-form-urlencoded", "name=x", 415, "detail:application/json"));
        cases.add(typed("multipart", "/campaigns", "multipart/form-data; boundary=x", "--x--", 415, "detail:application/json"));
        cases.add(typed("application/jsonx", "/campaigns", "application/jsonx", campaign(Map.of()), 415, "detail:application/json"));
        cases.add(typed("application/json-patch+json", "/campaigns", "application/json-patch+json", "[]", 415, "detail:application/json"));
        cases.add(typed("no content type on the DNC list", "/dnc", null, "{\"phones\":[\"+14155550198\"]}", 415, "detail:application/json"));
        cases.add(withHeaders("Idempotency-Key empty", campaign(Map.of()), Map.of("Idempotency-Key", ""), 400, "Idempotency-Key"));
        cases.add(withHeaders("Idempotency-Key of 129 characters", campaign(Map.of()), Map.of("Idempotency-Key", "k".repeat(129)), 400, "Idempotency-Key"));
        cases.add(withHeaders("Idempotency-Key with NUL", campaign(Map.of()), Map.of("Idempotency-Key", "k\u0000"), 400, "Idempotency-Key"));
        cases.add(withHeaders("Idempotency-Key with a newline", campaign(Map.of()), Map.of("Idempotency-Key", "k\nX-Evil: 1"), 400, "Idempotency-Key"));
        cases.add(withHeaders("Idempotency-Key of 128 characters on a bad body", campaign(Map.of("callerId", "\"x\"")),
                Map.of("Idempotency-Key", "k".repeat(128)), 400, "callerId").notNaming("Idempotency-Key"));

        // Idempotency misuse.
        cases.add(withHeaders("Idempotency-Key reused with another body", campaign(Map.of("name", "\"Different\"")),
                Map.of("Idempotency-Key", "k-1"), 422, "detail:different request body"));
        cases.add(withHeaders("Idempotency-Key reused with the same body re-spaced", campaign(Map.of()).replace(",", ", "),
                Map.of("Idempotency-Key", "k-1"), 422, "detail:different request body"));
        cases.add(withHeaders("Idempotency-Key reused with an invalid body", "{", Map.of("Idempotency-Key", "k-1"), 422,
                "detail:different request body"));
        cases.add(withHeaders("new Idempotency-Key on an invalid body", "{", Map.of("Idempotency-Key", "k-new"), 400, "body"));

        // Identity, on every route.
        for (String[] route : new String[][] {{"POST", "/campaigns"}, {"GET", "/campaigns"}, {"GET", "/campaigns/" + accepted},
                {"POST", "/campaigns/" + accepted + "/pause"}, {"POST", "/campaigns/" + accepted + "/resume"},
                {"POST", "/campaigns/" + accepted + "/cancel"}, {"POST", "/dnc"}, {"GET", "/dnc"},
                {"DELETE", "/dnc/+14155550199"}, {"GET", "/admin"}}) {
            cases.add(request("no identity: " + route[0] + " " + route[1].replace(accepted, "{id}"), route[0], route[1], null,
                    route[0].equals("POST") ? campaign(Map.of()) : null, 401, "detail:bearer token"));
        }
        cases.add(request("identity with a space and SQL", "GET", "/campaigns", "alice bob; DROP TABLE campaigns", null, 401, "detail:bearer token"));
        cases.add(request("identity of 129 characters", "GET", "/campaigns", "a".repeat(129), null, 401, "detail:bearer token"));
        cases.add(request("identity empty", "GET", "/campaigns", "", null, 401, "detail:bearer token"));
        cases.add(request("identity with NUL", "GET", "/dnc", "alice\u0000", null, 401, "detail:bearer token"));
        cases.add(request("identity with a newline", "DELETE", "/dnc/+14155550199", "alice\nbob", null, 401, "detail:bearer token"));

        // Ids and ownership.
        cases.add(request("another owner's campaign", "GET", "/campaigns/" + accepted, "mallory", null, 404, "detail:does not exist"));
        cases.add(request("another owner pauses it", "POST", "/campaigns/" + accepted + "/pause", "mallory", null, 404, "detail:does not exist"));
        cases.add(request("another owner cancels it", "POST", "/campaigns/" + accepted + "/cancel", "mallory", null, 404, "detail:does not exist"));
        cases.add(request("unknown campaign id", "GET", "/campaigns/" + unknown, "alice", null, 404, "detail:does not exist"));
        cases.add(request("unknown campaign resumed", "POST", "/campaigns/" + unknown + "/resume", "alice", null, 404, "detail:does not exist"));
        cases.add(request("SQL as campaign id", "GET", "/campaigns/1%27%20OR%20%271%27=%271", "alice", null, 404, "detail:does not exist"));
        cases.add(request("UUID with a suffix", "GET", "/campaigns/" + accepted + "x", "alice", null, 404, "detail:does not exist"));
        cases.add(request("campaign id of 8,000 characters", "GET", "/campaigns/" + "z".repeat(8_000), "alice", null, 404, "detail:does not exist"));
        cases.add(request("percent-encoded NUL as campaign id", "GET", "/campaigns/%00", "alice", null, 404, "detail:does not exist"));

        // State transitions that are not allowed (nothing changes).
        cases.add(request("pause a cancelled campaign", "POST", "/campaigns/" + cancelled + "/pause", "alice", null, 409, "status"));
        cases.add(request("resume a campaign that is not paused", "POST", "/campaigns/" + accepted + "/resume", "alice", null, 409, "status"));
        cases.add(request("cancel a cancelled campaign", "POST", "/campaigns/" + cancelled + "/cancel", "alice", null, 409, "status"));
        cases.add(request("resume a cancelled campaign", "POST", "/campaigns/" + cancelled + "/resume", "alice", null, 409, "status"));

        // Methods and paths.
        cases.add(request("PUT /campaigns", "PUT", "/campaigns", "alice", campaign(Map.of()), 405, "detail:PUT"));
        cases.add(request("DELETE /campaigns", "DELETE", "/campaigns", "alice", null, 405, "detail:DELETE"));
        cases.add(request("PATCH a campaign", "PATCH", "/campaigns/" + accepted, "alice", "{}", 405, "detail:PATCH"));
        cases.add(request("erase a campaign that is not finished", "DELETE", "/campaigns/" + accepted, "alice", null, 409, "status"));
        cases.add(request("erase a cancelled campaign before its report", "DELETE", "/campaigns/" + cancelled, "alice", null, 409, "status"));
        cases.add(request("erase a foreign campaign", "DELETE", "/campaigns/" + accepted, "mallory", null, 404, "detail:does not exist"));
        cases.add(request("erase a malformed id", "DELETE", "/campaigns/x%27", "alice", null, 404, "detail:does not exist"));
        cases.add(request("GET a control", "GET", "/campaigns/" + accepted + "/pause", "alice", null, 405, "detail:GET"));
        cases.add(request("PUT /dnc", "PUT", "/dnc", "alice", "{\"phones\":[]}", 405, "detail:PUT"));
        cases.add(request("GET one DNC number", "GET", "/dnc/+14155550199", "alice", null, 405, "detail:GET"));
        cases.add(request("TRACE /campaigns", "TRACE", "/campaigns", "alice", null, 405, "detail:TRACE"));
        cases.add(request("a method of 5,000 letters", "X".repeat(5_000), "/campaigns", "alice", null, 405, "detail:XXXX"));
        cases.add(request("unknown route", "GET", "/admin", "alice", null, 404, "detail:no route"));
        cases.add(request("root", "GET", "/", "alice", null, 404, "detail:no route"));
        cases.add(request("unknown control", "POST", "/campaigns/" + accepted + "/restart", "alice", null, 404, "detail:no route"));
        cases.add(request("path traversal", "GET", "/campaigns/../dnc", "alice", null, 404, "detail:no route"));
        cases.add(request("encoded path traversal", "GET", "/campaigns/%2e%2e/dnc", "alice", null, 404, "detail:no route"));
        cases.add(request("double slash", "GET", "//campaigns", "alice", null, 404, "detail:no route"));
        cases.add(request("the report route (another function's)", "GET", "/campaigns/" + accepted + "/report", "alice", null, 404, "detail:no route"));
        cases.add(request("a path of 8,000 characters", "GET", "/" + "p".repeat(8_000), "alice", null, 404, "detail:no route"));

        // The DNC list.
        cases.add(request("DNC phones missing", "POST", "/dnc", "alice", "{}", 400, "phones"));
        cases.add(request("DNC phones empty", "POST", "/dnc", "alice", "{\"phones\":[]}", 400, "phones"));
        cases.add(request("DNC phones a string", "POST", "/dnc", "alice", "{\"phones\":\"+14155550198\"}", 400, "phones"));
        cases.add(request("DNC phones holds a number", "POST", "/dnc", "alice", "{\"phones\":[4155550198]}", 400, "phones[0]"));
        cases.add(request("DNC unknown field", "POST", "/dnc", "alice", "{\"phones\":[\"+14155550198\"],\"all\":true}", 400, "all"));
        cases.add(request("DNC body an array", "POST", "/dnc", "alice", "[\"+14155550198\"]", 400, "body"));
        cases.add(request("DNC body malformed", "POST", "/dnc", "alice", "{\"phones\":", 400, "body"));
        var tooMany = new StringBuilder();
        for (int i = 0; i <= 10_000; i++) {
            tooMany.append(i == 0 ? "" : ",").append("\"+1212555").append(String.format("%04d", i % 10_000)).append('"');
        }
        cases.add(request("DNC 10,001 numbers", "POST", "/dnc", "alice", "{\"phones\":[" + tooMany + "]}", 400, "phones"));
        cases.add(request("DNC delete of a word", "DELETE", "/dnc/hello", "alice", null, 400, "phone"));
        cases.add(request("DNC delete of 8,000 digits", "DELETE", "/dnc/" + "9".repeat(8_000), "alice", null, 400, "phone"));
        cases.add(request("DNC delete with a broken escape", "DELETE", "/dnc/%2", "alice", null, 400, "phone"));
        cases.add(request("DNC delete with a non-hex escape", "DELETE", "/dnc/%ZZ14155550199", "alice", null, 400, "phone"));
        cases.add(request("DNC delete of escaped bytes that are not UTF-8", "DELETE", "/dnc/%C3%28", "alice", null, 400, "phone"));
        cases.add(request("DNC delete of an escaped NUL", "DELETE", "/dnc/%00", "alice", null, 400, "phone"));
        cases.add(request("DNC delete of a space (form decoding's '+')", "DELETE", "/dnc/%20", "alice", null, 400, "phone"));
        return cases;
    }

    /** Odd but valid input is stored as it was sent. */
    @TestFactory
    Stream<DynamicTest> oddButValidInputIsStoredFaithfully() {
        return Stream.of(
                DynamicTest.dynamicTest("unicode and emoji names, SQL-looking strings", () -> {
                    String name = "Renouvellements \uD83C\uDF89 \u03A9 ' OR 1=1; DROP TABLE campaigns; --\tend";
                    var created = api.post("/campaigns", "olive", campaign(Map.of("name", Json.write(name), "contacts",
                            contacts("{\"phone\":\"+14155550101\",\"name\":\"Robert'); DROP TABLE contacts;--\","
                                    + "\"attributes\":{\"note\":\"\uD83D\uDCA5\\t\\\\\",\"\u202Eevil\":\"\u2028\"}}"))));
                    assertThat(created.status()).as(created.body()).isEqualTo(201);
                    String id = created.json().get("campaignId").asText();
                    assertThat(api.get("/campaigns/" + id, "olive").json().get("name").asText()).isEqualTo(name);
                }),
                DynamicTest.dynamicTest("exotic but valid phone formats", () -> {
                    var created = api.post("/campaigns", "olive", campaign(Map.of("contacts",
                            contacts("{\"phone\":\"+1 (415) 555-0102\"}", "{\"phone\":\"415.555.0103\"}",
                                    "{\"phone\":\"1-415-555-0104\"}", "{\"phone\":\"+44 20 7946 0000\"}",
                                    "{\"phone\":\"\uFF14\uFF11\uFF15\uFF15\uFF15\uFF15\uFF10\uFF11\uFF10\uFF15\"}"))));
                    assertThat(created.status()).as(created.body()).isEqualTo(201);
                    assertThat(created.json().get("contacts").get("accepted").asInt()).isEqualTo(5);
                }),
                DynamicTest.dynamicTest("DELETE /dnc with a literal '+'", () -> {
                    api.post("/dnc", "olive", "{\"phones\":[\"+442079460000\"]}");
                    assertThat(api.send("DELETE", "/dnc/+442079460000", "olive", null, null, Map.of()).status()).isEqualTo(204);
                    assertThat(api.get("/dnc", "olive").json().get("phones")).isEmpty();
                }));
    }

    @TestFactory
    Stream<DynamicTest> everyHostileRequestGetsItsStatusNamesTheProblemAndStoresNothing() {
        List<Case> cases = cases();
        assertThat(cases).hasSizeGreaterThanOrEqualTo(150);
        return cases.stream().map(bad -> DynamicTest.dynamicTest(bad.name(), () -> {
            Map<String, Integer> before = api.rowCounts();

            String text = bad.body() == null ? null : new String(bad.body(), StandardCharsets.UTF_8);
            var response = switch (bad.transport()) {
                case BYTES -> api.sendBytes(bad.method(), bad.path(), bad.owner(), bad.contentType(), bad.body(), bad.headers());
                case FLAGGED_BASE64 -> api.send(bad.method(), bad.path(), bad.owner(), bad.contentType(), text, true, bad.headers());
                case TEXT -> api.send(bad.method(), bad.path(), bad.owner(), bad.contentType(), text, bad.headers());
            };

            String shown = response.body().length() <= 600 ? response.body() : response.body().substring(0, 600) + "...";
            assertThat(response.status()).as(bad.name() + ": " + shown).isEqualTo(bad.status());
            assertThat(response.headers()).containsEntry("Content-Type", "application/problem+json");
            assertThat(response.body().length()).as("a short answer: " + shown).isLessThan(MAX_PROBLEM_CHARS);
            JsonNode problem = response.json();
            assertThat(problem.get("status").asInt()).isEqualTo(bad.status());
            assertThat(problem.get("title").asText()).isNotBlank();
            List<String> fields = new ArrayList<>();
            problem.get("errors").forEach(error -> fields.add(error.get("field").asText()));
            if (bad.names().startsWith("detail:")) {
                assertThat(problem.get("detail").asText().toLowerCase(Locale.ROOT)).as(shown)
                        .contains(bad.names().substring("detail:".length()).toLowerCase(Locale.ROOT));
            } else {
                assertThat(fields).as(shown).contains(bad.names());
            }
            if (bad.notNamed() != null) {
                assertThat(fields).as(shown).doesNotContain(bad.notNamed());
            }
            assertThat(api.rowCounts()).as("rows per table after " + bad.name()).isEqualTo(before);
        }));
    }
}
