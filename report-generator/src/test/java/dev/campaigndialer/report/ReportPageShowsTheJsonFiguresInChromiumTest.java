package dev.campaigndialer.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.campaigndialer.core.api.HttpRequest;
import dev.campaigndialer.core.api.HttpResponse;
import dev.campaigndialer.core.json.Json;
import dev.campaigndialer.core.telephony.SimulatedCarrier;
import dev.campaigndialer.db.repository.DncRepository;
import dev.campaigndialer.report.html.ReportPage;
import dev.campaigndialer.status.Pipeline;
import dev.campaigndialer.testkit.HeadlessChromium;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /campaigns/{id}/report} with {@code Accept: text/html}, rendered by headless Chromium:
 * every figure on the page (each marked with its JSON path) equals the JSON report's, every JSON
 * figure is on the page, the five charts are labelled images, nothing is fetched from anywhere,
 * and the campaign's name is shown as text. Screenshots (phone and desktop) are kept under
 * {@code target/report-page/} for people to look at.
 */
class ReportPageShowsTheJsonFiguresInChromiumTest {

    private static final Path ARTIFACTS = Path.of("target", "report-page");
    private static final Pattern FIGURE = Pattern.compile("data-figure=\"([^\"]+)\"[^>]*>([^<]*)<");

    @Test
    void thePageRendersTheJsonReportsFiguresWithLabelledCharts() throws Exception {
        HeadlessChromium chromium = HeadlessChromium.require();
        String name = "Spring renewals <b>&</b> \"winter\"";
        HttpResponse json;
        HttpResponse html;
        try (var pipeline = new Pipeline(new SimulatedCarrier())) {
            List<String> phones = phones();
            pipeline.database.jdbi().useExtension(DncRepository.class,
                    repo -> repo.add("hana", List.of(phones.get(20), phones.get(31)), Instant.now()));
            UUID id = pipeline.submit("hana", body(name, phones));
            pipeline.runUntilCompleted(List.of(id), Duration.ofSeconds(120));
            new ReportService(pipeline.database.jdbi(), pipeline.clock).save(id).report();
            var api = new ContractCheckedReportApi(pipeline.database.jdbi(), pipeline.clock);
            json = api.handle(get(id, "application/json"));
            html = api.handle(get(id, "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"));
        }
        assertThat(html.status()).as(html.body()).isEqualTo(200);
        assertThat(html.headers()).containsEntry("Content-Type", "text/html; charset=utf-8")
                .containsEntry("Content-Security-Policy", ReportPage.CONTENT_SECURITY_POLICY);
        Files.createDirectories(ARTIFACTS);
        Path page = Files.writeString(ARTIFACTS.resolve("report.html"), html.body());

        String dom = chromium.dumpDom(page);
        Path phone = chromium.screenshot(page, ARTIFACTS.resolve("report-phone.png"), 390, 3400);
        Path desktop = chromium.screenshot(page, ARTIFACTS.resolve("report-desktop.png"), 1280, 2000);

        JsonNode report = Json.mapper().readTree(json.body());
        Map<String, List<String>> shown = figures(dom);
        List<String> expected = expectedFigures(report);
        assertThat(shown.keySet()).as("figures on the page").containsAll(expected);
        List<String> differences = new ArrayList<>();
        shown.forEach((path, texts) -> texts.forEach(text -> {
            JsonNode value = at(report, path);
            if (!matches(value, text)) {
                differences.add(path + ": page shows '" + text + "', JSON has " + value);
            }
        }));
        assertThat(differences).as("figures that differ from the JSON report").isEmpty();
        assertThat(report.path("attempts").path("total").asInt()).isPositive();

        assertThat(Pattern.compile("<svg[^>]*role=\"img\"[^>]*aria-labelledby=\"[^\"]+-title [^\"]+-desc\"").matcher(dom)
                .results().count()).as("charts that are labelled images").isEqualTo(5);
        for (String chart : List.of("outcomes-chart", "attempts-chart", "calls-chart", "talk-chart", "rejections-chart")) {
            assertThat(dom).contains("<title id=\"" + chart + "-title\">", "<desc id=\"" + chart + "-desc\">");
        }
        assertThat(dom).contains("aria-label=\"Answered: " + String.format("%,d", report.path("outcomes").path("ANSWERED").asInt()));
        assertThat(html.body()).as("nothing to fetch: no src or href, no url(), no script")
                .doesNotContain(" src=", " href=", "url(", "<script", "@import");
        assertThat(html.body().replace("http://www.w3.org/2000/svg", "")).doesNotContain("http://", "https://");
        assertThat(dom).contains("<h1>Spring renewals &lt;b&gt;&amp;&lt;/b&gt; \"winter\"</h1>");
        assertThat(Files.size(phone)).isGreaterThan(20_000);
        assertThat(Files.size(desktop)).isGreaterThan(20_000);
    }

    private static HttpRequest get(UUID id, String accept) {
        return new HttpRequest("GET", "/campaigns/" + id + "/report", Map.of("Accept", accept), null, Optional.of("hana"));
    }

    /** Every figure of the JSON report that the page must show. */
    private static List<String> expectedFigures(JsonNode report) {
        List<String> paths = new ArrayList<>(List.of("status", "answerRate", "attempts.total", "talkSeconds.total",
                "talkSeconds.mean", "talkSeconds.p50", "talkSeconds.p90"));
        report.path("contacts").fieldNames().forEachRemaining(field -> paths.add("contacts." + field));
        report.path("outcomes").fieldNames().forEachRemaining(field -> paths.add("outcomes." + field));
        report.path("attempts").path("byNumber").fieldNames().forEachRemaining(field -> paths.add("attempts.byNumber." + field));
        return paths;
    }

    private static Map<String, List<String>> figures(String dom) {
        Map<String, List<String>> figures = new LinkedHashMap<>();
        Matcher matcher = FIGURE.matcher(dom);
        while (matcher.find()) {
            figures.computeIfAbsent(matcher.group(1), key -> new ArrayList<>()).add(matcher.group(2).trim());
        }
        return figures;
    }

    private static JsonNode at(JsonNode report, String path) {
        JsonNode node = report;
        for (String part : path.split("\\.")) {
            node = node.path(part);
        }
        return node;
    }

    /** The text as a person reads it: "1,392" is 1392, "60.0%" is 0.6, "34.9 s" is 34.9. */
    private static boolean matches(JsonNode value, String text) {
        if (value.isTextual()) {
            return value.asText().equals(text);
        }
        String number = text.replace(",", "").replace(" s", "").trim();
        double shown = number.endsWith("%") ? Double.parseDouble(number.substring(0, number.length() - 1)) / 100
                : Double.parseDouble(number);
        return value.isNumber() && Math.abs(shown - value.asDouble()) < 1e-9;
    }

    private static List<String> phones() {
        String[] areas = {"212", "312", "303", "415", "808"};
        List<String> phones = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            phones.add("+1" + areas[i % 5] + "555" + String.format("%03d", i / 10) + (i % 10));
        }
        phones.add("12");
        phones.add(phones.get(3));
        return phones;
    }

    private static String body(String name, List<String> phones) {
        var contacts = new StringBuilder();
        for (String phone : phones) {
            contacts.append(contacts.isEmpty() ? "" : ",").append("{\"phone\":").append(Json.write(phone)).append('}');
        }
        return "{\"name\":" + Json.write(name) + ",\"callerId\":\"+14155550100\",\"retry\":{\"maxAttempts\":3,"
                + "\"backoffSeconds\":0},\"maxConcurrentCalls\":20,\"contacts\":[" + contacts + "]}";
    }
}
