package dev.campaigndialer.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.campaigndialer.core.config.Env;
import dev.campaigndialer.core.json.Json;
import dev.campaigndialer.db.Database;
import dev.campaigndialer.testkit.ProxiedDatabase;
import dev.campaigndialer.testkit.LambdaEvents;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import java.time.Duration;
import dev.campaigndialer.localaws.LocalLambdaContext;

/**
 * The hostile corpus of {@code GET /campaigns/{id}/report}, the one owner route served by
 * report-generator (validate-campaign's HostileApiInputTest has the others): API.md's status as
 * problem+json naming the problem, a short answer, and no row changed.
 */
class ReportRouteHostileInputTest {

    private record Case(String name, String method, String path, String owner, Map<String, String> headers, int status,
            String detail) {
    }

    private static ProxiedDatabase proxied;
    private static Database database;
    private static ReportApiHandler handler;
    private static final UUID CAMPAIGN = UUID.randomUUID();

    @BeforeAll
    static void start() throws SQLException {
        proxied = ProxiedDatabase.create("report_hostile");
        database = Database.fromEnvironment(Env.of(proxied.env()));
        handler = new ReportApiHandler(database, Clock.systemUTC());
        try (Connection connection = proxied.direct().getConnection();
                var insert = connection.prepareStatement("""
                        INSERT INTO campaigns (id, owner_id, name, caller_id, default_region, timezone, window_start,
                                               window_end, max_attempts, backoff_seconds, retry_on, max_concurrent_calls,
                                               status, contacts_received, contacts_accepted, contacts_invalid,
                                               contacts_duplicate, contacts_suppressed, created_at, updated_at)
                        VALUES (?, 'alice', 'report', '+14155550100', 'US', 'America/New_York', '09:00', '20:00', 3, 900,
                                ARRAY['BUSY'], 10, 'RUNNING', 0, 0, 0, 0, 0, ?, ?)
                        """)) {
            insert.setObject(1, CAMPAIGN);
            insert.setObject(2, java.sql.Timestamp.from(Instant.now()));
            insert.setObject(3, java.sql.Timestamp.from(Instant.now()));
            insert.executeUpdate();
        }
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    private static List<Case> cases() {
        String report = "/campaigns/" + CAMPAIGN + "/report";
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("no identity", "GET", report, null, Map.of(), 401, "bearer token"));
        cases.add(new Case("identity with a space", "GET", report, "alice bob", Map.of(), 401, "bearer token"));
        cases.add(new Case("identity of 129 characters", "GET", report, "a".repeat(129), Map.of(), 401, "bearer token"));
        cases.add(new Case("another owner's campaign", "GET", report, "mallory", Map.of(), 404, "does not exist"));
        cases.add(new Case("another owner's campaign as CSV", "GET", report, "mallory", Map.of("Accept", "text/csv"), 404,
                "does not exist"));
        cases.add(new Case("unknown campaign", "GET", "/campaigns/" + UUID.randomUUID() + "/report", "alice", Map.of(), 404,
                "does not exist"));
        cases.add(new Case("non-UUID id", "GET", "/campaigns/1%27%20OR%201=1/report", "alice", Map.of(), 404, "does not exist"));
        cases.add(new Case("id of 8,000 characters", "GET", "/campaigns/" + "z".repeat(8_000) + "/report", "alice", Map.of(),
                404, "does not exist"));
        cases.add(new Case("POST the report", "POST", report, "alice", Map.of(), 405, "post"));
        cases.add(new Case("DELETE the report", "DELETE", report, "alice", Map.of(), 405, "delete"));
        cases.add(new Case("a method of 5,000 letters", "X".repeat(5_000), report, "alice", Map.of(), 405, "xxxx"));
        cases.add(new Case("a path below the report", "GET", report + "/x", "alice", Map.of(), 404, "no route"));
        cases.add(new Case("a path of 8,000 characters", "GET", report + "/" + "p".repeat(8_000), "alice", Map.of(), 404,
                "no route"));
        return cases;
    }

    @TestFactory
    Stream<DynamicTest> everyHostileReportRequestGetsItsStatusAndChangesNothing() {
        return cases().stream().map(bad -> DynamicTest.dynamicTest(bad.name(), () -> {
            Map<String, Integer> before = rowCounts();

            var response = handler.handleRequest(event(bad), LocalLambdaContext.of(ReportApiHandler.FUNCTION, Duration.ofSeconds(29)));

            assertThat(response.getStatusCode()).as(bad.name() + ": " + response.getBody()).isEqualTo(bad.status());
            assertThat(response.getHeaders()).containsEntry("Content-Type", "application/problem+json");
            assertThat(response.getBody().length()).isLessThan(2_000);
            JsonNode problem = Json.mapper().readTree(response.getBody());
            assertThat(problem.get("status").asInt()).isEqualTo(bad.status());
            assertThat(problem.get("detail").asText().toLowerCase()).contains(bad.detail());
            assertThat(rowCounts()).isEqualTo(before);
        }));
    }

    private static APIGatewayV2HTTPEvent event(Case bad) {
        var event = Json.mapper().createObjectNode();
        event.put("version", "2.0").put("routeKey", "GET /campaigns/{id}/report").put("rawPath", bad.path())
                .put("rawQueryString", "");
        var headers = event.putObject("headers");
        bad.headers().forEach(headers::put);
        var context = event.putObject("requestContext");
        context.put("requestId", "hostile").putObject("http").put("method", bad.method()).put("path", bad.path());
        if (bad.owner() != null) {
            context.putObject("authorizer").putObject("jwt").putObject("claims").put("sub", bad.owner());
        }
        event.put("isBase64Encoded", false);
        return LambdaEvents.fromJson(event.toString(), APIGatewayV2HTTPEvent.class);
    }

    private static Map<String, Integer> rowCounts() throws SQLException {
        var counts = new LinkedHashMap<String, Integer>();
        try (Connection connection = proxied.direct().getConnection()) {
            for (String table : List.of("campaigns", "contacts", "dial_tasks", "reports", "outbox")) {
                try (var result = connection.createStatement().executeQuery("SELECT count(*) FROM " + table)) {
                    result.next();
                    counts.put(table, result.getInt(1));
                }
            }
        }
        return counts;
    }
}
