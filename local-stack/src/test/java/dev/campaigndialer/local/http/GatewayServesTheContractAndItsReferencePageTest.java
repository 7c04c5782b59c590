package dev.campaigndialer.local.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.campaigndialer.testkit.HeadlessChromium;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code serve}'s port also serves the contract: {@code /openapi.yaml} is api/openapi.yaml with
 * this gateway as its server, and {@code /docs} is a reference page whose every asset comes from
 * the gateway itself (its Content-Security-Policy allows nothing else), rendered by Swagger UI in
 * headless Chromium. No token is needed for either; the API's routes still need one.
 */
class GatewayServesTheContractAndItsReferencePageTest {

    private static ApiGateway gateway;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        gateway = ApiGateway.start(0, name -> Optional.empty(), name -> "not loaded in this test");
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void theDocumentIsTheRepositorysWithThisGatewayAsItsServer() throws Exception {
        HttpResponse<String> document = get("/openapi.yaml");

        assertThat(document.statusCode()).isEqualTo(200);
        assertThat(document.headers().firstValue("Content-Type")).hasValue("application/yaml; charset=utf-8");
        String repository = Files.readString(Path.of(System.getProperty("campaigndialer.repoRoot", ".."), "api",
                "openapi.yaml"));
        assertThat(document.body()).isEqualTo(repository.replace("http://127.0.0.1:8080", gateway.baseUrl().toString()));
        assertThat(get("/campaigns").statusCode()).as("the API itself still needs a token").isEqualTo(401);
    }

    @Test
    void theReferencePageLoadsOnlyFromTheGatewayAndRendersTheDocument() throws Exception {
        HttpResponse<String> page = get("/docs");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue(ApiDocs.PAGE_POLICY);
        List<String> assets = new ArrayList<>();
        Matcher reference = Pattern.compile("(?:src|href)=\"([^\"]+)\"").matcher(page.body());
        while (reference.find()) {
            assets.add(reference.group(1));
        }
        assertThat(assets).isNotEmpty().allSatisfy(asset -> assertThat(asset).startsWith("/"));
        for (String asset : assets) {
            HttpResponse<byte[]> loaded = http.send(HttpRequest.newBuilder(gateway.baseUrl().resolve(asset)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(loaded.statusCode()).as(asset).isEqualTo(200);
            assertThat(loaded.body().length).as(asset).isPositive();
        }
        assertThat(get("/docs/init.js").body()).contains("validatorUrl: null", "\"/openapi.yaml\"");

        // Swagger UI draws the operations from the document, in a real browser.
        HeadlessChromium chromium = HeadlessChromium.require();
        String dom = chromium.dumpDom(URI.create(gateway.baseUrl() + "/docs"), 15_000);
        assertThat(dom).contains("Campaign dialer owner API", "/campaigns/{id}/report", "submitCampaign");
        Path screenshot = Path.of("target", "api-docs", "docs.png");
        Files.createDirectories(screenshot.getParent());
        chromium.screenshot(URI.create(gateway.baseUrl() + "/docs"), screenshot, 1280, 2400, 15_000);
        assertThat(Files.size(screenshot)).isGreaterThan(20_000);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(gateway.baseUrl().resolve(path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
