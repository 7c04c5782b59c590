package dev.campaigndialer.validate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.campaigndialer.core.json.Json;
import java.sql.Connection;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A rejected value comes back as at most its first 100 characters, wherever it is echoed: a
 * rejection's phone, an error's field or message, the DNC list's invalid numbers, a 404's detail,
 * and the idempotency record that replays the response. A 3 MB value must not make a 3 MB answer
 * (Lambda refuses a response over 6 MB, after the campaign was committed).
 */
class RejectedValuesAreEchoedAsShortPrefixesTest {

    private static final int MAX_ECHO = 100;
    private static final String HUGE = "4".repeat(3 * 1024 * 1024);
    private static OwnerApiClient api;

    @BeforeAll
    static void start() {
        api = new OwnerApiClient("echo");
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void aHugeRejectedPhoneIsEchoedAsAPrefixInTheResponseAndTheIdempotencyRecord() throws Exception {
        String body = "{\"name\":\"echo\",\"callerId\":\"+14155550100\",\"contacts\":[{\"phone\":\"+14155550101\"},"
                + "{\"phone\":" + Json.write(HUGE) + "}]}";

        var created = api.send("POST", "/campaigns", "alice", "application/json", body, Map.of("Idempotency-Key", "huge-1"));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().length()).isLessThan(2_000);
        String echoed = created.json().get("rejections").get(0).get("phone").asText();
        assertThat(echoed.codePointCount(0, echoed.length())).isLessThanOrEqualTo(MAX_ECHO + 1);
        assertThat(HUGE).startsWith(echoed.substring(0, MAX_ECHO));
        try (Connection connection = api.proxied.direct().getConnection();
                var result = connection.createStatement().executeQuery(
                        "SELECT max(length(response_body)) FROM idempotency_keys WHERE idempotency_key = 'huge-1'")) {
            result.next();
            assertThat(result.getInt(1)).isLessThan(2_000);
        }
        var replayed = api.send("POST", "/campaigns", "alice", "application/json", body, Map.of("Idempotency-Key", "huge-1"));
        assertThat(replayed.body()).isEqualTo(created.body());
    }

    @Test
    void errorsEchoAtMostAPrefix() {
        String longName = "k".repeat(500_000);
        assertShortProblem(api.post("/campaigns", "alice", "{\"name\":\"x\",\"callerId\":\"+14155550100\","
                + "\"contacts\":[{\"phone\":\"+14155550101\"}]," + Json.write(longName) + ":1}"), 400);
        assertShortProblem(api.post("/campaigns", "alice", "{\"name\":\"x\",\"callerId\":\"+14155550100\","
                + "\"retry\":{\"on\":[" + Json.write(HUGE) + "]},\"contacts\":[{\"phone\":\"+14155550101\"}]}"), 400);
        assertShortProblem(api.post("/campaigns", "alice", "{\"name\":\"x\",\"callerId\":\"+14155550100\","
                + "\"contacts\":[{\"phone\":\"+14155550101\"," + Json.write(longName) + ":1}]}"), 400);
        assertShortProblem(api.post("/campaigns", "alice", "{\"name\":" + Json.write(HUGE) + ","
                + "\"callerId\":" + Json.write(HUGE.substring(0, 1_000_000)) + ",\"contacts\":[{\"phone\":\"+14155550101\"}]}"), 400);
        assertShortProblem(api.post("/campaigns", "alice", "{\"name\":\"x\",\"callerId\":\"+14155550100\","
                + "\"contactsCsv\":" + Json.write("phone," + longName + "\n+14155550101,1\n") + "}"), 400);
        assertShortProblem(api.post("/campaigns", "alice", HUGE.substring(0, 200_000) + "x"), 400);
        assertShortProblem(api.post("/campaigns", "alice", "{\"" + longName), 400);
        assertShortProblem(api.get("/campaigns/" + "z".repeat(8_000), "alice"), 404);
        assertShortProblem(api.get("/" + "z".repeat(8_000), "alice"), 404);
        assertShortProblem(api.send("X".repeat(5_000), "/campaigns", "alice", null, null, Map.of()), 405);
        assertShortProblem(api.send("DELETE", "/dnc/" + "9".repeat(8_000), "alice", null, null, Map.of()), 400);
        assertShortProblem(api.send("POST", "/campaigns/" + UUID.randomUUID() + "/" + "p".repeat(8_000), "alice",
                null, null, Map.of()), 404);
    }

    @Test
    void theDncListsInvalidNumbersAsPrefixes() {
        var response = api.post("/dnc", "alice", "{\"phones\":[" + Json.write(HUGE) + ",\"+14155550199\"]}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().length()).isLessThan(1_000);
        assertThat(response.json().get("invalid").get(0).asText().length()).isLessThanOrEqualTo(MAX_ECHO + 1);
    }

    private static void assertShortProblem(OwnerApiClient.Response response, int status) {
        assertThat(response.status()).as(abbreviated(response.body())).isEqualTo(status);
        assertThat(response.body().length()).as(abbreviated(response.body())).isLessThan(3_000);
        if (status >= 400) {
            JsonNode problem = response.json();
            assertThat(problem.get("detail").asText().length()).isLessThan(400);
            problem.get("errors").forEach(error -> {
                assertThat(error.get("field").asText().length()).isLessThanOrEqualTo(MAX_ECHO + 20);
                assertThat(error.get("message").asText().length()).isLessThan(400);
            });
        }
    }

    private static String abbreviated(String text) {
        return text.length() <= 500 ? text : text.substring(0, 500) + "...";
    }
}
