package dev.campaigndialer.validate;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.campaigndialer.core.json.Json;
import dev.campaigndialer.core.message.CampaignAccepted;
import dev.campaigndialer.core.message.Messages;
import dev.campaigndialer.testkit.LambdaEvents;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** POST/GET /campaigns and the DNC routes of API.md, through real events, database and queue. */
class CampaignIntakeApiTest {

    private static OwnerApiClient api;

    @BeforeAll
    static void start() {
        api = new OwnerApiClient("intake");
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void anApiGatewayEventIsStoredCountedAndAnnouncedOnTheDispatchQueue() {
        api.drainDispatchQueue();
        var event = LambdaEvents.fromResource("apigw-post-campaign.json", APIGatewayV2HTTPEvent.class);

        var response = api.handle(event);

        assertThat(response.status()).as(response.body()).isEqualTo(201);
        JsonNode body = response.json();
        String id = body.get("campaignId").asText();
        assertThat(response.headers()).containsEntry("Location", "/campaigns/" + id);
        assertThat(body.get("status").asText()).isEqualTo("ACCEPTED");
        assertThat(body.get("contacts")).isEqualTo(json(
                "{\"received\":5,\"accepted\":2,\"invalid\":2,\"duplicate\":1,\"suppressed\":0}"));
        assertThat(body.get("rejections")).isEqualTo(json("[{\"row\":2,\"phone\":\"12\",\"reason\":\"INVALID_NUMBER\"},"
                + "{\"row\":4,\"phone\":\"+14155550101\",\"reason\":\"DUPLICATE\"},"
                + "{\"row\":5,\"phone\":\"+14155550103\",\"reason\":\"INVALID_TIMEZONE\"}]"));
        assertThat(api.drainDispatchQueue()).containsExactly(Messages.write(CampaignAccepted.of(UUID.fromString(id))));

        var progress = api.get("/campaigns/" + id, "alice").json();
        assertThat(progress.get("status").asText()).isEqualTo("ACCEPTED");
        assertThat(progress.get("contacts").get("accepted").asInt()).isEqualTo(2);
        assertThat(progress.get("tasks").get("PENDING").asInt()).isZero();
        assertThat(StreamSupport.stream(api.get("/campaigns", "alice").json().get("campaigns").spliterator(), false)
                .map(campaign -> campaign.get("campaignId").asText())).contains(id);
    }

    @Test
    void numbersOnTheOwnersDncListAreSuppressedNotRejected() {
        assertThat(api.post("/dnc", "dora", "{\"phones\": [\"+14155550177\", \"(415) 555-0178\", \"nope\"]}").json())
                .isEqualTo(json("{\"added\":2,\"invalid\":[\"nope\"]}"));

        var created = api.post("/campaigns", "dora", campaign("[{\"phone\":\"+14155550177\"},{\"phone\":\"+14155550179\"}]"));

        assertThat(created.json().get("contacts")).isEqualTo(json(
                "{\"received\":2,\"accepted\":1,\"invalid\":0,\"duplicate\":0,\"suppressed\":1}"));
        assertThat(created.json().get("rejections").get(0).get("reason").asText()).isEqualTo("SUPPRESSED");
        assertThat(api.get("/dnc", "dora").json().get("phones")).isEqualTo(json("[\"+14155550177\",\"+14155550178\"]"));
        assertThat(api.send("DELETE", "/dnc/%2B14155550177", "dora", null, null, Map.of()).status()).isEqualTo(204);
        assertThat(api.get("/dnc", "dora").json().get("phones")).isEqualTo(json("[\"+14155550178\"]"));
    }

    @Test
    void everyFieldProblemIsListedAtOnceAndNothingIsStored() {
        int campaignsBefore = api.count("campaigns");
        String body = """
                {"name": "", "callerId": "123", "defaultRegion": "XX", "timezone": "Nowhere/City",
                 "callingWindow": {"start": "07:00", "end": "22:00", "tz": "x"},
                 "retry": {"maxAttempts": 0, "backoffSeconds": -1, "on": ["RING"]},
                 "maxConcurrentCalls": 1001, "colour": "blue",
                 "contacts": [{"phone": 4155550101}, {"phone": "+14155550101", "nickname": "x"}]}
                """;

        var response = api.post("/campaigns", "alice", body);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.headers()).containsEntry("Content-Type", "application/problem+json");
        List<String> fields = new ArrayList<>();
        response.json().get("errors").forEach(error -> fields.add(error.get("field").asText()));
        assertThat(fields).contains("name", "callerId", "defaultRegion", "timezone", "callingWindow",
                "callingWindow.tz", "retry.maxAttempts", "retry.backoffSeconds", "retry.on", "maxConcurrentCalls",
                "colour", "contacts[0].phone", "contacts[1].nickname");
        assertThat(api.count("campaigns")).isEqualTo(campaignsBefore);
    }

    @Test
    void badRequestsGetTheStatusesOfTheContract() {
        int campaignsBefore = api.count("campaigns");
        int contactsBefore = api.count("contacts");
        String valid = campaign("[{\"phone\":\"+14155550101\"}]");

        assertThat(api.post("/campaigns", null, valid).status()).as("no identity").isEqualTo(401);
        assertThat(api.send("POST", "/campaigns", "alice", "text/plain", valid, Map.of()).status()).isEqualTo(415);
        assertThat(api.post("/campaigns", "alice", "{\"name\": ").status()).as("malformed JSON").isEqualTo(400);
        assertThat(api.post("/campaigns", "alice", "[1,2]").status()).as("not an object").isEqualTo(400);
        assertThat(api.post("/campaigns", "alice", valid.replace("\"contacts\"", "\"contactsCsv\": \"phone\\n+14155550101\", \"contacts\"")).status())
                .as("both contact forms").isEqualTo(400);
        assertThat(api.post("/campaigns", "alice", campaign("[{\"phone\":\"12\"}]")).status())
                .as("no callable contact").isEqualTo(400);
        var tooMany = new StringBuilder("[");
        for (int i = 0; i <= 100_000; i++) {
            tooMany.append(i == 0 ? "" : ",").append("{\"phone\":\"+1415555").append(String.format("%04d", i % 10_000)).append("\"}");
        }
        assertThat(api.post("/campaigns", "alice", campaign(tooMany.append(']').toString())).status())
                .as("100,001 contacts").isEqualTo(413);
        assertThat(api.post("/campaigns", "alice", "{\"name\":\"" + "x".repeat(6 * 1024 * 1024) + "\"}").status())
                .as("body over 6 MB").isEqualTo(413);
        assertThat(api.get("/campaigns/not-a-uuid", "alice").status()).isEqualTo(404);
        assertThat(api.get("/campaigns/" + UUID.randomUUID(), "alice").status()).isEqualTo(404);

        assertThat(api.count("campaigns")).isEqualTo(campaignsBefore);
        assertThat(api.count("contacts")).isEqualTo(contactsBefore);
    }

    @Test
    void csvContactsHandleQuotesEmbeddedCommasBomAndCrlf() {
        // (A newline inside a quoted name is read as one field too, and then refused as a control
        // character: TextThatIsNotTextIsRejectedTest.)
        String csv = "\uFEFFphone,name,timezone,plan\r\n"
                + "\"(415) 555-0111\",\"Lovelace, Ada\",America/Los_Angeles,gold\r\n"
                + "+14155550112,\"Multi \"\"Quoted\"\" Name\",,silver\r\n"
                + "12,Bad,,\r\n"
                + "\r\n"
                + "4155550111,Dup,,\r\n";
        var response = api.post("/campaigns", "carol", campaignCsv(csv));

        assertThat(response.status()).as(response.body()).isEqualTo(201);
        assertThat(response.json().get("contacts")).isEqualTo(json(
                "{\"received\":4,\"accepted\":2,\"invalid\":1,\"duplicate\":1,\"suppressed\":0}"));
        assertThat(response.json().get("rejections")).isEqualTo(json(
                "[{\"row\":3,\"phone\":\"12\",\"reason\":\"INVALID_NUMBER\"},{\"row\":4,\"phone\":\"+14155550111\",\"reason\":\"DUPLICATE\"}]"));
        assertThat(api.post("/campaigns", "carol", campaignCsv("name,number\nAda,+14155550111\n")).status())
                .as("no phone column").isEqualTo(400);
    }

    @Test
    void ownersCannotSeeEachOthersCampaignsOrDncLists() {
        String id = api.post("/campaigns", "erin", campaign("[{\"phone\":\"+14155550121\"}]")).json().get("campaignId").asText();
        api.post("/dnc", "erin", "{\"phones\": [\"+14155550122\"]}");

        assertThat(api.get("/campaigns/" + id, "frank").status()).isEqualTo(404);
        assertThat(api.get("/campaigns", "frank").json().get("campaigns")).isEmpty();
        assertThat(api.get("/dnc", "frank").json().get("phones")).isEmpty();
        assertThat(api.get("/campaigns/" + id, "erin").status()).isEqualTo(200);
    }

    @Test
    void sameIdempotencyKeyConcurrentlyCreatesOneCampaign() throws Exception {
        String body = campaign("[{\"phone\":\"+14155550131\"},{\"phone\":\"+14155550132\"}]");
        Map<String, String> key = Map.of("Idempotency-Key", "renewals-2026-11");
        var ready = new CountDownLatch(1);
        Callable<OwnerApiClient.Response> request = () -> {
            ready.await();
            return api.send("POST", "/campaigns", "gina", "application/json", body, key);
        };
        var pool = Executors.newFixedThreadPool(2);
        Future<OwnerApiClient.Response> first = pool.submit(request);
        Future<OwnerApiClient.Response> second = pool.submit(request);
        ready.countDown();

        var a = first.get();
        var b = second.get();
        pool.shutdown();

        assertThat(a.status()).isEqualTo(201);
        assertThat(b.status()).isEqualTo(201);
        assertThat(a.json().get("campaignId")).isEqualTo(b.json().get("campaignId"));
        assertThat(api.get("/campaigns", "gina").json().get("campaigns")).hasSize(1);
        var reused = api.send("POST", "/campaigns", "gina", "application/json", body.replace("0132", "0133"), key);
        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.headers()).containsEntry("Content-Type", "application/problem+json");
    }

    static String campaign(String contacts) {
        return "{\"name\": \"Test \uD83D\uDCDE\", \"callerId\": \"+14155550100\", \"contacts\": " + contacts + "}";
    }

    static String campaignCsv(String csv) {
        return "{\"name\": \"CSV\", \"callerId\": \"+14155550100\", \"contactsCsv\": " + Json.write(csv) + "}";
    }

    private static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
