package dev.campaigndialer.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.campaigndialer.core.log.JsonLog;
import dev.campaigndialer.core.metrics.EmfDocument;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The handler's log carries one EMF line per accepted campaign: CampaignsAccepted 1 and the
 * contacts the DNC list suppressed, the campaign id as a property; an idempotent replay and a
 * rejected request count nothing.
 */
class AcceptedCampaignsAreCountedOnceInEmfTest {

    private static OwnerApiClient api;
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    @BeforeAll
    static void start() {
        api = new OwnerApiClient("emf");
    }

    @AfterAll
    static void stop() {
        JsonLog.redirect(System.out);
        api.close();
    }

    @Test
    void anAcceptedCampaignIsOneEmfLineAndItsReplayNone() {
        api.post("/dnc", "erin", "{\"phones\":[\"+12125550106\",\"+12125550107\"]}");
        JsonLog.redirect(new PrintStream(log, true, StandardCharsets.UTF_8));
        String body = "{\"name\":\"metrics\",\"callerId\":\"+14155550100\",\"contacts\":[{\"phone\":\"+12125550101\"},"
                + "{\"phone\":\"+12125550106\"},{\"phone\":\"+12125550107\"},{\"phone\":\"12\"}]}";

        var first = api.send("POST", "/campaigns", "erin", "application/json", body, Map.of("idempotency-key", "k-1"));
        var replay = api.send("POST", "/campaigns", "erin", "application/json", body, Map.of("idempotency-key", "k-1"));
        var rejected = api.post("/campaigns", "erin", "{\"name\":\"\"}");

        assertThat(first.status()).isEqualTo(201);
        assertThat(replay.status()).isEqualTo(201);
        assertThat(replay.headers()).containsEntry("Idempotent-Replayed", "true");
        assertThat(rejected.status()).isEqualTo(400);
        List<EmfDocument> metrics = log.toString(StandardCharsets.UTF_8).lines().map(EmfDocument::parse)
                .flatMap(Optional::stream).toList();
        assertThat(metrics).hasSize(1);
        EmfDocument accepted = metrics.get(0);
        assertThat(accepted.namespace()).isEqualTo("CampaignDialer");
        assertThat(accepted.dimensions()).isEqualTo(Map.of("FunctionName", "validate-campaign"));
        assertThat(accepted.metrics()).containsOnlyKeys("CampaignsAccepted", "DncSuppressions");
        assertThat(accepted.metrics().get("CampaignsAccepted")).isEqualTo(new EmfDocument.Metric("Count", List.of(1.0)));
        assertThat(accepted.metrics().get("DncSuppressions").sum()).isEqualTo(2);
        assertThat(accepted.root().path("campaignId").asText()).isEqualTo(first.json().path("campaignId").asText());
    }
}
