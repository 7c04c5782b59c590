package dev.campaigndialer.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.campaigndialer.core.api.HttpRequest;
import dev.campaigndialer.core.api.HttpResponse;
import dev.campaigndialer.core.function.FunctionCatalog;
import dev.campaigndialer.core.json.Json;
import dev.campaigndialer.core.telephony.SimulatedCarrier;
import dev.campaigndialer.db.CampaignCompletion;
import dev.campaigndialer.db.OutboxRelay;
import dev.campaigndialer.db.repository.DncRepository;
import dev.campaigndialer.status.Pipeline;
import dev.campaigndialer.testkit.OpenApiContract;
import dev.campaigndialer.validate.OwnerApi;
import dev.campaigndialer.validate.campaign.CampaignControls;
import dev.campaigndialer.validate.dnc.DncService;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code DELETE /campaigns/{id}} on a finished campaign: afterwards no row of any table holds one
 * of its numbers, names or attribute values (every table of the schema read as text, by the
 * admin, so nothing is out of sight), except the owner's DNC entry, which erasure never removes;
 * its report answers the same totals; another campaign of the same owner keeps its rows. The
 * functions' application role (DML only) does the erasing, through the proxy, as in AWS.
 */
class ErasedCampaignLeavesNoPersonalDataTest {

    private static final String OWNER = "erin";

    @Test
    void erasureRemovesEveryRowHoldingTheCampaignsPeopleAndKeepsTheReportTotals() throws Exception {
        try (var pipeline = new Pipeline(new SimulatedCarrier())) {
            List<String> phones = new ArrayList<>();
            List<String> needles = new ArrayList<>();
            var contacts = new StringBuilder();
            for (int i = 0; i < 30; i++) {
                String phone = "+1212555" + String.format("%04d", 800 + i);
                phones.add(phone);
                String name = "Erasable Person " + i;
                String note = "erasable-note-" + i;
                needles.add(phone);
                needles.add(name);
                needles.add(note);
                contacts.append(i == 0 ? "" : ",").append("{\"phone\":\"").append(phone).append("\",\"name\":\"")
                        .append(name).append("\",\"attributes\":{\"note\":\"").append(note).append("\"}}");
            }
            // Rejected entries are echoed in the creating response, which its idempotency record stores.
            contacts.append(",{\"phone\":\"erasable-not-a-number\"},{\"phone\":\"").append(phones.get(4)).append("\"}");
            needles.add("erasable-not-a-number");
            String suppressed = phones.get(7);
            pipeline.database.jdbi().useExtension(DncRepository.class, dnc -> dnc.add(OWNER, List.of(suppressed), Instant.now()));

            var submitted = pipeline.campaigns.submit(OWNER, Optional.of("erase-me-1"), campaign("to erase", contacts));
            assertThat(submitted.status()).isEqualTo(201);
            UUID id = UUID.fromString(Json.mapper().readTree(submitted.body()).get("campaignId").asText());
            UUID kept = pipeline.submit(OWNER, campaign("to keep", new StringBuilder(
                    "{\"phone\":\"+13035550900\",\"name\":\"Kept Person\"},{\"phone\":\"+13035550901\",\"name\":\"Kept Too\"}")));
            pipeline.runUntilCompleted(List.of(id, kept), Duration.ofSeconds(120));
            var reports = new ReportService(pipeline.database.jdbi(), pipeline.clock);
            reports.save(id).report();
            reports.save(kept).report();

            OwnerApi api = ownerApi(pipeline);
            var reportApi = new ContractCheckedReportApi(pipeline.database.jdbi(), pipeline.clock);
            String reportBefore = reportApi.handle(get("/campaigns/" + id + "/report", Map.of())).body();
            Map<String, List<String>> before = rowsHolding(pipeline, needles);
            long keptContacts = count(pipeline, "SELECT count(*) FROM contacts WHERE campaign_id = '" + kept + "'");
            long keptTasks = count(pipeline, "SELECT count(*) FROM dial_tasks WHERE campaign_id = '" + kept + "'");
            long outboxBefore = count(pipeline, "SELECT count(*) FROM outbox WHERE campaign_id = '" + id + "'");

            assertThat(call(api, "DELETE", "/campaigns/" + id, "mallory").status()).as("another owner's campaign").isEqualTo(404);
            HttpResponse erased = call(api, "DELETE", "/campaigns/" + id, OWNER);

            assertThat(erased.status()).as(erased.body()).isEqualTo(200);
            assertThat(Json.mapper().readTree(erased.body()).get("status").asText()).isEqualTo("ERASED");
            assertThat(before).as("what the scan finds before erasing: it does see the data")
                    .containsKeys("contacts", "idempotency_keys", "dnc_numbers");
            assertThat(outboxBefore).as("the campaign's outbox rows before erasing").isPositive();
            Map<String, List<String>> after = rowsHolding(pipeline, needles);
            assertThat(after).as("rows still holding a number, name or attribute of the erased campaign")
                    .containsOnlyKeys("dnc_numbers");
            assertThat(after.get("dnc_numbers")).as("the DNC entry, never erased").hasSize(1).allMatch(row -> row.contains(suppressed));
            for (String table : List.of("contacts", "dial_tasks", "outbox", "idempotency_keys")) {
                assertThat(count(pipeline, "SELECT count(*) FROM " + table + " WHERE campaign_id = '" + id + "'"))
                        .as("%s rows of the erased campaign", table).isZero();
            }
            assertThat(count(pipeline, "SELECT count(*) FROM contacts WHERE campaign_id = '" + kept + "'")).isEqualTo(keptContacts);
            assertThat(count(pipeline, "SELECT count(*) FROM dial_tasks WHERE campaign_id = '" + kept + "'")).isEqualTo(keptTasks);

            HttpResponse reportAfter = reportApi.handle(get("/campaigns/" + id + "/report", Map.of()));
            assertThat(reportAfter.status()).isEqualTo(200);
            assertThat(Json.mapper().readTree(reportAfter.body())).as("the report's totals after erasure")
                    .isEqualTo(Json.mapper().readTree(reportBefore));
            reports.save(id).report();   // a late report message regenerates nothing from the erased rows
            assertThat(Json.mapper().readTree(reportApi.handle(get("/campaigns/" + id + "/report", Map.of())).body()))
                    .isEqualTo(Json.mapper().readTree(reportBefore));
            HttpResponse csv = reportApi.handle(get("/campaigns/" + id + "/report", Map.of("Accept", "text/csv")));
            assertThat(csv.status()).as("CSV of an erased campaign").isEqualTo(409);
            assertThat(csv.body()).contains("erased");
            HttpResponse html = reportApi.handle(get("/campaigns/" + id + "/report", Map.of("Accept", "text/html")));
            assertThat(html.status()).isEqualTo(200);
            needles.forEach(needle -> assertThat(html.body()).doesNotContain(needle));

            var progress = Json.mapper().readTree(call(api, "GET", "/campaigns/" + id, OWNER).body());
            assertThat(progress.get("status").asText()).isEqualTo("ERASED");
            assertThat(progress.get("erasedAt").asText()).isEqualTo(Json.mapper().readTree(erased.body()).get("erasedAt").asText());
            assertThat(progress.get("contacts").get("accepted").asInt()).isEqualTo(29);
            assertThat(call(api, "DELETE", "/campaigns/" + id, OWNER).status()).as("erasing twice").isEqualTo(409);
            assertThat(call(api, "GET", "/dnc", OWNER).body()).as("the owner's DNC list").contains(suppressed);
        }
    }

    private static String campaign(String name, CharSequence contacts) {
        return "{\"name\":\"" + name + "\",\"callerId\":\"+14155550100\",\"retry\":{\"maxAttempts\":3,\"backoffSeconds\":0},"
                + "\"maxConcurrentCalls\":20,\"contacts\":[" + contacts + "]}";
    }

    private static OwnerApi ownerApi(Pipeline pipeline) {
        var relay = new OutboxRelay(pipeline.database.jdbi(), pipeline.publisher,
                pipeline.queuesOf(FunctionCatalog.VALIDATE_CAMPAIGN), pipeline.clock);
        return new OwnerApi(pipeline.campaigns, new CampaignControls(pipeline.database.jdbi(), relay,
                new CampaignCompletion(pipeline.database.jdbi(), relay, pipeline.clock), pipeline.clock),
                new DncService(pipeline.database.jdbi(), pipeline.clock));
    }

    /** An owner API call, its answer checked against api/openapi.yaml. */
    private static HttpResponse call(OwnerApi api, String method, String path, String owner) {
        HttpResponse response = api.handle(new HttpRequest(method, path, Map.of(), null, Optional.of(owner)));
        OpenApiContract.load().assertConforms(method, path, response.status(), response.headers(), response.body());
        return response;
    }

    private static HttpRequest get(String path, Map<String, String> headers) {
        return new HttpRequest("GET", path, headers, null, Optional.of(OWNER));
    }

    private static long count(Pipeline pipeline, String sql) {
        return pipeline.query(sql, Long.class).get(0);
    }

    /** Table → its rows (as text) holding any needle, over every table of the schema, read by the admin. */
    private static Map<String, List<String>> rowsHolding(Pipeline pipeline, List<String> needles) throws Exception {
        Map<String, List<String>> found = new TreeMap<>();
        try (Connection admin = pipeline.proxied.direct().getConnection(); Statement statement = admin.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery("SELECT table_name FROM information_schema.tables "
                    + "WHERE table_schema = 'public' AND table_type = 'BASE TABLE'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            assertThat(tables).contains("campaigns", "contacts", "dial_tasks", "reports", "outbox", "idempotency_keys");
            for (String table : tables) {
                try (ResultSet rs = statement.executeQuery("SELECT CAST(t AS text) FROM \"" + table + "\" t")) {
                    while (rs.next()) {
                        String row = rs.getString(1);
                        if (needles.stream().anyMatch(row::contains)) {
                            found.computeIfAbsent(table, key -> new ArrayList<>()).add(row);
                        }
                    }
                }
            }
        }
        return found;
    }
}
