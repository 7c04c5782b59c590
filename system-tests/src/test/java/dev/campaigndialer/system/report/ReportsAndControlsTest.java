package dev.campaigndialer.system.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.campaigndialer.core.domain.CampaignStatus;
import dev.campaigndialer.core.json.Json;
import dev.campaigndialer.core.queue.QueueTopology;
import dev.campaigndialer.local.demo.OwnerClient;
import dev.campaigndialer.report.CampaignReport;
import dev.campaigndialer.report.ReportCsv;
import dev.campaigndialer.report.ReportService;
import dev.campaigndialer.system.SystemStack;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reports equal an independent computation; pause, resume and cancel keep every count exact. Every
 * function runs from its jar on the local stack; the owner works through the HTTP API, each answer
 * checked against the OpenAPI document. The suite's shared stack; each campaign has its own numbers.
 */
class ReportsAndControlsTest {

    private static SystemStack system;
    private static OwnerCalls api;

    @BeforeAll
    static void start() {
        system = SystemStack.shared();
        api = new OwnerCalls(system.stack.apiBaseUrl());
    }

    @AfterEach
    void noFaultsForTheNextTest() {
        system.faults().clear();
    }

    /** Ten numbers per last digit in five US zones, plus bad entries of every kind. */
    private static List<String> mixedContacts(String exchange) {
        String[] areas = {"212", "312", "303", "415", "808"};
        List<String> phones = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            phones.add("+1" + areas[i % 5] + exchange + String.format("%03d", i / 10) + (i % 10));
        }
        phones.add("12");                     // invalid
        phones.add("not a number");           // invalid
        phones.add(phones.get(3));            // duplicate
        phones.add(phones.get(14));           // duplicate
        return phones;
    }

    private static String body(List<String> phones, int maxConcurrentCalls) {
        var contacts = new StringBuilder();
        for (String phone : phones) {
            contacts.append(contacts.isEmpty() ? "" : ",").append("{\"phone\":").append(Json.write(phone))
                    .append(",\"name\":\"Name, ").append(phone.length()).append("\"}");
        }
        return "{\"name\":\"report\",\"callerId\":\"+14155550100\",\"retry\":{\"maxAttempts\":3,\"backoffSeconds\":0},"
                + "\"maxConcurrentCalls\":" + maxConcurrentCalls + ",\"contacts\":[" + contacts + "]}";
    }

    private static UUID submit(String owner, String body) {
        OwnerClient.Response response = api.post("/campaigns", owner, body);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return UUID.fromString(response.json().path("campaignId").asText());
    }

    private static String control(String owner, UUID id, String action, int expectedStatus) {
        OwnerClient.Response response = api.post("/campaigns/" + id + "/" + action, owner, null);
        assertThat(response.status()).as("%s: %s", action, response.body()).isEqualTo(expectedStatus);
        return response.json().path("status").asText();
    }

    private static long callsTo(List<String> phones) {
        return phones.stream().distinct().mapToLong(phone -> system.carrier().placedCallsTo(phone)).sum();
    }

    @Test
    void reportEqualsTheIndependentComputationAndTheCsvAgrees() throws Exception {
        List<String> phones = mixedContacts("571");
        // Two numbers on the owner's DNC list before submission: suppressed, not dialled.
        List<String> dnc = List.of(phones.get(20), phones.get(31));
        assertThat(api.post("/dnc", "rita", "{\"phones\": " + Json.write(dnc) + "}").status()).isEqualTo(200);
        UUID id = submit("rita", body(phones, 20));

        system.awaitFinished(List.of(id), Duration.ofSeconds(180));
        CampaignReport stored = new ReportService(system.admin(), system.stack.clock()).forOwner("rita", id).orElseThrow();
        OwnerClient.Response served = api.get("/campaigns/" + id + "/report", "rita");

        // Independent computation from the carrier table (maxAttempts 3, retry on BUSY/NO_ANSWER/FAILED).
        int answered = 0, voicemail = 0, noAnswer = 0, failed = 0, calls = 0;
        int[] byAttempt = new int[4];
        List<Integer> talk = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            if (dnc.contains(phones.get(i))) {
                continue;
            }
            int digit = i % 10;
            int attempts = switch (digit) { case 6 -> 2; case 7, 8 -> 3; default -> 1; };
            for (int a = 1; a <= attempts; a++) {
                byAttempt[a]++;
            }
            calls += attempts;
            switch (digit) {
                case 0, 1, 2, 3, 4 -> { answered++; talk.add((digit + 1) * 10); }
                case 5 -> voicemail++;
                case 6 -> { answered++; talk.add(60); }
                case 7 -> noAnswer++;
                default -> failed++;
            }
        }
        talk.sort(Integer::compare);
        int p50 = talk.get((int) Math.ceil(0.5 * talk.size()) - 1);
        int p90 = talk.get((int) Math.ceil(0.9 * talk.size()) - 1);
        long talkTotal = talk.stream().mapToLong(Integer::longValue).sum();

        assertThat(stored.status()).isEqualTo("COMPLETED");
        assertThat(stored.partial()).isFalse();
        assertThat(stored.contacts().received()).isEqualTo(104);
        assertThat(stored.contacts().invalid()).isEqualTo(2);
        assertThat(stored.contacts().duplicate()).isEqualTo(2);
        assertThat(stored.contacts().suppressed()).isEqualTo(2);
        assertThat(stored.contacts().accepted()).isEqualTo(98);
        assertThat(stored.outcomes()).containsEntry("ANSWERED", answered).containsEntry("VOICEMAIL", voicemail)
                .containsEntry("BUSY", 0).containsEntry("NO_ANSWER", noAnswer).containsEntry("FAILED", failed)
                .containsEntry("CANCELLED", 0);
        assertThat(stored.outcomes().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(98);
        assertThat(stored.attempts().total()).isEqualTo(calls).isEqualTo(callsTo(phones));
        assertThat(stored.attempts().byNumber()).isEqualTo(Map.of("1", byAttempt[1], "2", byAttempt[2], "3", byAttempt[3]));
        assertThat(stored.answerRate()).isEqualTo(Math.round(answered * 1000.0 / 98) / 1000.0);
        assertThat(stored.talkSeconds()).isEqualTo(new CampaignReport.TalkSeconds(talkTotal,
                Math.round(talkTotal * 10.0 / talk.size()) / 10.0, p50, p90));
        assertThat(stored.firstCallAt()).isNotNull().isBeforeOrEqualTo(stored.lastCallAt());
        JsonNode storedJson = Json.mapper().readTree(Json.write(stored));
        assertThat(served.status()).isEqualTo(200);
        assertThat(served.json()).as("the report the API serves is the stored one").isEqualTo(storedJson);

        OwnerClient.Response csv = api.get("/campaigns/" + id + "/report", "rita", "text/csv");
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build()
                .parse(new StringReader(csv.body())).getRecords();
        assertThat(csv.body()).startsWith(ReportCsv.HEADER + "\r\n");
        assertThat(rows).hasSize(100);
        assertThat(rows.stream().filter(row -> row.get("status").equals("SUPPRESSED")).count()).isEqualTo(2);
        assertThat(rows.stream().filter(row -> row.get("outcome").equals("ANSWERED")).count()).isEqualTo(answered);
        assertThat(rows.stream().mapToInt(row -> Integer.parseInt(row.get("attempts"))).sum()).isEqualTo(calls);
        assertThat(rows.get(0).get("name")).isEqualTo("Name, 12");
    }

    @Test
    void pausedCampaignStartsNoCallAndResumeFinishesWithExactlyTheExpectedCalls() throws Exception {
        List<String> phones = mixedContacts("572").subList(0, 100);
        UUID id = submit("paula", body(phones, 4));

        system.await("15 calls", Duration.ofSeconds(60), () -> callsTo(phones) >= 15);
        assertThat(control("paula", id, "pause", 200)).isEqualTo("PAUSED");
        Instant pausedAt = system.stack.clock().instant();
        Thread.sleep(2_000);
        List<Integer> startedWhilePaused = system.query("SELECT count(*)::int FROM dial_tasks WHERE campaign_id = '"
                + id + "' AND dial_started_at > '" + pausedAt + "'", Integer.class);
        assertThat(startedWhilePaused).containsExactly(0);
        assertThat(system.status(id)).isEqualTo(CampaignStatus.PAUSED);

        assertThat(control("paula", id, "resume", 200)).isIn("RUNNING", "DISPATCHING", "COMPLETED");
        system.awaitFinished(List.of(id), Duration.ofSeconds(180));

        // Same digits as the report test without DNC entries: 10 numbers per digit.
        int expectedCalls = 10 * (1 + 1 + 1 + 1 + 1 + 1 + 2 + 3 + 3 + 1);
        assertThat(callsTo(phones)).isEqualTo(expectedCalls);
    }

    @Test
    void cancelledCampaignCountsAddUpAndControlsAnswerConflicts() throws Exception {
        List<String> phones = mixedContacts("573").subList(0, 100);
        UUID id = submit("carl", body(phones, 2));

        system.await("10 calls", Duration.ofSeconds(60), () -> callsTo(phones) >= 10);
        assertThat(control("carl", id, "cancel", 200)).isEqualTo("CANCELLED");
        system.await("the final report", Duration.ofSeconds(60),
                () -> !api.get("/campaigns/" + id + "/report", "carl").json().path("partial").asBoolean(true));

        CampaignReport report = new ReportService(system.admin(), system.stack.clock()).forOwner("carl", id).orElseThrow();
        int cancelled = report.outcomes().get("CANCELLED");
        int dialledContacts = report.outcomes().values().stream().mapToInt(Integer::intValue).sum() - cancelled;
        assertThat(cancelled).isPositive();
        assertThat(dialledContacts + cancelled).isEqualTo(report.contacts().accepted()).isEqualTo(100);
        assertThat(report.status()).isEqualTo("CANCELLED");
        control("carl", id, "pause", 409);
        control("carl", id, "resume", 409);
        control("carl", id, "cancel", 409);
    }

    @Test
    void anotherOwnerGets404OnTheReportAndEveryControl() throws Exception {
        // Not dispatched while the test looks: the campaign stays ACCEPTED.
        system.hold(QueueTopology.DISPATCH);
        UUID id = submit("olga", body(List.of("+12125740100"), 1));

        OwnerClient.Response foreign = api.get("/campaigns/" + id + "/report", "mallory");
        OwnerClient.Response own = api.get("/campaigns/" + id + "/report", "olga");
        OwnerClient.Response csv = api.get("/campaigns/" + id + "/report", "olga", "text/csv");

        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.contentType()).startsWith("application/problem+json");
        assertThat(own.status()).isEqualTo(200);
        assertThat(Json.read(own.body(), Map.class)).containsEntry("status", "ACCEPTED").containsEntry("partial", true);
        assertThat(csv.body()).startsWith(ReportCsv.HEADER);
        assertThat(api.get("/campaigns/x/report", "olga").status()).isEqualTo(404);
        assertThat(api.call("GET", "/campaigns/" + id + "/report", Optional.empty(), Map.of(), null).status())
                .isEqualTo(401);
        control("mallory", id, "pause", 404);
        control("mallory", id, "resume", 404);
        control("mallory", id, "cancel", 404);
        assertThat(system.status(id)).isEqualTo(CampaignStatus.ACCEPTED);
    }
}
