package dev.campaigndialer.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.campaigndialer.core.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Hostile and malformed requests: each gets API.md's status as problem+json (or, for odd but
 * valid input, a correct answer), and not a single row is stored by any rejected request.
 */
class HostileApiInputTest {

    private static final String[] TABLES = {"campaigns", "contacts", "dnc_numbers", "idempotency_keys", "outbox"};

    private record Case(String name, String method, String path, String owner, String contentType, String body,
            Map<String, String> headers, int status) {
    }

    private static OwnerApiClient api;
    private static String aliceCampaign;

    @BeforeAll
    static void start() {
        api = new OwnerApiClient("hostile");
        aliceCampaign = api.post("/campaigns", "alice", valid(Map.of())).json().get("campaignId").asText();
        api.send("POST", "/campaigns", "alice", "application/json", valid(Map.of()), Map.of("Idempotency-Key", "k-1"));
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    /** A valid body with some top-level fields replaced (raw JSON values). */
    private static String valid(Map<String, String> replaced) {
        var fields = new java.util.LinkedHashMap<String, String>();
        fields.put("name", "\"Renewals\"");
        fields.put("callerId", "\"+14155550100\"");
        fields.put("contacts", "[{\"phone\": \"+14155550101\"}]");
        fields.putAll(replaced);
        var body = new StringBuilder("{");
        fields.forEach((key, value) -> {
            if (value != null) {
                body.append(body.length() > 1 ? "," : "").append('"').append(key).append("\":").append(value);
            }
        });
        return body.append('}').toString();
    }

    private static Case post(String name, String body, int status) {
        return new Case(name, "POST", "/campaigns", "alice", "application/json", body, Map.of(), status);
    }

    private static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        var huge = new StringBuilder("[");
        for (int i = 0; i <= 100_000; i++) {
            huge.append(i == 0 ? "" : ",").append("{\"phone\":\"+1212555").append(String.format("%04d", i % 10_000)).append("\"}");
        }
        String tooMany = valid(Map.of("contacts", huge.append(']').toString()));
        cases.add(post("truncated JSON", "{\"name\": \"x\"", 400));
        cases.add(post("not JSON at all", "hello", 400));
        cases.add(post("JSON array instead of object", "[]", 400));
        cases.add(post("JSON null", "null", 400));
        cases.add(post("empty body", "", 400));
        cases.add(post("name missing", valid(java.util.Collections.singletonMap("name", null)), 400));
        cases.add(post("name empty", valid(Map.of("name", "\"\"")), 400));
        cases.add(post("name too long", valid(Map.of("name", Json.write("x".repeat(201)))), 400));
        cases.add(post("name is a number", valid(Map.of("name", "42")), 400));
        cases.add(post("callerId missing", valid(java.util.Collections.singletonMap("callerId", null)), 400));
        cases.add(post("callerId not E.164", valid(Map.of("callerId", "\"415-555-0100\"")), 400));
        cases.add(post("callerId is an object", valid(Map.of("callerId", "{}")), 400));
        cases.add(post("unknown field", valid(Map.of("priority", "\"high\"")), 400));
        cases.add(post("unknown region", valid(Map.of("defaultRegion", "\"XX\"")), 400));
        cases.add(post("unknown timezone", valid(Map.of("timezone", "\"Mars/Olympus_Mons\"")), 400));
        cases.add(post("window starts before 08:00", valid(Map.of("callingWindow", "{\"start\":\"07:59\",\"end\":\"12:00\"}")), 400));
        cases.add(post("window ends after 21:00", valid(Map.of("callingWindow", "{\"start\":\"09:00\",\"end\":\"21:01\"}")), 400));
        cases.add(post("window ends before it starts", valid(Map.of("callingWindow", "{\"start\":\"18:00\",\"end\":\"10:00\"}")), 400));
        cases.add(post("window time malformed", valid(Map.of("callingWindow", "{\"start\":\"9am\",\"end\":\"5pm\"}")), 400));
        cases.add(post("window is a string", valid(Map.of("callingWindow", "\"09:00-20:00\"")), 400));
        cases.add(post("maxAttempts 0", valid(Map.of("retry", "{\"maxAttempts\":0}")), 400));
        cases.add(post("maxAttempts 11", valid(Map.of("retry", "{\"maxAttempts\":11}")), 400));
        cases.add(post("maxAttempts fractional", valid(Map.of("retry", "{\"maxAttempts\":2.5}")), 400));
        cases.add(post("maxAttempts as string", valid(Map.of("retry", "{\"maxAttempts\":\"3\"}")), 400));
        cases.add(post("negative backoff", valid(Map.of("retry", "{\"backoffSeconds\":-1}")), 400));
        cases.add(post("backoff over a day", valid(Map.of("retry", "{\"backoffSeconds\":86401}")), 400));
        cases.add(post("retry on ANSWERED", valid(Map.of("retry", "{\"on\":[\"ANSWERED\"]}")), 400));
        cases.add(post("maxConcurrentCalls 0", valid(Map.of("maxConcurrentCalls", "0")), 400));
        cases.add(post("maxConcurrentCalls huge", valid(Map.of("maxConcurrentCalls", "99999999999")), 400));
        cases.add(post("contacts missing", valid(java.util.Collections.singletonMap("contacts", null)), 400));
        cases.add(post("contacts empty", valid(Map.of("contacts", "[]")), 400));
        cases.add(post("contacts is an object", valid(Map.of("contacts", "{}")), 400));
        cases.add(post("contact without phone", valid(Map.of("contacts", "[{\"name\":\"Ada\"}]")), 400));
        cases.add(post("contact phone is a number", valid(Map.of("contacts", "[{\"phone\":4155550101}]")), 400));
        cases.add(post("contact with unknown field", valid(Map.of("contacts", "[{\"phone\":\"+14155550101\",\"age\":3}]")), 400));
        cases.add(post("attributes not an object", valid(Map.of("contacts", "[{\"phone\":\"+14155550101\",\"attributes\":[1]}]")), 400));
        cases.add(post("only invalid numbers", valid(Map.of("contacts", "[{\"phone\":\"12\"},{\"phone\":\"abc\"}]")), 400));
        cases.add(post("exotic formats that are all invalid", valid(Map.of("contacts",
                "[{\"phone\":\"+1 (000) 000-0000\"},{\"phone\":\"+999 12345\"},{\"phone\":\"\\u0000\"},{\"phone\":\"+1415555010199999\"}]")), 400));
        cases.add(post("contacts and contactsCsv both", valid(Map.of("contactsCsv", "\"phone\\n+14155550101\"")), 400));
        cases.add(post("CSV without phone column", valid(Map.of("contacts", "null", "contactsCsv", "\"name\\nAda\"")), 400));
        cases.add(post("more than 100,000 contacts", tooMany, 413));
        cases.add(post("body over 6 MB", valid(Map.of("name", Json.write("x".repeat(6 * 1024 * 1024 + 1)))), 413));
        cases.add(new Case("text/plain content type", "POST", "/campaigns", "alice", "text/plain", valid(Map.of()), Map.of(), 415));
        cases.add(new Case("form content type", "POST", "/campaigns", "alice", "application/x-www-form-urlencoded",
                "name=x", Map.of(), 415));
        cases.add(new Case("no identity", "POST", "/campaigns", null, "application/json", valid(Map.of()), Map.of(), 401));
        cases.add(new Case("malformed identity", "GET", "/campaigns", "alice bob; DROP TABLE campaigns", null, null,
                Map.of(), 401));
        cases.add(new Case("another owner's campaign", "GET", "/campaigns/" + aliceCampaign, "mallory", null, null,
                Map.of(), 404));
        cases.add(new Case("non-UUID campaign id", "GET", "/campaigns/1%27%20OR%20%271%27=%271", "alice", null, null,
                Map.of(), 404));
        cases.add(new Case("unknown campaign id", "GET", "/campaigns/" + UUID.randomUUID(), "alice", null, null, Map.of(), 404));
        cases.add(new Case("unknown route", "GET", "/admin", "alice", null, null, Map.of(), 404));
        cases.add(new Case("wrong method", "DELETE", "/campaigns", "alice", null, null, Map.of(), 405));
        cases.add(new Case("Idempotency-Key reused with another body", "POST", "/campaigns", "alice", "application/json",
                valid(Map.of("name", "\"Different\"")), Map.of("Idempotency-Key", "k-1"), 422));
        cases.add(new Case("Idempotency-Key too long", "POST", "/campaigns", "alice", "application/json", valid(Map.of()),
                Map.of("Idempotency-Key", "k".repeat(129)), 400));
        cases.add(new Case("DNC body malformed", "POST", "/dnc", "alice", "application/json", "{\"phones\": \"+1415\"}",
                Map.of(), 400));
        cases.add(new Case("DNC unknown field", "POST", "/dnc", "alice", "application/json",
                "{\"phones\": [\"+14155550199\"], \"all\": true}", Map.of(), 400));
        cases.add(new Case("DNC delete of an invalid number", "DELETE", "/dnc/hello", "alice", null, null, Map.of(), 400));
        return cases;
    }

    @TestFactory
    Stream<DynamicTest> everyBadRequestGetsItsStatusAndStoresNothing() {
        Map<String, Integer> before = counts();
        List<Case> cases = cases();
        assertThat(cases).hasSizeGreaterThanOrEqualTo(40);
        Stream<DynamicTest> each = cases.stream().map(bad -> DynamicTest.dynamicTest(bad.name(), () -> {
            var response = api.send(bad.method(), bad.path(), bad.owner(), bad.contentType(), bad.body(), bad.headers());
            assertThat(response.status()).as(bad.name() + ": " + response.body()).isEqualTo(bad.status());
            assertThat(response.headers()).containsEntry("Content-Type", "application/problem+json");
            assertThat(response.json().get("status").asInt()).isEqualTo(bad.status());
            assertThat(response.json().has("title")).isTrue();
        }));
        return Stream.concat(each, Stream.of(DynamicTest.dynamicTest("no row stored by any of them",
                () -> assertThat(counts()).isEqualTo(before))));
    }

    @TestFactory
    Stream<DynamicTest> oddButValidInputIsStoredFaithfully() {
        return Stream.of(
                DynamicTest.dynamicTest("unicode and emoji names, SQL-looking strings", () -> {
                    String name = "Renouvellements 🎉 Ω ' OR 1=1; DROP TABLE campaigns; --";
                    var created = api.post("/campaigns", "alice", valid(Map.of("name", Json.write(name), "contacts",
                            "[{\"phone\":\"+14155550101\",\"name\":\"Robert'); DROP TABLE contacts;--\","
                                    + "\"attributes\":{\"note\":\"💥\\n\\t\\\\\"}}]")));
                    assertThat(created.status()).isEqualTo(201);
                    String id = created.json().get("campaignId").asText();
                    assertThat(api.get("/campaigns/" + id, "alice").json().get("name").asText()).isEqualTo(name);
                    assertThat(api.count("campaigns")).isPositive();
                }),
                DynamicTest.dynamicTest("exotic but valid phone formats", () -> {
                    var created = api.post("/campaigns", "alice", valid(Map.of("contacts",
                            "[{\"phone\":\"+1 (415) 555-0102\"},{\"phone\":\"415.555.0103\"},{\"phone\":\"1-415-555-0104\"},"
                                    + "{\"phone\":\"+44 20 7946 0000\"},{\"phone\":\"４１５５５５０１０５\"}]")));
                    assertThat(created.status()).as(created.body()).isEqualTo(201);
                    assertThat(created.json().get("contacts").get("accepted").asInt()).isEqualTo(5);
                }));
    }

    private static Map<String, Integer> counts() {
        var counts = new java.util.LinkedHashMap<String, Integer>();
        for (String table : TABLES) {
            counts.put(table, api.count(table));
        }
        return counts;
    }
}
