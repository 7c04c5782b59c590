package dev.campaigndialer.validate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * RFC 8259 JSON (and so our CSV inside it) is UTF-8: a body that is not answers 400 and stores
 * nothing. Text that PostgreSQL cannot store (NUL) or that is not printable (control characters but
 * TAB, unpaired surrogates) in a name or an attribute answers 400 naming the field or the row.
 */
class TextThatIsNotTextIsRejectedTest {

    private static OwnerApiClient api;

    @BeforeAll
    static void start() {
        api = new OwnerApiClient("not_text");
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void aBodyThatIsNotUtf8IsA400AndStoresNothing() {
        Map<String, Integer> before = api.rowCounts();
        List<byte[]> notUtf8 = List.of(
                bytes("{\"name\":\"Caf", new byte[] {(byte) 0xC3, 0x28}, "\",\"callerId\":\"+14155550100\","
                        + "\"contacts\":[{\"phone\":\"+14155550101\"}]}"),
                bytes("{\"name\":\"x", new byte[] {(byte) 0xC0, (byte) 0xAF}, "\"}"),         // overlong '/'
                bytes("{\"name\":\"x", new byte[] {(byte) 0x80}, "\"}"),                      // lone continuation
                bytes("{\"name\":\"x", new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, "\"}"), // a surrogate
                bytes("{\"name\":\"x", new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, "\"}"),
                bytes("{\"name\":\"x\"}", new byte[] {(byte) 0xE2, (byte) 0x82}, ""));        // truncated at the end

        for (byte[] body : notUtf8) {
            var response = api.sendBytes("POST", "/campaigns", "alice", "application/json", body, Map.of());
            assertProblem(response, 400, "body", "UTF-8");
        }
        var dnc = api.sendBytes("POST", "/dnc", "alice", "application/json",
                bytes("{\"phones\":[\"+1415555", new byte[] {(byte) 0xFF}, "0199\"]}"), Map.of());
        assertProblem(dnc, 400, "body", "UTF-8");
        assertThat(api.rowCounts()).isEqualTo(before);
    }

    @Test
    void validUtf8SentAsBytesIsAccepted() {
        var response = api.sendBytes("POST", "/campaigns", "alice", "application/json",
                campaign("\"Caf\u00e9 \u2615\"", "[{\"phone\":\"+14155550101\"}]").getBytes(StandardCharsets.UTF_8),
                Map.of());

        assertThat(response.status()).as(response.body()).isEqualTo(201);
        String id = response.json().get("campaignId").asText();
        assertThat(api.get("/campaigns/" + id, "alice").json().get("name").asText()).isEqualTo("Caf\u00e9 \u2615");
    }

    @Test
    void controlCharactersInNamesAndAttributesAreA400NamingTheField() {
        Map<String, Integer> before = api.rowCounts();
        record Bad(String name, String contacts, String field) {
        }
        List<Bad> cases = new ArrayList<>(List.of(
                new Bad("\"Spring\\u0000\"", "[{\"phone\":\"+14155550101\"}]", "name"),
                new Bad("\"Spring\\nrenewals\"", "[{\"phone\":\"+14155550101\"}]", "name"),
                new Bad("\"Spring\\u001b[31m\"", "[{\"phone\":\"+14155550101\"}]", "name"),
                new Bad("\"Spring\\u007f\"", "[{\"phone\":\"+14155550101\"}]", "name"),
                new Bad("\"Spring\\u0085\"", "[{\"phone\":\"+14155550101\"}]", "name"),
                new Bad("\"Spring\\ud800\"", "[{\"phone\":\"+14155550101\"}]", "name"),
                new Bad("\"ok\"", "[{\"phone\":\"+14155550101\"},{\"phone\":\"+14155550102\",\"name\":\"Ada\\u0000\"}]",
                        "contacts[1].name"),
                new Bad("\"ok\"", "[{\"phone\":\"+14155550101\",\"name\":\"Ada\\r\\nBcc: x\"}]", "contacts[0].name"),
                new Bad("\"ok\"", "[{\"phone\":\"+14155550101\",\"name\":\"\\udc00Ada\"}]", "contacts[0].name"),
                new Bad("\"ok\"", "[{\"phone\":\"+14155550101\",\"attributes\":{\"plan\":\"gold\\u0000\"}}]",
                        "contacts[0].attributes"),
                new Bad("\"ok\"", "[{\"phone\":\"+14155550101\",\"attributes\":{\"pl\\u0000an\":\"gold\"}}]",
                        "contacts[0].attributes"),
                new Bad("\"ok\"", "[{\"phone\":\"+14155550101\",\"attributes\":{\"notes\":[\"a\",{\"deep\":\"\\u0007\"}]}}]",
                        "contacts[0].attributes"),
                new Bad("\"ok\"", "[{\"phone\":\"+14155550101\",\"attributes\":{\"note\":\"two\\nlines\"}}]",
                        "contacts[0].attributes")));

        for (Bad bad : cases) {
            var response = api.post("/campaigns", "alice", campaign(bad.name(), bad.contacts()));
            assertProblem(response, 400, bad.field(), "control");
        }
        assertThat(api.rowCounts()).isEqualTo(before);
    }

    @Test
    void controlCharactersInCsvCellsAreA400NamingTheRow() {
        Map<String, Integer> before = api.rowCounts();
        for (String csv : List.of("phone,name\\n+14155550101,Ada\\n+14155550102,Gr\\u0000ace\\n",
                "phone,plan\\n+14155550101,gold\\n+14155550102,\\\"sil\\nver\\\"\\n",
                "phone,pl\\u0001an\\n+14155550101,gold\\n")) {
            var response = api.post("/campaigns", "alice", "{\"name\":\"csv\",\"callerId\":\"+14155550100\","
                    + "\"contactsCsv\":\"" + csv + "\"}");
            assertProblem(response, 400, "contactsCsv", "control");
            JsonNode error = response.json().get("errors").get(0);
            assertThat(error.get("message").asText()).as(response.body()).containsPattern("(row|line) \\d");
        }
        assertThat(api.rowCounts()).isEqualTo(before);
    }

    @Test
    void aTabIsText() {
        var response = api.post("/campaigns", "alice", campaign("\"Spring\\trenewals\"",
                "[{\"phone\":\"+14155550101\",\"name\":\"Ada\\tL.\",\"attributes\":{\"plan\":\"gold\\tplus\"}}]"));

        assertThat(response.status()).as(response.body()).isEqualTo(201);
    }

    private static void assertProblem(OwnerApiClient.Response response, int status, String field, String says) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.headers()).containsEntry("Content-Type", "application/problem+json");
        JsonNode errors = response.json().get("errors");
        assertThat(errors).as(response.body()).isNotEmpty();
        assertThat(errors.get(0).get("field").asText()).as(response.body()).isEqualTo(field);
        assertThat(errors.get(0).get("message").asText()).as(response.body()).containsIgnoringCase(says);
    }

    private static String campaign(String name, String contacts) {
        return "{\"name\":" + name + ",\"callerId\":\"+14155550100\",\"contacts\":" + contacts + "}";
    }

    private static byte[] bytes(String head, byte[] middle, String tail) {
        var out = new ByteArrayOutputStream();
        out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(middle);
        out.writeBytes(tail.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
